using System.Text.Json;
using System.Text.Json.Nodes;

namespace VirServerless.Bot.Protocol;

/// <summary>
/// What the bot answers to an <c>invoke</c> activity: <see cref="Status"/> is the HTTP status of the response to the
/// channel's POST and <see cref="Body"/> its JSON body. Adaptive Card actions always answer HTTP 200 with a body
/// <c>{statusCode, type, value}</c> (PROTOCOLS 3.3); the helpers build those.
/// </summary>
public sealed record InvokeResponse(int Status, JsonNode? Body = null)
{
    public const string AdaptiveCardType = "application/vnd.microsoft.card.adaptive";
    public const string MessageType = "application/vnd.microsoft.activity.message";
    public const string ErrorType = "application/vnd.microsoft.error";
    public const string PreconditionFailedType = "application/vnd.microsoft.error.preconditionFailed";

    /// <summary>The SDKs' answer to an invoke nobody handled.</summary>
    public static InvokeResponse NotImplemented { get; } = new(501);

    public static InvokeResponse Ok(JsonNode? body = null) => new(200, body);

    /// <summary>Replaces the card the user acted on.</summary>
    public static InvokeResponse AdaptiveCard(JsonNode card) => ActionResponse(200, AdaptiveCardType, card);

    /// <summary>Shows a short text to the user instead of updating the card.</summary>
    public static InvokeResponse Message(string text) => ActionResponse(200, MessageType, JsonValue.Create(text));

    /// <summary>An error for the card action; <paramref name="statusCode"/> is 400, 412 or 500.</summary>
    public static InvokeResponse Error(int statusCode, string code, string message) => ActionResponse(
        statusCode,
        statusCode == 412 ? PreconditionFailedType : ErrorType,
        new JsonObject { ["code"] = code, ["message"] = message });

    private static InvokeResponse ActionResponse(int statusCode, string type, JsonNode? value) =>
        Ok(new JsonObject { ["statusCode"] = statusCode, ["type"] = type, ["value"] = value });

    internal Activity ToActivity() => new()
    {
        Type = ActivityTypes.InvokeResponse,
        Value = JsonSerializer.SerializeToElement(new { status = Status, body = Body }, BotJson.Options),
    };
}

/// <summary>Response body for <c>deliveryMode: "expectReplies"</c>: <c>{"activities":[...]}</c>.</summary>
public sealed record ExpectRepliesResponse(IReadOnlyList<Activity> Activities);

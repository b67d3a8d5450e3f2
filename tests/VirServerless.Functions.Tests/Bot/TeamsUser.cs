using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using VirServerless.Testing;

namespace VirServerless.Functions.Tests.Bot;

/// <summary>
/// One Teams user chatting with the running app's bot: activities shaped like Teams sends them, the local connector
/// peer as serviceUrl (and roster), replies read from what the bot POSTed to the peer.
/// </summary>
public sealed class TeamsUser
{
    private readonly FunctionAppProcess app;
    private readonly LocalConnectorPeer connector;
    private readonly string conversationId = "a:" + Guid.NewGuid().ToString("N");

    /// <summary>A user with a new roster e-mail address, or with <paramref name="email"/>.</summary>
    public TeamsUser(FunctionAppProcess app, LocalConnectorPeer connector, string givenName = "Erika", string surname = "Mustermann", string? email = null)
    {
        this.app = app;
        this.connector = connector;
        Email = email ?? $"{givenName.ToLowerInvariant()}.{Guid.NewGuid().ToString("N")[..8]}@kommune.example";
        connector.AddMember(conversationId, UserId, new JsonObject
        {
            ["id"] = UserId,
            ["name"] = $"{givenName} {surname}",
            ["givenName"] = givenName,
            ["surname"] = surname,
            ["email"] = Email,
            ["userPrincipalName"] = Email,
            ["aadObjectId"] = AadObjectId,
            ["tenantId"] = "tenant-1",
        }.ToJsonString());
    }

    public string UserId { get; } = "29:" + Guid.NewGuid().ToString("N");

    public string AadObjectId { get; } = Guid.NewGuid().ToString();

    public string Email { get; }

    public string ConversationId => conversationId;

    public JsonObject Activity(string type = "message", string? text = null, JsonNode? value = null, string? deliveryMode = null) => new()
    {
        ["type"] = type,
        ["id"] = "act-" + Guid.NewGuid().ToString("N"),
        ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
        ["channelId"] = "msteams",
        ["serviceUrl"] = connector.ServiceUrl.AbsoluteUri,
        ["from"] = new JsonObject { ["id"] = UserId, ["name"] = "Erika Mustermann", ["aadObjectId"] = AadObjectId },
        ["recipient"] = new JsonObject { ["id"] = "28:virserverless-bot", ["name"] = "ViR-Assistent" },
        ["conversation"] = new JsonObject { ["id"] = conversationId, ["conversationType"] = "personal", ["tenantId"] = "tenant-1" },
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = "tenant-1" } },
        ["locale"] = "de-DE",
        ["text"] = text,
        ["value"] = value,
        ["deliveryMode"] = deliveryMode,
    };

    /// <summary>Sends a message and returns the replies the bot sent to the connector for it.</summary>
    public Task<IReadOnlyList<JsonElement>> SayAsync(string text) => SendAsync(Activity(text: text));

    /// <summary>Presses an Action.Submit button: a message activity whose value is the card's data plus its inputs.</summary>
    public Task<IReadOnlyList<JsonElement>> SubmitAsync(JsonObject value) => SendAsync(Activity(value: value));

    public async Task<IReadOnlyList<JsonElement>> SendAsync(JsonObject activity)
    {
        var before = connector.Requests.Count;
        using var response = await app.Client.PostAsJsonAsync("api/messages", activity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. connector.Requests.Skip(before)
            .Where(r => r.Method == "POST" && r.RawPath.Contains(Uri.EscapeDataString(conversationId) + "/activities", StringComparison.Ordinal))
            .Select(r => r.Json)];
    }

    public static string Text(IReadOnlyList<JsonElement> replies) =>
        string.Join("\n", replies.Select(r => r.TryGetProperty("text", out var t) ? t.GetString() : ""));

    /// <summary>The Adaptive Card of the only reply.</summary>
    public static JsonElement Card(IReadOnlyList<JsonElement> replies)
    {
        var attachment = Assert.Single(replies).GetProperty("attachments")[0];
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment.GetProperty("contentType").GetString());
        return attachment.GetProperty("content");
    }
}

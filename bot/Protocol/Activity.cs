using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace VirServerless.Bot.Protocol;

/// <summary>A Bot Framework v3 activity. Unknown fields are kept in <see cref="ExtensionData"/> so they round-trip.</summary>
public sealed record Activity
{
    public string? Type { get; init; }
    public string? Id { get; init; }
    public DateTimeOffset? Timestamp { get; init; }
    public DateTimeOffset? LocalTimestamp { get; init; }
    public string? ServiceUrl { get; init; }
    public string? ChannelId { get; init; }
    public ChannelAccount? From { get; init; }
    public ChannelAccount? Recipient { get; init; }
    public ConversationAccount? Conversation { get; init; }
    public string? ReplyToId { get; init; }
    public string? Text { get; init; }
    public string? TextFormat { get; init; }
    public string? Locale { get; init; }
    public IReadOnlyList<Attachment>? Attachments { get; init; }
    public JsonElement? Value { get; init; }
    public string? Name { get; init; }
    public string? Action { get; init; }
    public JsonElement? ChannelData { get; init; }
    public string? DeliveryMode { get; init; }
    public IReadOnlyList<ChannelAccount>? MembersAdded { get; init; }
    public IReadOnlyList<ChannelAccount>? MembersRemoved { get; init; }
    public IReadOnlyList<JsonElement>? Entities { get; init; }

    // Settable, not init: generated serializers cannot fill init-only extension data.
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }

    /// <summary>The Entra tenant Teams names for the conversation (<c>conversation.tenantId</c> or <c>channelData.tenant.id</c>).</summary>
    [JsonIgnore]
    public string? TenantId =>
        Conversation?.TenantId is { Length: > 0 } tenant ? tenant
        : ChannelData is { ValueKind: JsonValueKind.Object } data && data.TryGetProperty("tenant", out var t)
          && t.ValueKind == JsonValueKind.Object && t.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
            ? id.GetString()
            : null;

    [JsonIgnore]
    public bool ExpectsReplies => string.Equals(DeliveryMode, DeliveryModes.ExpectReplies, StringComparison.Ordinal);

    /// <summary>
    /// A message answering this activity: from/recipient swapped, same conversation, channel and serviceUrl,
    /// <c>replyToId</c> set to this activity's id.
    /// </summary>
    public Activity CreateReply(string text) => new()
    {
        Type = ActivityTypes.Message,
        From = Recipient is null ? null : new ChannelAccount(Recipient.Id, Recipient.Name),
        Recipient = From is null ? null : new ChannelAccount(From.Id, From.Name) { AadObjectId = From.AadObjectId },
        Conversation = Conversation,
        ReplyToId = Id,
        Locale = Locale,
        ServiceUrl = ServiceUrl,
        ChannelId = ChannelId,
        Text = text,
        TextFormat = TextFormats.Plain,
    };
}

public sealed record ChannelAccount(string Id, string? Name = null)
{
    public string? AadObjectId { get; init; }
    public string? Role { get; init; }
}

public sealed record ConversationAccount(string Id)
{
    public bool? IsGroup { get; init; }
    public string? ConversationType { get; init; }
    public string? TenantId { get; init; }
    public string? Name { get; init; }
}

public sealed record Attachment(string ContentType)
{
    public const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";

    public JsonNode? Content { get; init; }
    public string? ContentUrl { get; init; }
    public string? Name { get; init; }

    public static Attachment AdaptiveCard(JsonNode card) => new(AdaptiveCardContentType) { Content = card };
}

public static class ActivityTypes
{
    public const string Message = "message";
    public const string ConversationUpdate = "conversationUpdate";
    public const string InstallationUpdate = "installationUpdate";
    public const string MessageReaction = "messageReaction";
    public const string MessageUpdate = "messageUpdate";
    public const string MessageDelete = "messageDelete";
    public const string Invoke = "invoke";
    public const string InvokeResponse = "invokeResponse";
    public const string Event = "event";
    public const string Typing = "typing";
    public const string EndOfConversation = "endOfConversation";
}

public static class DeliveryModes
{
    public const string Normal = "normal";
    public const string ExpectReplies = "expectReplies";
}

public static class TextFormats
{
    public const string Plain = "plain";
    public const string Markdown = "markdown";
    public const string Xml = "xml";
}

/// <summary>Serializer settings for everything on the Bot Framework wire: camelCase, nulls omitted.</summary>
public static class BotJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // Every turn reads an activity and writes replies: their metadata is generated at build time; other types
        // (Connector bodies, invoke values) are still described by reflection.
        TypeInfoResolver = JsonTypeInfoResolver.Combine(BotJsonContext.Default, new DefaultJsonTypeInfoResolver()),
    };
}

/// <summary>The same settings as <see cref="BotJson.Options"/>, for the types of each turn.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Activity))]
[JsonSerializable(typeof(ExpectRepliesResponse))]
internal sealed partial class BotJsonContext : JsonSerializerContext;

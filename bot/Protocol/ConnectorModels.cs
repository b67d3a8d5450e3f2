using System.Text.Json;
using System.Text.Json.Serialization;

namespace VirServerless.Bot.Protocol;

/// <summary>Answer of send, reply and update calls: the id the channel gave the activity.</summary>
public sealed record ResourceResponse(string? Id);

/// <summary>Answer of <c>POST v3/conversations</c>.</summary>
public sealed record ConversationResourceResponse(string Id)
{
    public string? ActivityId { get; init; }
    public string? ServiceUrl { get; init; }
}

/// <summary>A conversation member as Teams returns it from <c>GET v3/conversations/{id}/members/{memberId}</c>.</summary>
public sealed record TeamsChannelAccount(string Id, string? Name = null)
{
    public string? Email { get; init; }
    public string? UserPrincipalName { get; init; }
    public string? AadObjectId { get; init; }
    public string? TenantId { get; init; }
    public string? GivenName { get; init; }
    public string? Surname { get; init; }
    public string? UserRole { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; init; }
}

/// <summary>Body of <c>POST v3/conversations</c>.</summary>
public sealed record ConversationParameters
{
    public bool IsGroup { get; init; }
    public ChannelAccount? Bot { get; init; }
    public IReadOnlyList<ChannelAccount> Members { get; init; } = [];
    public string? TenantId { get; init; }
    public string? TopicName { get; init; }
    public JsonElement? ChannelData { get; init; }
    public Activity? Activity { get; init; }

    /// <summary>
    /// A Teams 1:1 chat with one user (PROTOCOLS 3.4): bot <c>28:{appId}</c>, user <c>29:...</c>, the tenant both as
    /// <c>tenantId</c> and <c>channelData.tenant.id</c>.
    /// </summary>
    public static ConversationParameters PersonalChat(string botId, string userId, string tenantId) => new()
    {
        IsGroup = false,
        Bot = new ChannelAccount(botId),
        Members = [new ChannelAccount(userId)],
        TenantId = tenantId,
        ChannelData = JsonSerializer.SerializeToElement(new { tenant = new { id = tenantId } }),
    };
}

/// <summary>Retry behaviour of <see cref="ConnectorClient"/>.</summary>
public sealed class ConnectorClientOptions
{
    public int MaxAttempts { get; set; } = 4;
    public TimeSpan BaseRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest single wait; a Retry-After beyond it ends the retries.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(10);
}

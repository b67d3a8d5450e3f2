using System.Text.Json;
using System.Text.Json.Serialization;

namespace VirServerless.Bot.Protocol;

/// <summary>Answer of send, reply and update calls: the id the channel gave the activity.</summary>
public sealed record ResourceResponse(string? Id);

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

/// <summary>Retry behaviour of <see cref="ConnectorClient"/>.</summary>
public sealed class ConnectorClientOptions
{
    public int MaxAttempts { get; set; } = 4;
    public TimeSpan BaseRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest single wait; a Retry-After beyond it ends the retries.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(10);
}

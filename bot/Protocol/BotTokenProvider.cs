using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Options;

namespace VirServerless.Bot.Protocol;

/// <summary>
/// The bot's outbound token for the Connector (scope <c>https://api.botframework.com/.default</c>), cached until five
/// minutes before it expires. Returns null when no app id is configured: local runs send no token.
/// </summary>
public class BotTokenProvider(IOptions<BotAuthenticationOptions> options, TokenCredential? credential, TimeProvider timeProvider)
{
    /// <summary>Service key under which the bot's <see cref="TokenCredential"/> is registered.</summary>
    public const string CredentialServiceKey = "VirServerless.Bot";

    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);
    private readonly Lock sync = new();
    private AccessToken? cached;
    private Task<AccessToken>? pending;

    public virtual async Task<string?> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.IsAuthenticationEnabled)
        {
            return null;
        }

        if (credential is null)
        {
            throw new InvalidOperationException("No token credential is registered for the bot.");
        }

        Task<AccessToken> fetch;
        lock (sync)
        {
            if (IsFresh(cached))
            {
                return cached!.Value.Token;
            }

            // One fetch at a time; concurrent callers share it. It is not tied to one caller's cancellation.
            if (pending is null || pending.IsCompleted)
            {
                pending = FetchAsync(credential);
            }

            fetch = pending;
        }

        return (await fetch.WaitAsync(cancellationToken)).Token;
    }

    /// <summary>The credential matching the configured app type, or null for a local run.</summary>
    public static TokenCredential? CreateCredential(BotAuthenticationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.IsAuthenticationEnabled)
        {
            return null;
        }

        var appId = options.MicrosoftAppId!.Trim();
        return options.MicrosoftAppType switch
        {
            BotAppType.UserAssignedMSI => new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(appId)),
            BotAppType.SingleTenant => new ClientSecretCredential(options.MicrosoftAppTenantId, appId, options.MicrosoftAppPassword),
            // Multi-tenant bots get their Connector token from the botframework.com tenant (PROTOCOLS 3.7).
            _ => new ClientSecretCredential("botframework.com", appId, options.MicrosoftAppPassword),
        };
    }

    private async Task<AccessToken> FetchAsync(TokenCredential tokenCredential)
    {
        var token = await tokenCredential.GetTokenAsync(
            new TokenRequestContext([BotAuthenticationOptions.ConnectorScope]), CancellationToken.None);
        lock (sync)
        {
            cached = token;
        }

        return token;
    }

    private bool IsFresh(AccessToken? token) => token is { } t && t.ExpiresOn - RefreshMargin > timeProvider.GetUtcNow();
}

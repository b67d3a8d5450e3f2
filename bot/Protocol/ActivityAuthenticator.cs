using System.Collections;
using System.Net;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace VirServerless.Bot.Protocol;

/// <summary>Outcome of checking an inbound request. <see cref="FailureReason"/> is for logs only, never for the caller.</summary>
public sealed record AuthenticationResult(bool IsAuthenticated, ClaimsIdentity? Identity, string? FailureReason, bool IsUnavailable = false)
{
    public static AuthenticationResult Success(ClaimsIdentity identity) => new(true, identity, null);

    public static AuthenticationResult Failure(string reason) => new(false, null, reason);

    /// <summary>The token could not be checked because the OpenID metadata could not be fetched: the caller may retry.</summary>
    public static AuthenticationResult Unavailable(string reason) => new(false, null, reason, IsUnavailable: true);
}

/// <summary>
/// Validates the channel's JWT on an inbound activity (PROTOCOLS 3.6): issuer, audience = app id, RS256 signature by a key
/// from the OpenID metadata, lifetime with clock skew, the key's endorsement for the activity's channel, and the
/// <c>serviceurl</c> claim. Without an app id (local run) only header-less requests with a loopback serviceUrl pass.
/// </summary>
public sealed class ActivityAuthenticator : IDisposable
{
    public const string AnonymousAuthenticationType = "anonymous";
    private const string ServiceUrlClaim = "serviceurl";

    private readonly BotAuthenticationOptions options;
    private readonly TimeProvider timeProvider;
    private readonly HttpClient metadataHttp = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(15) })
    {
        Timeout = TimeSpan.FromSeconds(10),
    };
    private readonly MetadataSource botFrameworkMetadata;
    private readonly MetadataSource? entraMetadata;
    private readonly string[] entraIssuers = [];
    private readonly JsonWebTokenHandler tokenHandler = new() { MapInboundClaims = false };

    public ActivityAuthenticator(IOptions<BotAuthenticationOptions> options, TimeProvider timeProvider)
    {
        this.options = options.Value;
        this.timeProvider = timeProvider;
        botFrameworkMetadata = CreateMetadataSource(this.options.OpenIdMetadataUrl);
        if (this.options.AcceptsEntraIssuers)
        {
            var tenant = this.options.MicrosoftAppTenantId!.Trim();
            entraIssuers = [$"https://sts.windows.net/{tenant}/", $"https://login.microsoftonline.com/{tenant}/v2.0"];
            entraMetadata = CreateMetadataSource(
                this.options.EntraOpenIdMetadataUrl.Replace("{tenant}", Uri.EscapeDataString(tenant), StringComparison.Ordinal));
        }
    }

    public async Task<AuthenticationResult> AuthenticateAsync(string? authorizationHeader, Activity activity, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (!options.IsAuthenticationEnabled)
        {
            return AuthenticateLocalRun(authorizationHeader, activity);
        }

        if (string.IsNullOrWhiteSpace(authorizationHeader)
            || !authorizationHeader.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticationResult.Failure("Missing bearer token.");
        }

        var token = authorizationHeader["Bearer ".Length..].Trim();
        if (!tokenHandler.CanReadToken(token))
        {
            return AuthenticationResult.Failure("Bearer token is not a JWT.");
        }

        string issuer;
        string algorithm;
        try
        {
            var unvalidated = tokenHandler.ReadJsonWebToken(token);
            issuer = unvalidated.Issuer;
            algorithm = unvalidated.Alg;
        }
        catch (ArgumentException ex)
        {
            return AuthenticationResult.Failure($"Unreadable JWT: {ex.Message}");
        }

        // Decided from the header alone, so that a forged token (alg none, HS256) never makes us fetch keys.
        if (!string.Equals(algorithm, SecurityAlgorithms.RsaSha256, StringComparison.Ordinal))
        {
            return AuthenticationResult.Failure("The token is not signed with RS256.");
        }

        var isBotFrameworkToken = string.Equals(issuer, BotAuthenticationOptions.BotFrameworkIssuer, StringComparison.Ordinal);
        var metadata = isBotFrameworkToken ? botFrameworkMetadata
            : entraMetadata is not null && entraIssuers.Contains(issuer, StringComparer.Ordinal) ? entraMetadata
            : null;
        if (metadata is null)
        {
            return AuthenticationResult.Failure($"Issuer '{issuer}' is not accepted.");
        }

        string[] validIssuers = isBotFrameworkToken ? [BotAuthenticationOptions.BotFrameworkIssuer] : entraIssuers;
        TokenValidationResult result;
        OpenIdConnectConfiguration configuration;
        try
        {
            (result, configuration) = await ValidateTokenAsync(token, metadata, validIssuers, ct);
        }
        catch (Exception ex) when (ex is InvalidOperationException or HttpRequestException or IOException or TaskCanceledException
            && !ct.IsCancellationRequested)
        {
            return AuthenticationResult.Unavailable($"OpenID metadata unavailable: {ex.GetType().Name}");
        }
        if (!result.IsValid || result.SecurityToken is not JsonWebToken validated)
        {
            return AuthenticationResult.Failure($"Token rejected: {result.Exception?.Message}");
        }

        // Entra signing keys carry no endorsements; only Bot Framework keys are bound to channels.
        if (isBotFrameworkToken)
        {
            var endorsementFailure = CheckEndorsement(validated, configuration, activity.ChannelId);
            if (endorsementFailure is not null)
            {
                return AuthenticationResult.Failure(endorsementFailure);
            }
        }

        if (!validated.TryGetPayloadValue<string>(ServiceUrlClaim, out var serviceUrlClaim)
            || !SameServiceUrl(serviceUrlClaim, activity.ServiceUrl))
        {
            return AuthenticationResult.Failure("The serviceurl claim does not match the activity's serviceUrl.");
        }

        return AuthenticationResult.Success(result.ClaimsIdentity);
    }

    public void Dispose()
    {
        botFrameworkMetadata.Dispose();
        entraMetadata?.Dispose();
        metadataHttp.Dispose();
    }

    internal static bool IsLoopback(string? serviceUrl)
    {
        if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri))
        {
            return false;
        }

        if (uri.HostNameType == UriHostNameType.Dns)
        {
            return string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase);
        }

        return IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address);
    }

    private static AuthenticationResult AuthenticateLocalRun(string? authorizationHeader, Activity activity)
    {
        if (!string.IsNullOrEmpty(authorizationHeader))
        {
            return AuthenticationResult.Failure("Authorization header sent, but no app id is configured.");
        }

        if (!IsLoopback(activity.ServiceUrl))
        {
            return AuthenticationResult.Failure("Anonymous requests are only accepted with a loopback serviceUrl.");
        }

        return AuthenticationResult.Success(new ClaimsIdentity(AnonymousAuthenticationType));
    }

    private async Task<(TokenValidationResult Result, OpenIdConnectConfiguration Configuration)> ValidateTokenAsync(
        string token, MetadataSource metadata, string[] validIssuers, CancellationToken ct)
    {
        var configuration = await metadata.GetConfigurationAsync(ct);
        var kid = tokenHandler.ReadJsonWebToken(token).Kid;
        if (!string.IsNullOrEmpty(kid) && !HasKey(configuration, kid))
        {
            configuration = await metadata.GetFreshConfigurationAsync(kid, ct) ?? configuration;
        }

        var result = await tokenHandler.ValidateTokenAsync(token, CreateParameters(configuration, validIssuers));
        return (result, configuration);
    }

    private TokenValidationParameters CreateParameters(OpenIdConnectConfiguration configuration, string[] validIssuers) => new()
    {
        ValidIssuers = validIssuers,
        ValidAudience = options.MicrosoftAppId,
        ValidateAudience = true,
        ValidateIssuer = true,
        ValidateLifetime = true,
        RequireExpirationTime = true,
        RequireSignedTokens = true,
        ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        ClockSkew = options.ClockSkew,
        // The JWKS keys themselves (not converted RSA keys) so the validated token's SigningKey keeps its endorsements.
        IssuerSigningKeys = configuration.JsonWebKeySet?.Keys ?? [],
        LifetimeValidator = ValidateLifetime,
        AuthenticationType = "BotFramework",
    };

    private static bool HasKey(OpenIdConnectConfiguration configuration, string kid) =>
        configuration.JsonWebKeySet?.Keys.Any(k => string.Equals(k.KeyId, kid, StringComparison.Ordinal)) == true;

    // Our own check so that the injected TimeProvider decides what "now" is.
    private bool ValidateLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        return expires is { } exp
            && now <= exp.ToUniversalTime() + options.ClockSkew
            && (notBefore is not { } nbf || now >= nbf.ToUniversalTime() - options.ClockSkew);
    }

    private static string? CheckEndorsement(JsonWebToken token, OpenIdConnectConfiguration configuration, string? channelId)
    {
        if (string.IsNullOrEmpty(channelId))
        {
            return "The activity has no channelId to check the key endorsement against.";
        }

        var key = token.SigningKey as JsonWebKey
            ?? configuration.JsonWebKeySet?.Keys.FirstOrDefault(k => string.Equals(k.KeyId, token.Kid, StringComparison.Ordinal));
        if (key is null)
        {
            return "The signing key was not found in the key set.";
        }

        return ReadEndorsements(key).Contains(channelId, StringComparer.Ordinal)
            ? null
            : $"The signing key '{key.KeyId}' is not endorsed for channel '{channelId}'.";
    }

    private static IEnumerable<string> ReadEndorsements(JsonWebKey key)
    {
        if (!key.AdditionalData.TryGetValue("endorsements", out var value) || value is null)
        {
            return [];
        }

        return value switch
        {
            JsonElement { ValueKind: JsonValueKind.Array } array => array.EnumerateArray()
                .Where(e => e.ValueKind == JsonValueKind.String)
                .Select(e => e.GetString()!),
            string single => [single],
            IEnumerable items => items.Cast<object?>().Select(i => i?.ToString()).OfType<string>(),
            _ => [],
        };
    }

    private static bool SameServiceUrl(string claim, string? activityServiceUrl) =>
        activityServiceUrl is not null
        && string.Equals(claim.TrimEnd('/'), activityServiceUrl.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);

    private MetadataSource CreateMetadataSource(string metadataUrl) => new(
        metadataUrl,
        new HttpDocumentRetriever(metadataHttp)
        {
            // Plain HTTP only for a local issuer on loopback (tests); the real endpoints are HTTPS.
            RequireHttps = !IsLoopback(metadataUrl),
        },
        timeProvider);

    /// <summary>
    /// OpenID metadata cached by a <see cref="ConfigurationManager{T}"/> (refreshed every 12 h), plus an immediate
    /// refetch when a token names an unknown kid: keys roll at any time, and the manager only refreshes in the background.
    /// </summary>
    private sealed class MetadataSource(string url, IDocumentRetriever retriever, TimeProvider timeProvider) : IDisposable
    {
        // Bounds refetches caused by unknown kids, which anyone can put into a token.
        private static readonly TimeSpan ForcedRefreshInterval = TimeSpan.FromMinutes(5);

        private readonly ConfigurationManager<OpenIdConnectConfiguration> manager =
            new(url, new OpenIdConnectConfigurationRetriever(), retriever) { AutomaticRefreshInterval = TimeSpan.FromHours(12) };
        private readonly SemaphoreSlim refetch = new(1, 1);
        private OpenIdConnectConfiguration? refetched;
        private DateTimeOffset lastRefetch = DateTimeOffset.MinValue;

        public Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken ct) => manager.GetConfigurationAsync(ct);

        public void Dispose() => refetch.Dispose();

        public async Task<OpenIdConnectConfiguration?> GetFreshConfigurationAsync(string kid, CancellationToken ct)
        {
            await refetch.WaitAsync(ct);
            try
            {
                if (refetched is not null && HasKey(refetched, kid))
                {
                    return refetched;
                }

                if (timeProvider.GetUtcNow() - lastRefetch < ForcedRefreshInterval)
                {
                    return null;
                }

                lastRefetch = timeProvider.GetUtcNow();
                var configuration = await OpenIdConnectConfigurationRetriever.GetAsync(url, retriever, ct);
                refetched = configuration;
                manager.RequestRefresh();
                return configuration;
            }
            finally
            {
                refetch.Release();
            }
        }
    }
}

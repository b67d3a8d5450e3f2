using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace VirServerless.Testing;

/// <summary>An RSA signing key of the local issuer, with the channel ids it is endorsed for.</summary>
public sealed record IssuerKey(string KeyId, RSA Rsa, IReadOnlyList<string> Endorsements);

/// <summary>What goes into a minted token; defaults mimic a Bot Framework channel token.</summary>
public sealed record TokenClaims(string Audience, string ServiceUrl)
{
    public string Issuer { get; init; } = LocalBotIssuer.BotFrameworkIssuer;
    public DateTimeOffset? Expires { get; init; }
    public DateTimeOffset? NotBefore { get; init; }
}

/// <summary>
/// Stands in for login.botframework.com on loopback: OpenID metadata at <see cref="MetadataUrl"/>, a JWKS whose keys
/// carry <c>endorsements</c>, and token minting with chosen issuer, audience, lifetime, serviceurl and key.
/// </summary>
public sealed class LocalBotIssuer : IAsyncDisposable
{
    public const string BotFrameworkIssuer = "https://api.botframework.com";

    private readonly ConcurrentDictionary<string, IssuerKey> published = new(StringComparer.Ordinal);
    private readonly WebApplication app;
    private int metadataRequests;

    private LocalBotIssuer(WebApplication app, Uri baseAddress)
    {
        this.app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public string MetadataUrl => new Uri(BaseAddress, "v1/.well-known/openidconfiguration").AbsoluteUri;

    public string JwksUrl => new Uri(BaseAddress, "v1/.well-known/keys").AbsoluteUri;

    public int MetadataRequests => Volatile.Read(ref metadataRequests);

    public static async Task<LocalBotIssuer> StartAsync()
    {
        LocalBotIssuer? issuer = null;
        var (app, baseAddress) = await LoopbackWebApp.StartAsync(_ => { }, app =>
        {
            app.MapGet("/v1/.well-known/openidconfiguration", () => issuer!.Metadata());
            app.MapGet("/v1/.well-known/keys", () => issuer!.Jwks());
        });
        issuer = new LocalBotIssuer(app, baseAddress);
        return issuer;
    }

    /// <summary>Creates a key and publishes it in the JWKS.</summary>
    public IssuerKey AddKey(string keyId, params string[] endorsements)
    {
        var key = CreateUnpublishedKey(keyId, endorsements);
        published[keyId] = key;
        return key;
    }

    /// <summary>A key the JWKS does not list (an attacker's key).</summary>
    public static IssuerKey CreateUnpublishedKey(string keyId, params string[] endorsements) =>
        new(keyId, RSA.Create(2048), endorsements);

    public static string MintToken(IssuerKey key, TokenClaims claims)
    {
        ArgumentNullException.ThrowIfNull(key);
        var descriptor = Describe(claims);
        descriptor.SigningCredentials = new SigningCredentials(
            new RsaSecurityKey(key.Rsa) { KeyId = key.KeyId }, SecurityAlgorithms.RsaSha256);
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    /// <summary>A token signed with HMAC-SHA256 under some shared secret, carrying the kid of a real key.</summary>
    public static string MintHs256Token(string keyId, TokenClaims claims)
    {
        var descriptor = Describe(claims);
        descriptor.SigningCredentials = new SigningCredentials(
            new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)) { KeyId = keyId }, SecurityAlgorithms.HmacSha256);
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    /// <summary>An unsigned token (<c>alg: none</c>) with an empty signature part.</summary>
    public static string MintUnsignedToken(string keyId, TokenClaims claims)
    {
        ArgumentNullException.ThrowIfNull(claims);
        var now = DateTimeOffset.UtcNow;
        var header = JsonSerializer.Serialize(new { alg = "none", typ = "JWT", kid = keyId });
        var payload = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["iss"] = claims.Issuer,
            ["aud"] = claims.Audience,
            ["serviceurl"] = claims.ServiceUrl,
            ["nbf"] = (claims.NotBefore ?? now.AddMinutes(-1)).ToUnixTimeSeconds(),
            ["exp"] = (claims.Expires ?? now.AddHours(1)).ToUnixTimeSeconds(),
        });
        return $"{Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(header))}.{Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(payload))}.";
    }

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        foreach (var key in published.Values)
        {
            key.Rsa.Dispose();
        }
    }

    private static SecurityTokenDescriptor Describe(TokenClaims claims)
    {
        ArgumentNullException.ThrowIfNull(claims);
        var now = DateTimeOffset.UtcNow;
        var expires = claims.Expires ?? now.AddHours(1);
        var notBefore = claims.NotBefore ?? (expires < now ? expires.AddHours(-1) : now.AddMinutes(-1));
        return new SecurityTokenDescriptor
        {
            Issuer = claims.Issuer,
            Audience = claims.Audience,
            IssuedAt = notBefore.UtcDateTime,
            NotBefore = notBefore.UtcDateTime,
            Expires = expires.UtcDateTime,
            Claims = new Dictionary<string, object> { ["serviceurl"] = claims.ServiceUrl },
        };
    }

    private IResult Metadata()
    {
        Interlocked.Increment(ref metadataRequests);
        return Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = BotFrameworkIssuer,
            ["authorization_endpoint"] = new Uri(BaseAddress, "v1/authorize").AbsoluteUri,
            ["jwks_uri"] = JwksUrl,
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["token_endpoint_auth_methods_supported"] = new[] { "private_key_jwt" },
        });
    }

    private IResult Jwks()
    {
        var keys = published.Values.Select(key =>
        {
            var parameters = key.Rsa.ExportParameters(includePrivateParameters: false);
            return new Dictionary<string, object>
            {
                ["kty"] = "RSA",
                ["use"] = "sig",
                ["kid"] = key.KeyId,
                ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
                ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
                ["endorsements"] = key.Endorsements,
            };
        });
        return Results.Json(new { keys });
    }
}

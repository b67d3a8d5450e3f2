using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace VirServerless.Testing;

/// <summary>Who signs in at the local provider: the claims of the id_token besides iss, aud, nonce and lifetime.</summary>
public sealed record OidcUser(string Name, string ObjectId, string UserName, params string[] Roles);

/// <summary>
/// Stands in for Entra ID on loopback: discovery document, JWKS, an authorize endpoint that signs in
/// <see cref="NextUser"/> at once and redirects back with a code, and a token endpoint that checks the client secret,
/// the redirect URI and the PKCE verifier before it returns an RS256 id_token.
/// </summary>
public sealed class LocalOidcProvider : IAsyncDisposable
{
    public const string ClientId = "local-client-id";
    public const string ClientSecret = "local-client-secret";

    private readonly ConcurrentDictionary<string, Grant> grants = new(StringComparer.Ordinal);
    private readonly RSA rsa = RSA.Create(2048);
    private readonly WebApplication app;

    private LocalOidcProvider(WebApplication app, Uri baseAddress)
    {
        this.app = app;
        Authority = baseAddress.AbsoluteUri.TrimEnd('/');
    }

    public string Authority { get; }

    /// <summary>The account the next authorize request signs in.</summary>
    public OidcUser? NextUser { get; set; }

    /// <summary>Codes redeemed at the token endpoint (with a valid verifier and secret).</summary>
    public int Redeemed => redeemed;

    private int redeemed;

    public static async Task<LocalOidcProvider> StartAsync()
    {
        LocalOidcProvider? provider = null;
        var (app, baseAddress) = await LoopbackWebApp.StartAsync(_ => { }, app =>
        {
            app.MapGet("/.well-known/openid-configuration", () => provider!.Discovery());
            app.MapGet("/keys", () => provider!.Jwks());
            app.MapGet("/authorize", (HttpRequest request) => provider!.Authorize(request.Query));
            app.MapPost("/token", async (HttpRequest request) => provider!.Token(await request.ReadFormAsync()));
        });
        provider = new LocalOidcProvider(app, baseAddress);
        return provider;
    }

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        rsa.Dispose();
    }

    private IResult Discovery() => Results.Json(new Dictionary<string, object>
    {
        ["issuer"] = Authority,
        ["authorization_endpoint"] = Authority + "/authorize",
        ["token_endpoint"] = Authority + "/token",
        ["jwks_uri"] = Authority + "/keys",
        ["response_types_supported"] = new[] { "code" },
        ["subject_types_supported"] = new[] { "pairwise" },
        ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        ["code_challenge_methods_supported"] = new[] { "S256" },
    });

    private IResult Jwks()
    {
        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        return Results.Json(new { keys = new[] { new { kty = "RSA", use = "sig", kid = "local-1", alg = "RS256", n = Base64UrlEncoder.Encode(parameters.Modulus), e = Base64UrlEncoder.Encode(parameters.Exponent) } } });
    }

    private IResult Authorize(IQueryCollection query)
    {
        if (query["client_id"] != ClientId || query["response_type"] != "code" || query["code_challenge_method"] != "S256"
            || string.IsNullOrEmpty(query["code_challenge"]) || NextUser is not { } user)
        {
            return Results.BadRequest("authorize: wrong client, response type, PKCE or no user");
        }
        var code = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16));
        grants[code] = new Grant(user, query["redirect_uri"].ToString(), query["nonce"].ToString(), query["code_challenge"].ToString());
        return Results.Redirect($"{query["redirect_uri"]}?code={code}&state={Uri.EscapeDataString(query["state"].ToString())}");
    }

    private IResult Token(IFormCollection form)
    {
        if (form["grant_type"] != "authorization_code" || !grants.TryRemove(form["code"].ToString(), out var grant)
            || form["client_id"] != ClientId || form["client_secret"] != ClientSecret || form["redirect_uri"] != grant.RedirectUri
            || Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(form["code_verifier"].ToString()))) != grant.CodeChallenge)
        {
            return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
        }
        Interlocked.Increment(ref redeemed);
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object>
        {
            ["nonce"] = grant.Nonce,
            ["sub"] = "sub-" + grant.User.ObjectId,
            ["oid"] = grant.User.ObjectId,
            ["name"] = grant.User.Name,
            ["preferred_username"] = grant.User.UserName,
        };
        if (grant.User.Roles.Length > 0)
        {
            claims["roles"] = grant.User.Roles;
        }
        var idToken = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Authority,
            Audience = ClientId,
            IssuedAt = now,
            NotBefore = now.AddMinutes(-1),
            Expires = now.AddHours(1),
            Claims = claims,
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = "local-1" }, SecurityAlgorithms.RsaSha256),
        });
        return Results.Json(new { token_type = "Bearer", expires_in = 3600, id_token = idToken, access_token = "local-access-token" });
    }

    private sealed record Grant(OidcUser User, string RedirectUri, string Nonce, string CodeChallenge);
}

using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using VirServerless.Core.Organisers;

namespace VirServerless.Functions.Pages;

/// <summary>
/// Sign-in of organisers with their Microsoft 365 (Entra ID) account. Without <see cref="Authority"/> and
/// <see cref="ClientId"/> the login page offers the admin key only.
/// </summary>
public sealed class EntraSignInOptions
{
    public const string SectionName = "Organisers:Entra";

    /// <summary>The tenant's issuer, <c>https://login.microsoftonline.com/{tenant-id}/v2.0</c>; never <c>common</c> or <c>organizations</c>, so only the own tenant's accounts pass.</summary>
    public string? Authority { get; set; }

    /// <summary>The app registration's application (client) id.</summary>
    public string? ClientId { get; set; }

    /// <summary>The app registration's client secret (a Key Vault reference in Azure).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The app role (in the token's <c>roles</c> claim) that makes an account an organiser.</summary>
    public string OrganiserRole { get; set; } = "Organisator";

    /// <summary>Object ids (<c>oid</c>) of organisers, for tenants that assign no app role.</summary>
    public string[] ObjectIds { get; set; } = [];

    /// <summary>Sign-in names (<c>preferred_username</c>, the UPN) of organisers; object ids are the stabler choice.</summary>
    public string[] UserNames { get; set; } = [];

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);

    public bool IsOrganiser(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindAll("roles").Any(c => string.Equals(c.Value, OrganiserRole, StringComparison.Ordinal))
            || (user.FindFirst("oid")?.Value is { } oid && ObjectIds.Any(id => string.Equals(id.Trim(), oid, StringComparison.OrdinalIgnoreCase)))
            || (user.FindFirst("preferred_username")?.Value is { } upn && UserNames.Any(name => string.Equals(name.Trim(), upn, StringComparison.OrdinalIgnoreCase)));
    }
}

public static partial class EntraSignIn
{
    public const string Scheme = "entra";
    public const string StartPath = "/verwaltung/anmelden/microsoft";
    public const string CallbackPath = "/verwaltung/anmelden/microsoft/antwort";

    public static bool IsConfigured(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptions<EntraSignInOptions>>().Value.IsConfigured;

    /// <summary>
    /// Authorization code flow with PKCE and a client secret. The handler never signs anyone in itself: on a valid
    /// token we start our own server-side session (or answer 403), so there is no second cookie to revoke.
    /// </summary>
    public static WebApplicationBuilder AddEntraSignIn(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(EntraSignInOptions.SectionName);
        builder.Services.AddOptions<EntraSignInOptions>().Bind(section);
        var settings = section.Get<EntraSignInOptions>() ?? new EntraSignInOptions();
        if (!settings.IsConfigured)
        {
            return builder;
        }
        // With a single scheme ASP.NET Core makes it the default, and the authentication middleware would then ask the
        // remote handler to authenticate every request; our session is not an authentication scheme.
        AppContext.SetSwitch("Microsoft.AspNetCore.Authentication.SuppressAutoDefaultScheme", true);
        builder.Services.AddAuthentication().AddOpenIdConnect(Scheme, options =>
        {
            options.Authority = settings.Authority;
            options.ClientId = settings.ClientId;
            options.ClientSecret = settings.ClientSecret;
            options.RequireHttpsMetadata = !IsLoopback(settings.Authority!);
            options.ResponseType = OpenIdConnectResponseType.Code;
            options.UsePkce = true;
            // A top-level GET back to us carries SameSite=Lax cookies, so the correlation and nonce cookies need not
            // be SameSite=None (which browsers drop without Secure, as on a local http run).
            options.ResponseMode = OpenIdConnectResponseMode.Query;
            options.CallbackPath = CallbackPath;
            options.SignedOutCallbackPath = PathString.Empty;
            options.RemoteSignOutPath = PathString.Empty;
            options.MapInboundClaims = false;
            options.SaveTokens = false;
            options.GetClaimsFromUserInfoEndpoint = false;
            options.TokenValidationParameters.NameClaimType = "name";
            options.TokenValidationParameters.RoleClaimType = "roles";
            options.CorrelationCookie.SameSite = SameSiteMode.Lax;
            options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.NonceCookie.SameSite = SameSiteMode.Lax;
            options.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            if (!string.IsNullOrEmpty(settings.ClientSecret))
            {
                options.DataProtectionProvider = new SharedSecretProtector(settings.ClientSecret);
            }
            options.Events.OnTokenValidated = OnTokenValidatedAsync;
            options.Events.OnRemoteFailure = OnRemoteFailureAsync;
        });
        return builder;
    }

    public static IEndpointRouteBuilder MapEntraSignIn(this IEndpointRouteBuilder app)
    {
        app.MapGet(StartPath, (HttpContext context) => IsConfigured(context)
            ? Results.Challenge(new AuthenticationProperties { RedirectUri = "/verwaltung" }, [Scheme])
            : EventPages.NotFound());
        // The authentication middleware answers the callback before routing; this endpoint gives the route to the
        // Functions host (which only forwards mapped routes) and answers a callback the handler did not take.
        app.MapGet(CallbackPath, () => Failed(400));
        return app;
    }

    private static async Task OnTokenValidatedAsync(TokenValidatedContext context)
    {
        var http = context.HttpContext;
        var user = context.Principal ?? new ClaimsPrincipal();
        var options = http.RequestServices.GetRequiredService<IOptions<EntraSignInOptions>>().Value;
        var name = user.FindFirst("name")?.Value is { Length: > 0 } display ? display : user.FindFirst("preferred_username")?.Value ?? "Unbekannt";
        var objectId = user.FindFirst("oid")?.Value ?? user.FindFirst("sub")?.Value;
        context.HandleResponse();
        if (!options.IsOrganiser(user))
        {
            LogRefused(http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(EntraSignIn)), objectId);
            await NotAnOrganiser(name).ExecuteAsync(http);
            return;
        }
        await OrganiserLogin.SignInAsync(http, name, SignInMethod.Entra, objectId);
        await OrganiserAudit.RecordAsync(http, "signin", null, null, "Mit Microsoft 365 in der Verwaltung angemeldet", http.RequestAborted);
        // The way back from Microsoft is a cross-site redirect chain, which would hold back our SameSite=Strict cookie
        // on a redirect; a page of our own that moves on is a same-site navigation.
        http.Response.Headers["Refresh"] = "0; url=/verwaltung";
        await Layout.Page("Angemeldet", "<p>Sie sind angemeldet. <a href=\"/verwaltung\">Weiter zur Verwaltung</a></p>").ExecuteAsync(http);
    }

    private static async Task OnRemoteFailureAsync(RemoteFailureContext context)
    {
        context.HandleResponse();
        LogFailed(context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(EntraSignIn)), context.Failure?.Message);
        await Failed(400).ExecuteAsync(context.HttpContext);
    }

    private static IResult Failed(int status) => Layout.Page("Anmeldung mit Microsoft 365 nicht gelungen",
        "<p role=\"alert\">Die Anmeldung mit Microsoft 365 wurde abgebrochen oder ist abgelaufen.</p><p><a href=\"/verwaltung\">Zur Anmeldung der Verwaltung</a></p>", status);

    private static IResult NotAnOrganiser(string name) => Layout.Page("Kein Zugang zur Verwaltung", $"""
        <p role="alert">Sie sind bei Microsoft 365 als {Layout.E(name)} angemeldet, gehören aber nicht zum Organisationsteam.</p>
        <p>Wenn Sie Zugang zur Verwaltung brauchen, wenden Sie sich bitte an die Geschäftsstelle.</p>
        <p><a href="/">Zur Startseite</a></p>
        """, 403);

    private static bool IsLoopback(string authority) =>
        Uri.TryCreate(authority, UriKind.Absolute, out var uri) && uri.IsLoopback;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Microsoft 365 sign-in refused: account {ObjectId} is not an organiser")]
    private static partial void LogRefused(ILogger logger, string? objectId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Microsoft 365 sign-in failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string? reason);
}

using System.Security.Cryptography;
using System.Text;
using VirServerless.Core.Organisers;
using VirServerless.Core.Storage.Organisers;

namespace VirServerless.Functions.Pages;

/// <summary>
/// The organiser session: after a sign-in (admin key in a form, or a Microsoft 365 account) the cookie carries a
/// random session id, and the session's row in Table Storage says who it is and until when. Sign-out deletes the row,
/// so the old cookie is refused on every instance at once. <see cref="UseOrganiserSessions"/> looks the session up
/// once per request, which keeps <see cref="IsSignedIn"/> synchronous.
/// </summary>
public static class OrganiserLogin
{
    public const string CookieName = "vir-verwaltung";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    /// <summary>The name the audit log shows for a sign-in with the admin key.</summary>
    public const string AdminKeyActor = "Verwaltung (Zugangsschlüssel)";

    private static readonly object SessionItem = new();

    /// <summary>Loads the session of a <c>/verwaltung</c> request that carries the cookie (the cookie's path keeps it off the rest).</summary>
    public static WebApplication UseOrganiserSessions(this WebApplication app)
    {
        // Synchronous for every other request: an async lambda costs a state machine on each (JIT-compiled at start).
        app.Use((context, next) =>
            context.Request.Path.StartsWithSegments("/verwaltung", StringComparison.OrdinalIgnoreCase) && context.Request.Cookies[CookieName] is { Length: > 0 } id
                ? WithSessionAsync(context, id, next)
                : next(context));
        return app;
    }

    private static async Task WithSessionAsync(HttpContext context, string id, RequestDelegate next)
    {
        var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        if (await context.RequestServices.GetRequiredService<OrganiserSessionStore>().FindAsync(id, now, context.RequestAborted) is { } session)
        {
            context.Items[SessionItem] = new SignedIn(id, session);
        }
        await next(context);
    }

    /// <summary>The signed-in organiser of this request, or null.</summary>
    public static OrganiserSession? Current(HttpContext context) => (context.Items[SessionItem] as SignedIn)?.Session;

    public static bool IsSignedIn(HttpContext context) => Current(context) is not null;

    /// <summary>Starts a session, sets its cookie and makes this request count as signed in (so the audit entry names the person).</summary>
    public static async Task SignInAsync(HttpContext context, string name, SignInMethod method, string? objectId = null)
    {
        var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        var session = new OrganiserSession(name, method, objectId, now, now + Lifetime);
        var id = await context.RequestServices.GetRequiredService<OrganiserSessionStore>().CreateAsync(session, context.RequestAborted);
        context.Items[SessionItem] = new SignedIn(id, session);
        context.Response.Cookies.Append(CookieName, id, Options(context, session.ExpiresAt));
    }

    /// <summary>Revokes the session server-side and deletes the cookie.</summary>
    public static async Task SignOutAsync(HttpContext context)
    {
        if (context.Items[SessionItem] is SignedIn signedIn)
        {
            await context.RequestServices.GetRequiredService<OrganiserSessionStore>().RevokeAsync(signedIn.Id, context.RequestAborted);
            context.Items.Remove(SessionItem);
        }
        context.Response.Cookies.Delete(CookieName, Options(context, DateTimeOffset.UnixEpoch));
    }

    /// <summary>
    /// The form token of every organiser form (sign-out and every change): an HMAC keyed with this session's id, so
    /// only a page of this session can post it, and the page does not reveal the id. SameSite=Strict keeps the cookie
    /// off cross-site posts, but a cross-site post without the cookie would still get the deleting Set-Cookie of
    /// sign-out; an Origin check cannot stand in, because our Referrer-Policy no-referrer makes browsers send
    /// <c>Origin: null</c> on form posts. Unlike ASP.NET Core's antiforgery it needs no shared key ring.
    /// </summary>
    public static string? FormToken(HttpContext context) =>
        context.Items[SessionItem] is SignedIn signedIn
            ? System.Buffers.Text.Base64Url.EncodeToString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(signedIn.Id), "verwaltung|formular"u8))
            : null;

    public static bool IsValidFormToken(HttpContext context, string? given) =>
        FormToken(context) is { } expected && given is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.UTF8.GetBytes(given));

    /// <summary>The hidden field every organiser form carries; check it with <see cref="IsValidFormToken"/>.</summary>
    public static string TokenField(HttpContext context) =>
        $"<input type=\"hidden\" name=\"token\" value=\"{Layout.E(FormToken(context))}\">";

    private static CookieOptions Options(HttpContext context, DateTimeOffset expires) => new()
    {
        HttpOnly = true,
        // SameSite=Strict also keeps the cookie off every cross-site request to the organiser pages.
        SameSite = SameSiteMode.Strict,
        // The scheme the browser used (X-Forwarded-Proto from a trusted proxy included): a Secure cookie set over
        // plain http would never come back, and a Host header is the client's to choose.
        Secure = context.Request.IsHttps,
        Path = "/verwaltung",
        Expires = expires,
        IsEssential = true,
    };

    private sealed record SignedIn(string Id, OrganiserSession Session);
}

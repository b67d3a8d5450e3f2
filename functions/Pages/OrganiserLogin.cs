using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using VirServerless.Functions.Admin;

namespace VirServerless.Functions.Pages;

/// <summary>
/// The organiser session: the admin key is posted once in a form, never put in a URL, and exchanged for a cookie
/// holding an expiry and an HMAC of it keyed with the admin key. Every instance can check it without shared state,
/// and changing the admin key ends all sessions.
/// </summary>
public static class OrganiserLogin
{
    public const string CookieName = "vir-verwaltung";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    public static string CreateToken(string adminKey, DateTimeOffset expires)
    {
        var expiry = expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return expiry + "." + Sign(adminKey, expiry);
    }

    public static bool IsValidToken(string? adminKey, string? token, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(adminKey) || token?.Split('.') is not [var expiry, var signature]
            || !long.TryParse(expiry, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || DateTimeOffset.FromUnixTimeSeconds(Math.Min(seconds, 253402300799)) < now)
        {
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(adminKey, expiry)), Encoding.ASCII.GetBytes(signature));
    }

    public static bool IsSignedIn(HttpContext context)
    {
        var key = context.RequestServices.GetRequiredService<IOptions<AdminOptions>>().Value.ApiKey;
        var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        return IsValidToken(key, context.Request.Cookies[CookieName], now);
    }

    public static void SignIn(HttpContext context, string adminKey)
    {
        var expires = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow() + Lifetime;
        context.Response.Cookies.Append(CookieName, CreateToken(adminKey, expires), Options(context, expires));
    }

    public static void SignOut(HttpContext context) =>
        context.Response.Cookies.Delete(CookieName, Options(context, DateTimeOffset.UnixEpoch));

    /// <summary>
    /// The form token of every organiser form (sign-out and every change): an HMAC of this session's cookie, so only a
    /// page of this session can post it. SameSite=Strict keeps the cookie off cross-site posts, but a cross-site post
    /// without the cookie would still get the deleting Set-Cookie of sign-out; an Origin check cannot stand in, because
    /// our Referrer-Policy no-referrer makes browsers send <c>Origin: null</c> on form posts. Unlike ASP.NET Core's
    /// antiforgery it needs no shared key ring, so every instance accepts it.
    /// </summary>
    public static string? FormToken(HttpContext context)
    {
        var key = context.RequestServices.GetRequiredService<IOptions<AdminOptions>>().Value.ApiKey;
        return IsSignedIn(context) ? Sign(key!, "formular|" + context.Request.Cookies[CookieName]) : null;
    }

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

    private static string Sign(string adminKey, string value) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(adminKey), Encoding.UTF8.GetBytes("verwaltung|" + value)))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

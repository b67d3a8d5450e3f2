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

    private static CookieOptions Options(HttpContext context, DateTimeOffset expires) => new()
    {
        HttpOnly = true,
        // SameSite=Strict is also the CSRF protection of the organiser forms.
        SameSite = SameSiteMode.Strict,
        Secure = !IsPlainLocalhost(context.Request),
        Path = "/verwaltung",
        Expires = expires,
        IsEssential = true,
    };

    /// <summary>Plain http is only acceptable on the developer's own machine; a Secure cookie would not come back there.</summary>
    private static bool IsPlainLocalhost(HttpRequest request) =>
        !request.IsHttps && request.Host.Host is "localhost" or "127.0.0.1" or "[::1]" or "::1";

    private static string Sign(string adminKey, string expiry) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(adminKey), Encoding.UTF8.GetBytes("verwaltung|" + expiry)))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

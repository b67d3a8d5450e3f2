using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using VirServerless.Functions.Hosting;
using VirServerless.Functions.Pages;

namespace VirServerless.Functions.Admin;

public sealed class AdminOptions
{
    public const string SectionName = "Admin";

    /// <summary>Compared with the <c>x-functions-key</c> header. No key configured means no admin access at all.</summary>
    public string? ApiKey { get; set; }
}

/// <summary>Endpoint metadata: the endpoint needs the admin key (and so the function key under the Functions host).</summary>
public sealed class AdminKeyRequired;

public static class AdminKey
{
    public const string HeaderName = "x-functions-key";

    /// <summary>The RFC 9110 challenge of a 401: our own scheme, naming the header the key goes in.</summary>
    public const string Challenge = "FunctionsKey realm=\"VirServerless\", header=\"x-functions-key\"";

    public static TBuilder RequireAdminKey<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AdminKeyRequired()).AddEndpointFilter(async (context, next) =>
            Refusal(context.HttpContext) ?? await next(context));

    /// <summary>Null when the request carries the admin key; otherwise the 401 (with its challenge) or, past the limit of wrong keys, the 429.</summary>
    public static IResult? Refusal(HttpContext http)
    {
        switch (Check(http, http.Request.Headers[HeaderName].FirstOrDefault()))
        {
            case KeyCheck.Valid:
                return null;
            case KeyCheck.Blocked:
                http.Response.Headers.RetryAfter = RetryAfterSeconds(http);
                return Problems.TooManyAttempts();
            default:
                http.Response.Headers.WWWAuthenticate = Challenge;
                return Problems.Unauthorized();
        }
    }

    /// <summary>
    /// Checks a key a client gave (header or login form): a client past the limit of wrong keys is refused before the
    /// key is even compared, and every wrong key counts against its address.
    /// </summary>
    public static KeyCheck Check(HttpContext context, string? given)
    {
        var guard = context.RequestServices.GetRequiredService<FailedKeyGuard>();
        var client = PageSecurity.ClientAddress(context);
        if (guard.IsBlocked(client))
        {
            return KeyCheck.Blocked;
        }
        if (IsValid(context.RequestServices.GetRequiredService<IOptions<AdminOptions>>().Value.ApiKey, given))
        {
            return KeyCheck.Valid;
        }
        if (!string.IsNullOrEmpty(given))
        {
            guard.RecordFailure(client);
        }
        return KeyCheck.Wrong;
    }

    public static string RetryAfterSeconds(HttpContext context) =>
        ((int)context.RequestServices.GetRequiredService<FailedKeyGuard>().Window.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static bool IsValid(string? expected, string? given)
    {
        if (string.IsNullOrEmpty(expected) || given is null)
        {
            return false;
        }
        // Hashing first gives equal lengths, so the constant-time compare leaks not even the key's length.
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(expected)), SHA256.HashData(Encoding.UTF8.GetBytes(given)));
    }
}

public enum KeyCheck
{
    Valid,
    Wrong,
    Blocked,
}

using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using VirServerless.Functions.Hosting;

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

    public static TBuilder RequireAdminKey<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AdminKeyRequired()).AddEndpointFilter(async (context, next) =>
        {
            var expected = context.HttpContext.RequestServices.GetRequiredService<IOptions<AdminOptions>>().Value.ApiKey;
            var given = context.HttpContext.Request.Headers[HeaderName].FirstOrDefault();
            return IsValid(expected, given) ? await next(context) : Problems.Unauthorized();
        });

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

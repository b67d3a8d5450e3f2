namespace VirServerless.Functions.Hosting;

/// <summary>
/// The same executable runs under the Azure Functions host (custom handler) and on its own. Under the host it
/// listens on 127.0.0.1 at the port the host hands over; standalone it serves http://localhost:7071 and runs the
/// timer functions itself.
/// </summary>
public static class FunctionsHost
{
    public const string PortVariable = "FUNCTIONS_CUSTOMHANDLER_PORT";
    public const string DefaultUrl = "http://localhost:7071";

    public static bool IsUnderFunctionsHost => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(PortVariable));

    public static WebApplicationBuilder AddFunctionsHost(this WebApplicationBuilder builder)
    {
        var port = Environment.GetEnvironmentVariable(PortVariable);
        if (!string.IsNullOrEmpty(port))
        {
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        }
        else
        {
            var urls = builder.Configuration["urls"] is { Length: > 0 } configured ? configured : builder.Configuration["ASPNETCORE_URLS"];
            if (string.IsNullOrEmpty(urls))
            {
                builder.WebHost.UseUrls(DefaultUrl);
            }
            // Mail links must point where the app really listens, also after `run.sh --urls …` (scripts/app-url.sh
            // prints the same address in the banner).
            if (string.IsNullOrEmpty(builder.Configuration["PublicBaseUrl"]))
            {
                builder.Configuration["PublicBaseUrl"] = ListeningBaseUrl(urls);
            }
        }
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // JSON bodies and web forms are held to RequestBody.MaxBytes (64 KiB) by their readers; this outer limit is
            // the bot endpoint's, whose Teams activities (cards, attachments) can be larger.
            kestrel.Limits.MaxRequestBodySize = RequestBody.MaxBytes * 4;
        });
        return builder;
    }

    /// <summary>The first of the <c>--urls</c> addresses, with a wildcard host (<c>+</c>, <c>*</c>, <c>0.0.0.0</c>, <c>[::]</c>) as localhost.</summary>
    public static string ListeningBaseUrl(string? urls)
    {
        var first = urls?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? DefaultUrl;
        var scheme = first.IndexOf("://", StringComparison.Ordinal);
        if (scheme < 0)
        {
            return DefaultUrl;
        }
        var rest = first[(scheme + 3)..].TrimEnd('/');
        var portAt = rest.LastIndexOf(':');
        var host = portAt > 0 && !rest.EndsWith(']') ? rest[..portAt] : rest;
        return host is "+" or "*" or "0.0.0.0" or "[::]"
            ? first[..(scheme + 3)] + "localhost" + rest[host.Length..]
            : first[..(scheme + 3)] + rest;
    }
}

using System.Security.Cryptography;

namespace VirServerless.Functions.Pages;

/// <summary>
/// CSS and JavaScript embedded in the assembly, so they ship with every build and publish without a wwwroot
/// that the Functions deployment would have to carry. URLs carry a content hash, so they can be cached for good.
/// </summary>
public static class StaticAssets
{
    private sealed record Asset(byte[] Content, string ContentType, string Hash);

    private static readonly Dictionary<string, Asset> Assets = Load();

    public static string Url(string name) => $"/static/{name}?v={Assets[name].Hash}";

    public static IEndpointRouteBuilder MapStaticAssets(this IEndpointRouteBuilder app)
    {
        app.MapGet("/static/{name}", (string name, HttpContext context) =>
        {
            if (!Assets.TryGetValue(name, out var asset))
            {
                return Hosting.Problems.NotFound("Diese Datei gibt es nicht.");
            }
            context.Response.Headers.CacheControl = context.Request.Query.ContainsKey("v") ? "public, max-age=31536000, immutable" : "no-cache";
            return Results.Bytes(asset.Content, asset.ContentType, entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{asset.Hash}\""));
        }).ExcludeFromDescription();
        return app;
    }

    private static Dictionary<string, Asset> Load()
    {
        var assembly = typeof(StaticAssets).Assembly;
        const string prefix = "VirServerless.Functions.Pages.Assets.";
        var assets = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            var content = memory.ToArray();
            var name = resource[prefix.Length..];
            var type = Path.GetExtension(name) switch
            {
                ".css" => "text/css; charset=utf-8",
                ".js" => "text/javascript; charset=utf-8",
                _ => "application/octet-stream",
            };
            assets[name] = new Asset(content, type, Convert.ToHexStringLower(SHA256.HashData(content))[..12]);
        }
        return assets;
    }
}

using System.Text.Json.Nodes;
using VirServerless.Testing;

namespace VirServerless.Functions.Tests.Docs;

/// <summary>docs/openapi.json is the API reference; it must be exactly what the app itself describes.</summary>
public class OpenApiDocumentTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static readonly string DocumentPath = Path.Combine(RepositoryRoot.Path, "docs", "openapi.json");

    [Fact]
    public async Task CommittedReferenceMatchesTheRunningApp()
    {
        var live = JsonNode.Parse(await fixture.App.Client.GetStringAsync("api/openapi.json"))!;
        live.AsObject().Remove("servers");
        var expected = live.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
        if (Environment.GetEnvironmentVariable("UPDATE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(DocumentPath, expected);
        }

        var committed = File.Exists(DocumentPath) ? await File.ReadAllTextAsync(DocumentPath) : "";

        Assert.True(expected == committed, "docs/openapi.json is out of date. Regenerate: UPDATE_OPENAPI=1 dotnet test tests/VirServerless.Functions.Tests --filter OpenApiDocumentTests");
    }

    [Fact]
    public async Task DescribesTheRegistrationApi()
    {
        var document = JsonNode.Parse(await fixture.App.Client.GetStringAsync("api/openapi.json"))!;

        var paths = document["paths"]!.AsObject();
        Assert.Contains("/api/events/{id}/registrations", paths.Select(p => p.Key));
        Assert.Contains("/api/registrations/confirm", paths.Select(p => p.Key));
        Assert.NotNull(paths["/api/events/{id}/registrations"]!["post"]!["requestBody"]!["content"]!["application/x-www-form-urlencoded"]);
    }
}

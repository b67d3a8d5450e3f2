using System.Net;
using System.Text.Json.Nodes;
using VirServerless.Testing;

namespace VirServerless.Functions.Tests.Health;

/// <summary>The health endpoint against a real Azurite that is stopped halfway.</summary>
public sealed class HealthApiTests
{
    [Fact]
    public async Task ReportsStatusToAnyoneAndDetailsOnlyWithTheKeyAndTurnsUnavailableWhenStorageIsGone()
    {
        await using var azurite = await AzuriteInstance.StartAsync();
        await using var app = await FunctionAppProcess.StartAsync(azurite.ConnectionString);

        using var anonymous = await app.Client.GetAsync("api/health");
        var anonymousBody = await anonymous.Content.ReadAsStringAsync();
        using var healthy = await app.Admin.GetAsync("api/health");
        var healthyBody = await healthy.Content.ReadAsStringAsync();
        await azurite.StopAsync();
        using var broken = await app.Admin.GetAsync("api/health");
        var brokenBody = await broken.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, anonymous.StatusCode);
        Assert.Equal("in Ordnung", (string?)JsonNode.Parse(anonymousBody)!["status"]);
        Assert.DoesNotContain(app.MailDirectory, anonymousBody, StringComparison.Ordinal);
        Assert.Null(JsonNode.Parse(anonymousBody)!["version"]);
        Assert.Null(JsonNode.Parse(anonymousBody)!["mailSender"]);
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        Assert.NotNull((string?)JsonNode.Parse(healthyBody)!["version"]);
        var report = JsonNode.Parse(healthyBody)!;
        Assert.True((bool?)report["storageReachable"]);
        Assert.Equal("in Ordnung", (string?)report["status"]);
        Assert.Equal("Table Storage erreichbar", (string?)report["storage"]);
        Assert.Equal($"Mail-Ordner {app.MailDirectory}", (string?)report["mailSender"]);
        Assert.DoesNotContain(AzuriteInstance.AccountKey, healthyBody, StringComparison.Ordinal);
        Assert.DoesNotContain(FunctionAppProcess.AdminKey, healthyBody, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, broken.StatusCode);
        Assert.Equal("gestört", (string?)JsonNode.Parse(await (await app.Client.GetAsync("api/health")).Content.ReadAsStringAsync())!["status"]);
        var brokenReport = JsonNode.Parse(brokenBody)!;
        Assert.False((bool?)brokenReport["storageReachable"]);
        Assert.Equal("gestört", (string?)brokenReport["status"]);
        Assert.Equal("Table Storage nicht erreichbar", (string?)brokenReport["storage"]);
        Assert.DoesNotContain(AzuriteInstance.AccountKey, brokenBody, StringComparison.Ordinal);
    }
}

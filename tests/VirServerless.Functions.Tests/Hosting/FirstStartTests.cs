using VirServerless.Testing;

namespace VirServerless.Functions.Tests.Hosting;

/// <summary>The first start against an empty storage account, as a new user sees it with scripts/run.sh.</summary>
public sealed class FirstStartTests
{
    [Fact]
    public async Task AFirstStartWithoutTablesLogsNoException()
    {
        await using var azurite = await AzuriteInstance.StartAsync();
        await using var app = await FunctionAppProcess.StartAsync(azurite.ConnectionString, new Dictionary<string, string>
        {
            ["Logging__LogLevel__Default"] = "Information",
            ["Catalog__SeedDirectory"] = Path.Combine(RepositoryRoot.Path, "catalog", "samples"),
        });

        // The bot's replica and the outbox worker start with the host; give their first passes time to run.
        using var message = new StringContent("""{"type":"message","text":"Welche Veranstaltungen gibt es?","from":{"id":"u1"},"recipient":{"id":"bot"},"conversation":{"id":"c1"},"channelId":"test","serviceUrl":"http://127.0.0.1:9/","deliveryMode":"expectReplies"}""", System.Text.Encoding.UTF8, "application/json");
        using var answer = await app.Client.PostAsync("api/messages", message);
        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.True(answer.IsSuccessStatusCode, $"The bot answered {(int)answer.StatusCode}");
        Assert.DoesNotContain("TableNotFound", app.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", app.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("fail:", app.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("warn:", app.Output, StringComparison.Ordinal);
    }
}

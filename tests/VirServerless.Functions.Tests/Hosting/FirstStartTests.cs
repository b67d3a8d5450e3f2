using VirServerless.Testing;

namespace VirServerless.Functions.Tests.Hosting;

/// <summary>The first start against an empty storage account, as a new user sees it with scripts/run.sh.</summary>
public sealed class FirstStartTests
{
    [Fact]
    public async Task AFirstStartWithoutTablesLogsNoException()
    {
        await using var azurite = await AzuriteInstance.StartAsync();

        // Each start has its own table prefix, so each is a first start; the old defect was a race, so try twice.
        for (var start = 0; start < 2; start++)
        {
            await using var app = await FunctionAppProcess.StartAsync(azurite.ConnectionString, new Dictionary<string, string>
            {
                ["Logging__LogLevel__Default"] = "Information",
                ["Catalog__SeedDirectory"] = Path.Combine(RepositoryRoot.Path, "catalog", "samples"),
            });
            // The bot's replica and the outbox worker start with the host; give their first passes time to run (the
            // replica's waits ConversationWriter.FirstPassDelay, 2 s, so as not to compete with the start).
            using var message = new StringContent("""{"type":"message","text":"Welche Veranstaltungen gibt es?","from":{"id":"u1"},"recipient":{"id":"bot"},"conversation":{"id":"c1"},"channelId":"test","serviceUrl":"http://127.0.0.1:9/","deliveryMode":"expectReplies"}""", System.Text.Encoding.UTF8, "application/json");
            using var answer = await app.Client.PostAsync("api/messages", message);
            await Task.Delay(TimeSpan.FromSeconds(4));

            Assert.True(answer.IsSuccessStatusCode, $"The bot answered {(int)answer.StatusCode}");
            Assert.DoesNotContain("TableNotFound", app.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", app.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("fail:", app.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("warn:", app.Output, StringComparison.Ordinal);
        }
    }
}

using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using VirServerless.Core.Storage.Tables;
using VirServerless.Testing;

namespace VirServerless.Core.Tests.Storage;

/// <summary>A write reaches Azurite, but its answer is lost, so Azure.Core retries it.</summary>
public class TableClientRetryTests(AzuriteFixture azurite)
{
    private readonly CancellationToken ct = TestContext.Current.CancellationToken;

    private async Task<(TableClient Plain, TableClient Lossy, LoseFirstAnswerPolicy Policy)> NewTableAsync()
    {
        var name = AzuriteFixture.UniqueTableName(nameof(TableClientRetryTests));
        var plain = new TableServiceClient(azurite.ConnectionString).GetTableClient(name);
        await plain.CreateIfNotExistsAsync(ct);
        var policy = new LoseFirstAnswerPolicy();
        var options = new TableClientOptions();
        options.Retry.Delay = TimeSpan.FromMilliseconds(10);
        options.AddPolicy(policy, HttpPipelinePosition.PerRetry);
        return (plain, new TableServiceClient(azurite.ConnectionString, options).GetTableClient(name), policy);
    }

    [Fact]
    public async Task AddSucceedsWhenTheFirstAttemptWroteButItsAnswerWasLost()
    {
        var (plain, lossy, policy) = await NewTableAsync();

        var response = await lossy.AddEntityAsync(new TableEntity("p", "r") { ["V"] = 1 }, ct);

        Assert.Equal(2, policy.PostAttempts);
        Assert.True(response.Headers.ETag.HasValue);
        var stored = Assert.Single(await plain.QueryAsync(cancellationToken: ct).ToListAsync(ct));
        Assert.Equal(response.Headers.ETag, stored.ETag);
        Assert.Equal(1, stored.GetInt32("V"));
    }

    [Fact]
    public async Task AddStillFailsWhenSomeoneElseWroteTheEntity()
    {
        var (plain, lossy, policy) = await NewTableAsync();
        await plain.AddEntityAsync(new TableEntity("p", "r") { ["V"] = "theirs" }, ct);

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => lossy.AddEntityAsync(new TableEntity("p", "r") { ["V"] = "mine" }, ct));

        Assert.Equal(2, policy.PostAttempts);
        Assert.Equal(409, error.Status);
        Assert.Equal("EntityAlreadyExists", error.ErrorCode);
        Assert.Equal("theirs", (await plain.GetEntityAsync("p", "r", cancellationToken: ct)).Value.GetString("V"));
    }

    [Fact]
    public async Task TransactionSucceedsWhenTheFirstAttemptWasApplied()
    {
        var (plain, lossy, policy) = await NewTableAsync();
        await plain.AddEntityAsync(new TableEntity("p", "gone"), ct);

        var result = await lossy.SubmitTransactionAsync(
            [
                new(TableTransactionActionType.UpsertMerge, new TableEntity("p", "u")),
                new(TableTransactionActionType.Add, new TableEntity("p", "a1")),
                new(TableTransactionActionType.Add, new TableEntity("p", "a2")),
                new(TableTransactionActionType.Delete, new TableEntity("p", "gone")),
            ],
            ct);

        Assert.Equal(2, policy.PostAttempts);
        Assert.Equal(4, result.Value.Count);
        Assert.All(result.Value.Take(3), r => Assert.True(r.Headers.ETag.HasValue));
        var rows = await plain.QueryAsync(cancellationToken: ct).ToListAsync(ct);
        Assert.Equal(["a1", "a2", "u"], rows.Select(e => e.RowKey).Order());
        Assert.Equal(result.Value[1].Headers.ETag, rows.Single(e => e.RowKey == "a1").ETag);
    }

    [Fact]
    public async Task TransactionStillFailsWhenSomeoneElseWroteAnEntity()
    {
        var (plain, lossy, policy) = await NewTableAsync();
        await plain.AddEntityAsync(new TableEntity("p", "a2"), ct);

        var error = await Assert.ThrowsAsync<TableTransactionFailedException>(() => lossy.SubmitTransactionAsync(
            [
                new(TableTransactionActionType.Add, new TableEntity("p", "a1")),
                new(TableTransactionActionType.Add, new TableEntity("p", "a2")),
            ],
            ct));

        Assert.Equal(2, policy.PostAttempts);
        Assert.Equal(1, error.FailedTransactionActionIndex);
        Assert.Equal(409, error.Status);
        Assert.Equal(["a2"], (await plain.QueryAsync(cancellationToken: ct).ToListAsync(ct)).Select(e => e.RowKey));
    }

    /// <summary>Forwards the first POST to Azurite, then throws as if the answer timed out; later attempts pass.</summary>
    private sealed class LoseFirstAnswerPolicy : HttpPipelinePolicy
    {
        private int postAttempts;

        public int PostAttempts => postAttempts;

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            await ProcessNextAsync(message, pipeline);
            if (message.Request.Method == RequestMethod.Post && Interlocked.Increment(ref postAttempts) == 1)
            {
                throw new TaskCanceledException("The operation was cancelled because it exceeded the configured timeout.");
            }
        }
    }
}

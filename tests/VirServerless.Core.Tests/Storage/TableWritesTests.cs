using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using VirServerless.Core.Storage;
using VirServerless.Testing;

namespace VirServerless.Core.Tests.Storage;

/// <summary>A write reaches Azurite, but its answer is lost on the way back, so Azure.Core sends it again.</summary>
public class TableWritesTests(AzuriteFixture azurite)
{
    private readonly CancellationToken ct = TestContext.Current.CancellationToken;

    private async Task<(TableClient Plain, TableClient Lossy, LoseFirstAnswerTransport Transport)> NewTableAsync(RequestMethod lostMethod)
    {
        var name = AzuriteFixture.UniqueTableName(nameof(TableWritesTests));
        var plain = new TableServiceClient(azurite.ConnectionString).GetTableClient(name);
        await plain.CreateIfNotExistsAsync(ct);
        var transport = new LoseFirstAnswerTransport(lostMethod);
        var options = new StorageOptions().ToClientOptions(transport);
        options.Retry.Delay = TimeSpan.FromMilliseconds(10);
        return (plain, new TableServiceClient(azurite.ConnectionString, options).GetTableClient(name), transport);
    }

    [Fact]
    public async Task TheSdkAloneReportsItsOwnResentInsertAsAConflict()
    {
        var (_, lossy, transport) = await NewTableAsync(RequestMethod.Post);

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => lossy.AddEntityAsync(new TableEntity("p", "r"), ct));

        Assert.Equal(2, transport.Attempts);
        Assert.Equal(409, error.Status);
    }

    [Fact]
    public async Task AddSucceedsWhenTheFirstAttemptWroteButItsAnswerWasLost()
    {
        var (plain, lossy, transport) = await NewTableAsync(RequestMethod.Post);

        var response = await lossy.AddEntityOnceAsync(new TableEntity("p", "r") { ["V"] = 1 }, ct);

        Assert.Equal(2, transport.Attempts);
        var stored = Assert.Single(await plain.QueryAsync<TableEntity>(cancellationToken: ct).ToListAsync(ct));
        Assert.Equal(response.Headers.ETag, stored.ETag);
        Assert.Equal(1, stored.GetInt32("V"));
    }

    [Fact]
    public async Task AddStillFailsWhenSomeoneElseWroteTheEntity()
    {
        var (plain, lossy, transport) = await NewTableAsync(RequestMethod.Post);
        await plain.AddEntityAsync(new TableEntity("p", "r") { ["V"] = "theirs" }, ct);

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => lossy.AddEntityOnceAsync(new TableEntity("p", "r") { ["V"] = "mine" }, ct));

        Assert.Equal(2, transport.Attempts);
        Assert.Equal(409, error.Status);
        Assert.Equal("theirs", (await plain.GetEntityAsync<TableEntity>("p", "r", cancellationToken: ct)).Value.GetString("V"));
    }

    [Fact]
    public async Task GuardedUpdateSucceedsWhenTheFirstAttemptWroteButItsAnswerWasLost()
    {
        var (plain, lossy, transport) = await NewTableAsync(RequestMethod.Put);
        var etag = (await plain.AddEntityAsync(new TableEntity("p", "r") { ["V"] = 1 }, ct)).Headers.ETag!.Value;

        var response = await lossy.UpdateEntityOnceAsync(new TableEntity("p", "r") { ["V"] = 2 }, etag, TableUpdateMode.Replace, ct);

        Assert.Equal(2, transport.Attempts);
        var stored = (await plain.GetEntityAsync<TableEntity>("p", "r", cancellationToken: ct)).Value;
        Assert.Equal(2, stored.GetInt32("V"));
        Assert.Equal(response.Headers.ETag, stored.ETag);
    }

    [Fact]
    public async Task GuardedUpdateStillFailsWhenSomeoneElseChangedTheEntity()
    {
        var (plain, lossy, _) = await NewTableAsync(RequestMethod.Put);
        var etag = (await plain.AddEntityAsync(new TableEntity("p", "r") { ["V"] = 1 }, ct)).Headers.ETag!.Value;
        await plain.UpdateEntityAsync(new TableEntity("p", "r") { ["V"] = 3 }, etag, TableUpdateMode.Replace, ct);

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => lossy.UpdateEntityOnceAsync(new TableEntity("p", "r") { ["V"] = 2 }, etag, TableUpdateMode.Replace, ct));

        Assert.Equal(412, error.Status);
        Assert.Equal(3, (await plain.GetEntityAsync<TableEntity>("p", "r", cancellationToken: ct)).Value.GetInt32("V"));
    }

    [Fact]
    public async Task TransactionSucceedsWhenTheFirstAttemptWasApplied()
    {
        var (plain, lossy, transport) = await NewTableAsync(RequestMethod.Post);
        await plain.AddEntityAsync(new TableEntity("p", "gone"), ct);
        var counter = (await plain.AddEntityAsync(new TableEntity("p", "seats") { ["Count"] = 1 }, ct)).Headers.ETag!.Value;

        var result = await lossy.SubmitTransactionOnceAsync(
            [
                new(TableTransactionActionType.UpdateReplace, new TableEntity("p", "seats") { ["Count"] = 2 }, counter),
                new(TableTransactionActionType.Add, new TableEntity("p", "a1")),
                new(TableTransactionActionType.Delete, new TableEntity("p", "gone"), ETag.All),
            ],
            ct);

        Assert.Equal(2, transport.Attempts);
        Assert.Equal(3, result.Value.Count);
        var rows = await plain.QueryAsync<TableEntity>(cancellationToken: ct).ToListAsync(ct);
        Assert.Equal(["a1", "seats"], rows.Select(e => e.RowKey).Order());
        Assert.Equal(2, rows.Single(e => e.RowKey == "seats").GetInt32("Count"));
        Assert.Equal(result.Value[0].Headers.ETag, rows.Single(e => e.RowKey == "seats").ETag);
    }

    [Fact]
    public async Task TransactionStillFailsWhenSomeoneElseWroteAnEntity()
    {
        var (plain, lossy, transport) = await NewTableAsync(RequestMethod.Post);
        await plain.AddEntityAsync(new TableEntity("p", "a2"), ct);

        var error = await Assert.ThrowsAsync<TableTransactionFailedException>(() => lossy.SubmitTransactionOnceAsync(
            [
                new(TableTransactionActionType.Add, new TableEntity("p", "a1")),
                new(TableTransactionActionType.Add, new TableEntity("p", "a2")),
            ],
            ct));

        Assert.Equal(2, transport.Attempts);
        Assert.Equal(1, error.FailedTransactionActionIndex);
        Assert.Equal(409, error.Status);
        Assert.Equal(["a2"], (await plain.QueryAsync<TableEntity>(cancellationToken: ct).ToListAsync(ct)).Select(e => e.RowKey));
    }

    /// <summary>Forwards every request to Azurite; the answer to the first one of the given method is lost (a reset connection).</summary>
    private sealed class LoseFirstAnswerTransport(RequestMethod lostMethod) : HttpPipelineTransport
    {
        private int attempts;

        public int Attempts => attempts;

        public override Request CreateRequest() => HttpClientTransport.Shared.CreateRequest();

        public override void Process(HttpMessage message) => ProcessAsync(message).AsTask().GetAwaiter().GetResult();

        public override async ValueTask ProcessAsync(HttpMessage message)
        {
            await HttpClientTransport.Shared.ProcessAsync(message);
            if (message.Request.Method == lostMethod && Interlocked.Increment(ref attempts) == 1)
            {
                throw new IOException("The connection was reset before the answer arrived.");
            }
        }
    }
}

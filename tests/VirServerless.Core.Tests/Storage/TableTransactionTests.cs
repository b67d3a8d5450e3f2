using Azure;
using VirServerless.Core.Storage.Tables;
using VirServerless.Testing;

namespace VirServerless.Core.Tests.Storage;

public class TableTransactionTests(AzuriteFixture azurite)
{
    private readonly CancellationToken ct = TestContext.Current.CancellationToken;

    private async Task<TableClient> NewTableAsync()
    {
        var table = new TableServiceClient(azurite.ConnectionString).GetTableClient(AzuriteFixture.UniqueTableName(nameof(TableTransactionTests)));
        await table.CreateIfNotExistsAsync(ct);
        return table;
    }

    private static TableTransactionAction Act(TableTransactionActionType type, string rowKey, ETag etag = default, string partitionKey = "p") =>
        new(type, new TableEntity(partitionKey, rowKey) { ["V"] = type.ToString() }, etag);

    private async Task<List<string>> RowKeysAsync(TableClient table) =>
        [.. (await table.QueryAsync(cancellationToken: ct).ToListAsync(ct)).Select(e => e.RowKey)];

    [Fact]
    public async Task AppliesEveryActionTypeAndReturnsETags()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "merge") { ["Keep"] = "k" }, ct);
        var replaceTarget = await table.AddEntityAsync(new TableEntity("p", "replace") { ["Drop"] = "d" }, ct);
        await table.AddEntityAsync(new TableEntity("p", "delete"), ct);
        await table.AddEntityAsync(new TableEntity("p", "upsertmerge") { ["Keep"] = "k" }, ct);

        var result = await table.SubmitTransactionAsync(
            [
                Act(TableTransactionActionType.Add, "add"),
                Act(TableTransactionActionType.UpdateMerge, "merge"),
                Act(TableTransactionActionType.UpdateReplace, "replace", replaceTarget.Headers.ETag!.Value),
                Act(TableTransactionActionType.Delete, "delete"),
                Act(TableTransactionActionType.UpsertMerge, "upsertmerge"),
                Act(TableTransactionActionType.UpsertReplace, "upsertreplace"),
            ],
            ct);

        Assert.Equal(202, result.GetRawResponse().Status);
        Assert.Equal([204, 204, 204, 204, 204, 204], result.Value.Select(r => r.Status));
        Assert.All(result.Value.Where((_, i) => i != 3), r => Assert.True(r.Headers.ETag.HasValue));
        Assert.Equal(["add", "merge", "replace", "upsertmerge", "upsertreplace"], (await RowKeysAsync(table)).Order());
        var merged = (await table.GetEntityAsync("p", "merge", cancellationToken: ct)).Value;
        var replaced = (await table.GetEntityAsync("p", "replace", cancellationToken: ct)).Value;
        Assert.Equal(("k", "UpdateMerge"), (merged.GetString("Keep"), merged.GetString("V")));
        Assert.Null(replaced.GetString("Drop"));
        Assert.Equal(result.Value[1].Headers.ETag, merged.ETag);
    }

    [Fact]
    public async Task StaleETagAppliesNothingAndReportsIndex()
    {
        var table = await NewTableAsync();
        var first = await table.AddEntityAsync(new TableEntity("p", "e") { ["N"] = 1 }, ct);
        await table.UpsertEntityAsync(new TableEntity("p", "e") { ["N"] = 2 }, cancellationToken: ct);

        var error = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(
            [
                Act(TableTransactionActionType.Add, "a"),
                Act(TableTransactionActionType.UpdateReplace, "e", first.Headers.ETag!.Value),
            ],
            ct));

        Assert.Equal(1, error.FailedTransactionActionIndex);
        Assert.Equal(412, error.Status);
        Assert.Equal("UpdateConditionNotSatisfied", error.ErrorCode);
        Assert.Equal(["e"], await RowKeysAsync(table));
    }

    [Fact]
    public async Task FailingInsertAppliesNothingAndReportsIndex()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "taken"), ct);

        var error = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(
            [
                Act(TableTransactionActionType.Add, "a"),
                Act(TableTransactionActionType.UpsertMerge, "b"),
                Act(TableTransactionActionType.Add, "taken"),
            ],
            ct));

        Assert.Equal(2, error.FailedTransactionActionIndex);
        Assert.Equal(409, error.Status);
        Assert.Equal("EntityAlreadyExists", error.ErrorCode);
        Assert.Equal(["taken"], await RowKeysAsync(table));
    }

    [Fact]
    public async Task RejectsMoreThan100Actions()
    {
        var table = await NewTableAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => table.SubmitTransactionAsync(Enumerable.Range(0, 101).Select(i => Act(TableTransactionActionType.Add, $"r{i}")), ct));

        Assert.Contains("101", error.Message, StringComparison.Ordinal);
        Assert.Empty(await RowKeysAsync(table));
    }

    [Fact]
    public async Task RejectsAnEmptyTransaction()
    {
        var table = await NewTableAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync([], ct));
    }

    [Fact]
    public async Task RejectsBatchWithTwoPartitionKeys()
    {
        var table = await NewTableAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync(
            [Act(TableTransactionActionType.Add, "a"), Act(TableTransactionActionType.Add, "b", partitionKey: "other")], ct));

        Assert.Contains("PartitionKey", error.Message, StringComparison.Ordinal);
        Assert.Empty(await RowKeysAsync(table));
    }

    [Fact]
    public async Task RejectsTheSameEntityTwice()
    {
        var table = await NewTableAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync(
            [Act(TableTransactionActionType.Add, "a"), Act(TableTransactionActionType.UpsertMerge, "a")], ct));

        Assert.Contains("'a'", error.Message, StringComparison.Ordinal);
        Assert.Empty(await RowKeysAsync(table));
    }

    [Fact]
    public async Task RejectsBodiesOverFourMebibytes()
    {
        var table = await NewTableAsync();
        var text = new string('x', 30_000);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync(
            Enumerable.Range(0, 100).Select(i => new TableTransactionAction(
                TableTransactionActionType.Add, new TableEntity("p", $"r{i}") { ["A"] = text, ["B"] = text })),
            ct));

        Assert.Contains("4 MiB", error.Message, StringComparison.Ordinal);
        Assert.Empty(await RowKeysAsync(table));
    }
}

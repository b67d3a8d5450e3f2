using Azure;
using VirServerless.Core.Storage.Tables;
using VirServerless.Testing;

namespace VirServerless.Core.Tests.Storage;

public class TableClientTests(AzuriteFixture azurite)
{
    private readonly CancellationToken ct = TestContext.Current.CancellationToken;

    private async Task<TableClient> NewTableAsync()
    {
        var table = new TableServiceClient(azurite.ConnectionString).GetTableClient(AzuriteFixture.UniqueTableName(nameof(TableClientTests)));
        await table.CreateIfNotExistsAsync(ct);
        return table;
    }

    [Fact]
    public async Task CreatesTableIdempotently()
    {
        var table = new TableServiceClient(azurite.ConnectionString).GetTableClient(AzuriteFixture.UniqueTableName(nameof(TableClientTests)));

        var first = await table.CreateIfNotExistsAsync(ct);
        var second = await table.CreateIfNotExistsAsync(ct);

        Assert.Equal(204, first.Status);
        Assert.Equal(409, second.Status);
    }

    [Fact]
    public async Task AddsAndReadsAnEntityWithItsETag()
    {
        var table = await NewTableAsync();

        var added = await table.AddEntityAsync(new TableEntity("p", "r") { ["Title"] = "Plenum" }, ct);
        var read = await table.GetEntityAsync("p", "r", cancellationToken: ct);

        Assert.True(added.Headers.ETag.HasValue);
        Assert.Equal(added.Headers.ETag, read.Value.ETag);
        Assert.Equal("Plenum", read.Value.GetString("Title"));
        Assert.NotNull(read.Value.Timestamp);
        Assert.False(read.Value.ContainsKey(TableClient.OperationStampProperty));
    }

    [Fact]
    public async Task RejectsAddingAnExistingEntityWith409()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "r"), ct);

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => table.AddEntityAsync(new TableEntity("p", "r"), ct));

        Assert.Equal(409, error.Status);
        Assert.Equal("EntityAlreadyExists", error.ErrorCode);
    }

    [Fact]
    public async Task UpsertMergeKeepsOtherPropertiesAndReplaceDropsThem()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "r") { ["A"] = "a", ["B"] = "b" }, ct);

        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["B"] = "b2" }, TableUpdateMode.Merge, ct);
        var merged = (await table.GetEntityAsync("p", "r", cancellationToken: ct)).Value;
        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["C"] = "c" }, TableUpdateMode.Replace, ct);
        var replaced = (await table.GetEntityAsync("p", "r", cancellationToken: ct)).Value;
        await table.UpsertEntityAsync(new TableEntity("p", "new") { ["C"] = "c" }, cancellationToken: ct);

        Assert.Equal(("a", "b2"), (merged.GetString("A"), merged.GetString("B")));
        Assert.Equal((null, null, "c"), (replaced.GetString("A"), replaced.GetString("B"), replaced.GetString("C")));
        Assert.True((await table.GetEntityIfExistsAsync("p", "new", cancellationToken: ct)).HasValue);
    }

    [Fact]
    public async Task UpdateWithStaleETagFailsWith412()
    {
        var table = await NewTableAsync();
        var added = await table.AddEntityAsync(new TableEntity("p", "r") { ["N"] = 1 }, ct);
        var staleETag = added.Headers.ETag!.Value;
        var updated = await table.UpdateEntityAsync(new TableEntity("p", "r") { ["N"] = 2 }, staleETag, cancellationToken: ct);

        var error = await Assert.ThrowsAsync<RequestFailedException>(
            () => table.UpdateEntityAsync(new TableEntity("p", "r") { ["N"] = 3 }, staleETag, TableUpdateMode.Replace, ct));

        Assert.Equal(412, error.Status);
        Assert.Equal("UpdateConditionNotSatisfied", error.ErrorCode);
        Assert.NotEqual(staleETag, updated.Headers.ETag);
        Assert.Equal(2, (await table.GetEntityAsync("p", "r", cancellationToken: ct)).Value.GetInt32("N"));
    }

    [Fact]
    public async Task UpdateOfMissingEntityFailsWith404()
    {
        var table = await NewTableAsync();

        var error = await Assert.ThrowsAsync<RequestFailedException>(
            () => table.UpdateEntityAsync(new TableEntity("p", "missing"), ETag.All, cancellationToken: ct));

        Assert.Equal(404, error.Status);
        Assert.Equal("ResourceNotFound", error.ErrorCode);
    }

    [Fact]
    public async Task DeletesAndThenReportsNotFound()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "r"), ct);

        var deleted = await table.DeleteEntityAsync("p", "r", cancellationToken: ct);
        var deletedAgain = await table.DeleteEntityAsync("p", "r", cancellationToken: ct);
        var ifExists = await table.GetEntityIfExistsAsync("p", "r", cancellationToken: ct);
        var error = await Assert.ThrowsAsync<RequestFailedException>(() => table.GetEntityAsync("p", "r", cancellationToken: ct));

        Assert.Equal(204, deleted.Status);
        Assert.Equal(404, deletedAgain.Status);
        Assert.False(ifExists.HasValue);
        Assert.Equal(404, error.Status);
        Assert.Equal("ResourceNotFound", error.ErrorCode);
    }

    [Fact]
    public async Task DeleteWithStaleETagFailsWith412()
    {
        var table = await NewTableAsync();
        var added = await table.AddEntityAsync(new TableEntity("p", "r"), ct);
        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["X"] = 1 }, cancellationToken: ct);

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => table.DeleteEntityAsync("p", "r", added.Headers.ETag!.Value, ct));

        Assert.Equal(412, error.Status);
    }

    [Fact]
    public async Task RoundTripsEveryPropertyType()
    {
        var table = await NewTableAsync();
        var when = new DateTimeOffset(2027, 3, 4, 10, 30, 15, TimeSpan.FromHours(1)).AddTicks(1234567);
        var id = Guid.NewGuid();
        var entity = new TableEntity("p", "types")
        {
            ["Text"] = "Grüße aus Oldenburg",
            ["Flag"] = true,
            ["Small"] = -42,
            ["Big"] = 12345678901L,
            ["Ratio"] = 0.25,
            ["WholeDouble"] = 2.0,
            ["When"] = when,
            ["WhenUtc"] = new DateTime(2027, 1, 2, 3, 4, 5, DateTimeKind.Utc),
            ["Id"] = id,
            ["Bytes"] = new byte[] { 0, 1, 2, 255 },
            ["Nothing"] = null,
        };

        await table.AddEntityAsync(entity, ct);
        var read = (await table.GetEntityAsync("p", "types", cancellationToken: ct)).Value;
        var queried = await table.QueryAsync(TableClient.CreateQueryFilter($"RowKey eq {"types"}"), cancellationToken: ct).SingleAsync(ct);

        foreach (var e in new[] { read, queried })
        {
            Assert.Equal("Grüße aus Oldenburg", e["Text"]);
            Assert.Equal(true, e["Flag"]);
            Assert.Equal(-42, e["Small"]);
            Assert.Equal(12345678901L, e["Big"]);
            Assert.Equal(0.25, e["Ratio"]);
            Assert.Equal(2.0, e.GetDouble("WholeDouble"));
            Assert.Equal(when, e["When"]);
            Assert.Equal(TimeSpan.Zero, e.GetDateTimeOffset("When")!.Value.Offset);
            Assert.Equal(new DateTimeOffset(2027, 1, 2, 3, 4, 5, TimeSpan.Zero), e["WhenUtc"]);
            Assert.Equal(id, e["Id"]);
            Assert.Equal(new byte[] { 0, 1, 2, 255 }, e.GetBinary("Bytes"));
            Assert.False(e.ContainsKey("Nothing"));
            Assert.NotEqual(default, e.ETag);
        }
    }

    [Fact]
    public async Task HandlesQuotesAndSpecialCharactersInKeys()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("O'Brien", "a b+c%ü'") { ["V"] = 1 }, ct);

        var read = await table.GetEntityAsync("O'Brien", "a b+c%ü'", cancellationToken: ct);
        await table.UpdateEntityAsync(new TableEntity("O'Brien", "a b+c%ü'") { ["V"] = 2 }, read.Value.ETag, cancellationToken: ct);
        var deleted = await table.DeleteEntityAsync("O'Brien", "a b+c%ü'", cancellationToken: ct);

        Assert.Equal(1, read.Value.GetInt32("V"));
        Assert.Equal(204, deleted.Status);
    }

    [Fact]
    public async Task FilterValuesCannotInjectConditions()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "1") { ["Name"] = "O'Brien" }, ct);
        await table.AddEntityAsync(new TableEntity("p", "2") { ["Name"] = "Meyer" }, ct);
        var injection = "x' or PartitionKey ne '";

        var obrien = await table.QueryAsync(TableClient.CreateQueryFilter($"Name eq {"O'Brien"}"), cancellationToken: ct).ToListAsync(ct);
        var injected = await table.QueryAsync(TableClient.CreateQueryFilter($"Name eq {injection}"), cancellationToken: ct).ToListAsync(ct);

        Assert.Equal("1", Assert.Single(obrien).RowKey);
        Assert.Empty(injected);
    }

    [Fact]
    public async Task QueryFollowsContinuationsBeyondOneThousandEntities()
    {
        var table = await NewTableAsync();
        for (var batch = 0; batch < 11; batch++)
        {
            await table.SubmitTransactionAsync(
                Enumerable.Range(batch * 100, 100).Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("bulk", $"{i:D5}") { ["I"] = i })),
                ct);
        }

        var all = await table.QueryAsync(TableClient.CreateQueryFilter($"PartitionKey eq {"bulk"}"), cancellationToken: ct).ToListAsync(ct);
        var pages = await table.QueryAsync(maxPerPage: 300, select: ["I"], cancellationToken: ct).AsPages().ToListAsync(ct);

        Assert.Equal(1100, all.Count);
        Assert.Equal(Enumerable.Range(0, 1100), all.Select(e => e.GetInt32("I")!.Value));
        Assert.Equal([300, 300, 300, 200], pages.Select(p => p.Values.Count));
        Assert.Null(pages[^1].ContinuationToken);
    }

    [Fact]
    public async Task RejectsInvalidKeysBeforeSending()
    {
        var table = new TableServiceClient("UseDevelopmentStorage=true;").GetTableClient("neverused");

        await Assert.ThrowsAsync<ArgumentException>(() => table.AddEntityAsync(new TableEntity("a/b", "r"), ct));
        await Assert.ThrowsAsync<ArgumentException>(() => table.AddEntityAsync(new TableEntity("p", "r#1"), ct));
        await Assert.ThrowsAsync<ArgumentException>(() => table.GetEntityAsync("p", "line\nbreak", cancellationToken: ct));
        await Assert.ThrowsAsync<ArgumentException>(() => table.DeleteEntityAsync("what?", "r", cancellationToken: ct));
        await Assert.ThrowsAsync<ArgumentException>(() => table.UpsertEntityAsync(new TableEntity("p", "back\\slash"), cancellationToken: ct));
    }

    [Fact]
    public async Task ReportsXmlAuthorizationErrorsWithCode()
    {
        var table = await NewTableAsync();
        var wrongKey = Convert.ToBase64String(new byte[64]);
        var connectionString = $"AccountName={AzuriteInstance.AccountName};AccountKey={wrongKey};TableEndpoint={azurite.Instance.TableEndpoint}";
        var intruder = new TableClient(connectionString, table.Name);

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => intruder.GetEntityIfExistsAsync("p", "r", cancellationToken: ct));

        Assert.Equal(403, error.Status);
        Assert.Equal("AuthorizationFailure", error.ErrorCode);
    }
}

using VirServerless.Core.Registrations;
using VirServerless.Core.Storage.Tables;
using VirServerless.Testing;

namespace VirServerless.Core.Tests.Reminders;

/// <summary>The reminder run's packed transactions against Azurite, with overlapping runs and concurrent changes.</summary>
public class ReminderRunTests(AzuriteFixture azurite)
{
    private readonly CancellationToken ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task PacksRemindersIntoTransactionsAndWritesOneMailPerRegistration()
    {
        var store = await ReminderStore.CreateAsync(azurite.ConnectionString, "pack", ct);
        var ev = await store.PublishEventWithDueReminderAsync("pack", ct);
        var ids = await store.AddConfirmedAsync(ev.Id, 12, ct);
        RacingTableClient? client = null;
        var service = store.Service(batchSize: 5, parallelism: 2, registrations: name => client = new RacingTableClient(store.ConnectionString, name, _ => false, () => Task.CompletedTask));

        var result = await service.SendDueRemindersAsync(ct);
        var again = await service.SendDueRemindersAsync(ct);

        Assert.Equal((12, 0), (result.Sent, again.Sent));
        Assert.Equal([15, 15, 6], client!.Transactions.Select(t => t.Actions).Order().Reverse());
        Assert.All(client.Transactions, t => Assert.True(t.Applied));
        await AssertExactlyOneReminderEachAsync(store, ev.Id, ids);
    }

    [Fact]
    public async Task ABatchThatLosesToAConcurrentChangeIsDecidedAgainOneByOne()
    {
        var store = await ReminderStore.CreateAsync(azurite.ConnectionString, "change", ct);
        var ev = await store.PublishEventWithDueReminderAsync("change", ct);
        var ids = await store.AddConfirmedAsync(ev.Id, 12, ct);
        RacingTableClient? client = null;
        // Someone edits one registration of the first batch between the listing and its transaction.
        var service = store.Service(batchSize: 5, parallelism: 1, registrations: name => client = new RacingTableClient(store.ConnectionString, name,
            actions => actions.Count > 3,
            () => store.Tables.Registrations.UpdateEntityAsync(new TableEntity(ev.Id, Registration.RowKeyFor(ids[2])) { ["Dietary"] = "vegetarisch" }, Azure.ETag.All, cancellationToken: ct)));

        var result = await service.SendDueRemindersAsync(ct);

        Assert.Equal(12, result.Sent);
        Assert.Equal([(15, false), (3, true), (3, true), (3, true), (3, true), (3, true), (15, true), (6, true)], client!.Transactions);
        await AssertExactlyOneReminderEachAsync(store, ev.Id, ids);
        var edited = await service.GetAsync(ev.Id, ids[2], ct);
        Assert.Equal("vegetarisch", edited!.Dietary);
    }

    [Fact]
    public async Task ABatchThatLosesToAnOverlappingRunWritesNothingTwice()
    {
        var store = await ReminderStore.CreateAsync(azurite.ConnectionString, "overlap", ct);
        var ev = await store.PublishEventWithDueReminderAsync("overlap", ct);
        var ids = await store.AddConfirmedAsync(ev.Id, 12, ct);
        var rival = store.Service(batchSize: 4, parallelism: 2);
        ReminderRunResult? rivalResult = null;
        RacingTableClient? client = null;
        // The other run lists the same registrations, then completes first: every batch of this run is stale.
        var service = store.Service(batchSize: 5, parallelism: 1, registrations: name => client = new RacingTableClient(store.ConnectionString, name,
            actions => actions.Count > 3,
            async () => rivalResult = await rival.SendDueRemindersAsync(ct)));

        var result = await service.SendDueRemindersAsync(ct);

        Assert.Equal((0, 12), (result.Sent, rivalResult!.Sent));
        Assert.Equal(3, client!.Transactions.Count);
        Assert.All(client.Transactions, t => Assert.False(t.Applied));
        await AssertExactlyOneReminderEachAsync(store, ev.Id, ids);
    }

    [Fact]
    public async Task ConcurrentRunsInSeveralProcessesWriteEachReminderExactlyOnce()
    {
        var store = await ReminderStore.CreateAsync(azurite.ConnectionString, "many", ct);
        var ev = await store.PublishEventWithDueReminderAsync("many", ct);
        var ids = await store.AddConfirmedAsync(ev.Id, 150, ct);

        var results = await Task.WhenAll(
            store.Service(batchSize: 33, parallelism: 4).SendDueRemindersAsync(ct),
            store.Service(batchSize: 7, parallelism: 3).SendDueRemindersAsync(ct),
            store.Service(batchSize: 1, parallelism: 1).SendDueRemindersAsync(ct));

        Assert.Equal(150, results.Sum(r => r.Sent));
        await AssertExactlyOneReminderEachAsync(store, ev.Id, ids);
    }

    private async Task AssertExactlyOneReminderEachAsync(ReminderStore store, string eventId, List<string> ids)
    {
        var outbox = await store.RowsAsync(eventId, RegistrationKeys.Outbox, ct);
        Assert.Equal(ids.Select(id => RegistrationKeys.Outbox + RegistrationService.ReminderMailId(id, "P1D")).Order(StringComparer.Ordinal), outbox.Select(r => r.RowKey).Order(StringComparer.Ordinal));
        var registrations = (await store.RowsAsync(eventId, RegistrationKeys.Registration, ct)).Select(Registration.FromEntity).ToList();
        Assert.All(registrations, r => Assert.Equal(["P1D"], r.RemindersHandled));
        // One new manage token per reminder, indexed: the seeded one plus exactly one.
        Assert.All(registrations, r => Assert.Equal(2, r.ManageTokenHashes.Count));
        Assert.Equal(ids.Count, (await store.RowsAsync(eventId, RegistrationKeys.ManageToken, ct)).Count);
    }
}

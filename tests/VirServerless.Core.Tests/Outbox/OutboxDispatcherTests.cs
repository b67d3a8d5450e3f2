using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VirServerless.Core.Mail;
using VirServerless.Core.Outbox;
using VirServerless.Core.Registrations;
using VirServerless.Core.Storage;
using VirServerless.Core.Storage.Outbox;
using Azure.Data.Tables;
using VirServerless.Core.Tests.Reminders;
using VirServerless.Testing;

namespace VirServerless.Core.Tests.Outbox;

/// <summary>The dispatcher's paged reads, transactional claims and marks against Azurite, with the real pickup sender.</summary>
public sealed class OutboxDispatcherTests(AzuriteFixture azurite) : IDisposable
{
    private readonly CancellationToken ct = TestContext.Current.CancellationToken;
    private readonly string mailDirectory = Path.Combine(Path.GetTempPath(), "virserverless-outbox-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(mailDirectory))
        {
            Directory.Delete(mailDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task SendsEveryDueRowAcrossPagesAndMarksItSentWithoutItsBody()
    {
        var store = await ReminderStore.CreateAsync(azurite.ConnectionString, "pages", ct);
        var ids = await AddPendingAsync(store, "ev-a", 260);
        ids.AddRange(await AddPendingAsync(store, "ev-b", 30));
        var sender = new CountingSender(Pickup(store.Clock));

        var result = await Dispatcher(store, sender).DispatchAsync(cancellationToken: ct);
        var again = await Dispatcher(store, sender).DispatchAsync(cancellationToken: ct);

        Assert.Equal(new DispatchResult(290, 0, 0, 0), result);
        Assert.Equal(new DispatchResult(0, 0, 0, 0), again);
        Assert.Equal(ids.Order(StringComparer.Ordinal), sender.Sends.Keys.Order(StringComparer.Ordinal));
        Assert.All(sender.Sends.Values, count => Assert.Equal(1, count));
        Assert.Equal(290, Directory.EnumerateFiles(mailDirectory, "*.eml").Count());
        var rows = (await store.RowsAsync("ev-a", RegistrationKeys.Outbox, ct)).Concat(await store.RowsAsync("ev-b", RegistrationKeys.Outbox, ct)).Select(entity => OutboxRows.FromEntity(entity, store.BodyProtection)).ToList();
        Assert.All(rows, row => Assert.Equal((OutboxState.Sent, 1, "", ""), (row.State, row.Attempts, row.Mail.PlainText, row.Mail.Html)));
    }

    [Fact]
    public async Task AClaimThatLosesARaceClaimsOneByOneAndLeavesTheTakenRowAlone()
    {
        var store = await ReminderStore.CreateAsync(azurite.ConnectionString, "claim", ct);
        var ids = await AddPendingAsync(store, "ev-c", 30);
        var sender = new CountingSender(Pickup(store.Clock));
        // Another dispatcher claims one row between this one's read and its claim transaction.
        var taken = OutboxEntry.RowKeyFor(ids[7]);
        var client = new RacingTableClient(azurite.ConnectionString, store.Prefix + "Registrations",
            actions => actions.All(a => a.ActionType == TableTransactionActionType.UpdateMerge),
            () => store.Tables.Registrations.UpdateEntityAsync(
                new TableEntity("ev-c", taken) { ["State"] = nameof(OutboxState.Sending), ["LeaseUntil"] = store.Clock.GetUtcNow().AddMinutes(2), ["Attempts"] = 1 },
                Azure.ETag.All, cancellationToken: ct));

        var result = await Dispatcher(store, sender, client).DispatchAsync(cancellationToken: ct);

        Assert.Equal(new DispatchResult(29, 0, 0, 1), result);
        Assert.Equal([(30, false), (29, true)], client.Transactions);
        Assert.DoesNotContain(ids[7], sender.Sends.Keys);
        Assert.Equal(29, sender.Sends.Count);
        var row = OutboxRows.FromEntity((await store.Tables.Registrations.GetEntityAsync<TableEntity>("ev-c", taken, cancellationToken: ct)).Value, store.BodyProtection);
        Assert.Equal(OutboxState.Sending, row.State);
        Assert.NotEqual("", row.Mail.PlainText);
    }

    [Fact]
    public async Task OverlappingDispatchersInSeveralProcessesSendEachMailOnce()
    {
        var store = await ReminderStore.CreateAsync(azurite.ConnectionString, "overlap", ct);
        var ids = await AddPendingAsync(store, "ev-d", 250);
        var sender = new CountingSender(Pickup(store.Clock));

        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => Dispatcher(store, sender).DispatchAsync(cancellationToken: ct), ct)));

        Assert.Equal(250, results.Sum(r => r.Sent));
        Assert.Equal(ids.Order(StringComparer.Ordinal), sender.Sends.Keys.Order(StringComparer.Ordinal));
        Assert.All(sender.Sends.Values, count => Assert.Equal(1, count));
    }

    [Fact]
    public async Task AFailedSendInABatchIsMarkedForRetryWhileTheOthersAreSent()
    {
        var store = await ReminderStore.CreateAsync(azurite.ConnectionString, "fail", ct);
        var ids = await AddPendingAsync(store, "ev-e", 10);
        var sender = new CountingSender(Pickup(store.Clock), failing: ids[3]);

        var result = await Dispatcher(store, sender).DispatchAsync(cancellationToken: ct);

        Assert.Equal(new DispatchResult(9, 1, 0, 0), result);
        var failed = OutboxRows.FromEntity((await store.Tables.Registrations.GetEntityAsync<TableEntity>("ev-e", OutboxEntry.RowKeyFor(ids[3]), cancellationToken: ct)).Value, store.BodyProtection);
        Assert.Equal((OutboxState.Failed, 1, store.Clock.GetUtcNow().AddSeconds(30)), (failed.State, failed.Attempts, failed.NextAttemptAt));
        Assert.NotEqual("", failed.Mail.PlainText);
    }

    private PickupDirectorySender Pickup(TimeProvider clock) =>
        new(mailDirectory, new MailAddress("veranstaltungen@vir-nordwest.example"), clock, NullLogger<PickupDirectorySender>.Instance);

    private static OutboxDispatcher Dispatcher(ReminderStore store, IMailSender sender, TableClient? registrations = null)
    {
        var service = registrations is null ? new TableServiceClient(store.ConnectionString) : new SingleTableServiceClient(store.ConnectionString, registrations);
        return new OutboxDispatcher(new OutboxStore(new StorageTables(service, new StorageOptions { TablePrefix = store.Prefix }), store.BodyProtection, NullLogger<OutboxStore>.Instance), sender,
            Options.Create(new OutboxOptions()), store.Clock, NullLogger<OutboxDispatcher>.Instance);
    }

    private async Task<List<string>> AddPendingAsync(ReminderStore store, string partition, int count)
    {
        var ids = Enumerable.Range(0, count).Select(i => $"{partition}-m{i:D4}").ToList();
        foreach (var chunk in ids.Chunk(100))
        {
            await store.Tables.Registrations.SubmitTransactionAsync(chunk.Select(id => new TableTransactionAction(TableTransactionActionType.Add,
                OutboxRows.ToEntity(OutboxEntry.Create(partition, new OutgoingMail(id, new MailAddress($"{id}@kommune.example", "Erika Muster"), "Erinnerung", "Guten Tag", "<p>Guten Tag</p>", []), "Reminder", null, store.Clock.GetUtcNow()), store.BodyProtection))), ct);
        }
        return ids;
    }

    /// <summary>The real sender, counting how often each mail went out; one mail id can be made to fail (a transient error).</summary>
    private sealed class CountingSender(IMailSender inner, string? failing = null) : IMailSender
    {
        public ConcurrentDictionary<string, int> Sends { get; } = new(StringComparer.Ordinal);

        public string Description => inner.Description;

        public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default)
        {
            if (mail.Id == failing)
            {
                throw new IOException("Der Mailserver antwortet nicht.");
            }
            await inner.SendAsync(mail, cancellationToken);
            Sends.AddOrUpdate(mail.Id, 1, (_, n) => n + 1);
        }
    }

    private sealed class SingleTableServiceClient(string connectionString, TableClient registrations) : TableServiceClient(connectionString)
    {
        public override TableClient GetTableClient(string tableName) =>
            tableName == registrations.Name ? registrations : base.GetTableClient(tableName);
    }
}

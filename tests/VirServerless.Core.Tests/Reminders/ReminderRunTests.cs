using System.Collections.Concurrent;
using VirServerless.Core.Mail;
using VirServerless.Core.Registrations;
using VirServerless.Core.Reminders;
using Azure.Data.Tables;
using VirServerless.Testing;
using VirServerless.Core.Storage.Registrations;
using VirServerless.Core.Storage.Reminders;

namespace VirServerless.Core.Tests.Reminders;

/// <summary>The reminder run against Azurite: batches, resumption after a crash, overlapping runs, refused mails, reminder links.</summary>
public class ReminderRunTests(AzuriteFixture azurite)
{
    private readonly CancellationToken ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task SendsOneReminderToEachoneWhoHeldASeatAtTheDueTimeAndNothingOnTheNextRun()
    {
        var store = await ReminderStore.CreateAsync(azurite.ConnectionString, "batch", ct);
        var ev = await store.PublishEventWithDueReminderAsync("batch", ct);
        var ids = await store.AddConfirmedAsync(ev.Id, 12, ct);
        await store.AddConfirmedAsync(ev.Id, 1, ct, from: 100, change: r => r with { Status = RegistrationStatus.Waitlisted, ConfirmedAt = null });
        await store.AddConfirmedAsync(ev.Id, 1, ct, from: 101, change: r => r with { ConfirmedAt = store.Clock.GetUtcNow() });
        await store.AddConfirmedAsync(ev.Id, 1, ct, from: 102, change: r => r with { RemindersHandled = ["P1D"] });
        await store.AddConfirmedAsync(ev.Id, 1, ct, from: 103, change: r => r with { Status = RegistrationStatus.Cancelled });
        var sender = new RecordingSender();
        var reminders = store.Reminders(sender, batchSize: 5);

        var result = await reminders.SendDueRemindersAsync(ct);
        var again = await reminders.SendDueRemindersAsync(ct);

        Assert.Equal((12, 3, 0), (result.Sent, result.Skipped, again.Sent));
        Assert.Equal(ids.Select(id => ReminderService.ReminderMailId(id, "P1D")).Order(StringComparer.Ordinal), sender.Ids.Order(StringComparer.Ordinal));
        Assert.Equal(3, (await store.RowsAsync(ev.Id, RegistrationKeys.ReminderTokens, ct)).Count);
        var job = ReminderJobRows.FromEntity(Assert.Single(await store.RowsAsync(ev.Id, RegistrationKeys.ReminderJob, ct)));
        Assert.Equal((ReminderJobState.Done, 12, null), (job.State, job.Sent, job.LeaseUntil));
        Assert.Empty(await store.RowsAsync(ev.Id, RegistrationKeys.Outbox, ct));
    }

    [Fact]
    public async Task TheLinkInAReminderManagesExactlyItsOwnRegistrationUntilItIsAnonymised()
    {
        var store = await ReminderStore.CreateAsync(azurite.ConnectionString, "links", ct);
        var ev = await store.PublishEventWithDueReminderAsync("links", ct);
        var ids = await store.AddConfirmedAsync(ev.Id, 3, ct);
        var sender = new RecordingSender();
        await store.Reminders(sender, batchSize: 2).SendDueRemindersAsync(ct);
        var registrations = store.Registrations();

        var views = new List<string>();
        foreach (var id in ids)
        {
            var outcome = await registrations.ViewAsync(sender.TokenIn(ReminderService.ReminderMailId(id, "P1D")), ct);
            views.Add(Assert.IsType<ManageOutcome.Done>(outcome).Registration.Id);
        }
        var token = sender.TokenIn(ReminderService.ReminderMailId(ids[0], "P1D"));
        var forged = token[..^1] + (token[^1] == '0' ? '1' : '0');
        var export = await registrations.ExportAsync(sender.TokenIn(ReminderService.ReminderMailId(ids[1], "P1D")), ct);
        var first = (await registrations.GetAsync(ev.Id, ids[0], ct))!;
        await store.Tables.Registrations.UpdateEntityAsync(RegistrationRows.ToEntity(first.Anonymised()), new Azure.ETag(first.Revision!), TableUpdateMode.Replace, ct);
        var afterErasure = await registrations.ViewAsync(token, ct);

        Assert.Equal(ids, views);
        Assert.Equal(["P1D"], export!.RemindersSent);
        Assert.IsType<ManageOutcome.InvalidToken>(await registrations.ViewAsync(forged, ct));
        Assert.IsType<ManageOutcome.InvalidToken>(afterErasure);
    }

    [Fact]
    public async Task ARunThatDiesAfterABatchIsResumedOnceItsLeaseIsOverAndEveryReminderKeepsItsId()
    {
        var store = await ReminderStore.CreateAsync(azurite.ConnectionString, "resume", ct);
        var ev = await store.PublishEventWithDueReminderAsync("resume", ct);
        var ids = await store.AddConfirmedAsync(ev.Id, 20, ct);
        using var crash = CancellationTokenSource.CreateLinkedTokenSource(ct);
        // The "process" dies while the mails of its second batch go out.
        var dying = new RecordingSender(before: mail => { if (mail.Id.StartsWith("r0005", StringComparison.Ordinal)) crash.Cancel(); });
        var survivor = new RecordingSender();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.Reminders(dying, batchSize: 5, parallelism: 1).SendDueRemindersAsync(crash.Token));
        var duringLease = await store.Reminders(survivor, batchSize: 5).SendDueRemindersAsync(ct);
        store.Clock.Advance(TimeSpan.FromMinutes(6));
        var resumed = await store.Reminders(survivor, batchSize: 5).SendDueRemindersAsync(ct);

        Assert.Equal(0, duringLease.Sent);
        var all = ids.Select(id => ReminderService.ReminderMailId(id, "P1D")).ToHashSet();
        Assert.Equal(all, dying.Ids.Concat(survivor.Ids).ToHashSet());
        Assert.Equal(survivor.Ids.Count, survivor.Ids.Distinct().Count());
        // Only what the dead run had not confirmed as sent goes out again, under the same ids: at most the batches it
        // had in flight (three of five), however far each of them got before the crash.
        Assert.InRange(resumed.Sent, 5, 20);
        Assert.Subset(ids.Take(15).Select(id => ReminderService.ReminderMailId(id, "P1D")).ToHashSet(), survivor.Ids.Intersect(dying.Ids).ToHashSet());
    }

    [Fact]
    public async Task ARunThatLostItsLeaseStopsAndTheRunThatTookOverFinishes()
    {
        var store = await ReminderStore.CreateAsync(azurite.ConnectionString, "lease", ct);
        var ev = await store.PublishEventWithDueReminderAsync("lease", ct);
        var ids = await store.AddConfirmedAsync(ev.Id, 10, ct);
        var rivalSender = new RecordingSender();
        ReminderRunResult? rival = null;
        // The slow run's lease runs out while it sends its first batch; another run takes the job over and completes it.
        var slow = new RecordingSender(before: mail =>
        {
            if (mail.Id.StartsWith("r0000", StringComparison.Ordinal))
            {
                store.Clock.Advance(TimeSpan.FromMinutes(6));
                rival = store.Reminders(rivalSender, batchSize: 3).SendDueRemindersAsync(ct).GetAwaiter().GetResult();
            }
        });

        var result = await store.Reminders(slow, batchSize: 10, parallelism: 1).SendDueRemindersAsync(ct);

        Assert.Equal((10, 10), (rival!.Sent, result.Sent));
        Assert.Equal(ids.Select(id => ReminderService.ReminderMailId(id, "P1D")).Order(StringComparer.Ordinal), rivalSender.Ids.Order(StringComparer.Ordinal));
        Assert.Equal(ReminderJobState.Done, ReminderJobRows.FromEntity(Assert.Single(await store.RowsAsync(ev.Id, RegistrationKeys.ReminderJob, ct))).State);
    }

    [Fact]
    public async Task ConcurrentRunsInSeveralProcessesSendEachReminderExactlyOnce()
    {
        var store = await ReminderStore.CreateAsync(azurite.ConnectionString, "many", ct);
        var ev = await store.PublishEventWithDueReminderAsync("many", ct);
        var ids = await store.AddConfirmedAsync(ev.Id, 150, ct);
        var sender = new RecordingSender();

        var results = await Task.WhenAll(
            store.Reminders(sender, batchSize: 33, parallelism: 4).SendDueRemindersAsync(ct),
            store.Reminders(sender, batchSize: 7, parallelism: 3).SendDueRemindersAsync(ct),
            store.Reminders(sender, batchSize: 1, parallelism: 1).SendDueRemindersAsync(ct));

        Assert.Equal(150, results.Sum(r => r.Sent));
        Assert.Equal(ids.Select(id => ReminderService.ReminderMailId(id, "P1D")).Order(StringComparer.Ordinal), sender.Ids.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AReminderTheSenderRefusesWaitsInTheOutboxUnderItsOwnId()
    {
        var store = await ReminderStore.CreateAsync(azurite.ConnectionString, "refused", ct);
        var ev = await store.PublishEventWithDueReminderAsync("refused", ct);
        var ids = await store.AddConfirmedAsync(ev.Id, 4, ct);
        var refused = ReminderService.ReminderMailId(ids[2], "P1D");
        var sender = new RecordingSender(before: mail =>
        {
            if (mail.Id == refused)
            {
                throw new MailDeliveryException("Kontingent erschöpft", MailFailure.Throttled, TimeSpan.FromSeconds(30));
            }
        });

        var result = await store.Reminders(sender).SendDueRemindersAsync(ct);

        Assert.Equal(4, result.Sent);
        Assert.DoesNotContain(refused, sender.Ids);
        var row = Assert.Single(await store.RowsAsync(ev.Id, RegistrationKeys.Outbox, ct));
        Assert.Equal(RegistrationKeys.Outbox + refused, row.RowKey);
        Assert.Equal(ReminderService.ReminderMailKind, row.GetString("Kind"));
    }

    /// <summary>Records what was sent (after <c>before</c> let it through) and the manage token in each mail.</summary>
    private sealed class RecordingSender(Action<OutgoingMail>? before = null) : IMailSender
    {
        private readonly ConcurrentDictionary<string, string> tokens = new(StringComparer.Ordinal);
        private readonly ConcurrentQueue<string> ids = new();

        public string Description => "Test";

        public List<string> Ids => [.. ids];

        public string TokenIn(string mailId) => tokens[mailId];

        public Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default)
        {
            before?.Invoke(mail);
            cancellationToken.ThrowIfCancellationRequested();
            var link = mail.PlainText.Split('\n').First(line => line.Contains("/anmeldung/verwalten", StringComparison.Ordinal));
            tokens[mail.Id] = Uri.UnescapeDataString(link[(link.IndexOf("token=", StringComparison.Ordinal) + "token=".Length)..].Trim().Split('&', ' ', ')')[0]);
            ids.Enqueue(mail.Id);
            return Task.CompletedTask;
        }
    }
}

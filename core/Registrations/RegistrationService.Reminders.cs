using Microsoft.Extensions.Logging;
using VirServerless.Core.Events;
using VirServerless.Core.Outbox;
using VirServerless.Core.Reminders;
using VirServerless.Core.Storage.Tables;

namespace VirServerless.Core.Registrations;

public sealed record ReminderRunResult(int Events, int Sent, int Skipped);

public sealed partial class RegistrationService
{
    public const string ReminderMailKind = "Reminder";

    public static string ReminderMailId(string registrationId, string offset) => $"{registrationId}-reminder-{offset}";

    /// <summary>
    /// Writes every reminder that is due now into the outbox. Exactly once per (registration, offset): the mail row
    /// (deterministic id, added with Add) and the marker on the registration (replaced with the ETag of the listing)
    /// commit in one transaction. Reminders are packed into transactions of many registrations; when one loses a race
    /// (an overlapping run, a concurrent change: 409/412) nothing of it is applied and its registrations are re-read and
    /// decided one by one. A run killed halfway leaves each transaction either done or untouched. Only confirmed
    /// registrations get reminders; for waitlisted ones due offsets are only marked, so moving up later brings no stale
    /// reminder (the move-up mail has everything).
    /// </summary>
    public async Task<ReminderRunResult> SendDueRemindersAsync(CancellationToken cancellationToken = default)
    {
        var plan = new ReminderPlan(timeProvider);
        var now = timeProvider.GetUtcNow();
        int eventCount = 0, sent = 0, skipped = 0;
        foreach (var stored in await events.ListAsync(cancellationToken))
        {
            var ev = stored.Event;
            if (ev.Status != EventStatus.Published || ev.Start <= now || ev.Registration is null)
            {
                continue;
            }
            eventCount++;
            var (eventSent, eventMarked) = await RemindEventAsync(ev, plan, cancellationToken);
            sent += eventSent;
            skipped += eventMarked;
            outboxSignal.Notify(ev.Id);
        }
        logger.LogInformation("Reminder run: {Sent} reminders written, {Skipped} stale or waitlisted offsets marked, {Events} upcoming events", sent, skipped, eventCount);
        return new ReminderRunResult(eventCount, sent, skipped);
    }

    private sealed record ReminderStep(string Name)
    {
        public static readonly ReminderStep Sent = new("sent");
        public static readonly ReminderStep Marked = new("marked");
        public static readonly ReminderStep Nothing = new("nothing");
    }

    /// <summary>One registration's due reminder work: the rows to write, and the offset whose mail they send (null: only marked).</summary>
    private sealed record ReminderWork(Registration Registration, List<TableTransactionAction> Actions, string? SendOffset, int Bytes);

    /// <summary>
    /// Streams the event's registrations, plans each from the listed entity (its ETag guards the write), and commits the
    /// plans in packed transactions, a few at a time; only the planned chunks in flight are held in memory.
    /// </summary>
    private async Task<(int Sent, int Marked)> RemindEventAsync(CatalogEvent ev, ReminderPlan plan, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {ev.Id}") + " and " + RegistrationKeys.PrefixFilter(RegistrationKeys.Registration);
        var inFlight = new List<Task<(int Sent, int Marked)>>();
        int sent = 0, marked = 0;
        var chunk = new List<ReminderWork>();
        int chunkActions = 0, chunkBytes = 0;

        async Task StartChunkAsync()
        {
            if (inFlight.Count >= Math.Max(1, Options.ReminderParallelism))
            {
                var done = await Task.WhenAny(inFlight);
                inFlight.Remove(done);
                var (doneSent, doneMarked) = await done;
                sent += doneSent;
                marked += doneMarked;
            }
            inFlight.Add(CommitRemindersAsync(ev, chunk, plan, cancellationToken));
            (chunk, chunkActions, chunkBytes) = ([], 0, 0);
        }

        try
        {
            await foreach (var entity in Table.QueryAsync(filter, cancellationToken: cancellationToken))
            {
                if (PlanReminder(ev, Registration.FromEntity(entity), plan) is not { } work)
                {
                    continue;
                }
                if (chunk.Count > 0 && (chunk.Count >= Math.Max(1, Options.ReminderBatchSize)
                    || chunkActions + work.Actions.Count > TableConstants.MaxActionsPerTransaction
                    || chunkBytes + work.Bytes > TransactionSize.Budget))
                {
                    await StartChunkAsync();
                }
                chunk.Add(work);
                chunkActions += work.Actions.Count;
                chunkBytes += work.Bytes;
            }
            if (chunk.Count > 0)
            {
                await StartChunkAsync();
            }
        }
        finally
        {
            // Never leave a transaction running unobserved, also when the listing or another chunk failed.
            await Task.WhenAll(inFlight).ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
        foreach (var done in inFlight)
        {
            var (doneSent, doneMarked) = await done;
            sent += doneSent;
            marked += doneMarked;
        }
        return (sent, marked);
    }

    /// <summary>What a registration needs now (from the given, possibly listed, version), or null when nothing is due.</summary>
    private ReminderWork? PlanReminder(CatalogEvent ev, Registration current, ReminderPlan plan)
    {
        if (current.Status is not (RegistrationStatus.Confirmed or RegistrationStatus.Waitlisted))
        {
            return null;
        }
        var decision = plan.Decide(ev.Start, ev.Reminders, current.ConfirmedAt ?? current.CreatedAt, current.RemindersHandled.ToHashSet(StringComparer.Ordinal));
        if (decision.Handled.Count == 0)
        {
            return null;
        }
        var marked = current with { RemindersHandled = [.. current.RemindersHandled, .. decision.Handled] };
        if (decision.Send is null || current.Status != RegistrationStatus.Confirmed)
        {
            return Work(current, [Replace(marked)], null);
        }

        var (token, withToken, tokenActions) = NewManageToken(marked);
        var mail = mails.RenderReminder(ReminderMailId(current.Id, decision.Send), withToken, ev, token);
        var entry = OutboxEntry.Create(ev.Id, mail, ReminderMailKind, current.Id, timeProvider.GetUtcNow());
        return Work(current, [Replace(withToken), .. tokenActions, new(TableTransactionActionType.Add, entry.ToEntity())], decision.Send);

        static ReminderWork Work(Registration registration, List<TableTransactionAction> actions, string? offset) =>
            new(registration, actions, offset, actions.Sum(a => TransactionSize.Estimate(a.Entity)));
    }

    private async Task<(int Sent, int Marked)> CommitRemindersAsync(CatalogEvent ev, List<ReminderWork> chunk, ReminderPlan plan, CancellationToken cancellationToken)
    {
        var sending = chunk.Where(w => w.SendOffset is not null).ToList();
        if (await TrySubmitAsync([.. chunk.SelectMany(w => w.Actions)], cancellationToken))
        {
            if (sending.Count > 0)
            {
                CrashPoints.Reached(CrashPoints.ReminderCommitted);
            }
            foreach (var work in sending)
            {
                LogReminderWritten(work.SendOffset!, work.Registration.Id, ev.Id);
            }
            return (sending.Count, chunk.Count - sending.Count);
        }

        // Someone changed one of these registrations since the listing (often an overlapping run that already wrote
        // the reminder): decide again for each from a fresh read, as if the runs had taken turns.
        logger.LogInformation("Reminder batch of {Count} registrations of {EventId} lost a race; deciding each again", chunk.Count, ev.Id);
        int sent = 0, marked = 0;
        foreach (var work in chunk)
        {
            var step = await RetryOnConflictAsync("reminder", () => RemindOnceAsync(ev, work.Registration.Id, plan, cancellationToken), cancellationToken);
            sent += step == ReminderStep.Sent ? 1 : 0;
            marked += step == ReminderStep.Marked ? 1 : 0;
        }
        return (sent, marked);
    }

    private async Task<ReminderStep?> RemindOnceAsync(CatalogEvent ev, string registrationId, ReminderPlan plan, CancellationToken cancellationToken)
    {
        var current = await GetAsync(ev.Id, registrationId, cancellationToken);
        if (current is null || PlanReminder(ev, current, plan) is not { } work)
        {
            return ReminderStep.Nothing;
        }
        if (!await TrySubmitAsync(work.Actions, cancellationToken))
        {
            return null;
        }
        if (work.SendOffset is null)
        {
            return ReminderStep.Marked;
        }
        CrashPoints.Reached(CrashPoints.ReminderCommitted);
        LogReminderWritten(work.SendOffset, current.Id, ev.Id);
        return ReminderStep.Sent;
    }

    private void LogReminderWritten(string offset, string registrationId, string eventId) =>
        logger.LogInformation("Reminder {Offset} for registration {RegistrationId} of {EventId} written", offset, registrationId, eventId);
}

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
    /// (deterministic id, added with Add) and the marker on the registration (replaced with its ETag) commit in one
    /// transaction, so an overlapping run loses with 409/412, re-reads and finds the marker, and a run killed halfway
    /// leaves each registration either done or untouched. Only confirmed registrations get reminders; for waitlisted
    /// ones due offsets are only marked, so moving up later brings no stale reminder (the move-up mail has everything).
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
            foreach (var registration in await ListAsync(ev.Id, cancellationToken))
            {
                if (registration.Status is not (RegistrationStatus.Confirmed or RegistrationStatus.Waitlisted))
                {
                    continue;
                }
                var step = await RetryOnConflictAsync("reminder", () => RemindOnceAsync(ev, registration.Id, plan, cancellationToken), cancellationToken);
                sent += step == ReminderStep.Sent ? 1 : 0;
                skipped += step == ReminderStep.Marked ? 1 : 0;
            }
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

    private async Task<ReminderStep?> RemindOnceAsync(CatalogEvent ev, string registrationId, ReminderPlan plan, CancellationToken cancellationToken)
    {
        var current = await GetAsync(ev.Id, registrationId, cancellationToken);
        if (current is not { Status: RegistrationStatus.Confirmed or RegistrationStatus.Waitlisted })
        {
            return ReminderStep.Nothing;
        }
        var decision = plan.Decide(ev.Start, ev.Reminders, current.ConfirmedAt ?? current.CreatedAt, current.RemindersHandled.ToHashSet(StringComparer.Ordinal));
        if (decision.Handled.Count == 0)
        {
            return ReminderStep.Nothing;
        }
        var marked = current with { RemindersHandled = [.. current.RemindersHandled, .. decision.Handled] };
        if (decision.Send is null || current.Status != RegistrationStatus.Confirmed)
        {
            return await TrySubmitAsync([Replace(marked)], cancellationToken) ? ReminderStep.Marked : null;
        }

        var (token, withToken, tokenActions) = NewManageToken(marked);
        var mail = mails.RenderReminder(ReminderMailId(current.Id, decision.Send), withToken, ev, token);
        var entry = OutboxEntry.Create(ev.Id, mail, ReminderMailKind, current.Id, timeProvider.GetUtcNow());
        List<TableTransactionAction> actions = [Replace(withToken), .. tokenActions, new(TableTransactionActionType.Add, entry.ToEntity())];
        if (!await TrySubmitAsync(actions, cancellationToken))
        {
            return null;
        }
        CrashPoints.Reached(CrashPoints.ReminderCommitted);
        logger.LogInformation("Reminder {Offset} for registration {RegistrationId} of {EventId} written", decision.Send, current.Id, ev.Id);
        return ReminderStep.Sent;
    }
}

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VirServerless.Core.Events;
using VirServerless.Core.Mail;
using VirServerless.Core.Outbox;
using VirServerless.Core.Registrations;
using VirServerless.Core.Registrations.Mails;
using VirServerless.Core.Storage.Events;
using VirServerless.Core.Storage.Outbox;
using VirServerless.Core.Storage.Reminders;

namespace VirServerless.Core.Reminders;

public sealed record ReminderRunResult(int Events, int Sent, int Skipped);

/// <summary>
/// Sends the reminders that are due: per event the latest due offset, to every registration that held a confirmed
/// seat at its due time. Who is due is fixed by then, so a reminder needs no marker on each registration: one job row
/// per offset (<see cref="ReminderJob"/>) records how far the walk over the registrations has got.
/// </summary>
/// <remarks>
/// Exactly once: each batch of registrations first commits its token batch row together with the job row (If-Match,
/// lease renewed), then its mails are sent with deterministic ids; the next commit moves <c>SentThrough</c> past the
/// batches whose mails all went out. A run that crashed or lost its lease is resumed from <c>SentThrough</c> once the
/// lease has expired; the batches after it are sent again with the same mail ids, which the pickup folder (same file)
/// and ACS (same Operation-Id) treat as the same mail. A mail the sender refuses goes to the outbox under the same id,
/// where retries, backoff and the organisers' view of failed mail take over.
/// </remarks>
public sealed partial class ReminderService(
    ReminderJobStore jobs,
    OutboxStore outbox,
    EventStore events,
    RegistrationMails mails,
    IMailSender sender,
    OutboxSignal outboxSignal,
    IOptions<RegistrationOptions> options,
    TimeProvider timeProvider,
    ILogger<ReminderService> logger)
{
    public const string ReminderMailKind = "Reminder";

    public static string ReminderMailId(string registrationId, string offset) => $"{registrationId}-reminder-{offset}";

    private RegistrationOptions Options => options.Value;

    private ReminderJobStore Jobs => jobs;

    private DateTimeOffset Now => timeProvider.GetUtcNow();

    public async Task<ReminderRunResult> SendDueRemindersAsync(CancellationToken cancellationToken = default)
    {
        var plan = new ReminderPlan(timeProvider);
        var now = Now;
        int eventCount = 0, sent = 0, skipped = 0;
        foreach (var stored in await events.ListAsync(cancellationToken))
        {
            var ev = stored.Event;
            if (ev.Status != EventStatus.Published || ev.Start <= now || ev.Registration is null)
            {
                continue;
            }
            eventCount++;
            if (plan.LatestDue(ev.Start, ev.Reminders) is not { } due)
            {
                continue;
            }
            var (eventSent, eventSkipped) = await new EventRun(this, ev, due).RunAsync(cancellationToken);
            sent += eventSent;
            skipped += eventSkipped;
        }
        LogRun(sent, skipped, eventCount);
        return new ReminderRunResult(eventCount, sent, skipped);
    }

    /// <summary>The job row, now leased to this run; null when it is done or another run holds a live lease.</summary>
    private async Task<ReminderJob?> ClaimAsync(string eventId, DueReminder due, CancellationToken cancellationToken)
    {
        var now = Now;
        var job = await jobs.GetAsync(eventId, due.Offset, cancellationToken);
        if (job is { State: ReminderJobState.Done } || job?.LeaseUntil > now)
        {
            return null;
        }
        var claimed = (job ?? new ReminderJob { EventId = eventId, Offset = due.Offset, DueAt = due.DueAt }) with
        {
            State = ReminderJobState.Running,
            LeaseUntil = now + Options.ReminderLease,
        };
        var won = await jobs.TryClaimAsync(job, claimed, cancellationToken);
        if (won is not null && job is not null)
        {
            LogResumed(due.Offset, eventId, job.SentThrough);
        }
        return won;
    }

    /// <summary>Renders and sends a batch; the outbox worker is woken when some of its mails went there instead.</summary>
    private async Task SendBatchAsync(CatalogEvent ev, string offset, List<(Registration Registration, string Token)> tokens, CancellationToken cancellationToken)
    {
        var queued = 0;
        await Parallel.ForEachAsync(
            tokens,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Options.ReminderParallelism), CancellationToken = cancellationToken },
            async (item, token) =>
            {
                var mail = mails.RenderReminder(ReminderMailId(item.Registration.Id, offset), item.Registration, ev, item.Token);
                if (await SendOrQueueAsync(ev.Id, item.Registration.Id, mail, token))
                {
                    Interlocked.Increment(ref queued);
                }
            });
        if (queued > 0)
        {
            outboxSignal.Notify(ev.Id);
        }
    }

    /// <summary>Sends one mail; a refused one is handed to the outbox (same id), so the run never waits on a broken mail.</summary>
    private async Task<bool> SendOrQueueAsync(string eventId, string registrationId, OutgoingMail mail, CancellationToken cancellationToken)
    {
        try
        {
            await sender.SendAsync(mail, cancellationToken);
            return false;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogQueued(ex, mail.Id);
            // False when an earlier, interrupted run queued the same mail already.
            await outbox.TryAddAsync(OutboxEntry.Create(eventId, mail, ReminderMailKind, registrationId, Now), cancellationToken);
            return true;
        }
    }

    /// <summary>One event's walk over its registrations under one lease.</summary>
    private sealed class EventRun(ReminderService service, CatalogEvent ev, DueReminder due)
    {
        /// <summary>Batches whose mails may still be going out while the next one commits; all of them are resent after a crash.</summary>
        private const int BatchesInFlight = 3;

        private readonly Queue<(Task Sending, string LastKey)> inFlight = new();
        private ReminderJob job = null!;
        private int sent, skipped;

        public async Task<(int Sent, int Skipped)> RunAsync(CancellationToken cancellationToken)
        {
            if (await service.ClaimAsync(ev.Id, due, cancellationToken) is not { } claimed)
            {
                return (0, 0);
            }
            job = claimed;
            try
            {
                if (await WalkAsync(cancellationToken) is { } lastKey)
                {
                    await CompleteAsync(lastKey, cancellationToken);
                }
            }
            finally
            {
                // Never leave sends running unobserved, also when the walk failed.
                await Task.WhenAll(inFlight.Select(f => f.Sending)).ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
            return (sent, skipped);
        }

        /// <returns>The last row key walked, or null when the lease was lost on the way.</returns>
        private async Task<string?> WalkAsync(CancellationToken cancellationToken)
        {
            var batchSize = Math.Clamp(service.Options.ReminderBatchSize, 1, ReminderTokens.MaxPerBatch);
            var batch = new List<Registration>();
            var lastKey = job.SentThrough;
            await foreach (var registration in service.Jobs.WalkAsync(ev.Id, job.SentThrough, cancellationToken))
            {
                lastKey = Registration.RowKeyFor(registration.Id);
                if (!IsDue(registration))
                {
                    skipped += registration.Status is RegistrationStatus.Confirmed or RegistrationStatus.Waitlisted ? 1 : 0;
                    continue;
                }
                batch.Add(registration);
                if (batch.Count >= batchSize)
                {
                    if (!await CommitAndSendAsync(batch, lastKey, cancellationToken))
                    {
                        return null;
                    }
                    batch = [];
                }
            }
            return batch.Count == 0 || await CommitAndSendAsync(batch, lastKey, cancellationToken) ? lastKey : null;
        }

        /// <summary>
        /// Who held a confirmed seat at the due time. Waitlisted people who move up later get the move-up mail instead;
        /// registrations marked by the earlier per-registration scheme are not reminded twice.
        /// </summary>
        private bool IsDue(Registration registration) => ReminderPlan.IsDueFor(registration, due);

        private async Task<bool> CommitAndSendAsync(List<Registration> batch, string lastKey, CancellationToken cancellationToken)
        {
            var sentThrough = await SentThroughAsync(BatchesInFlight, cancellationToken);
            var batchId = ReminderTokens.BatchId(due.Offset, job.Batches);
            var tokens = batch.Select(r => (Registration: r, Token: ReminderTokens.Create(ev.Id, batchId))).ToList();
            var next = job with
            {
                Batches = job.Batches + 1,
                Sent = job.Sent + batch.Count,
                SentThrough = sentThrough,
                LeaseUntil = service.Now + service.Options.ReminderLease,
            };
            var row = ReminderTokens.Batch(ev.Id, batchId, tokens.Select(t => (RegistrationTokens.HashOf(t.Token), t.Registration.Id)));
            if (await CommitAsync(next, row, cancellationToken) is null)
            {
                return false;
            }
            CrashPoints.Reached(CrashPoints.ReminderCommitted);
            inFlight.Enqueue((service.SendBatchAsync(ev, due.Offset, tokens, cancellationToken), lastKey));
            sent += batch.Count;
            return true;
        }

        /// <summary>The last key up to which all batches are sent, waiting until fewer than <paramref name="allowed"/> are in flight.</summary>
        private async Task<string> SentThroughAsync(int allowed, CancellationToken cancellationToken)
        {
            var through = job.SentThrough;
            while (inFlight.TryPeek(out var oldest) && (oldest.Sending.IsCompleted || inFlight.Count >= Math.Max(1, allowed)))
            {
                await oldest.Sending.WaitAsync(cancellationToken);
                through = inFlight.Dequeue().LastKey;
            }
            return through;
        }

        private async Task CompleteAsync(string lastKey, CancellationToken cancellationToken)
        {
            await SentThroughAsync(0, cancellationToken);
            var done = job with
            {
                State = ReminderJobState.Done,
                SentThrough = lastKey,
                LeaseUntil = null,
                CompletedAt = service.Now,
            };
            if (await CommitAsync(done, null, cancellationToken) is not null)
            {
                service.LogCompleted(due.Offset, ev.Id, done.Sent);
            }
        }

        /// <summary>Writes the job row (with the token batch, atomically); null when another run has taken the lease over.</summary>
        private async Task<ReminderJob?> CommitAsync(ReminderJob next, ReminderTokenBatch? tokens, CancellationToken cancellationToken)
        {
            if (await service.Jobs.TryCommitAsync(job, next, tokens, cancellationToken) is not { } committed)
            {
                service.LogLeaseLost(due.Offset, ev.Id);
                return null;
            }
            job = committed;
            return job;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminder run: {Sent} reminders sent, {Skipped} registrations without a due reminder, {Events} upcoming events")]
    private partial void LogRun(int sent, int skipped, int events);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminder {Offset} of {EventId} resumed after row key {SentThrough}")]
    private partial void LogResumed(string offset, string eventId, string sentThrough);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminder {Offset} of {EventId} done: {Sent} mails")]
    private partial void LogCompleted(string offset, string eventId, int sent);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reminder {Offset} of {EventId}: another run has taken the job over; this run stops")]
    private partial void LogLeaseLost(string offset, string eventId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminder {MailId} not sent directly; handed to the outbox")]
    private partial void LogQueued(Exception exception, string mailId);
}

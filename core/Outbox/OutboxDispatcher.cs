using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VirServerless.Core.Diagnostics;
using VirServerless.Core.Mail;
using VirServerless.Core.Storage;
using VirServerless.Core.Storage.Outbox;

namespace VirServerless.Core.Outbox;

public sealed record DispatchResult(int Sent, int Failed, int Dead, int Skipped);

/// <summary>
/// Sends outbox rows: claim with an ETag (pending to sending, with a lease), send, mark sent.
/// Due rows are read page by page; the rows of one partition are claimed together in one transaction (on a lost
/// race one by one), sent a few at a time, and marked together. A crash after sending but before marking leaves a
/// sending row whose lease runs out; it is sent again with the same mail id, which the senders treat idempotently
/// (same pickup file name, same ACS Operation-Id).
/// </summary>
public sealed class OutboxDispatcher(
    OutboxStore store,
    IMailSender sender,
    IOptions<OutboxOptions> options,
    TimeProvider timeProvider,
    ILogger<OutboxDispatcher> logger) : IDisposable
{

    /// <summary>Rows read per query page; a sweep holds one page (with mail bodies) in memory.</summary>
    private const int PageSize = 200;

    private readonly SemaphoreSlim gate = new(1, 1);

    /// <summary>UTC ticks until which the sender asked us to wait (quota used up); rows due meanwhile stay queued.</summary>
    private long throttledUntilTicks;

    private OutboxOptions Options => options.Value;

    public async Task<DispatchResult> DispatchAsync(string? partitionKey = null, CancellationToken cancellationToken = default)
    {
        // One sweep at a time per process keeps the ACS quota and the order of mails simple; other processes are
        // kept out by the ETag claim.
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await DispatchDueAsync(partitionKey, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<DispatchResult> DispatchDueAsync(string? partitionKey, CancellationToken cancellationToken)
    {
        int sent = 0, failed = 0, dead = 0, skipped = 0;
        // Page by page: a run of ten thousand reminders must not sit in memory at once.
        await foreach (var page in store.OpenPagesAsync(partitionKey, PageSize, cancellationToken))
        {
            var now = timeProvider.GetUtcNow();
            var due = page.Where(e => IsDue(e, now)).OrderBy(e => e.CreatedAt).ToList();
            if (now < ThrottledUntil)
            {
                // The quota is used up: the mails stay queued as they are, and no request is spent to learn that again.
                skipped += due.Count;
                continue;
            }
            foreach (var partition in due.GroupBy(e => e.PartitionKey, StringComparer.Ordinal))
            {
                foreach (var chunk in partition.Chunk(TransactionSize.MaxActions))
                {
                    if (timeProvider.GetUtcNow() < ThrottledUntil)
                    {
                        skipped += chunk.Length;
                        continue;
                    }
                    foreach (var state in await DispatchChunkAsync(chunk, cancellationToken))
                    {
                        switch (state)
                        {
                            case OutboxState.Sent: sent++; break;
                            case OutboxState.Failed: failed++; break;
                            case OutboxState.Dead: dead++; break;
                            default: skipped++; break;
                        }
                    }
                }
            }
        }
        return new DispatchResult(sent, failed, dead, skipped);
    }

    private static bool IsDue(OutboxEntry entry, DateTimeOffset now) =>
        entry.State == OutboxState.Sending ? entry.LeaseUntil <= now : entry.NextAttemptAt <= now;

    /// <summary>Claims, sends and marks rows of one partition; returns each row's new state (null: left alone).</summary>
    private async Task<IReadOnlyList<OutboxState?>> DispatchChunkAsync(OutboxEntry[] chunk, CancellationToken cancellationToken)
    {
        var claimedAt = timeProvider.GetUtcNow();
        var claimed = await ClaimAsync(chunk, claimedAt, cancellationToken);
        var outcomes = new OutboxEntry[claimed.Count];
        var attempted = new bool[claimed.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Options.SendParallelism), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, claimed.Count), parallel, async (i, token) =>
        {
            // The lease must cover the send: a row claimed too long ago goes back as it was, unsent, rather than risk
            // a second dispatcher sending it at the same time (a slow, throttled sender gets through part of a chunk).
            var now = timeProvider.GetUtcNow();
            attempted[i] = now < claimedAt + (Options.Lease / 2) && now >= ThrottledUntil;
            outcomes[i] = attempted[i]
                ? await DeliverAsync(claimed[i].Entry, claimed[i].Claimed, token)
                : Queued(claimed[i].Entry, claimed[i].Claimed, Max(ThrottledUntil, claimed[i].Entry.NextAttemptAt));
        });

        var written = await store.MarkAsync(outcomes, cancellationToken);
        var states = new List<OutboxState?>(chunk.Length);
        for (var i = 0; i < claimed.Count; i++)
        {
            var outcome = outcomes[i];
            if (outcome.State == OutboxState.Sent && written.Contains(outcome.Mail.Id))
            {
                logger.LogInformation("Mail {MailId} of kind {MailKind} sent", outcome.Mail.Id, outcome.Kind);
            }
            // A row given back unsent counts as skipped, like one that another dispatcher took.
            states.Add(attempted[i] ? outcome.State : null);
        }
        states.AddRange(Enumerable.Repeat<OutboxState?>(null, chunk.Length - claimed.Count));
        return states;
    }

    /// <summary>Pending (or orphaned sending, or failed and due) to sending with a lease; the rows lost to another dispatcher are left out.</summary>
    private Task<List<(OutboxEntry Entry, OutboxEntry Claimed)>> ClaimAsync(OutboxEntry[] chunk, DateTimeOffset now, CancellationToken cancellationToken) =>
        store.ClaimAsync([.. chunk.Select(entry => (Entry: entry, Claimed: entry with { State = OutboxState.Sending, LeaseUntil = now + Options.Lease, Attempts = entry.Attempts + 1 }))], cancellationToken);

    /// <summary>Sends one claimed row; returns the row as it should be written next (sent, failed or dead).</summary>
    private async Task<OutboxEntry> DeliverAsync(OutboxEntry entry, OutboxEntry claimed, CancellationToken cancellationToken)
    {
        using var activity = Traces.Source.StartActivity("mail send", ActivityKind.Client);
        activity?.SetTag("mail.id", entry.Mail.Id);
        activity?.SetTag("mail.kind", entry.Kind);
        activity?.SetTag("mail.attempt", claimed.Attempts);
        if (entry.BodyUnreadable)
        {
            logger.LogError("Mail {MailId} of kind {MailKind} is dead: its stored body was sealed with another key than {KeySetting}", entry.Mail.Id, entry.Kind, OutboxBodyProtection.KeySetting);
            return Emptied(claimed with { State = OutboxState.Dead, LeaseUntil = null, LastError = $"The stored mail body cannot be opened with the configured {OutboxBodyProtection.KeySetting}." });
        }
        try
        {
            await sender.SendAsync(entry.Mail, cancellationToken);
            CrashPoints.Reached(CrashPoints.MailSent);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            var failure = (ex as MailDeliveryException)?.Failure ?? MailFailure.Transient;
            if (failure == MailFailure.Throttled)
            {
                // Throttling says nothing about the mail: it stays queued, as long as asked, and the attempt does not count.
                var until = timeProvider.GetUtcNow() + Max(((MailDeliveryException)ex).RetryAfter ?? Options.FirstRetryDelay, Options.FirstRetryDelay);
                ThrottleUntil(until);
                logger.LogInformation("Mail {MailId} of kind {MailKind} waits for the send quota until {NextAttemptAt}", entry.Mail.Id, entry.Kind, until);
                return Queued(entry, claimed, until);
            }
            var backoff = Options.FirstRetryDelay * Math.Pow(2, Math.Min(claimed.Attempts - 1, 10));
            var (state, delay) = failure switch
            {
                MailFailure.Permanent => (OutboxState.Dead, TimeSpan.Zero),
                _ => (claimed.Attempts >= Options.MaxAttempts ? OutboxState.Dead : OutboxState.Failed, backoff),
            };
            var failedEntry = claimed with
            {
                State = state,
                NextAttemptAt = timeProvider.GetUtcNow() + delay,
                LeaseUntil = null,
                LastError = Truncate(ex.Message, 500),
            };
            if (state == OutboxState.Dead)
            {
                logger.LogError(ex, "Mail {MailId} of kind {MailKind} is dead after {Attempts} attempts ({Failure}); see GET /api/admin/outbox", entry.Mail.Id, entry.Kind, failedEntry.Attempts, failure);
                // A dead mail is never sent again: its links need not wait in the table.
                return Emptied(failedEntry);
            }
            else
            {
                logger.LogWarning(ex, "Sending mail {MailId} failed on attempt {Attempt} ({Failure}); next try at {NextAttemptAt}", entry.Mail.Id, claimed.Attempts, failure, failedEntry.NextAttemptAt);
            }
            return failedEntry;
        }

        // Personal data in the mail body is no longer needed once it has gone out.
        return Emptied(claimed with
        {
            State = OutboxState.Sent,
            SentAt = timeProvider.GetUtcNow(),
            LeaseUntil = null,
            LastError = null,
        });
    }

    private static OutboxEntry Emptied(OutboxEntry entry) =>
        entry with { Mail = entry.Mail with { PlainText = "", Html = "", Attachments = [] } };

    /// <summary>A claimed row given back unsent and waiting until <paramref name="until"/>, its attempts as before the claim.</summary>
    private static OutboxEntry Queued(OutboxEntry entry, OutboxEntry claimed, DateTimeOffset until) => entry with
    {
        State = entry.State == OutboxState.Failed ? OutboxState.Failed : OutboxState.Pending,
        NextAttemptAt = until,
        LeaseUntil = null,
        Revision = claimed.Revision,
    };

    private DateTimeOffset ThrottledUntil => new(Interlocked.Read(ref throttledUntilTicks), TimeSpan.Zero);

    private void ThrottleUntil(DateTimeOffset until)
    {
        var ticks = until.UtcTicks;
        for (var seen = Interlocked.Read(ref throttledUntilTicks); seen < ticks; seen = Interlocked.Read(ref throttledUntilTicks))
        {
            if (Interlocked.CompareExchange(ref throttledUntilTicks, ticks, seen) == seen)
            {
                return;
            }
        }
    }

    public void Dispose() => gate.Dispose();

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}

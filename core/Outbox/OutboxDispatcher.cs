using System.Diagnostics;
using Azure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VirServerless.Core.Diagnostics;
using VirServerless.Core.Mail;
using VirServerless.Core.Registrations;
using VirServerless.Core.Storage;
using Azure.Data.Tables;

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
    StorageTables tables,
    IMailSender sender,
    IOptions<OutboxOptions> options,
    TimeProvider timeProvider,
    ILogger<OutboxDispatcher> logger) : IDisposable
{

    /// <summary>Rows read per query page; a sweep holds one page (with mail bodies) in memory.</summary>
    private const int PageSize = 200;

    private readonly SemaphoreSlim gate = new(1, 1);

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
        var filter = RegistrationKeys.PrefixFilter(RegistrationKeys.Outbox)
            + " and (State eq 'Pending' or State eq 'Sending' or State eq 'Failed')";
        if (partitionKey is not null)
        {
            filter = TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}") + " and " + filter;
        }

        int sent = 0, failed = 0, dead = 0, skipped = 0;
        // Page by page: a run of ten thousand reminders must not sit in memory at once.
        await foreach (var page in tables.Registrations.QueryAsync<TableEntity>(filter, maxPerPage: PageSize, cancellationToken: cancellationToken).AsPages())
        {
            var now = timeProvider.GetUtcNow();
            var due = page.Values.Select(OutboxEntry.FromEntity).Where(e => IsDue(e, now)).OrderBy(e => e.CreatedAt).ToList();
            foreach (var partition in due.GroupBy(e => e.PartitionKey, StringComparer.Ordinal))
            {
                foreach (var chunk in partition.Chunk(TransactionSize.MaxActions))
                {
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
            attempted[i] = timeProvider.GetUtcNow() < claimedAt + (Options.Lease / 2);
            outcomes[i] = attempted[i]
                ? await DeliverAsync(claimed[i].Entry, claimed[i].Claimed, token)
                : claimed[i].Entry with { ETag = claimed[i].Claimed.ETag };
        });

        var written = await MarkAsync(outcomes, cancellationToken);
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

    /// <summary>
    /// Pending (or orphaned sending, or failed and due) to sending with a lease, all rows in one transaction; when a
    /// row changed since it was read (another dispatcher), each is claimed on its own and the lost ones are left out.
    /// Merge writes only the claim fields, so the transaction stays small whatever the mails weigh.
    /// </summary>
    private async Task<List<(OutboxEntry Entry, OutboxEntry Claimed)>> ClaimAsync(OutboxEntry[] chunk, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var claims = chunk.Select(entry => (Entry: entry, Claimed: entry with { State = OutboxState.Sending, LeaseUntil = now + Options.Lease, Attempts = entry.Attempts + 1 })).ToList();
        if (claims.Count > 1)
        {
            try
            {
                var responses = await tables.Registrations.SubmitTransactionOnceAsync(
                    claims.Select(c => new TableTransactionAction(TableTransactionActionType.UpdateMerge, ClaimFields(c.Claimed), c.Entry.ETag)),
                    cancellationToken);
                return [.. claims.Select((c, i) => (c.Entry, c.Claimed with { ETag = responses.Value[i].Headers.ETag ?? default }))];
            }
            catch (RequestFailedException ex) when (ex.Status is 412 or 404)
            {
                logger.LogDebug("Claiming {Count} outbox rows together lost a race ({Status}); claiming one by one", claims.Count, ex.Status);
            }
        }

        var won = new List<(OutboxEntry Entry, OutboxEntry Claimed)>(claims.Count);
        foreach (var (entry, claimed) in claims)
        {
            try
            {
                var response = await tables.Registrations.UpdateEntityOnceAsync(ClaimFields(claimed), entry.ETag, TableUpdateMode.Merge, cancellationToken);
                won.Add((entry, claimed with { ETag = response.Headers.ETag ?? default }));
            }
            catch (RequestFailedException ex) when (ex.Status is 412 or 404)
            {
                // another dispatcher took it
            }
        }
        return won;
    }

    private static TableEntity ClaimFields(OutboxEntry claimed) => new(claimed.PartitionKey, OutboxEntry.RowKeyFor(claimed.Mail.Id))
    {
        ["State"] = claimed.State.ToString(),
        ["LeaseUntil"] = claimed.LeaseUntil,
        ["Attempts"] = claimed.Attempts,
    };

    /// <summary>Sends one claimed row; returns the row as it should be written next (sent, failed or dead).</summary>
    private async Task<OutboxEntry> DeliverAsync(OutboxEntry entry, OutboxEntry claimed, CancellationToken cancellationToken)
    {
        using var activity = Traces.Source.StartActivity("mail send", ActivityKind.Client);
        activity?.SetTag("mail.id", entry.Mail.Id);
        activity?.SetTag("mail.kind", entry.Kind);
        activity?.SetTag("mail.attempt", claimed.Attempts);
        try
        {
            await sender.SendAsync(entry.Mail, cancellationToken);
            CrashPoints.Reached(CrashPoints.MailSent);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            var failure = (ex as MailDeliveryException)?.Failure ?? MailFailure.Transient;
            var backoff = Options.FirstRetryDelay * Math.Pow(2, Math.Min(claimed.Attempts - 1, 10));
            var (state, delay) = failure switch
            {
                MailFailure.Permanent => (OutboxState.Dead, TimeSpan.Zero),
                // Throttling says nothing about the mail: wait as long as asked and do not count it towards dead.
                MailFailure.Throttled => (OutboxState.Failed, Max(((MailDeliveryException)ex).RetryAfter ?? Options.FirstRetryDelay, Options.FirstRetryDelay)),
                _ => (claimed.Attempts >= Options.MaxAttempts ? OutboxState.Dead : OutboxState.Failed, backoff),
            };
            var failedEntry = claimed with
            {
                State = state,
                Attempts = failure == MailFailure.Throttled ? entry.Attempts : claimed.Attempts,
                NextAttemptAt = timeProvider.GetUtcNow() + delay,
                LeaseUntil = null,
                LastError = Truncate(ex.Message, 500),
            };
            if (state == OutboxState.Dead)
            {
                logger.LogError(ex, "Mail {MailId} of kind {MailKind} is dead after {Attempts} attempts ({Failure}); see GET /api/admin/outbox", entry.Mail.Id, entry.Kind, failedEntry.Attempts, failure);
            }
            else
            {
                logger.LogWarning(ex, "Sending mail {MailId} failed on attempt {Attempt} ({Failure}); next try at {NextAttemptAt}", entry.Mail.Id, claimed.Attempts, failure, failedEntry.NextAttemptAt);
            }
            return failedEntry;
        }

        // Personal data in the mail body is no longer needed once it has gone out.
        return claimed with
        {
            State = OutboxState.Sent,
            SentAt = timeProvider.GetUtcNow(),
            LeaseUntil = null,
            LastError = null,
            Mail = claimed.Mail with { PlainText = "", Html = "", Attachments = [] },
        };
    }

    /// <summary>
    /// Writes the outcomes (replace with the claim's ETag), packed into transactions; a transaction that loses a race
    /// is written row by row. Returns the mail ids whose outcome was written.
    /// </summary>
    private async Task<HashSet<string>> MarkAsync(OutboxEntry[] outcomes, CancellationToken cancellationToken)
    {
        var written = new HashSet<string>(StringComparer.Ordinal);
        var batch = new List<TableTransactionAction>();
        var batchBytes = 0;
        foreach (var outcome in outcomes)
        {
            var entity = outcome.ToEntity();
            var bytes = TransactionSize.Estimate(entity);
            if (batch.Count > 0 && (batch.Count >= TransactionSize.MaxActions || batchBytes + bytes > TransactionSize.Budget))
            {
                await MarkBatchAsync(batch, written, cancellationToken);
                (batch, batchBytes) = ([], 0);
            }
            batch.Add(new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, outcome.ETag));
            batchBytes += bytes;
        }
        if (batch.Count > 0)
        {
            await MarkBatchAsync(batch, written, cancellationToken);
        }
        return written;
    }

    private async Task MarkBatchAsync(List<TableTransactionAction> batch, HashSet<string> written, CancellationToken cancellationToken)
    {
        if (batch.Count > 1)
        {
            try
            {
                await tables.Registrations.SubmitTransactionOnceAsync(batch, cancellationToken);
                written.UnionWith(batch.Select(a => MailIdOf(a.Entity)));
                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 412 or 404)
            {
                logger.LogDebug("Marking {Count} outbox rows together lost a race ({Status}); marking one by one", batch.Count, ex.Status);
            }
        }

        foreach (var action in batch)
        {
            try
            {
                await tables.Registrations.UpdateEntityOnceAsync((TableEntity)action.Entity, action.ETag, TableUpdateMode.Replace, cancellationToken);
                written.Add(MailIdOf(action.Entity));
            }
            catch (RequestFailedException ex) when (ex.Status is 412 or 404)
            {
                logger.LogWarning("Outbox row {MailId} changed while sending; leaving it to the next sweep", MailIdOf(action.Entity));
            }
        }
    }

    private static string MailIdOf(ITableEntity entity) => entity.RowKey[RegistrationKeys.Outbox.Length..];

    public void Dispose() => gate.Dispose();

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}

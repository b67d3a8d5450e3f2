using System.Diagnostics;
using Azure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VirServerless.Core.Diagnostics;
using VirServerless.Core.Mail;
using VirServerless.Core.Registrations;
using VirServerless.Core.Storage;
using VirServerless.Core.Storage.Tables;

namespace VirServerless.Core.Outbox;

public sealed record DispatchResult(int Sent, int Failed, int Dead, int Skipped);

/// <summary>
/// Sends outbox rows: claim with an ETag (pending to sending, with a lease), send, mark sent.
/// A crash after sending but before marking leaves a sending row whose lease runs out; it is sent again with the
/// same mail id, which the senders treat idempotently (same pickup file name, same ACS Operation-Id).
/// </summary>
public sealed class OutboxDispatcher(
    StorageTables tables,
    IMailSender sender,
    IOptions<OutboxOptions> options,
    TimeProvider timeProvider,
    ILogger<OutboxDispatcher> logger) : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);

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
        var now = timeProvider.GetUtcNow();
        var filter = RegistrationKeys.PrefixFilter(RegistrationKeys.Outbox)
            + " and (State eq 'Pending' or State eq 'Sending' or State eq 'Failed')";
        if (partitionKey is not null)
        {
            filter = TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}") + " and " + filter;
        }

        var due = new List<OutboxEntry>();
        await foreach (var entity in tables.Registrations.QueryAsync(filter, cancellationToken: cancellationToken))
        {
            var entry = OutboxEntry.FromEntity(entity);
            var isDue = entry.State == OutboxState.Sending ? entry.LeaseUntil <= now : entry.NextAttemptAt <= now;
            if (isDue)
            {
                due.Add(entry);
            }
        }

        int sent = 0, failed = 0, dead = 0, skipped = 0;
        foreach (var entry in due.OrderBy(e => e.CreatedAt))
        {
            switch (await SendOneAsync(entry, cancellationToken))
            {
                case OutboxState.Sent: sent++; break;
                case OutboxState.Failed: failed++; break;
                case OutboxState.Dead: dead++; break;
                default: skipped++; break;
            }
        }
        return new DispatchResult(sent, failed, dead, skipped);
    }

    private async Task<OutboxState?> SendOneAsync(OutboxEntry entry, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var claimed = entry with { State = OutboxState.Sending, LeaseUntil = now + options.Value.Lease, Attempts = entry.Attempts + 1 };
        try
        {
            var response = await tables.Registrations.UpdateEntityAsync(claimed.ToEntity(), entry.ETag, TableUpdateMode.Replace, cancellationToken);
            claimed = claimed with { ETag = response.Headers.ETag ?? default };
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return null; // another dispatcher took it
        }

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
            var backoff = options.Value.FirstRetryDelay * Math.Pow(2, Math.Min(claimed.Attempts - 1, 10));
            var (state, delay) = failure switch
            {
                MailFailure.Permanent => (OutboxState.Dead, TimeSpan.Zero),
                // Throttling says nothing about the mail: wait as long as asked and do not count it towards dead.
                MailFailure.Throttled => (OutboxState.Failed, Max(((MailDeliveryException)ex).RetryAfter ?? options.Value.FirstRetryDelay, options.Value.FirstRetryDelay)),
                _ => (claimed.Attempts >= options.Value.MaxAttempts ? OutboxState.Dead : OutboxState.Failed, backoff),
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
            await TryReplaceAsync(failedEntry, cancellationToken);
            return failedEntry.State;
        }

        // Personal data in the mail body is no longer needed once it has gone out.
        var sentEntry = claimed with
        {
            State = OutboxState.Sent,
            SentAt = timeProvider.GetUtcNow(),
            LeaseUntil = null,
            LastError = null,
            Mail = claimed.Mail with { PlainText = "", Html = "", Attachments = [] },
        };
        await TryReplaceAsync(sentEntry, cancellationToken);
        logger.LogInformation("Mail {MailId} of kind {MailKind} sent", entry.Mail.Id, entry.Kind);
        return OutboxState.Sent;
    }

    private async Task TryReplaceAsync(OutboxEntry entry, CancellationToken cancellationToken)
    {
        try
        {
            await tables.Registrations.UpdateEntityAsync(entry.ToEntity(), entry.ETag, TableUpdateMode.Replace, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            logger.LogWarning("Outbox row {MailId} changed while sending; leaving it to the next sweep", entry.Mail.Id);
        }
    }

    public void Dispose() => gate.Dispose();

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}

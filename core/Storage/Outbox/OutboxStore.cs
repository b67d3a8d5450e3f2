using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using VirServerless.Core.Outbox;
using VirServerless.Core.Registrations;

namespace VirServerless.Core.Storage.Outbox;

/// <summary>One row of the organisers' overview of failed and dead mails; never the mail itself.</summary>
public sealed record OutboxStatus(
    string MailId, string EventId, string? RegistrationId, string Kind, OutboxState State, int Attempts,
    DateTimeOffset CreatedAt, DateTimeOffset NextAttemptAt, string? LastError);

/// <summary>
/// The outbox rows in the Registrations table (written together with the change that caused them, see
/// <see cref="Registrations.RegistrationStore"/>): reading due rows, claiming them with their ETags, writing outcomes.
/// </summary>
public sealed class OutboxStore(StorageTables tables, OutboxBodyProtection protection, ILogger<OutboxStore> logger)
{
    private TableClient Table => tables.Registrations;

    /// <summary>Rows that may be due (pending, sending, failed), page by page, of one partition or all.</summary>
    public async IAsyncEnumerable<IReadOnlyList<OutboxEntry>> OpenPagesAsync(string? partitionKey, int pageSize, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var filter = RegistrationKeys.PrefixFilter(RegistrationKeys.Outbox)
            + " and (State eq 'Pending' or State eq 'Sending' or State eq 'Failed')";
        if (partitionKey is not null)
        {
            filter = TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}") + " and " + filter;
        }
        await foreach (var page in Table.QueryAsync<TableEntity>(filter, maxPerPage: pageSize, cancellationToken: cancellationToken).AsPages())
        {
            yield return [.. page.Values.Select(entity => OutboxRows.FromEntity(entity, protection))];
        }
    }

    /// <summary>The rows of one event (or of one registration in it).</summary>
    public async Task<IReadOnlyList<OutboxEntry>> ListAsync(string eventId, string? registrationId = null, CancellationToken cancellationToken = default)
    {
        var filter = (registrationId is null
                ? TableClient.CreateQueryFilter($"PartitionKey eq {eventId}")
                : TableClient.CreateQueryFilter($"PartitionKey eq {eventId} and RegistrationId eq {registrationId}"))
            + " and " + RegistrationKeys.PrefixFilter(RegistrationKeys.Outbox);
        var result = new List<OutboxEntry>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            result.Add(OutboxRows.FromEntity(entity, protection));
        }
        return result;
    }

    public async Task<bool> ExistsAsync(string eventId, string mailId, CancellationToken cancellationToken = default) =>
        (await Table.GetEntityIfExistsAsync<TableEntity>(eventId, OutboxEntry.RowKeyFor(mailId), [TableWrites.StampProperty], cancellationToken)).HasValue;

    /// <summary>Every row's state (without the mail), over all events.</summary>
    public async Task<IReadOnlyList<OutboxStatus>> StatusesAsync(CancellationToken cancellationToken = default)
    {
        var result = new List<OutboxStatus>();
        await foreach (var row in Table.QueryAsync<TableEntity>(RegistrationKeys.PrefixFilter(RegistrationKeys.Outbox), select: StatusColumns, cancellationToken: cancellationToken))
        {
            result.Add(new OutboxStatus(
                row.RowKey[RegistrationKeys.Outbox.Length..], row.PartitionKey, row.GetString("RegistrationId"), row.GetString("Kind") ?? "",
                Enum.TryParse<OutboxState>(row.GetString("State"), out var state) ? state : OutboxState.Pending, row.GetInt32("Attempts") ?? 0,
                row.GetDateTimeOffset("CreatedAt") ?? default, row.GetDateTimeOffset("NextAttemptAt") ?? default, row.GetString("LastError")));
        }
        return result;
    }

    private static readonly string[] StatusColumns = ["PartitionKey", "RowKey", "State", "Kind", "RegistrationId", "Attempts", "CreatedAt", "NextAttemptAt", "LastError"];

    /// <summary>Adds a row on its own; false when a row with this mail id exists already.</summary>
    public async Task<bool> TryAddAsync(OutboxEntry entry, CancellationToken cancellationToken = default)
    {
        try
        {
            await Table.AddEntityOnceAsync(OutboxRows.ToEntity(entry, protection), cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    /// <summary>
    /// Writes the claims (state, lease, attempts only: merge keeps the transaction small whatever the mails weigh),
    /// guarded by each entry's revision: all in one transaction, and when a row changed since it was read (another
    /// dispatcher), each on its own. Returns the claims won, with their new revisions.
    /// </summary>
    public async Task<List<(OutboxEntry Entry, OutboxEntry Claimed)>> ClaimAsync(IReadOnlyList<(OutboxEntry Entry, OutboxEntry Claimed)> claims, CancellationToken cancellationToken = default)
    {
        if (claims.Count > 1)
        {
            try
            {
                var responses = await Table.SubmitTransactionOnceAsync(
                    claims.Select(c => new TableTransactionAction(TableTransactionActionType.UpdateMerge, ClaimFields(c.Claimed), Revisions.ToETag(c.Entry.Revision))),
                    cancellationToken);
                return [.. claims.Select((c, i) => (c.Entry, c.Claimed with { Revision = Revisions.Of(responses.Value[i]) }))];
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
                var response = await Table.UpdateEntityOnceAsync(ClaimFields(claimed), Revisions.ToETag(entry.Revision), TableUpdateMode.Merge, cancellationToken);
                won.Add((entry, claimed with { Revision = Revisions.Of(response) }));
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

    /// <summary>
    /// Writes the outcomes (replace, guarded by the claim's revision), packed into transactions; a transaction that
    /// loses a race is written row by row. Returns the mail ids whose outcome was written.
    /// </summary>
    public async Task<HashSet<string>> MarkAsync(IReadOnlyList<OutboxEntry> outcomes, CancellationToken cancellationToken = default)
    {
        var written = new HashSet<string>(StringComparer.Ordinal);
        var batch = new List<TableTransactionAction>();
        var batchBytes = 0;
        foreach (var outcome in outcomes)
        {
            var entity = OutboxRows.ToEntity(outcome, protection);
            var bytes = TransactionSize.Estimate(entity);
            if (batch.Count > 0 && (batch.Count >= TransactionSize.MaxActions || batchBytes + bytes > TransactionSize.Budget))
            {
                await MarkBatchAsync(batch, written, cancellationToken);
                (batch, batchBytes) = ([], 0);
            }
            batch.Add(new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, entity.ETag));
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
                await Table.SubmitTransactionOnceAsync(batch, cancellationToken);
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
                await Table.UpdateEntityOnceAsync((TableEntity)action.Entity, action.ETag, TableUpdateMode.Replace, cancellationToken);
                written.Add(MailIdOf(action.Entity));
            }
            catch (RequestFailedException ex) when (ex.Status is 412 or 404)
            {
                logger.LogWarning("Outbox row {MailId} changed while sending; leaving it to the next sweep", MailIdOf(action.Entity));
            }
        }
    }

    /// <summary>Empties a sent row's address and body (guarded by its revision); false when it changed meanwhile.</summary>
    public async Task<bool> TryStripAsync(OutboxEntry mail, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var stripped = new TableEntity(mail.PartitionKey, OutboxEntry.RowKeyFor(mail.Mail.Id)) { ["ToAddress"] = "", ["ToName"] = "", ["PlainText"] = "", ["Html"] = "", ["Attachments"] = "[]" };
        try
        {
            await Table.UpdateEntityOnceAsync(stripped, Revisions.ToETag(mail.Revision), TableUpdateMode.Merge, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 409 or 412)
        {
            return false;
        }
    }

    private static string MailIdOf(ITableEntity entity) => entity.RowKey[RegistrationKeys.Outbox.Length..];
}

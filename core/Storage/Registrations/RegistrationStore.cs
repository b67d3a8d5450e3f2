using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VirServerless.Core.Outbox;
using VirServerless.Core.Registrations;
using VirServerless.Core.Reminders;
using VirServerless.Core.Storage.Outbox;

namespace VirServerless.Core.Storage.Registrations;

public sealed class RegistrationStoreOptions
{
    public const string UnguardedSeatCountersSetting = "Testing:UnguardedSeatCounters";

    /// <summary>
    /// Testing only (setting <see cref="UnguardedSeatCountersSetting"/>): seat counters are written without their ETag, so
    /// concurrent confirmations overwrite each other's counts. The concurrency test's negative control sets it to show
    /// that its load overbooks without the guard.
    /// </summary>
    public bool UnguardedSeatCounters { get; set; }
}

/// <summary>Rows of one event's partition, as the purge sees them.</summary>
public sealed record EventRows(IReadOnlyList<Registration> Registrations, IReadOnlyList<IndexRow> IndexRows, IReadOnlyList<OutboxEntry> Mails);

/// <summary>A row that only points at a registration (or holds a run's bookkeeping): index, token batch, reminder job.</summary>
public sealed record IndexRow(string EventId, string RowKey, string? RegistrationId);

/// <summary>
/// Registrations with their seat counters and index rows in the Registrations table, one partition per event (layout
/// in <see cref="RegistrationKeys"/>). Every change of several rows is one entity group transaction.
/// </summary>
public sealed class RegistrationStore(StorageTables tables, IOptions<RegistrationStoreOptions> options, OutboxBodyProtection protection, ILogger<RegistrationStore> logger)
{
    private TableClient Table => tables.Registrations;

    public async Task<Registration?> GetAsync(string eventId, string registrationId, CancellationToken cancellationToken = default)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(eventId, Registration.RowKeyFor(registrationId), cancellationToken: cancellationToken);
        return response.HasValue ? RegistrationRows.FromEntity(response.Value!) : null;
    }

    public async Task<IReadOnlyList<Registration>> ListAsync(string eventId, CancellationToken cancellationToken = default)
    {
        var result = new List<Registration>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(PrefixOf(eventId, RegistrationKeys.Registration), cancellationToken: cancellationToken))
        {
            result.Add(RegistrationRows.FromEntity(entity));
        }
        return result;
    }

    /// <summary>The registration an index row (<c>email|…</c>, <c>confirm|…</c>, <c>manage|…</c>, <c>checkin|…</c>) points at, or null.</summary>
    public async Task<string?> FindIdAsync(string eventId, string indexRowKey, CancellationToken cancellationToken = default)
    {
        var index = await Table.GetEntityIfExistsAsync<TableEntity>(eventId, indexRowKey, cancellationToken: cancellationToken);
        return index.HasValue ? index.Value!.GetString("RegistrationId") : null;
    }

    /// <summary>Every counter of the event: the event's, each session's and each organisation's.</summary>
    public async Task<SeatCounters> ReadSeatsAsync(string eventId, CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {eventId}")
            + $" and ((RowKey ge 'seats' and RowKey lt 'seats}}') or ({RegistrationKeys.PrefixFilter(RegistrationKeys.OrganizationSeats)}))";
        var counters = new List<SeatCounters.Counter>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            counters.Add(ToCounter(entity));
        }
        return SeatCounters.From(eventId, counters);
    }

    /// <summary>
    /// The event counter and the counters of <paramref name="sessionIds"/> and <paramref name="organizationKeys"/>, as
    /// point reads sent together: one decision needs only these few rows, and a query would scan the partition.
    /// </summary>
    public async Task<SeatCounters> ReadSeatsAsync(string eventId, IEnumerable<string> sessionIds, IEnumerable<string> organizationKeys, CancellationToken cancellationToken = default)
    {
        var rowKeys = sessionIds.Select(id => RegistrationKeys.SessionSeats + id)
            .Concat(organizationKeys.Select(key => RegistrationKeys.OrganizationSeats + key))
            .Prepend(RegistrationKeys.Seats)
            .Distinct(StringComparer.Ordinal);
        var rows = await Task.WhenAll(rowKeys.Select(rowKey => Table.GetEntityIfExistsAsync<TableEntity>(eventId, rowKey, cancellationToken: cancellationToken)));
        return SeatCounters.From(eventId, rows.Where(row => row.HasValue).Select(row => ToCounter(row.Value!)));
    }

    private static SeatCounters.Counter ToCounter(TableEntity entity) =>
        new(entity.RowKey, entity.GetInt32("Count") ?? 0, Revisions.Of(entity.ETag));

    public async Task<ReminderTokenBatch?> GetTokenBatchAsync(string eventId, string batchId, CancellationToken cancellationToken = default)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(eventId, RegistrationKeys.ReminderTokens + batchId, cancellationToken: cancellationToken);
        return row.HasValue ? ReminderTokenRows.FromEntity(row.Value!) : null;
    }

    public async Task<IReadOnlyList<ReminderTokenBatch>> ListTokenBatchesAsync(string eventId, CancellationToken cancellationToken = default)
    {
        var result = new List<ReminderTokenBatch>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(PrefixOf(eventId, RegistrationKeys.ReminderTokens), cancellationToken: cancellationToken))
        {
            result.Add(ReminderTokenRows.FromEntity(entity));
        }
        return result;
    }

    /// <summary>Every registration, index and mail row of the event.</summary>
    public async Task<EventRows> ReadAllAsync(string eventId, CancellationToken cancellationToken = default)
    {
        var (registrations, indexRows, mails) = (new List<Registration>(), new List<IndexRow>(), new List<OutboxEntry>());
        await foreach (var entity in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {eventId}"), cancellationToken: cancellationToken))
        {
            var key = entity.RowKey;
            if (key.StartsWith(RegistrationKeys.Registration, StringComparison.Ordinal))
            {
                registrations.Add(RegistrationRows.FromEntity(entity));
            }
            else if (key.StartsWith(RegistrationKeys.Outbox, StringComparison.Ordinal))
            {
                mails.Add(OutboxRows.FromEntity(entity, protection));
            }
            else if (key.StartsWith(RegistrationKeys.Email, StringComparison.Ordinal) || key.StartsWith(RegistrationKeys.ConfirmToken, StringComparison.Ordinal)
                     || key.StartsWith(RegistrationKeys.ManageToken, StringComparison.Ordinal) || key.StartsWith(RegistrationKeys.CheckInCode, StringComparison.Ordinal)
                     || key.StartsWith(RegistrationKeys.ReminderTokens, StringComparison.Ordinal) || key.StartsWith(RegistrationKeys.ReminderJob, StringComparison.Ordinal))
            {
                indexRows.Add(new IndexRow(eventId, key, entity.GetString("RegistrationId")));
            }
        }
        return new EventRows(registrations, indexRows, mails);
    }

    /// <summary>
    /// Writes the changes as one transaction (at most 100, one partition). False when a concurrent writer won (412), a
    /// row appeared meanwhile (409) or one vanished (404): nothing was written, the caller reads again and decides anew.
    /// </summary>
    public async Task<bool> TrySubmitAsync(IEnumerable<RegistrationChange> changes, CancellationToken cancellationToken = default)
    {
        try
        {
            await Table.SubmitTransactionOnceAsync([.. changes.Select(ToAction)], cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 409 or 404)
        {
            logger.LogDebug("Transaction lost a race with status {Status} ({ErrorCode})", ex.Status, ex.ErrorCode);
            return false;
        }
    }

    /// <summary>Deletes one row whatever its revision; false when it was gone already.</summary>
    public async Task<bool> TryDeleteRowAsync(string eventId, string rowKey, CancellationToken cancellationToken = default)
    {
        var response = await Table.DeleteEntityAsync(eventId, rowKey, ETag.All, cancellationToken);
        return response.Status != 404;
    }

    private TableTransactionAction ToAction(RegistrationChange change) => change switch
    {
        RegistrationChange.Insert(var registration) => new(TableTransactionActionType.Add, RegistrationRows.ToEntity(registration)),
        RegistrationChange.Replace(var registration) => Guarded(TableTransactionActionType.UpdateReplace, RegistrationRows.ToEntity(registration)),
        RegistrationChange.Delete(var registration) => Guarded(TableTransactionActionType.Delete, RegistrationRows.ToEntity(registration)),
        RegistrationChange.AddIndex(var eventId, var rowKey, var registrationId) =>
            new(TableTransactionActionType.Add, new TableEntity(eventId, rowKey) { ["RegistrationId"] = registrationId }),
        RegistrationChange.DeleteRow(var eventId, var rowKey) => new(TableTransactionActionType.Delete, new TableEntity(eventId, rowKey), ETag.All),
        RegistrationChange.SetCounter(var eventId, var counter) => CounterAction(eventId, counter),
        RegistrationChange.AddMail(var entry) => new(TableTransactionActionType.Add, OutboxRows.ToEntity(entry, protection)),
        _ => throw new ArgumentOutOfRangeException(nameof(change), change, "Unknown registration change."),
    };

    private static TableTransactionAction Guarded(TableTransactionActionType type, TableEntity entity) =>
        new(type, entity, entity.ETag == default ? ETag.All : entity.ETag);

    private TableTransactionAction CounterAction(string eventId, SeatCounters.Counter counter)
    {
        var entity = new TableEntity(eventId, counter.RowKey) { ["Count"] = counter.Count };
        if (options.Value.UnguardedSeatCounters)
        {
            return new(TableTransactionActionType.UpsertReplace, entity);
        }
        return counter.Revision is null
            ? new(TableTransactionActionType.Add, entity)
            : new(TableTransactionActionType.UpdateReplace, entity, Revisions.ToETag(counter.Revision));
    }

    private static string PrefixOf(string eventId, string prefix) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {eventId}") + " and " + RegistrationKeys.PrefixFilter(prefix);
}

using VirServerless.Core.Events;
using Azure.Data.Tables;

namespace VirServerless.Core.Registrations;

/// <summary>
/// The seat counters of one event as read at one moment, each with its ETag. Writing a changed counter back with
/// that ETag inside the same transaction as the registration is what prevents overbooking.
/// </summary>
public sealed class SeatCounters
{
    private readonly Dictionary<string, TableEntity> rows = new(StringComparer.Ordinal);
    private readonly HashSet<string> changed = new(StringComparer.Ordinal);

    public string EventId { get; }

    private SeatCounters(string eventId) => EventId = eventId;

    public static async Task<SeatCounters> ReadAsync(TableClient table, string eventId, CancellationToken cancellationToken)
    {
        var counters = new SeatCounters(eventId);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {eventId}") + " and "
            + "((RowKey ge 'seats' and RowKey lt 'seats}') or " + RegistrationKeys.PrefixFilter(RegistrationKeys.OrganizationSeats) + ")";
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            counters.rows[entity.RowKey] = entity;
        }
        return counters;
    }

    public int EventConfirmed => Get(RegistrationKeys.Seats);

    public int SessionBooked(string sessionId) => Get(RegistrationKeys.SessionSeats + sessionId);

    public int OrganizationConfirmed(string organizationKey) => Get(RegistrationKeys.OrganizationSeats + organizationKey);

    public static int? Free(int? capacity, int used) => capacity is { } c ? Math.Max(0, c - used) : null;

    public int? EventFree(CatalogEvent ev) => Free(ev.Registration?.Capacity, EventConfirmed);

    public int? SessionFree(Session session) => Free(session.Capacity, SessionBooked(session.Id));

    public bool EventHasSeatFor(CatalogEvent ev, string organizationKey) =>
        EventFree(ev) is null or > 0
        && (ev.Registration?.MaxPerOrganization is not { } max || OrganizationConfirmed(organizationKey) < max);

    public void ChangeEvent(int delta) => Change(RegistrationKeys.Seats, delta);

    public void ChangeSession(string sessionId, int delta) => Change(RegistrationKeys.SessionSeats + sessionId, delta);

    public void ChangeOrganization(string organizationKey, int delta) => Change(RegistrationKeys.OrganizationSeats + organizationKey, delta);

    /// <summary>Transaction actions for every counter changed since reading: guarded updates, or adds for new rows.</summary>
    public IEnumerable<TableTransactionAction> Actions() => changed.Select(rowKey =>
    {
        var entity = rows[rowKey];
        return entity.ETag == default
            ? new TableTransactionAction(TableTransactionActionType.Add, entity)
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, entity.ETag);
    });

    private int Get(string rowKey) => rows.TryGetValue(rowKey, out var row) ? row.GetInt32("Count") ?? 0 : 0;

    private void Change(string rowKey, int delta)
    {
        if (!rows.TryGetValue(rowKey, out var row))
        {
            row = new TableEntity(EventId, rowKey) { ["Count"] = 0 };
            rows[rowKey] = row;
        }
        row["Count"] = Math.Max(0, (row.GetInt32("Count") ?? 0) + delta);
        changed.Add(rowKey);
    }
}

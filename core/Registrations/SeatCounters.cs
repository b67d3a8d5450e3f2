using VirServerless.Core.Events;

namespace VirServerless.Core.Registrations;

/// <summary>
/// The seat counters of one event as read at one moment, each with its revision. Writing a changed counter back
/// guarded by that revision inside the same transaction as the registration is what prevents overbooking.
/// </summary>
public sealed class SeatCounters
{
    private readonly Dictionary<string, Counter> rows = new(StringComparer.Ordinal);
    private readonly HashSet<string> changed = new(StringComparer.Ordinal);

    public string EventId { get; }

    private SeatCounters(string eventId) => EventId = eventId;

    /// <summary>One counter row: its row key (<see cref="RegistrationKeys.Seats"/>…), count and revision (null: not stored yet).</summary>
    public sealed record Counter(string RowKey, int Count, string? Revision);

    public static SeatCounters From(string eventId, IEnumerable<Counter> stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var counters = new SeatCounters(eventId);
        foreach (var counter in stored)
        {
            counters.rows[counter.RowKey] = counter;
        }
        return counters;
    }

    public int EventConfirmed => Get(RegistrationKeys.Seats);

    public int SessionBooked(string sessionId) => Get(RegistrationKeys.SessionSeats + sessionId);

    public int OrganizationConfirmed(string organizationKey) => Get(RegistrationKeys.OrganizationSeats + organizationKey);

    public static int? Free(int? capacity, int used) => capacity is { } c ? Math.Max(0, c - used) : null;

    public int? EventFree(CatalogEvent ev) => Free(ev.Registration?.Capacity, EventConfirmed);

    public int? SessionFree(Session session) => Free(session.Capacity, SessionBooked(session.Id));

    /// <summary>The counts as the seat rules read them.</summary>
    public SeatCounts Counts => new(
        EventConfirmed,
        CountsOf(RegistrationKeys.SessionSeats),
        CountsOf(RegistrationKeys.OrganizationSeats));

    /// <summary>Applies a decision's seat changes to the counter rows; <see cref="Changed"/> then lists them for writing.</summary>
    public void Apply(IEnumerable<SeatDelta> deltas)
    {
        ArgumentNullException.ThrowIfNull(deltas);
        foreach (var delta in deltas)
        {
            Change(delta.Pool switch
            {
                SeatPool.Event => RegistrationKeys.Seats,
                SeatPool.Session => RegistrationKeys.SessionSeats + delta.Key,
                _ => RegistrationKeys.OrganizationSeats + delta.Key,
            }, delta.Delta);
        }
    }

    /// <summary>Every counter changed since reading, with the revision it was read at.</summary>
    public IEnumerable<Counter> Changed() => changed.Select(rowKey => rows[rowKey]);

    private Dictionary<string, int> CountsOf(string prefix) =>
        rows.Values.Where(r => r.RowKey.StartsWith(prefix, StringComparison.Ordinal))
            .ToDictionary(r => r.RowKey[prefix.Length..], r => r.Count, StringComparer.Ordinal);

    private int Get(string rowKey) => rows.TryGetValue(rowKey, out var row) ? row.Count : 0;

    private void Change(string rowKey, int delta)
    {
        var row = rows.GetValueOrDefault(rowKey) ?? new Counter(rowKey, 0, null);
        rows[rowKey] = row with { Count = Math.Max(0, row.Count + delta) };
        changed.Add(rowKey);
    }
}

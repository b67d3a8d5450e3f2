using VirServerless.Core.Outbox;
using VirServerless.Core.Registrations;

namespace VirServerless.Core.Storage.Registrations;

/// <summary>
/// One row change in an event's partition. <see cref="RegistrationStore.TrySubmitAsync"/> writes a list of them as
/// one transaction: all or nothing, every guarded change checked against the revision it was read at.
/// </summary>
public abstract record RegistrationChange
{
    private RegistrationChange()
    {
    }

    /// <summary>A new registration; fails when its row exists.</summary>
    public sealed record Insert(Registration Registration) : RegistrationChange;

    /// <summary>Replaces a registration, guarded by its revision.</summary>
    public sealed record Replace(Registration Registration) : RegistrationChange;

    /// <summary>Deletes a registration, guarded by its revision.</summary>
    public sealed record Delete(Registration Registration) : RegistrationChange;

    /// <summary>A new index row (<c>email|</c>, <c>confirm|</c>, <c>manage|</c>, <c>checkin|</c>) pointing at a registration; fails when it exists.</summary>
    public sealed record AddIndex(string EventId, string RowKey, string RegistrationId) : RegistrationChange;

    /// <summary>Deletes any row of the partition (index or mail row), whatever its revision.</summary>
    public sealed record DeleteRow(string EventId, string RowKey) : RegistrationChange;

    /// <summary>Writes a seat counter, guarded by the revision it was read at (a new counter: fails when it exists).</summary>
    public sealed record SetCounter(string EventId, SeatCounters.Counter Counter) : RegistrationChange;

    /// <summary>A mail to send, committed with the change that caused it; fails when the mail id exists.</summary>
    public sealed record AddMail(OutboxEntry Entry) : RegistrationChange;

    /// <summary>The writes of every counter changed since they were read.</summary>
    public static IEnumerable<RegistrationChange> Counters(SeatCounters seats)
    {
        ArgumentNullException.ThrowIfNull(seats);
        return seats.Changed().Select(counter => new SetCounter(seats.EventId, counter));
    }
}

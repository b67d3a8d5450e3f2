using VirServerless.Core.Events;
using VirServerless.Core.Registrations;

namespace VirServerless.Core.Reminders;

/// <summary>Decides which reminder of an event is due; plain values in, plain values out, time from the given clock.</summary>
public sealed class ReminderPlan(TimeProvider timeProvider)
{
    public static IReadOnlyList<string> DefaultOffsets { get; } = ["P7D", "P1D"];

    /// <summary>
    /// When a reminder <paramref name="before"/> the start is due. Whole days are calendar days in Europe/Berlin
    /// ("P1D" before 10:00 is 10:00 the day before, also across a daylight-saving change); hours, minutes and seconds
    /// are exact. A local time that does not exist (the spring gap) moves one hour later; an ambiguous one (autumn)
    /// takes the earlier instant.
    /// </summary>
    public static DateTimeOffset DueAt(DateTimeOffset start, TimeSpan before)
    {
        var days = before.Days;
        var rest = before - TimeSpan.FromDays(days);
        var local = BerlinTime.ToBerlin(start).DateTime.AddDays(-days);
        var zone = BerlinTime.Zone;
        if (zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset) - rest;
    }

    /// <summary>
    /// The offset a reminder run works on now: the latest one that is due. Earlier due offsets are superseded by it, so a
    /// late run never sends a burst; whoever got their seat after its due time gets no reminder for it (the run checks).
    /// </summary>
    /// <param name="eventStart">Start of the event.</param>
    /// <param name="offsets">The event's <c>reminders</c>; null means <see cref="DefaultOffsets"/>. Unparseable entries are ignored.</param>
    public DueReminder? LatestDue(DateTimeOffset eventStart, IReadOnlyList<string>? offsets)
    {
        var now = timeProvider.GetUtcNow();
        if (now >= eventStart)
        {
            return null;
        }
        DueReminder? latest = null;
        foreach (var offset in offsets ?? DefaultOffsets)
        {
            if (!IsoDuration.TryParse(offset, out var before) || before <= TimeSpan.Zero)
            {
                continue;
            }
            var dueAt = DueAt(eventStart, before);
            if (dueAt <= now && (latest is null || dueAt > latest.DueAt))
            {
                latest = new DueReminder(offset, dueAt);
            }
        }
        return latest;
    }

    /// <summary>
    /// Whether a registration gets the reminder: it held a confirmed seat at the due time and was not marked by the
    /// earlier per-registration scheme. The chat reminders ask the same as the mail walk.
    /// </summary>
    public static bool IsDueFor(Registration registration, DueReminder due)
    {
        ArgumentNullException.ThrowIfNull(registration);
        ArgumentNullException.ThrowIfNull(due);
        return registration.Status == RegistrationStatus.Confirmed
            && (registration.ConfirmedAt ?? registration.CreatedAt) <= due.DueAt
            && !registration.RemindersHandled.Contains(due.Offset);
    }
}

/// <summary>A reminder offset of an event and the instant it became due.</summary>
public sealed record DueReminder(string Offset, DateTimeOffset DueAt);

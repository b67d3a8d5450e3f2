using VirServerless.Core.Events;

namespace VirServerless.Core.Reminders;

/// <summary>
/// What a reminder run does for one registration: the offset to send now (if any) and every offset to mark as
/// handled. Offsets that became due together are handled at once and only the latest is sent, so a late run never
/// sends a burst; an offset that was due before the person got their seat is stale and only marked.
/// </summary>
public sealed record ReminderDecision(string? Send, IReadOnlyList<string> Handled)
{
    public static ReminderDecision Nothing { get; } = new(null, []);
}

/// <summary>Decides which reminder is due for whom; plain values in, plain values out, time from the given clock.</summary>
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

    /// <param name="eventStart">Start of the event.</param>
    /// <param name="offsets">The event's <c>reminders</c>; null means <see cref="DefaultOffsets"/>. Unparseable entries are ignored.</param>
    /// <param name="seatSince">Since when the person holds a seat (their confirmation); reminders due before that are stale.</param>
    /// <param name="handled">Offsets already sent or skipped for this registration.</param>
    public ReminderDecision Decide(DateTimeOffset eventStart, IReadOnlyList<string>? offsets, DateTimeOffset seatSince, IReadOnlyCollection<string> handled)
    {
        ArgumentNullException.ThrowIfNull(handled);
        var due = DueNow(eventStart, offsets, handled);
        if (due.Count == 0)
        {
            return ReminderDecision.Nothing;
        }
        var latest = due.MaxBy(d => d.DueAt)!;
        return new ReminderDecision(latest.DueAt >= seatSince ? latest.Offset : null, [.. due.Select(d => d.Offset)]);
    }

    /// <summary>
    /// The offset a reminder run works on now: the latest one that is due. Earlier due offsets are superseded by it, and
    /// whoever got their seat after its due time gets no reminder for it (<see cref="Decide"/> with nothing handled).
    /// </summary>
    public DueReminder? LatestDue(DateTimeOffset eventStart, IReadOnlyList<string>? offsets) =>
        DueNow(eventStart, offsets, []).MaxBy(d => d.DueAt);

    private List<DueReminder> DueNow(DateTimeOffset eventStart, IReadOnlyList<string>? offsets, IReadOnlyCollection<string> handled)
    {
        var now = timeProvider.GetUtcNow();
        var due = new List<DueReminder>();
        if (now >= eventStart)
        {
            return due;
        }
        foreach (var offset in offsets ?? DefaultOffsets)
        {
            if (handled.Contains(offset) || !IsoDuration.TryParse(offset, out var before) || before <= TimeSpan.Zero)
            {
                continue;
            }
            var dueAt = DueAt(eventStart, before);
            if (dueAt <= now)
            {
                due.Add(new DueReminder(offset, dueAt));
            }
        }
        return due;
    }
}

/// <summary>A reminder offset of an event and the instant it became due.</summary>
public sealed record DueReminder(string Offset, DateTimeOffset DueAt);

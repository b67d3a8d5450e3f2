using System.Globalization;
using VirServerless.Core.Events;

namespace VirServerless.Core.Registrations;

/// <summary>One person on the attendance list of one day, with the sessions they chose that start on that day.</summary>
public sealed record AttendanceEntry(string RegistrationId, string FirstName, string LastName, string Organization, IReadOnlyList<ChosenSession> Sessions);

/// <summary>A chosen session on the list: <c>Booked</c> means a seat; other states are shown with their label.</summary>
public sealed record ChosenSession(Session Session, SessionSeatStatus Status);

/// <summary>
/// The attendance list of one event day. People register for the whole event, never for single days, so every
/// confirmed person is expected on every day; what differs per day are the sessions they chose that start on it.
/// </summary>
public sealed record AttendanceList(DateOnly Day, IReadOnlyList<AttendanceEntry> People)
{
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");

    /// <summary>German alphabetical order (DIN 5007-1 as ICU has it: "Özdemir" after "Otto", not after "Zander"), ignoring case.</summary>
    public static StringComparer NameOrder { get; } = StringComparer.Create(German, CompareOptions.IgnoreCase);

    /// <summary>
    /// The Berlin calendar days from the event's start to its end. An end at midnight belongs to the day before;
    /// no event in the catalog runs for weeks, and the cap keeps a wrong end date from producing thousands of days.
    /// </summary>
    public static IReadOnlyList<DateOnly> Days(CatalogEvent ev)
    {
        ArgumentNullException.ThrowIfNull(ev);
        var first = DayOf(ev.Start);
        var last = ev.End > ev.Start ? DayOf(ev.End.AddTicks(-1)) : first;
        var count = Math.Clamp(last.DayNumber - first.DayNumber + 1, 1, 62);
        return [.. Enumerable.Range(0, count).Select(first.AddDays)];
    }

    /// <summary>The Europe/Berlin calendar day of a point in time.</summary>
    public static DateOnly DayOf(DateTimeOffset value) => DateOnly.FromDateTime(BerlinTime.ToBerlin(value).DateTime);

    /// <summary>
    /// The confirmed people of <paramref name="registrations"/> (all of the event's, so organisation names are
    /// shown as everywhere else), sorted by last name, then first name, in German order.
    /// </summary>
    public static AttendanceList For(CatalogEvent ev, DateOnly day, IReadOnlyList<Registration> registrations)
    {
        ArgumentNullException.ThrowIfNull(ev);
        ArgumentNullException.ThrowIfNull(registrations);
        var organizations = Organization.Names(registrations.Select(r => r.Organization));
        var people = registrations
            .Where(r => r.Status == RegistrationStatus.Confirmed)
            .Select(r => new AttendanceEntry(r.Id, r.FirstName, r.LastName, organizations.Of(r.Organization), SessionsOn(ev, day, r)))
            .OrderBy(p => p.LastName, NameOrder)
            .ThenBy(p => p.FirstName, NameOrder)
            .ThenBy(p => p.Organization, NameOrder)
            .ThenBy(p => p.RegistrationId, StringComparer.Ordinal)
            .ToList();
        return new(day, people);
    }

    private static List<ChosenSession> SessionsOn(CatalogEvent ev, DateOnly day, Registration registration) =>
        [.. registration.Sessions
            .Select(choice => (Session: ev.FindSession(choice.Id), choice.Status))
            .Where(c => c.Session is { } s && DayOf(s.Start) == day)
            .Select(c => new ChosenSession(c.Session!, c.Status))
            .OrderBy(c => c.Session.Start)
            .ThenBy(c => c.Session.Title, NameOrder)];
}

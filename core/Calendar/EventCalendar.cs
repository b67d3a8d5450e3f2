using System.Text;
using VirServerless.Core.Events;
using VirServerless.Core.Mail;
using VirServerless.Core.Registrations;

namespace VirServerless.Core.Calendar;

/// <summary>Calendar entries for catalog events: one per person for mails, one public entry for the download.</summary>
public static class EventCalendar
{
    public const string UidDomain = "vir-nordwest";

    public static string PersonalUid(string eventId, string registrationId) => $"{eventId}-{registrationId}@{UidDomain}";

    public static string PublicUid(string eventId) => $"{eventId}@{UidDomain}";

    /// <summary>The entry attached to a person's mails; SEQUENCE is the event's store version, so an update replaces it.</summary>
    public static CalendarEntry ForPerson(CatalogEvent ev, Registration registration, Uri eventLink, Uri? manageLink)
    {
        ArgumentNullException.ThrowIfNull(ev);
        ArgumentNullException.ThrowIfNull(registration);
        var description = new StringBuilder();
        AppendProgramme(description, ev, registration.Sessions.Select(c => c.Id).ToHashSet(StringComparer.Ordinal));
        AppendVenueNotes(description, ev);
        if (manageLink is not null)
        {
            description.Append("\nAnmeldung verwalten: ").Append(manageLink).Append('\n');
        }
        return new CalendarEntry(
            PersonalUid(ev.Id, registration.Id), ev.Version, ev.Title, ev.Start, ev.End, Location(ev), description.ToString().Trim(),
            eventLink, ev.Contact?.Name, ev.Contact?.Email, ev.Status == EventStatus.Cancelled,
            AttendeeName: registration.FullName, AttendeeEmail: registration.Email);
    }

    /// <summary>The public download: the whole programme, no personal data, no alarm.</summary>
    /// <remarks>A PUBLISH needs an ORGANIZER (RFC 5546): the event's contact, else <paramref name="sender"/>.</remarks>
    public static CalendarEntry ForPublic(CatalogEvent ev, Uri eventLink, MailAddress sender)
    {
        ArgumentNullException.ThrowIfNull(ev);
        ArgumentNullException.ThrowIfNull(sender);
        var description = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(ev.Summary))
        {
            description.Append(ev.Summary.Trim()).Append("\n\n");
        }
        AppendProgramme(description, ev, chosen: null);
        AppendVenueNotes(description, ev);
        description.Append("\nWeitere Informationen und Anmeldung: ").Append(eventLink).Append('\n');
        var organizer = ev.Contact is { Email: { Length: > 0 } email } contact ? new MailAddress(email, contact.Name) : sender;
        return new CalendarEntry(
            PublicUid(ev.Id), ev.Version, ev.Title, ev.Start, ev.End, Location(ev), description.ToString().Trim(),
            eventLink, organizer.DisplayName, organizer.Address, ev.Status == EventStatus.Cancelled);
    }

    public static MailAttachment Attachment(CalendarEntry entry, CalendarMethod method, DateTimeOffset stamp)
    {
        var text = entry.AttendeeEmail is null ? CalendarWriter.Write([entry], method, stamp) : CalendarWriter.WritePersonal(entry, method, stamp);
        var methodName = method.ToString().ToUpperInvariant();
        return new MailAttachment("termin.ics", $"text/calendar; charset=utf-8; method={methodName}", Encoding.UTF8.GetBytes(text));
    }

    public static string? Location(CatalogEvent ev) =>
        ev.Venue is { } venue
            ? string.Join(", ", new[] { venue.Name, venue.Street, $"{venue.PostalCode} {venue.City}".Trim() }.Where(p => !string.IsNullOrWhiteSpace(p)))
            : null;

    /// <summary>Sessions everyone attends plus those the person chose; all of them when <paramref name="chosen"/> is null.</summary>
    private static void AppendProgramme(StringBuilder text, CatalogEvent ev, HashSet<string>? chosen)
    {
        var sessions = ev.Programme.Where(s => chosen is null || !s.Choosable || chosen.Contains(s.Id)).OrderBy(s => s.Start).ToList();
        if (sessions.Count == 0)
        {
            return;
        }
        text.Append("Programm:\n");
        var severalDays = BerlinTime.ToBerlin(ev.Start).Date != BerlinTime.ToBerlin(ev.End).Date;
        foreach (var session in sessions)
        {
            text.Append(severalDays ? BerlinTime.DateTime(session.Start) : BerlinTime.Time(session.Start)).Append(" bis ").Append(BerlinTime.Time(session.End)).Append(": ").Append(session.Title);
            if (session.Room is not null)
            {
                text.Append(" (").Append(session.Room).Append(')');
            }
            text.Append('\n');
        }
    }

    private static void AppendVenueNotes(StringBuilder text, CatalogEvent ev)
    {
        if (ev.Venue?.Directions is { Length: > 0 } directions)
        {
            text.Append("\nAnfahrt: ").Append(directions.Trim()).Append('\n');
        }
        if (ev.Venue?.Accessibility is { Length: > 0 } accessibility)
        {
            text.Append("\nBarrierefreiheit: ").Append(accessibility.Trim()).Append('\n');
        }
    }
}

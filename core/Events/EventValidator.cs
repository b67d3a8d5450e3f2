using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace VirServerless.Core.Events;

/// <summary>
/// Checks the rules of <c>catalog/event.schema.json</c> that the C# types cannot express, plus the
/// cross-field rules no schema can (time order, unique session ids, document size).
/// Errors are German and keyed by JSON path (<c>sessions[2].end</c>); the dictionary is empty when the event is valid.
/// </summary>
/// <remarks>
/// Times: a <see cref="DateTimeOffset"/> no longer knows whether its text had an offset, so the
/// "offset present" rule lives in <see cref="EventDocument.TryParse"/>. Here every time must carry either
/// UTC (+00:00) or the offset Europe/Berlin has at that instant; anything else is almost always a
/// summer/winter-time slip (15:30+01:00 in June is 16:30 in Bremen).
/// </remarks>
public static partial class EventValidator
{
    public const int MaxTitleLength = 200;

    /// <summary>
    /// The whole document is stored in one Table property (Edm.String, at most 64 KiB of UTF-16);
    /// measured as UTF-16 bytes of <see cref="EventJson.Serialize"/>, keeping 4 KiB headroom.
    /// </summary>
    public const int MaxDocumentBytes = 60 * 1024;

    public const int MinRetentionDays = 1;
    public const int MaxRetentionDays = 3650;

    private static TimeZoneInfo Berlin => BerlinTime.Zone;

    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");

    public static bool IsSlug(string? value) => EventIds.IsValid(value);

    public static IReadOnlyDictionary<string, string[]> Validate(CatalogEvent ev)
    {
        ArgumentNullException.ThrowIfNull(ev);
        var errors = new FieldErrors();

        if (!IsSlug(ev.Id))
        {
            errors.Add("id", SlugMessage);
        }

        CheckTitle(errors, "title", ev.Title);
        CheckTime(errors, "start", ev.Start);
        CheckTime(errors, "end", ev.End);
        if (ev.End <= ev.Start)
        {
            errors.Add("end", "Das Ende der Veranstaltung muss nach ihrem Beginn liegen.");
        }

        CheckVenue(errors, ev.Venue);
        CheckContact(errors, ev.Contact);
        CheckRegistration(errors, ev);
        CheckReminders(errors, ev.Reminders);

        if (ev.RetentionDays is { } days and (< MinRetentionDays or > MaxRetentionDays))
        {
            errors.Add("retentionDays", $"Die Aufbewahrungsfrist muss zwischen {MinRetentionDays} und {MaxRetentionDays} Tagen liegen.");
        }

        CheckTexts(errors, "topics", ev.Topics, "Das Thema darf nicht leer sein.");
        CheckSessions(errors, ev);
        CheckFaq(errors, ev.Faq);
        CheckSize(errors, ev);

        return errors.ToDictionary();
    }

    private const string SlugMessage =
        "Die Kennung muss 2 bis 63 Zeichen lang sein und darf nur Kleinbuchstaben (a–z), Ziffern und Bindestriche enthalten; sie beginnt mit einem Buchstaben oder einer Ziffer.";

    private static void CheckTitle(FieldErrors errors, string path, string? title)
    {
        if (string.IsNullOrWhiteSpace(title))
        {
            errors.Add(path, "Der Titel darf nicht leer sein.");
        }
        else if (title.Length > MaxTitleLength)
        {
            errors.Add(path, $"Der Titel darf höchstens {MaxTitleLength} Zeichen lang sein (jetzt: {title.Length}).");
        }
    }

    private static void CheckTime(FieldErrors errors, string path, DateTimeOffset value)
    {
        var berlinOffset = Berlin.GetUtcOffset(value.UtcDateTime);
        if (value.Offset != TimeSpan.Zero && value.Offset != berlinOffset)
        {
            errors.Add(path, $"Die Zeitangabe hat den Versatz {FormatOffset(value.Offset)}, in Berlin gilt zu diesem Zeitpunkt aber {FormatOffset(berlinOffset)}.");
        }
    }

    private static void CheckVenue(FieldErrors errors, Venue? venue)
    {
        if (venue is null)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(venue.Name))
        {
            errors.Add("venue.name", "Der Name des Veranstaltungsorts darf nicht leer sein.");
        }

        if (venue.PostalCode is { } postalCode && !PostalCode().IsMatch(postalCode))
        {
            errors.Add("venue.postalCode", $"„{postalCode}“ ist keine Postleitzahl; erwartet werden fünf Ziffern.");
        }
    }

    private static void CheckContact(FieldErrors errors, Contact? contact)
    {
        if (contact is null)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(contact.Name))
        {
            errors.Add("contact.name", "Der Name der Ansprechperson darf nicht leer sein.");
        }

        if (contact.Email is { } email && !Email().IsMatch(email))
        {
            errors.Add("contact.email", $"„{email}“ ist keine gültige E-Mail-Adresse.");
        }
    }

    private static void CheckRegistration(FieldErrors errors, CatalogEvent ev)
    {
        if (ev.Registration is not { } registration)
        {
            return;
        }

        if (registration.Opens is { } opens)
        {
            CheckTime(errors, "registration.opens", opens);
        }

        if (registration.Closes is { } closes)
        {
            CheckTime(errors, "registration.closes", closes);
            if (registration.Opens is { } opensAt && closes <= opensAt)
            {
                errors.Add("registration.closes", "Das Anmeldeende muss nach dem Anmeldebeginn liegen.");
            }

            // Closing after the start is fine (people may register until the doors open), after the end is not.
            if (closes > ev.End)
            {
                errors.Add("registration.closes", "Die Anmeldung muss spätestens mit dem Ende der Veranstaltung schließen.");
            }
        }

        if (registration.Capacity is < 0)
        {
            errors.Add("registration.capacity", "Die Zahl der Plätze darf nicht negativ sein.");
        }

        if (registration.MaxPerOrganization is < 1)
        {
            errors.Add("registration.maxPerOrganization", "Die Höchstzahl an Anmeldungen je Organisation muss mindestens 1 sein.");
        }
    }

    private static void CheckReminders(FieldErrors errors, IReadOnlyList<string>? reminders)
    {
        if (reminders is null)
        {
            return;
        }

        var seen = new HashSet<TimeSpan>();
        for (var i = 0; i < reminders.Count; i++)
        {
            var path = $"reminders[{i}]";
            if (!IsoDuration.TryParse(reminders[i], out var before))
            {
                errors.Add(path, $"„{reminders[i]}“ ist keine gültige ISO-8601-Dauer; erlaubt sind Angaben wie P7D, P1W, PT12H oder P1DT6H.");
            }
            else if (before <= TimeSpan.Zero)
            {
                errors.Add(path, "Eine Erinnerung muss vor dem Beginn liegen; die Dauer muss größer als null sein.");
            }
            else if (!seen.Add(before))
            {
                errors.Add(path, $"Die Erinnerung „{reminders[i]}“ ist doppelt angegeben.");
            }
        }
    }

    private static void CheckSessions(FieldErrors errors, CatalogEvent ev)
    {
        if (ev.Sessions is not { } sessions)
        {
            return;
        }

        // Sessions may begin before the official start on its first day (arrival, registration desk),
        // but never before that day nor after the event has ended.
        var firstDay = StartOfBerlinDay(ev.Start);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < sessions.Count; i++)
        {
            var path = $"sessions[{i}]";
            var session = sessions[i];
            if (session is null)
            {
                errors.Add(path, "Der Programmpunkt darf nicht leer sein.");
                continue;
            }

            if (!IsSlug(session.Id))
            {
                errors.Add($"{path}.id", SlugMessage);
            }
            else if (!ids.Add(session.Id))
            {
                errors.Add($"{path}.id", $"Die Kennung „{session.Id}“ ist bereits an einen anderen Programmpunkt vergeben.");
            }

            CheckTitle(errors, $"{path}.title", session.Title);
            CheckTime(errors, $"{path}.start", session.Start);
            CheckTime(errors, $"{path}.end", session.End);
            if (session.End <= session.Start)
            {
                errors.Add($"{path}.end", "Das Ende des Programmpunkts muss nach seinem Beginn liegen.");
            }

            if (session.Start < firstDay)
            {
                errors.Add($"{path}.start", $"Der Programmpunkt beginnt vor dem ersten Veranstaltungstag ({FormatDay(firstDay)}).");
            }

            if (session.End > ev.End)
            {
                errors.Add($"{path}.end", $"Der Programmpunkt endet nach dem Ende der Veranstaltung ({FormatTime(ev.End)}).");
            }

            if (session.Capacity is < 0)
            {
                errors.Add($"{path}.capacity", "Die Zahl der Plätze darf nicht negativ sein.");
            }

            CheckTexts(errors, $"{path}.speakers", session.Speakers, "Der Name darf nicht leer sein.");
        }
    }

    private static void CheckFaq(FieldErrors errors, IReadOnlyList<FaqEntry>? faq)
    {
        if (faq is null)
        {
            return;
        }

        for (var i = 0; i < faq.Count; i++)
        {
            if (faq[i] is null)
            {
                errors.Add($"faq[{i}]", "Der Eintrag darf nicht leer sein.");
                continue;
            }

            if (string.IsNullOrWhiteSpace(faq[i].Question))
            {
                errors.Add($"faq[{i}].question", "Die Frage darf nicht leer sein.");
            }

            if (string.IsNullOrWhiteSpace(faq[i].Answer))
            {
                errors.Add($"faq[{i}].answer", "Die Antwort darf nicht leer sein.");
            }
        }
    }

    private static void CheckTexts(FieldErrors errors, string path, IReadOnlyList<string>? texts, string message)
    {
        for (var i = 0; i < (texts?.Count ?? 0); i++)
        {
            if (string.IsNullOrWhiteSpace(texts![i]))
            {
                errors.Add($"{path}[{i}]", message);
            }
        }
    }

    private static void CheckSize(FieldErrors errors, CatalogEvent ev)
    {
        var bytes = Encoding.Unicode.GetByteCount(EventJson.Serialize(ev));
        if (bytes > MaxDocumentBytes)
        {
            errors.Add(FieldErrors.DocumentKey, $"Die Veranstaltung ist zu umfangreich: {bytes / 1024} KB, erlaubt sind höchstens {MaxDocumentBytes / 1024} KB. Bitte kürzen Sie Beschreibungen oder FAQ.");
        }
    }

    private static DateTimeOffset StartOfBerlinDay(DateTimeOffset value)
    {
        // Midnight is never skipped or repeated in Europe/Berlin (the clocks change at 02:00/03:00).
        var day = TimeZoneInfo.ConvertTime(value, Berlin).Date;
        return new DateTimeOffset(day, Berlin.GetUtcOffset(day));
    }

    private static string FormatDay(DateTimeOffset value) =>
        TimeZoneInfo.ConvertTime(value, Berlin).ToString("dd.MM.yyyy", German);

    private static string FormatTime(DateTimeOffset value) =>
        TimeZoneInfo.ConvertTime(value, Berlin).ToString("dd.MM.yyyy, HH:mm 'Uhr'", German);

    private static string FormatOffset(TimeSpan offset) =>
        (offset < TimeSpan.Zero ? "-" : "+") + offset.ToString(@"hh\:mm", CultureInfo.InvariantCulture);

    [GeneratedRegex("^[0-9]{5}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex PostalCode();

    // Deliberately loose: one @, no spaces, a dot in the domain. Real checking is the confirmation mail.
    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex Email();
}

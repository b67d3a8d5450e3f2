using System.Globalization;
using System.Text;

namespace VirServerless.Core.Calendar;

/// <summary>Writes RFC 5545 documents with event times in Europe/Berlin.</summary>
public static class CalendarWriter
{
    public const string ProductId = "-//ViR-Nordwest//VirServerless//DE";
    public const string TimeZoneId = "Europe/Berlin";
    private const int MaxLineOctets = 75;

    private static TimeZoneInfo Berlin => Events.BerlinTime.Zone;

    // The EU rule since 1996; clients only need it to map our local times, and every event we write is after 1996.
    private const string BerlinTimeZone = """
        BEGIN:VTIMEZONE
        TZID:Europe/Berlin
        BEGIN:DAYLIGHT
        TZOFFSETFROM:+0100
        TZOFFSETTO:+0200
        TZNAME:CEST
        DTSTART:19700329T020000
        RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
        END:DAYLIGHT
        BEGIN:STANDARD
        TZOFFSETFROM:+0200
        TZOFFSETTO:+0100
        TZNAME:CET
        DTSTART:19701025T030000
        RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
        END:STANDARD
        END:VTIMEZONE
        """;

    /// <summary>The whole VCALENDAR with CRLF line ends (including after the last line).</summary>
    /// <remarks><paramref name="stamp"/> is the DTSTAMP of every event (when this document was made), written in UTC.</remarks>
    public static string Write(IEnumerable<CalendarEntry> entries, CalendarMethod method, DateTimeOffset stamp)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var lines = new List<string>
        {
            "BEGIN:VCALENDAR",
            "PRODID:" + ProductId,
            "VERSION:2.0",
            "CALSCALE:GREGORIAN",
            "METHOD:" + method switch
            {
                CalendarMethod.Publish => "PUBLISH",
                CalendarMethod.Request => "REQUEST",
                CalendarMethod.Cancel => "CANCEL",
                _ => throw new ArgumentOutOfRangeException(nameof(method)),
            },
        };
        lines.AddRange(BerlinTimeZone.Split('\n').Select(line => line.TrimEnd('\r')));
        foreach (var entry in entries)
        {
            AddEvent(lines, entry, method, stamp);
        }

        lines.Add("END:VCALENDAR");

        var document = new StringBuilder();
        foreach (var line in lines)
        {
            AppendFolded(document, line);
        }

        return document.ToString();
    }

    private static void AddEvent(List<string> lines, CalendarEntry entry, CalendarMethod method, DateTimeOffset stamp)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(entry.Uid);
        if (entry.Uid.Any(char.IsControl))
        {
            throw new ArgumentException("UID must not contain control characters.", nameof(entry));
        }

        if (entry.End <= entry.Start)
        {
            throw new ArgumentException($"Event {entry.Uid} ends before it starts.", nameof(entry));
        }

        lines.Add("BEGIN:VEVENT");
        lines.Add("UID:" + entry.Uid);
        lines.Add("SEQUENCE:" + entry.Sequence.ToString(CultureInfo.InvariantCulture));
        lines.Add("DTSTAMP:" + stamp.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture));
        lines.Add($"DTSTART;TZID={TimeZoneId}:{BerlinLocal(entry.Start)}");
        lines.Add($"DTEND;TZID={TimeZoneId}:{BerlinLocal(entry.End)}");
        lines.Add("SUMMARY:" + EscapeText(entry.Summary));
        AddIfPresent(lines, "LOCATION:", entry.Location);
        AddIfPresent(lines, "DESCRIPTION:", entry.Description);
        if (entry.Url is not null)
        {
            lines.Add("URL:" + entry.Url.AbsoluteUri);
        }

        if (!string.IsNullOrWhiteSpace(entry.OrganizerEmail))
        {
            lines.Add("ORGANIZER" + CommonName(entry.OrganizerName) + ":mailto:" + entry.OrganizerEmail.Trim());
        }

        if (!string.IsNullOrWhiteSpace(entry.AttendeeEmail))
        {
            lines.Add("ATTENDEE" + CommonName(entry.AttendeeName) + ";ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=FALSE:mailto:" +
                      entry.AttendeeEmail.Trim());
        }

        var cancelled = entry.Cancelled || method == CalendarMethod.Cancel;
        lines.Add("STATUS:" + (cancelled ? "CANCELLED" : "CONFIRMED"));
        if (entry.Reminder is { } reminder && !cancelled)
        {
            lines.Add("BEGIN:VALARM");
            lines.Add("ACTION:DISPLAY");
            lines.Add("DESCRIPTION:" + EscapeText("Erinnerung: " + entry.Summary));
            lines.Add("TRIGGER:-" + Duration(reminder));
            lines.Add("END:VALARM");
        }

        lines.Add("END:VEVENT");
    }

    private static void AddIfPresent(List<string> lines, string prefix, string? text)
    {
        if (!string.IsNullOrWhiteSpace(text))
        {
            lines.Add(prefix + EscapeText(text));
        }
    }

    private static string CommonName(string? name)
    {
        // A quoted parameter value may hold ':' ';' ',' but never a DQUOTE or a control character.
        var clean = new string((name ?? "").Where(c => c != '"' && !char.IsControl(c)).ToArray()).Trim();
        return clean.Length == 0 ? "" : $";CN=\"{clean}\"";
    }

    private static string BerlinLocal(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, Berlin).ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);

    private static string Duration(TimeSpan span)
    {
        if (span < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(span), "A reminder lies before the start; give a positive span.");
        }

        var text = new StringBuilder("P");
        if (span.Days > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{span.Days}D");
        }

        if (span.Hours > 0 || span.Minutes > 0 || span.Seconds > 0 || span == TimeSpan.Zero)
        {
            text.Append('T');
            if (span.Hours > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"{span.Hours}H");
            }

            if (span.Minutes > 0 || span == TimeSpan.Zero)
            {
                text.Append(CultureInfo.InvariantCulture, $"{span.Minutes}M");
            }

            if (span.Seconds > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"{span.Seconds}S");
            }
        }

        return text.ToString();
    }

    /// <summary>RFC 5545 3.3.11 TEXT escaping; other control characters are dropped because TEXT may not hold them.</summary>
    internal static string EscapeText(string text)
    {
        var escaped = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '\\': escaped.Append(@"\\"); break;
                case ';': escaped.Append(@"\;"); break;
                case ',': escaped.Append(@"\,"); break;
                case '\r' when i + 1 < text.Length && text[i + 1] == '\n': break;
                case '\r' or '\n': escaped.Append(@"\n"); break;
                case '\t': escaped.Append(c); break;
                case var _ when char.IsControl(c): break;
                default: escaped.Append(c); break;
            }
        }

        return escaped.ToString();
    }

    /// <summary>
    /// Folds at 75 octets of UTF-8 (RFC 5545 3.1). The leading space of a continuation line counts,
    /// and a line is only broken between whole characters.
    /// </summary>
    internal static void AppendFolded(StringBuilder output, string line)
    {
        var octets = 0;
        foreach (var rune in line.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (octets + size > MaxLineOctets)
            {
                output.Append("\r\n ");
                octets = 1;
            }

            output.Append(rune.ToString());
            octets += size;
        }

        output.Append("\r\n");
    }
}

using System.Text;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace VirServerless.Core.Calendar;

/// <summary>Writes RFC 5545 documents with Ical.Net, event times in Europe/Berlin.</summary>
public static class CalendarWriter
{
    public const string ProductId = "-//ViR-Nordwest//VirServerless//DE";
    public const string TimeZoneId = "Europe/Berlin";

    private static TimeZoneInfo Berlin => Events.BerlinTime.Zone;

    /// <summary>The whole VCALENDAR with CRLF line ends (including after the last line).</summary>
    /// <remarks><paramref name="stamp"/> is the DTSTAMP of every event (when this document was made), written in UTC.</remarks>
    public static string Write(IEnumerable<CalendarEntry> entries, CalendarMethod method, DateTimeOffset stamp)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var list = entries.ToList();
        var calendar = new Ical.Net.Calendar
        {
            ProductId = ProductId,
            Scale = "GREGORIAN",
            Method = method switch
            {
                CalendarMethod.Publish => CalendarMethods.Publish,
                CalendarMethod.Request => CalendarMethods.Request,
                CalendarMethod.Cancel => CalendarMethods.Cancel,
                _ => throw new ArgumentOutOfRangeException(nameof(method)),
            },
        };
        foreach (var entry in list)
        {
            calendar.Events.Add(ToEvent(entry, method, stamp));
        }
        var text = Serialize(calendar);
        // The VTIMEZONE goes where Ical.Net would put it: after the calendar's own properties, before the first component.
        var firstComponent = text.IndexOf("\r\nBEGIN:", StringComparison.Ordinal) is var begin and >= 0 ? begin : text.IndexOf("\r\nEND:VCALENDAR", StringComparison.Ordinal);
        return text.Insert(firstComponent + 2, BerlinRules.Value);
    }

    /// <summary>
    /// The same document as <see cref="Write"/> for one person's entry. Ical.Net needs about 70 KB and most of the time
    /// of a reminder for one entry, and a reminder run writes thousands of entries of one event that differ only in UID,
    /// DESCRIPTION and ATTENDEE: so Ical.Net writes the event once with placeholders in those three (per thread, event,
    /// method and second of the stamp), and each person's values are escaped and folded into a copy of it.
    /// </summary>
    /// <remarks>Values the placeholders cannot stand for exactly (see <see cref="IsPlain"/>) take the full way.</remarks>
    public static string WritePersonal(CalendarEntry entry, CalendarMethod method, DateTimeOffset stamp)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var name = CommonName(entry.AttendeeName);
        var description = TextOrNull(entry.Description);
        if (string.IsNullOrWhiteSpace(entry.AttendeeEmail) || !IsPlain(entry.Uid) || !IsPlain(entry.AttendeeEmail.Trim()))
        {
            return Write([entry], method, stamp);
        }
        var shared = entry with
        {
            Uid = Placeholder.Uid,
            Description = description is null ? null : Placeholder.Description,
            AttendeeName = name is null ? null : Placeholder.Name,
            AttendeeEmail = Placeholder.Email,
        };
        var second = stamp.UtcTicks / TimeSpan.TicksPerSecond;
        if (lastTemplate is not { } template || template.Method != method || template.Second != second || template.Entry != shared)
        {
            template = new Template(shared, method, second, Unfold(Write([shared], method, stamp)));
            lastTemplate = template;
        }
        var text = new StringBuilder(template.Length + 512);
        foreach (var line in template.Lines)
        {
            if (!line.Contains(Placeholder.Prefix, StringComparison.Ordinal))
            {
                Fold(text, line);
                continue;
            }
            Fold(text, line
                .Replace(Placeholder.Uid, EscapeText(entry.Uid), StringComparison.Ordinal)
                .Replace(Placeholder.Description, description is null ? "" : EscapeText(description), StringComparison.Ordinal)
                .Replace(Placeholder.Name, name is null ? "" : ParameterValue(name), StringComparison.Ordinal)
                .Replace(Placeholder.Email, entry.AttendeeEmail.Trim(), StringComparison.Ordinal));
        }
        return text.ToString();
    }

    [ThreadStatic]
    private static Template? lastTemplate;

    private sealed record Template(CalendarEntry Entry, CalendarMethod Method, long Second, List<string> Lines)
    {
        public int Length { get; } = Lines.Sum(l => l.Length + 2);
    }

    /// <summary>Unique per process, so no catalog text can contain one by chance.</summary>
    private static class Placeholder
    {
        public static readonly string Prefix = "p" + Guid.NewGuid().ToString("N");
        public static readonly string Uid = Prefix + "uid";
        public static readonly string Description = Prefix + "description";
        public static readonly string Name = Prefix + "name";
        public static readonly string Email = Prefix + "email@placeholder.invalid";
    }

    /// <summary>ASCII letters, digits and <c>@ . - _ +</c>: written by Ical.Net as they are, in a UID and in a mailto URI.</summary>
    private static bool IsPlain(string value) =>
        value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '@' or '.' or '-' or '_' or '+');

    /// <summary>RFC 5545 3.3.11: backslash, semicolon, comma and line break escaped.</summary>
    private static string EscapeText(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(";", "\\;", StringComparison.Ordinal)
            .Replace(",", "\\,", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>RFC 5545 3.2: a parameter value with <c>: ; ,</c> is quoted (a DQUOTE never gets here).</summary>
    private static string ParameterValue(string value) =>
        value.AsSpan().IndexOfAny(':', ';', ',') >= 0 ? "\"" + value + "\"" : value;

    private static List<string> Unfold(string document)
    {
        var lines = new List<string>();
        foreach (var line in document.Split("\r\n"))
        {
            if (line.StartsWith(' ') && lines.Count > 0)
            {
                lines[^1] += line[1..];
            }
            else if (line.Length > 0)
            {
                lines.Add(line);
            }
        }
        return lines;
    }

    /// <summary>
    /// Folds like Ical.Net (RFC 5545 3.1): a line of at most 75 UTF-8 octets as it is; a longer one is cut before the
    /// character that would pass 75 octets, counting each UTF-16 unit on its own, and goes on after CRLF and a space.
    /// </summary>
    private static void Fold(StringBuilder text, string line)
    {
        const int MaxOctets = 75;
        if (Encoding.UTF8.GetByteCount(line) <= MaxOctets)
        {
            text.Append(line).Append("\r\n");
            return;
        }
        var octets = 0;
        foreach (var c in line)
        {
            var size = c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
            if (octets + size > MaxOctets)
            {
                text.Append("\r\n ");
                octets = 1;
            }
            text.Append(c);
            octets += size;
        }
        text.Append("\r\n");
    }

    /// <summary>
    /// The full STANDARD/DAYLIGHT rules, so that a client without time zone data maps our local times right. Ical.Net
    /// derives them from the zone's history up to today; from 1996 on the EU rule holds, which covers every event we write.
    /// </summary>
    /// <remarks>
    /// Deriving and writing them costs more than the rest of a document (measured: about two thirds of it), and every
    /// mail with a calendar entry carries them, so they are written once per process and shared as text: Ical.Net
    /// objects are mutable and mails are rendered in parallel.
    /// </remarks>
    private static readonly Lazy<string> BerlinRules = new(() =>
    {
        var calendar = new Ical.Net.Calendar();
        calendar.AddTimeZone(VTimeZone.FromDateTimeZone(TimeZoneId, new DateTime(1996, 1, 1), includeHistoricalData: false));
        var text = Serialize(calendar);
        var start = text.IndexOf("BEGIN:VTIMEZONE\r\n", StringComparison.Ordinal);
        const string end = "END:VTIMEZONE\r\n";
        return text[start..(text.IndexOf(end, start, StringComparison.Ordinal) + end.Length)];
    });

    private static string Serialize(Ical.Net.Calendar calendar) =>
        new CalendarSerializer().SerializeToString(calendar) ?? throw new InvalidOperationException("Ical.Net wrote no calendar.");

    private static CalendarEvent ToEvent(CalendarEntry entry, CalendarMethod method, DateTimeOffset stamp)
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

        var cancelled = entry.Cancelled || method == CalendarMethod.Cancel;
        var ev = new CalendarEvent
        {
            Uid = entry.Uid,
            Sequence = entry.Sequence,
            DtStamp = new CalDateTime(stamp.UtcDateTime, CalDateTime.UtcTzId),
            DtStart = BerlinLocal(entry.Start),
            DtEnd = BerlinLocal(entry.End),
            Summary = Text(entry.Summary),
            Location = TextOrNull(entry.Location),
            Description = TextOrNull(entry.Description),
            Url = entry.Url,
            Status = cancelled ? EventStatus.Cancelled : EventStatus.Confirmed,
        };
        if (!string.IsNullOrWhiteSpace(entry.OrganizerEmail))
        {
            ev.Organizer = new Organizer("mailto:" + entry.OrganizerEmail.Trim()) { CommonName = CommonName(entry.OrganizerName) };
        }
        if (!string.IsNullOrWhiteSpace(entry.AttendeeEmail))
        {
            // Already accepted and without RSVP, so no reply mail is asked for.
            ev.Attendees.Add(new Attendee("mailto:" + entry.AttendeeEmail.Trim())
            {
                CommonName = CommonName(entry.AttendeeName),
                Role = ParticipationRole.RequiredParticipant,
                ParticipationStatus = EventParticipationStatus.Accepted,
                Rsvp = false,
            });
        }
        if (entry.Reminder is { } reminder && !cancelled)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(reminder, TimeSpan.Zero, nameof(entry));
            ev.Alarms.Add(new Alarm
            {
                Action = AlarmAction.Display,
                Description = Text("Erinnerung: " + entry.Summary),
                Trigger = new Trigger(Duration.FromTimeSpanExact(-reminder)),
            });
        }
        return ev;
    }

    /// <summary>
    /// Local Berlin time with TZID. The second of the two local times the autumn change repeats would be read as the first
    /// (RFC 5545 3.3.5), so that one instant is written in UTC.
    /// </summary>
    private static CalDateTime BerlinLocal(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, Berlin);
        return Berlin.IsAmbiguousTime(local) && local.Offset < Berlin.GetAmbiguousTimeOffsets(local).Max()
            ? new CalDateTime(instant.UtcDateTime, CalDateTime.UtcTzId)
            : new CalDateTime(local.DateTime, TimeZoneId);
    }

    private static string? TextOrNull(string? text) => string.IsNullOrWhiteSpace(text) ? null : Text(text);

    /// <summary>TEXT may hold line breaks (written as <c>\n</c>) and tabs, but no other control characters.</summary>
    private static string Text(string text) =>
        new([.. text.ReplaceLineEndings("\n").Where(c => c is '\n' or '\t' || !char.IsControl(c))]);

    /// <summary>A parameter value ends at a line break and may not hold a DQUOTE: Ical.Net leaves both to us.</summary>
    private static string? CommonName(string? name)
    {
        var clean = new string([.. (name ?? "").Select(c => char.IsControl(c) ? ' ' : c).Where(c => c != '"')]).Trim();
        return clean.Length == 0 ? null : clean;
    }
}

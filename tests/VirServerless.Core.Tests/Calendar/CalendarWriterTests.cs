using System.Globalization;
using System.Text;
using VirServerless.Core.Calendar;

namespace VirServerless.Core.Tests.Calendar;

public class CalendarWriterTests
{
    private static readonly DateTimeOffset Stamp = new(2027, 5, 2, 8, 15, 0, TimeSpan.Zero);

    private static CalendarEntry Entry(
        DateTimeOffset? start = null, string summary = "Plenum", string? description = null, bool cancelled = false) =>
        new(
            Uid: "plenum-2027-06-10.p-4711@vir-nordwest.de",
            Sequence: 0,
            Summary: summary,
            Start: start ?? new DateTimeOffset(2027, 6, 10, 16, 0, 0, TimeSpan.Zero),
            End: (start ?? new DateTimeOffset(2027, 6, 10, 16, 0, 0, TimeSpan.Zero)).AddHours(2),
            Location: null,
            Description: description,
            Url: null,
            OrganizerName: null,
            OrganizerEmail: null,
            Cancelled: cancelled);

    private static string Unfold(string document) => document.Replace("\r\n ", "", StringComparison.Ordinal);

    private static string Property(string document, string name) =>
        Unfold(document).Split("\r\n").Single(line => line.StartsWith(name, StringComparison.Ordinal));

    [Fact]
    public void WritesTheKnownDocument()
    {
        var entry = new CalendarEntry(
            Uid: "plenum-2027-06-10.p-4711@vir-nordwest.de",
            Sequence: 2,
            Summary: "Plenum Juni: KI in der Verwaltung",
            Start: new DateTimeOffset(2027, 6, 10, 18, 0, 0, TimeSpan.FromHours(2)),
            End: new DateTimeOffset(2027, 6, 10, 20, 0, 0, TimeSpan.FromHours(2)),
            Location: "Online (Teams)",
            Description: "Agenda:\n1. Begrüßung; 2. Vortrag",
            Url: new Uri("https://vir-nordwest.de/veranstaltungen/plenum-2027-06-10"),
            OrganizerName: "ViR-Nordwest, Geschäftsstelle",
            OrganizerEmail: "kontakt@vir-nordwest.de",
            Reminder: TimeSpan.FromMinutes(30),
            AttendeeName: "Erika Mustermann",
            AttendeeEmail: "erika@gemeinde.example");

        var document = CalendarWriter.Write([entry], CalendarMethod.Request, Stamp);

        var expected = string.Join("\r\n",
            "BEGIN:VCALENDAR",
            "PRODID:-//ViR-Nordwest//VirServerless//DE",
            "VERSION:2.0",
            "CALSCALE:GREGORIAN",
            "METHOD:REQUEST",
            "BEGIN:VTIMEZONE",
            "TZID:Europe/Berlin",
            "BEGIN:DAYLIGHT",
            "TZOFFSETFROM:+0100",
            "TZOFFSETTO:+0200",
            "TZNAME:CEST",
            "DTSTART:19700329T020000",
            "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
            "END:DAYLIGHT",
            "BEGIN:STANDARD",
            "TZOFFSETFROM:+0200",
            "TZOFFSETTO:+0100",
            "TZNAME:CET",
            "DTSTART:19701025T030000",
            "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
            "END:STANDARD",
            "END:VTIMEZONE",
            "BEGIN:VEVENT",
            "UID:plenum-2027-06-10.p-4711@vir-nordwest.de",
            "SEQUENCE:2",
            "DTSTAMP:20270502T081500Z",
            "DTSTART;TZID=Europe/Berlin:20270610T180000",
            "DTEND;TZID=Europe/Berlin:20270610T200000",
            "SUMMARY:Plenum Juni: KI in der Verwaltung",
            "LOCATION:Online (Teams)",
            @"DESCRIPTION:Agenda:\n1. Begrüßung\; 2. Vortrag",
            "URL:https://vir-nordwest.de/veranstaltungen/plenum-2027-06-10",
            "ORGANIZER;CN=\"ViR-Nordwest, Geschäftsstelle\":mailto:kontakt@vir-nordwest.d", // 'ä' is two octets
            " e",
            "ATTENDEE;CN=\"Erika Mustermann\";ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=",
            " FALSE:mailto:erika@gemeinde.example",
            "STATUS:CONFIRMED",
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            "DESCRIPTION:Erinnerung: Plenum Juni: KI in der Verwaltung",
            "TRIGGER:-PT30M",
            "END:VALARM",
            "END:VEVENT",
            "END:VCALENDAR",
            "");
        Assert.Equal(expected, document);
    }

    [Fact]
    public void SummerEventIsWrittenInBerlinLocalTimeWithTzid()
    {
        var document = CalendarWriter.Write([Entry(start: new DateTimeOffset(2027, 7, 1, 7, 30, 0, TimeSpan.Zero))], CalendarMethod.Publish, Stamp);

        Assert.Equal("DTSTART;TZID=Europe/Berlin:20270701T093000", Property(document, "DTSTART;"));
        Assert.Equal("DTEND;TZID=Europe/Berlin:20270701T113000", Property(document, "DTEND;"));
    }

    [Fact]
    public void WinterEventIsWrittenInBerlinLocalTimeWithTzid()
    {
        var document = CalendarWriter.Write([Entry(start: new DateTimeOffset(2027, 1, 14, 7, 30, 0, TimeSpan.Zero))], CalendarMethod.Publish, Stamp);

        Assert.Equal("DTSTART;TZID=Europe/Berlin:20270114T083000", Property(document, "DTSTART;"));
    }

    [Theory]
    [InlineData("2027-06-10T16:00:00Z")]
    [InlineData("2027-12-24T23:30:00Z")]
    [InlineData("2027-03-28T01:00:00Z")] // 03:00 CEST, the first instant after the spring switch
    [InlineData("2027-10-31T00:30:00Z")] // 02:30 CEST, the first of the two local 02:30s of the autumn switch
    public void ParsedBackStartIsTheSameInstant(string utc)
    {
        var start = DateTimeOffset.Parse(utc, CultureInfo.InvariantCulture);
        var document = CalendarWriter.Write([Entry(start: start, summary: "Früher Termin")], CalendarMethod.Publish, Stamp);

        var value = Property(document, "DTSTART;TZID=Europe/Berlin:")["DTSTART;TZID=Europe/Berlin:".Length..];
        var local = DateTime.ParseExact(value, "yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        // RFC 5545 3.3.5: an ambiguous local time means its first occurrence, which is the larger (daylight) offset.
        var offset = berlin.IsAmbiguousTime(local) ? berlin.GetAmbiguousTimeOffsets(local).Max() : berlin.GetUtcOffset(local);
        var parsed = new DateTimeOffset(local, offset);

        Assert.Equal(start, parsed);
    }

    [Fact]
    public void EscapesTextValues()
    {
        var document = CalendarWriter.Write(
            [Entry(summary: @"A\B; C, D", description: "Zeile 1\r\nZeile 2\nZeile 3\rZeile 4\u0007")], CalendarMethod.Publish, Stamp);

        Assert.Equal(@"SUMMARY:A\\B\; C\, D", Property(document, "SUMMARY:"));
        Assert.Equal(@"DESCRIPTION:Zeile 1\nZeile 2\nZeile 3\nZeile 4", Property(document, "DESCRIPTION:"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void FoldsAtSeventyFiveOctetsWithoutSplittingUmlauts(int shift)
    {
        // "DESCRIPTION:" is 12 octets; the shift moves the two-octet umlauts across the 75-octet boundary.
        var text = new string('x', 60 + shift) + string.Concat(Enumerable.Repeat("äöüß€😀", 20));
        var document = CalendarWriter.Write([Entry(description: text)], CalendarMethod.Publish, Stamp);

        var physicalLines = document.Split("\r\n");
        Assert.All(physicalLines, line => Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, $"{Encoding.UTF8.GetByteCount(line)} octets: {line}"));
        Assert.All(physicalLines.Where(line => line.StartsWith(' ')), line => Assert.False(line.StartsWith("  ", StringComparison.Ordinal)));
        Assert.True(physicalLines.Count(line => line.StartsWith(' ')) >= 3);
        Assert.DoesNotContain('\uFFFD', document);
        Assert.Equal("DESCRIPTION:" + text, Property(document, "DESCRIPTION:"));
    }

    [Fact]
    public void FoldedLinesUseTheWholeBudget()
    {
        var document = CalendarWriter.Write([Entry(description: new string('a', 200))], CalendarMethod.Publish, Stamp);

        var lines = document.Split("\r\n").SkipWhile(line => !line.StartsWith("DESCRIPTION:", StringComparison.Ordinal)).Take(3).ToList();

        Assert.Equal([75, 75, 64], lines.Select(line => line.Length));
    }

    [Fact]
    public void UsesCrlfLineEndsOnly()
    {
        var document = CalendarWriter.Write([Entry()], CalendarMethod.Publish, Stamp);

        Assert.EndsWith("END:VCALENDAR\r\n", document, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", document.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("\r", document.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void CancellationMarksEveryEventCancelledWithoutAlarm()
    {
        var entry = Entry() with { Sequence = 3, Reminder = TimeSpan.FromHours(1) };

        var document = CalendarWriter.Write([entry], CalendarMethod.Cancel, Stamp);

        Assert.Equal("METHOD:CANCEL", Property(document, "METHOD:"));
        Assert.Equal("STATUS:CANCELLED", Property(document, "STATUS:"));
        Assert.Equal("SEQUENCE:3", Property(document, "SEQUENCE:"));
        Assert.DoesNotContain("BEGIN:VALARM", document, StringComparison.Ordinal);
    }

    [Fact]
    public void CancelledEntryInAPublishedCalendarIsCancelled()
    {
        var document = CalendarWriter.Write([Entry(cancelled: true)], CalendarMethod.Publish, Stamp);

        Assert.Equal("METHOD:PUBLISH", Property(document, "METHOD:"));
        Assert.Equal("STATUS:CANCELLED", Property(document, "STATUS:"));
    }

    [Fact]
    public void DtstampIsUtcWhateverTheOffsetGiven()
    {
        var document = CalendarWriter.Write([Entry()], CalendarMethod.Publish, new DateTimeOffset(2027, 5, 2, 10, 15, 0, TimeSpan.FromHours(2)));

        Assert.Equal("DTSTAMP:20270502T081500Z", Property(document, "DTSTAMP:"));
    }

    [Fact]
    public void WritesOneTimeZoneForSeveralEvents()
    {
        var document = CalendarWriter.Write(
            [Entry(), Entry() with { Uid = "second@vir-nordwest.de", Start = Entry().Start.AddDays(7), End = Entry().End.AddDays(7) }],
            CalendarMethod.Publish,
            Stamp);

        Assert.Equal(1, CountOf(document, "BEGIN:VTIMEZONE"));
        Assert.Equal(2, CountOf(document, "BEGIN:VEVENT"));
    }

    [Fact]
    public void ReminderDurationsUseDaysHoursAndMinutes()
    {
        var document = CalendarWriter.Write([Entry() with { Reminder = new TimeSpan(1, 2, 30, 0) }], CalendarMethod.Publish, Stamp);

        Assert.Equal("TRIGGER:-P1DT2H30M", Property(document, "TRIGGER:"));
    }

    [Fact]
    public void RejectsAnEventThatEndsBeforeItStarts()
    {
        var entry = Entry() with { End = Entry().Start.AddMinutes(-1) };

        Assert.Throws<ArgumentException>(() => CalendarWriter.Write([entry], CalendarMethod.Publish, Stamp));
    }

    private static int CountOf(string document, string line) => document.Split("\r\n").Count(l => l == line);
}

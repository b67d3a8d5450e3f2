using System.Globalization;
using System.Text;
using Ical.Net.CalendarComponents;
using VirServerless.Core.Calendar;
using IcalCalendar = Ical.Net.Calendar;

namespace VirServerless.Core.Tests.Calendar;

/// <summary>Everything here reads what we write back with Ical.Net, as a calendar client would.</summary>
public class CalendarWriterTests
{
    private static readonly DateTimeOffset Stamp = new(2027, 5, 2, 8, 15, 0, TimeSpan.Zero);

    private static CalendarEntry Entry(DateTimeOffset? start = null, string summary = "Plenum", string? description = null, bool cancelled = false) =>
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

    internal static IcalCalendar Read(string document) => IcalCalendar.Load(document) ?? throw new InvalidOperationException("No calendar.");

    private static CalendarEvent SingleEvent(string document) => Assert.Single(Read(document).Events);

    [Fact]
    public void ARequestCarriesTheEventThePersonAndTheAlarm()
    {
        var entry = new CalendarEntry(
            Uid: "plenum-2027-06-10.p-4711@vir-nordwest.de",
            Sequence: 2,
            Summary: "Plenum Juni: KI in der Verwaltung",
            Start: new DateTimeOffset(2027, 6, 10, 18, 0, 0, TimeSpan.FromHours(2)),
            End: new DateTimeOffset(2027, 6, 10, 20, 0, 0, TimeSpan.FromHours(2)),
            Location: "Rathaus, Markt 1, 26122 Oldenburg",
            Description: "Agenda:\n1. Begrüßung; 2. Vortrag",
            Url: new Uri("https://vir-nordwest.de/veranstaltungen/plenum-2027-06-10"),
            OrganizerName: "ViR-Nordwest, Geschäftsstelle",
            OrganizerEmail: "kontakt@vir-nordwest.de",
            Reminder: TimeSpan.FromMinutes(30),
            AttendeeName: "Erika Mustermann",
            AttendeeEmail: "erika@gemeinde.example");

        var document = CalendarWriter.Write([entry], CalendarMethod.Request, Stamp);

        var calendar = Read(document);
        Assert.Equal("REQUEST", calendar.Method);
        Assert.Equal(CalendarWriter.ProductId, calendar.ProductId);
        Assert.Equal("2.0", calendar.Version);
        var ev = Assert.Single(calendar.Events);
        Assert.Equal(entry.Uid, ev.Uid);
        Assert.Equal(2, ev.Sequence);
        Assert.Equal(new DateTime(2027, 5, 2, 8, 15, 0, DateTimeKind.Utc), ev.DtStamp?.AsUtc);
        Assert.True(ev.DtStamp?.IsUtc);
        Assert.Equal(entry.Start.UtcDateTime, ev.DtStart?.AsUtc);
        Assert.Equal(entry.End.UtcDateTime, ev.DtEnd?.AsUtc);
        Assert.Equal(entry.Summary, ev.Summary);
        Assert.Equal(entry.Location, ev.Location);
        Assert.Equal(entry.Description, ev.Description);
        Assert.Equal(entry.Url, ev.Url);
        Assert.Equal(new Uri("mailto:kontakt@vir-nordwest.de"), ev.Organizer?.Value);
        Assert.Equal("ViR-Nordwest, Geschäftsstelle", ev.Organizer?.CommonName);
        var attendee = Assert.Single(ev.Attendees);
        Assert.Equal(new Uri("mailto:erika@gemeinde.example"), attendee.Value);
        Assert.Equal("Erika Mustermann", attendee.CommonName);
        Assert.Equal("ACCEPTED", attendee.ParticipationStatus);
        Assert.False(attendee.Rsvp);
        Assert.Equal("CONFIRMED", ev.Status);
        var alarm = Assert.Single(ev.Alarms);
        Assert.Equal("DISPLAY", alarm.Action);
        Assert.Equal(TimeSpan.FromMinutes(-30), alarm.Trigger?.Duration?.ToTimeSpanUnspecified());
    }

    [Theory]
    [InlineData("2027-01-14T07:30:00Z", "2027-01-14T08:30:00")] // winter
    [InlineData("2027-07-01T07:30:00Z", "2027-07-01T09:30:00")] // summer
    [InlineData("2027-03-28T00:30:00Z", "2027-03-28T01:30:00")] // the last winter hour before the spring change
    [InlineData("2027-03-28T01:00:00Z", "2027-03-28T03:00:00")] // the first summer instant after it
    [InlineData("2027-10-31T00:30:00Z", "2027-10-31T02:30:00")] // the first of the two local 02:30s of the autumn change
    [InlineData("2027-10-31T02:00:00Z", "2027-10-31T03:00:00")] // winter again
    public void StartIsWrittenInBerlinLocalTimeAndMeansTheSameInstant(string utc, string berlin)
    {
        var start = DateTimeOffset.Parse(utc, CultureInfo.InvariantCulture);

        var ev = SingleEvent(CalendarWriter.Write([Entry(start: start)], CalendarMethod.Publish, Stamp));

        Assert.Equal(CalendarWriter.TimeZoneId, ev.DtStart?.TzId);
        Assert.Equal(DateTime.Parse(berlin, CultureInfo.InvariantCulture), ev.DtStart?.Value);
        Assert.Equal(start.UtcDateTime, ev.DtStart?.AsUtc);
        Assert.Equal(start.AddHours(2).UtcDateTime, ev.DtEnd?.AsUtc);
    }

    [Fact]
    public void TheRepeatedAutumnHourIsWrittenInUtcSoItIsNotReadAsTheFirstOne()
    {
        var start = new DateTimeOffset(2027, 10, 31, 1, 30, 0, TimeSpan.Zero); // 02:30 CET, after 02:30 CEST

        var ev = SingleEvent(CalendarWriter.Write([Entry(start: start)], CalendarMethod.Publish, Stamp));

        Assert.Equal(start.UtcDateTime, ev.DtStart?.AsUtc);
    }

    [Theory]
    [InlineData("2027-03-28T00:30:00Z")]
    [InlineData("2027-03-28T01:00:00Z")]
    [InlineData("2027-10-31T00:30:00Z")]
    [InlineData("2027-10-31T02:00:00Z")]
    [InlineData("2030-06-05T07:00:00Z")]
    public void TheWrittenTimeZoneAloneMapsTheLocalStartToTheEventsInstant(string utc)
    {
        var start = DateTimeOffset.Parse(utc, CultureInfo.InvariantCulture);

        var calendar = Read(CalendarWriter.Write([Entry(start: start)], CalendarMethod.Publish, Stamp));

        var zone = Assert.Single(calendar.TimeZones);
        Assert.Equal(CalendarWriter.TimeZoneId, zone.TzId);
        var standard = Assert.Single(zone.TimeZoneInfos, i => i.Name == "STANDARD");
        var daylight = Assert.Single(zone.TimeZoneInfos, i => i.Name == "DAYLIGHT");
        Assert.Equal((TimeSpan.FromHours(2), TimeSpan.FromHours(1)), (standard.OffsetFrom!.Offset, standard.OffsetTo!.Offset));
        Assert.Equal((TimeSpan.FromHours(1), TimeSpan.FromHours(2)), (daylight.OffsetFrom!.Offset, daylight.OffsetTo!.Offset));
        Assert.Equal("FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10", standard.RecurrenceRule?.ToString());
        Assert.Equal("FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3", daylight.RecurrenceRule?.ToString());
        var local = Assert.Single(calendar.Events).DtStart!.Value;
        Assert.Equal(start.UtcDateTime, DateTime.SpecifyKind(local - OffsetAt(zone, local), DateTimeKind.Utc));
    }

    [Fact]
    public void CancellationMarksEveryEventCancelledWithoutAlarmAndKeepsItsSequence()
    {
        var entry = Entry() with { Sequence = 3, Reminder = TimeSpan.FromHours(1) };

        var calendar = Read(CalendarWriter.Write([entry], CalendarMethod.Cancel, Stamp));

        Assert.Equal("CANCEL", calendar.Method);
        var ev = Assert.Single(calendar.Events);
        Assert.Equal("CANCELLED", ev.Status);
        Assert.Equal(3, ev.Sequence);
        Assert.Empty(ev.Alarms);
    }

    [Fact]
    public void CancelledEntryInAPublishedCalendarIsCancelled()
    {
        var calendar = Read(CalendarWriter.Write([Entry(cancelled: true)], CalendarMethod.Publish, Stamp));

        Assert.Equal("PUBLISH", calendar.Method);
        Assert.Equal("CANCELLED", Assert.Single(calendar.Events).Status);
    }

    [Fact]
    public void DtstampIsUtcWhateverTheOffsetGiven()
    {
        var document = CalendarWriter.Write([Entry()], CalendarMethod.Publish, new DateTimeOffset(2027, 5, 2, 10, 15, 0, TimeSpan.FromHours(2)));

        Assert.Contains("\r\nDTSTAMP:20270502T081500Z\r\n", document, StringComparison.Ordinal);
    }

    [Fact]
    public void WritesOneTimeZoneForSeveralEvents()
    {
        var calendar = Read(CalendarWriter.Write(
            [Entry(), Entry() with { Uid = "second@vir-nordwest.de", Start = Entry().Start.AddDays(7), End = Entry().End.AddDays(7) }],
            CalendarMethod.Publish,
            Stamp));

        Assert.Single(calendar.TimeZones);
        Assert.Equal(2, calendar.Events.Count);
    }

    [Fact]
    public void TextReadsBackAsWrittenWithLineBreaksAndWithoutOtherControlCharacters()
    {
        var ev = SingleEvent(CalendarWriter.Write(
            [Entry(summary: @"A\B; C, D", description: "Zeile 1\r\nZeile 2\nZeile 3\rZeile 4\u0007")], CalendarMethod.Publish, Stamp));

        Assert.Equal(@"A\B; C, D", ev.Summary);
        Assert.Equal("Zeile 1\nZeile 2\nZeile 3\nZeile 4", ev.Description);
    }

    [Fact]
    public void ALineBreakInANameCannotAddAnAttendeeOrAProperty()
    {
        var entry = Entry() with
        {
            OrganizerName = "Eve\r\nATTENDEE:mailto:attacker@evil.example",
            OrganizerEmail = "kontakt@vir-nordwest.de",
            AttendeeName = "Anna \"Chefin\"\nSTATUS:CANCELLED",
            AttendeeEmail = "anna@gemeinde.example",
        };

        var ev = SingleEvent(CalendarWriter.Write([entry], CalendarMethod.Request, Stamp));

        Assert.Equal(new Uri("mailto:anna@gemeinde.example"), Assert.Single(ev.Attendees).Value);
        Assert.Equal("CONFIRMED", ev.Status);
        Assert.Equal("Eve  ATTENDEE:mailto:attacker@evil.example", ev.Organizer?.CommonName);
        Assert.Equal(new Uri("mailto:kontakt@vir-nordwest.de"), ev.Organizer?.Value);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void FoldsAtSeventyFiveOctetsWithoutSplittingCharacters(int shift)
    {
        // "DESCRIPTION:" is 12 octets; the shift moves the multi-octet characters across the 75-octet boundary.
        var text = new string('x', 60 + shift) + string.Concat(Enumerable.Repeat("äöüß€😀", 20));

        var document = CalendarWriter.Write([Entry(description: text)], CalendarMethod.Publish, Stamp);

        var physicalLines = document.Split("\r\n");
        Assert.All(physicalLines, line => Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, $"{Encoding.UTF8.GetByteCount(line)} octets: {line}"));
        Assert.DoesNotContain('\uFFFD', document);
        Assert.Equal(text, SingleEvent(document).Description);
    }

    [Fact]
    public void UsesCrlfLineEndsOnly()
    {
        var document = CalendarWriter.Write([Entry(description: "a\nb")], CalendarMethod.Publish, Stamp);

        Assert.EndsWith("END:VCALENDAR\r\n", document, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", document.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("\r", document.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsAnEventThatEndsBeforeItStarts()
    {
        var entry = Entry() with { End = Entry().Start.AddMinutes(-1) };

        Assert.Throws<ArgumentException>(() => CalendarWriter.Write([entry], CalendarMethod.Publish, Stamp));
    }

    /// <summary>The offset the VTIMEZONE's own STANDARD/DAYLIGHT rules give a local time: that of the last onset before it.</summary>
    private static TimeSpan OffsetAt(VTimeZone zone, DateTime local) =>
        zone.TimeZoneInfos
            .SelectMany(info => info.GetOccurrences(info.DtStart!, null)
                .Select(o => o.Period.StartTime.Value)
                .TakeWhile(onset => onset <= local.AddYears(1))
                .Select(onset => (Onset: onset, info.OffsetTo!.Offset)))
            .Where(t => t.Onset <= local)
            .MaxBy(t => t.Onset)
            .Offset;
}

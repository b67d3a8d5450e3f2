using VirServerless.Core.Calendar;
using VirServerless.Core.Events;
using VirServerless.Core.Mail;

namespace VirServerless.Core.Tests.Calendar;

public class EventCalendarTests
{
    private static readonly MailAddress Sender = new("veranstaltungen@vir-nordwest.example", "ViR-Nordwest Veranstaltungen");

    private static readonly CatalogEvent Plenum = new()
    {
        Id = "plenum-2030",
        Kind = EventKind.Plenum,
        Title = "Plenum",
        Status = EventStatus.Published,
        Start = DateTimeOffset.Parse("2030-06-05T09:00:00+02:00"),
        End = DateTimeOffset.Parse("2030-06-05T17:00:00+02:00"),
        Version = 4,
    };

    private static readonly Uri Link = new("https://vir-nordwest.example/veranstaltungen/plenum-2030");

    private static Ical.Net.CalendarComponents.CalendarEvent Published(CatalogEvent ev) =>
        Assert.Single(CalendarWriterTests.Read(CalendarWriter.Write([EventCalendar.ForPublic(ev, Link, Sender)], CalendarMethod.Publish, ev.Start)).Events);

    [Fact]
    public void ThePublishedEntryOfAnEventWithoutContactHasTheSenderAsOrganizer()
    {
        var ev = Published(Plenum);

        Assert.Equal(new Uri("mailto:veranstaltungen@vir-nordwest.example"), ev.Organizer?.Value);
        Assert.Equal("ViR-Nordwest Veranstaltungen", ev.Organizer?.CommonName);
    }

    [Fact]
    public void ThePublishedEntryOfAnEventWhoseContactHasNoAddressHasTheSenderAsOrganizer()
    {
        var ev = Published(Plenum with { Contact = new Contact { Name = "Geschäftsstelle", Phone = "0441 12345" } });

        Assert.Equal(new Uri("mailto:veranstaltungen@vir-nordwest.example"), ev.Organizer?.Value);
    }

    [Fact]
    public void ThePublishedEntryHasTheContactAsOrganizerAndTheEventVersionAsSequence()
    {
        var ev = Published(Plenum with { Contact = new Contact { Name = "Erika Muster", Email = "erika@vir-nordwest.example" } });

        Assert.Equal(new Uri("mailto:erika@vir-nordwest.example"), ev.Organizer?.Value);
        Assert.Equal("Erika Muster", ev.Organizer?.CommonName);
        Assert.Equal(EventCalendar.PublicUid("plenum-2030"), ev.Uid);
        Assert.Equal(4, ev.Sequence);
        Assert.Empty(ev.Attendees);
    }
}

using System.Globalization;
using VirServerless.Core.Events;

namespace VirServerless.Core.Tests.Events;

public class EventValidatorTests
{
    private static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);

    private static Session Talk(string id, string start, string end) =>
        new() { Id = id, Kind = SessionKind.Talk, Title = "Vortrag", Start = At(start), End = At(end) };

    private static readonly CatalogEvent Valid = new()
    {
        Id = "plenum-test",
        Kind = EventKind.Plenum,
        Title = "Plenum Test",
        Status = EventStatus.Published,
        Start = At("2027-06-09T15:30:00+02:00"),
        End = At("2027-06-10T15:00:00+02:00"),
        Venue = new() { Name = "Saal", PostalCode = "27568" },
        Contact = new() { Name = "Geschäftsstelle", Email = "geschaeftsstelle@vir-nordwest.example" },
        Registration = new()
        {
            Opens = At("2026-11-01T00:00:00+01:00"),
            Closes = At("2027-05-26T23:59:00+02:00"),
            Capacity = 120,
            MaxPerOrganization = 3,
        },
        Reminders = ["P7D", "P1D"],
        RetentionDays = 30,
        Topics = ["E-Akte"],
        Sessions =
        [
            Talk("impuls", "2027-06-09T15:30:00+02:00", "2027-06-09T16:30:00+02:00"),
            Talk("abschluss", "2027-06-10T14:00:00+02:00", "2027-06-10T15:00:00+02:00"),
        ],
        Faq = [new("Gibt es Parkplätze?", "Ja.")],
    };

    private static void AssertOnlyError(IReadOnlyDictionary<string, string[]> errors, string path, string expectedMessage)
    {
        var single = Assert.Single(errors);
        Assert.Equal(path, single.Key);
        Assert.Contains(expectedMessage, Assert.Single(single.Value), StringComparison.Ordinal);
    }

    private static CatalogEvent WithSession(Session session) => Valid with { Sessions = [.. Valid.Programme, session] };

    [Fact]
    public void AcceptsValidEvent()
    {
        var errors = EventValidator.Validate(Valid);

        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("Plenum-2027")]
    [InlineData("p")]
    [InlineData("-plenum")]
    [InlineData("plenum_2027")]
    [InlineData("plenum 2027")]
    [InlineData("plenum-2027\n")]
    [InlineData("plenum-ä")]
    public void RejectsIdThatIsNotASlug(string id)
    {
        var errors = EventValidator.Validate(Valid with { Id = id });

        AssertOnlyError(errors, "id", "Die Kennung muss 2 bis 63 Zeichen lang sein");
    }

    [Fact]
    public void RejectsIdLongerThan63Characters()
    {
        var errors = EventValidator.Validate(Valid with { Id = new string('a', 64) });

        AssertOnlyError(errors, "id", "Die Kennung muss 2 bis 63 Zeichen lang sein");
    }

    [Fact]
    public void RejectsSessionIdThatIsNotASlug()
    {
        var errors = EventValidator.Validate(WithSession(Talk("Impuls 2", "2027-06-10T09:00:00+02:00", "2027-06-10T10:00:00+02:00")));

        AssertOnlyError(errors, "sessions[2].id", "Die Kennung muss 2 bis 63 Zeichen lang sein");
    }

    [Fact]
    public void RejectsDuplicateSessionId()
    {
        var errors = EventValidator.Validate(WithSession(Talk("impuls", "2027-06-10T09:00:00+02:00", "2027-06-10T10:00:00+02:00")));

        AssertOnlyError(errors, "sessions[2].id", "Die Kennung „impuls“ ist bereits an einen anderen Programmpunkt vergeben.");
    }

    [Fact]
    public void RejectsEventThatEndsBeforeItStarts()
    {
        var errors = EventValidator.Validate(Valid with { End = Valid.Start, Sessions = null });

        AssertOnlyError(errors, "end", "Das Ende der Veranstaltung muss nach ihrem Beginn liegen.");
    }

    [Fact]
    public void RejectsSessionThatEndsBeforeItStarts()
    {
        var errors = EventValidator.Validate(WithSession(Talk("rueckwaerts", "2027-06-10T10:00:00+02:00", "2027-06-10T09:00:00+02:00")));

        AssertOnlyError(errors, "sessions[2].end", "Das Ende des Programmpunkts muss nach seinem Beginn liegen.");
    }

    [Fact]
    public void AcceptsSessionBeforeTheOfficialStartOnTheFirstDay()
    {
        var errors = EventValidator.Validate(WithSession(Talk("ankommen", "2027-06-09T00:00:00+02:00", "2027-06-09T15:30:00+02:00")));

        Assert.Empty(errors);
    }

    [Fact]
    public void RejectsSessionOnTheDayBeforeTheEvent()
    {
        var errors = EventValidator.Validate(WithSession(Talk("vorabend", "2027-06-08T23:59:00+02:00", "2027-06-09T15:30:00+02:00")));

        AssertOnlyError(errors, "sessions[2].start", "Der Programmpunkt beginnt vor dem ersten Veranstaltungstag (09.06.2027).");
    }

    [Fact]
    public void RejectsSessionThatEndsAfterTheEvent()
    {
        var errors = EventValidator.Validate(WithSession(Talk("verlaengerung", "2027-06-10T14:00:00+02:00", "2027-06-10T15:01:00+02:00")));

        AssertOnlyError(errors, "sessions[2].end", "Der Programmpunkt endet nach dem Ende der Veranstaltung (10.06.2027, 15:00 Uhr).");
    }

    [Fact]
    public void RejectsWinterOffsetInSummer()
    {
        var errors = EventValidator.Validate(WithSession(Talk("falscher-versatz", "2027-06-10T09:00:00+01:00", "2027-06-10T11:00:00+02:00")));

        AssertOnlyError(errors, "sessions[2].start", "Die Zeitangabe hat den Versatz +01:00, in Berlin gilt zu diesem Zeitpunkt aber +02:00.");
    }

    [Fact]
    public void AcceptsUtcTimes()
    {
        var errors = EventValidator.Validate(Valid with { Start = Valid.Start.ToUniversalTime(), End = Valid.End.ToUniversalTime() });

        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("7 Tage")]
    [InlineData("P1M")]
    [InlineData("")]
    public void RejectsReminderThatIsNotAnIsoDuration(string reminder)
    {
        var errors = EventValidator.Validate(Valid with { Reminders = ["P7D", reminder] });

        AssertOnlyError(errors, "reminders[1]", $"„{reminder}“ ist keine gültige ISO-8601-Dauer");
    }

    [Fact]
    public void RejectsZeroReminder()
    {
        var errors = EventValidator.Validate(Valid with { Reminders = ["PT0M"] });

        AssertOnlyError(errors, "reminders[0]", "die Dauer muss größer als null sein.");
    }

    [Fact]
    public void RejectsTheSameReminderTwiceEvenWhenSpelledDifferently()
    {
        var errors = EventValidator.Validate(Valid with { Reminders = ["P1W", "P7D"] });

        AssertOnlyError(errors, "reminders[1]", "Die Erinnerung „P7D“ ist doppelt angegeben.");
    }

    [Fact]
    public void RejectsNegativeEventCapacity()
    {
        var errors = EventValidator.Validate(Valid with { Registration = Valid.Registration! with { Capacity = -1 } });

        AssertOnlyError(errors, "registration.capacity", "Die Zahl der Plätze darf nicht negativ sein.");
    }

    [Fact]
    public void AcceptsZeroCapacity()
    {
        var errors = EventValidator.Validate(Valid with { Registration = Valid.Registration! with { Capacity = 0 } });

        Assert.Empty(errors);
    }

    [Fact]
    public void RejectsNegativeSessionCapacity()
    {
        var session = Talk("ag", "2027-06-10T09:00:00+02:00", "2027-06-10T10:00:00+02:00") with { Choosable = true, Capacity = -5 };

        var errors = EventValidator.Validate(WithSession(session));

        AssertOnlyError(errors, "sessions[2].capacity", "Die Zahl der Plätze darf nicht negativ sein.");
    }

    [Fact]
    public void RejectsRegistrationThatClosesBeforeItOpens()
    {
        var registration = Valid.Registration! with { Opens = At("2027-05-01T00:00:00+02:00"), Closes = At("2027-04-01T00:00:00+02:00") };

        var errors = EventValidator.Validate(Valid with { Registration = registration });

        AssertOnlyError(errors, "registration.closes", "Das Anmeldeende muss nach dem Anmeldebeginn liegen.");
    }

    [Fact]
    public void AcceptsRegistrationThatClosesAfterTheStart()
    {
        var registration = Valid.Registration! with { Closes = At("2027-06-10T09:00:00+02:00") };

        var errors = EventValidator.Validate(Valid with { Registration = registration });

        Assert.Empty(errors);
    }

    [Fact]
    public void RejectsRegistrationThatClosesAfterTheEnd()
    {
        var registration = Valid.Registration! with { Closes = At("2027-06-10T15:00:01+02:00") };

        var errors = EventValidator.Validate(Valid with { Registration = registration });

        AssertOnlyError(errors, "registration.closes", "Die Anmeldung muss spätestens mit dem Ende der Veranstaltung schließen.");
    }

    [Fact]
    public void RejectsMaxPerOrganizationBelowOne()
    {
        var errors = EventValidator.Validate(Valid with { Registration = Valid.Registration! with { MaxPerOrganization = 0 } });

        AssertOnlyError(errors, "registration.maxPerOrganization", "Die Höchstzahl an Anmeldungen je Organisation muss mindestens 1 sein.");
    }

    [Theory]
    [InlineData("geschaeftsstelle")]
    [InlineData("geschaeftsstelle@vir-nordwest")]
    [InlineData("ge schaeftsstelle@vir-nordwest.example")]
    [InlineData("a@b@c.de")]
    public void RejectsContactEmailThatDoesNotLookLikeOne(string email)
    {
        var errors = EventValidator.Validate(Valid with { Contact = Valid.Contact! with { Email = email } });

        AssertOnlyError(errors, "contact.email", $"„{email}“ ist keine gültige E-Mail-Adresse.");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void RejectsEmptyTitle(string title)
    {
        var errors = EventValidator.Validate(Valid with { Title = title });

        AssertOnlyError(errors, "title", "Der Titel darf nicht leer sein.");
    }

    [Fact]
    public void RejectsTitleLongerThan200Characters()
    {
        var errors = EventValidator.Validate(Valid with { Title = new string('x', 201) });

        AssertOnlyError(errors, "title", "Der Titel darf höchstens 200 Zeichen lang sein (jetzt: 201).");
    }

    [Fact]
    public void AcceptsTitleOfExactly200Characters()
    {
        var errors = EventValidator.Validate(Valid with { Title = new string('x', 200) });

        Assert.Empty(errors);
    }

    [Fact]
    public void RejectsEmptySessionTitle()
    {
        var errors = EventValidator.Validate(WithSession(Talk("leer", "2027-06-10T09:00:00+02:00", "2027-06-10T10:00:00+02:00") with { Title = "" }));

        AssertOnlyError(errors, "sessions[2].title", "Der Titel darf nicht leer sein.");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3651)]
    public void RejectsRetentionDaysOutsideOneToTenYears(int days)
    {
        var errors = EventValidator.Validate(Valid with { RetentionDays = days });

        AssertOnlyError(errors, "retentionDays", "Die Aufbewahrungsfrist muss zwischen 1 und 3650 Tagen liegen.");
    }

    [Fact]
    public void RejectsDocumentLargerThan60KB()
    {
        var errors = EventValidator.Validate(Valid with { Description = new string('x', 31_000) });

        AssertOnlyError(errors, "$", "erlaubt sind höchstens 60 KB");
    }

    [Fact]
    public void AcceptsDocumentJustBelow60KB()
    {
        var errors = EventValidator.Validate(Valid with { Description = new string('x', 29_000) });

        Assert.Empty(errors);
    }

    [Fact]
    public void RejectsFaqEntryWithoutQuestion()
    {
        var errors = EventValidator.Validate(Valid with { Faq = [new("Gibt es WLAN?", "Ja."), new(" ", "Ja.")] });

        AssertOnlyError(errors, "faq[1].question", "Die Frage darf nicht leer sein.");
    }

    [Fact]
    public void RejectsFaqEntryWithoutAnswer()
    {
        var errors = EventValidator.Validate(Valid with { Faq = [new("Gibt es WLAN?", "")] });

        AssertOnlyError(errors, "faq[0].answer", "Die Antwort darf nicht leer sein.");
    }

    [Fact]
    public void RejectsPostalCodeThatIsNotFiveDigits()
    {
        var errors = EventValidator.Validate(Valid with { Venue = Valid.Venue! with { PostalCode = "2756" } });

        AssertOnlyError(errors, "venue.postalCode", "„2756“ ist keine Postleitzahl; erwartet werden fünf Ziffern.");
    }

    [Fact]
    public void RejectsEmptyTopic()
    {
        var errors = EventValidator.Validate(Valid with { Topics = ["E-Akte", ""] });

        AssertOnlyError(errors, "topics[1]", "Das Thema darf nicht leer sein.");
    }

    [Fact]
    public void ReportsEveryBrokenFieldAtOnce()
    {
        var broken = Valid with { Id = "X", Title = "", RetentionDays = 0, Reminders = ["bald"] };

        var errors = EventValidator.Validate(broken);

        Assert.Equal(["id", "reminders[0]", "retentionDays", "title"], errors.Keys.Order(StringComparer.Ordinal));
    }
}

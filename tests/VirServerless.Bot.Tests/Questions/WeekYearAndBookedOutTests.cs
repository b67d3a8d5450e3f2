using VirServerless.Bot.Questions;

namespace VirServerless.Bot.Tests.Questions;

/// <summary>
/// A Wednesday in December with a series of online network meetings (one next week, one in January), a fully booked
/// winter plenum with a waiting list in the new year, a marketplace whose stations are numbered apart from their stands,
/// and a conference on information security: relative weeks and years, lengths, booked-out events and station labels.
/// </summary>
public class WeekYearAndBookedOutTests
{
    // Wednesday, 10 December 2031.
    private static readonly DateTimeOffset Now = new(2031, 12, 10, 9, 0, 0, TimeSpan.FromHours(1));

    private const string DecemberJson = """
        {
          "id": "netzwerk-2031-12", "kind": "other", "title": "Netzwerktreffen E-Rechnung – Dezember 2031", "status": "published",
          "start": "2031-12-18T10:00:00+01:00", "end": "2031-12-18T11:30:00+01:00",
          "venue": { "name": "Online über Microsoft Teams" },
          "topics": ["Rechnungseingang"],
          "registration": { "opens": "2031-11-01T09:00:00+01:00", "closes": "2031-12-17T12:00:00+01:00", "capacity": 80, "waitlist": false }
        }
        """;

    private const string JanuaryJson = """
        {
          "id": "netzwerk-2032-01", "kind": "other", "title": "Netzwerktreffen E-Rechnung – Januar 2032", "status": "published",
          "start": "2032-01-15T14:00:00+01:00", "end": "2032-01-15T15:00:00+01:00",
          "venue": { "name": "Online über Microsoft Teams" },
          "topics": ["Zahlungsfreigabe"],
          "registration": { "opens": "2031-12-01T09:00:00+01:00", "closes": "2032-01-14T12:00:00+01:00", "capacity": 80, "waitlist": false }
        }
        """;

    private const string PlenumJson = """
        {
          "id": "plenum-wiefelstede-2032", "kind": "plenum", "title": "Winterplenum 2032 in Wiefelstede", "status": "published",
          "start": "2032-01-28T09:00:00+01:00", "end": "2032-01-28T16:00:00+01:00",
          "venue": { "name": "Rathaussaal", "city": "Wiefelstede" },
          "registration": { "opens": "2031-11-01T09:00:00+01:00", "closes": "2032-01-20T23:59:00+01:00", "capacity": 70, "waitlist": true },
          "faq": [ { "question": "Wird das Plenum gestreamt?", "answer": "Nein, das Plenum findet nur vor Ort statt." } ]
        }
        """;

    private const string MarktplatzJson = """
        {
          "id": "marktplatz-rastede-2032", "kind": "marktplatz", "title": "Marktplatz 2032 in Rastede", "status": "published",
          "start": "2032-03-10T09:00:00+01:00", "end": "2032-03-10T15:00:00+01:00",
          "venue": { "name": "Forum am Park", "city": "Rastede" },
          "registration": { "opens": "2031-12-01T09:00:00+01:00", "closes": "2032-03-01T23:59:00+01:00", "capacity": 120 },
          "sessions": [
            { "id": "stand-bauantrag", "kind": "station", "title": "Stand 1: Bauantrag online", "start": "2032-03-10T09:30:00+01:00", "end": "2032-03-10T14:30:00+01:00", "room": "Halle, Stände 3 bis 4", "choosable": true },
            { "id": "stand-wohngeld", "kind": "station", "title": "Stand 3: Wohngeld digital", "start": "2032-03-10T09:30:00+01:00", "end": "2032-03-10T14:30:00+01:00", "room": "Galerie", "choosable": true }
          ]
        }
        """;

    private const string FachtagJson = """
        {
          "id": "fachtag-sicherheit-2032", "kind": "conference", "title": "Fachtag Informationssicherheit 2032", "status": "published",
          "start": "2032-02-05T09:30:00+01:00", "end": "2032-02-05T16:00:00+01:00",
          "venue": { "name": "Kreishaus", "city": "Westerstede" },
          "registration": { "opens": "2031-11-01T09:00:00+01:00", "closes": "2032-01-25T23:59:00+01:00", "capacity": 100, "waitlist": false, "fee": "90 Euro" },
          "sessions": [
            { "id": "lagebild", "kind": "talk", "title": "Lagebild für Kommunen", "start": "2032-02-05T10:00:00+01:00", "end": "2032-02-05T10:45:00+01:00", "room": "Saal",
              "speakers": ["Dr. Wiebke Harms, Landkreis Ammerland", "Jens Olthoff, IT-Dienstleister Nord GmbH"] }
          ]
        }
        """;

    private const string AgJson = """
        {
          "id": "ag-wahlen-2032", "kind": "workshop", "title": "Arbeitstreffen der AG Wahlen", "status": "published",
          "start": "2032-02-18T09:30:00+01:00", "end": "2032-02-18T15:00:00+01:00",
          "venue": { "name": "Kreishaus", "city": "Brake" },
          "registration": { "opens": "2031-12-01T09:00:00+01:00", "closes": "2032-02-10T23:59:00+01:00", "capacity": 40 },
          "sessions": [
            { "id": "werkstatt-a", "kind": "workshop", "title": "Werkstatt A: Briefwahl", "start": "2032-02-18T11:00:00+01:00", "end": "2032-02-18T12:30:00+01:00", "room": "Raum A", "choosable": true },
            { "id": "werkstatt-b", "kind": "workshop", "title": "Werkstatt B: Wahlhelfer", "start": "2032-02-18T11:00:00+01:00", "end": "2032-02-18T12:30:00+01:00", "room": "Raum B", "choosable": true }
          ]
        }
        """;

    private static readonly CatalogView Catalog = QuestionFixture.CatalogOf(
        [DecemberJson, JanuaryJson, PlenumJson, MarktplatzJson, FachtagJson, AgJson],
        new Dictionary<string, SeatAvailability>
        {
            ["plenum-wiefelstede-2032"] = new(0, new Dictionary<string, int?>()),
            ["marktplatz-rastede-2032"] = new(50, new Dictionary<string, int?> { ["stand-bauantrag"] = 5, ["stand-wohngeld"] = 8 }),
        });

    private static List<Answer> Converse(params string[] questions) => QuestionFixture.Converse(Catalog, Now, questions);

    [Theory]
    [InlineData("bis wann muss ich mich fürs treffen nächste woche anmelden?", Intent.Deadline)]
    [InlineData("was ist das thema vom netzwerktreffen nächste woche?", Intent.Topics)]
    [InlineData("when is the meeting next week?", Intent.When)]
    public void NextWeekPicksTheEventOfThatCalendarWeek(string question, Intent? intent)
    {
        var answer = Converse(question)[0];

        Assert.Equal("netzwerk-2031-12", answer.EventId);
        Assert.NotEqual(Intent.Unknown, answer.Intent);
        Assert.True(intent is null || answer.Intent == intent, answer.Text);
    }

    [Theory]
    [InlineData("naechste woche", 1)]
    [InlineData("next week's one", 1)]
    [InlineData("diese woche", 0)]
    [InlineData("uebernaechste woche", 2)]
    [InlineData("wie viele wochen vorher", null)]
    public void RelativeWeeksCountCalendarWeeksAhead(string normalized, int? weeksAhead) =>
        Assert.Equal(weeksAhead, DateExpressions.RelativeWeek(normalized));

    [Fact]
    public void AYesNoQuestionAboutADayTheEventDoesNotFallOnIsNoWithItsDate()
    {
        var answer = Converse("ist das netzwerktreffen im dezember übermorgen?")[0];

        Assert.Equal("netzwerk-2031-12", answer.EventId);
        Assert.StartsWith("Nein", answer.Text, StringComparison.Ordinal);
        Assert.Contains("18. Dezember", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void AYesNoQuestionAboutTheWeekdayTheEventFallsOnIsYes()
    {
        var answer = Converse("ist das netzwerktreffen im dezember am donnerstag?")[0];

        Assert.StartsWith("Ja", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void WhetherTheNamedEventTakesPlaceThisYearIsNoWhenItsNextDateIsInTheNewYear()
    {
        var answer = Converse("findet das plenum noch dieses jahr statt?")[0];

        Assert.Equal("plenum-wiefelstede-2032", answer.EventId);
        Assert.StartsWith("Nein", answer.Text, StringComparison.Ordinal);
        Assert.Contains("28. Januar 2032", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gibt es dieses jahr noch ein plenum?")]
    [InlineData("is there a plenary in 2034?")]
    public void WhetherAnEventOfAKindExistsInAYearTheCatalogDoesNotCoverStaysRefused(string question) =>
        Assert.Equal(Intent.Unknown, Converse(question)[0].Intent);

    [Fact]
    public void HowLongAOneDayEventLastsIsGivenInMinutesUnderTwoHours()
    {
        var answer = Converse("how long is the december network meeting?")[0];

        Assert.Equal("netzwerk-2031-12", answer.EventId);
        Assert.Contains("90 minutes", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void TermineOfNextYearListsEveryEventOfThatYear()
    {
        var answer = Converse("welche termine gibts nächstes jahr?")[0];

        Assert.Contains("15. Januar 2032", answer.Text, StringComparison.Ordinal);
        Assert.Contains("28. Januar 2032", answer.Text, StringComparison.Ordinal);
        Assert.Contains("10. März 2032", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEnglishNetworkMeetingNamesTheNetzwerktreffenAndAsksWhichOne()
    {
        var answer = Converse("what's the topic of the network meeting?")[0];

        Assert.Equal(Intent.Clarify, answer.Intent);
        Assert.Contains("Dezember 2031", answer.Text, StringComparison.Ordinal);
        Assert.Contains("Januar 2032", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void InfosecNamesTheInformationSecurityConference()
    {
        var answer = Converse("when's the infosec day?")[0];

        Assert.Equal("fachtag-sicherheit-2032", answer.EventId);
        Assert.Equal(Intent.When, answer.Intent);
    }

    [Fact]
    public void AStationNumberIsTheStationTitledSoNotTheOneInTheStandsOfThatNumber()
    {
        var answer = Converse("was gibt es an stand 3 beim marktplatz?")[0];

        Assert.Equal("stand-wohngeld", answer.SessionId);
    }

    [Theory]
    [InlineData("ich möchte meinen stand beim marktplatz ändern")]
    [InlineData("änder meine station beim marktplatz auf wohngeld")]
    public void ChangingOnesStationIsAChangeOfChosenSessions(string question) =>
        Assert.Equal(Intent.ChangeSessions, Converse(question)[0].Intent);

    [Theory]
    [InlineData("kann ich mich noch fürs plenum anmelden?", "Nein", "Warteliste")]
    [InlineData("can I still register for the plenary?", "No", "waiting list")]
    [InlineData("gibt es noch plätze beim plenum?", "Nein", "Warteliste")]
    public void AFullyBookedEventWithAWaitingListIsNoAndOffersTheWaitingList(string question, string first, string offered)
    {
        var answer = Converse(question)[0];

        Assert.Equal("plenum-wiefelstede-2032", answer.EventId);
        Assert.StartsWith(first, answer.Text, StringComparison.Ordinal);
        Assert.Contains(offered, answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void AStreamAskedInAConversationAboutAnEventIsThatEventsNotTheOnlineEvents()
    {
        var answer = Converse("wo ist das plenum?", "gibt es einen livestream?")[1];

        Assert.Equal("plenum-wiefelstede-2032", answer.EventId);
        Assert.StartsWith("Nein", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void ParkingAskedAfterAnEventIsThatEventsVenueNotTheVenueNamedAfterAPark()
    {
        var answer = Converse("where is the plenary?", "and parking?")[1];

        Assert.Equal("plenum-wiefelstede-2032", answer.EventId);
    }

    [Fact]
    public void ColloquialAssentBeforeARequestIsNoSubject()
    {
        var answer = Converse("was ist das thema vom netzwerktreffen im dezember?", "klingt gut, meld mich an")[1];

        Assert.Equal(Intent.Register, answer.Intent);
        Assert.Equal("netzwerk-2031-12", answer.EventId);
    }

    [Fact]
    public void NichIsTheColloquialNichtAndNoSubject()
    {
        var answer = Converse("was kostet der fachtag?", "und ne warteliste gibts auch nich?")[1];

        Assert.Equal(Intent.Waitlist, answer.Intent);
        Assert.StartsWith("Nein", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("which company is Jens Olthoff from?", "IT-Dienstleister Nord GmbH")]
    [InlineData("woher kommt wiebke harms?", "Landkreis Ammerland")]
    public void WhereANamedSpeakerComesFromIsTheOrganisationAfterTheirName(string question, string organisation)
    {
        var answer = Converse(question)[0];

        Assert.Equal(Intent.Speakers, answer.Intent);
        Assert.Contains(organisation, answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void WhereSomeoneNoSessionNamesComesFromStaysRefused() =>
        Assert.Equal(Intent.Unknown, Converse("which company is Jens Harms from?")[0].Intent);

    [Fact]
    public void WhenTheAgMeetingIsAskedIsItsDateEvenWithBreakoutGroupsToChoose()
    {
        var answer = Converse("wann ist das AG-Treffen?")[0];

        Assert.Equal("ag-wahlen-2032", answer.EventId);
        Assert.Equal(Intent.When, answer.Intent);
    }

    [Fact]
    public void HowManyPeopleCanJoinAsksTheCapacity()
    {
        var answer = Converse("how many people can join the marketplace?")[0];

        Assert.Equal(Intent.FreeSeats, answer.Intent);
        Assert.Contains("120", answer.Text, StringComparison.Ordinal);
    }
}

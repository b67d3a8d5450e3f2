using VirServerless.Bot.Questions;

namespace VirServerless.Bot.Tests.Questions;

/// <summary>
/// Questions the catalog cannot answer stay refused even where a field shares a word with them (the mayor of a place a room
/// is named after, the people present now, a list of companies, the stations' slides where only the talks' are promised);
/// questions it can answer in other words are answered (who runs a station, only in the morning, how the fee is paid).
/// </summary>
public class UnanswerableAndFaqFormTests
{
    // The marketplace is under way at "now".
    private static readonly DateTimeOffset Now = new(2031, 3, 20, 11, 15, 0, TimeSpan.FromHours(1));

    private const string MarktplatzJson = """
        {
          "id": "marktplatz-haseluenne-2031", "kind": "marktplatz", "title": "Marktplatz 2031 in Haselünne", "status": "published",
          "start": "2031-03-20T09:30:00+01:00", "end": "2031-03-20T16:00:00+01:00",
          "venue": { "name": "Stadthalle", "city": "Haselünne" },
          "contact": { "name": "Geschäftsstelle Marktplatz", "email": "markt@example.org" },
          "registration": { "opens": "2031-01-10T09:00:00+01:00", "closes": "2031-03-13T23:59:00+01:00", "capacity": 200, "waitlist": false, "fee": "kostenlos" },
          "sessions": [
            { "id": "begruessung", "kind": "talk", "title": "Begrüßung", "start": "2031-03-20T09:30:00+01:00", "end": "2031-03-20T09:45:00+01:00",
              "room": "Saal Borkum", "speakers": ["Bürgermeisterin Jana Wolters, Stadt Haselünne"] },
            { "id": "station-archiv", "kind": "station", "title": "Station 3: Digitales Archiv", "start": "2031-03-20T10:00:00+01:00",
              "end": "2031-03-20T15:30:00+01:00", "room": "Halle B", "speakers": ["Dr. Meike Tammen, Kreisarchiv"] },
            { "id": "station-geodaten", "kind": "station", "title": "Station 5: Geodaten im Bauamt", "start": "2031-03-20T10:00:00+01:00",
              "end": "2031-03-20T15:30:00+01:00", "room": "Halle C, Stand C2" },
            { "id": "station-bauantrag", "kind": "station", "title": "Station 4: Digitaler Bauantrag", "start": "2031-03-20T10:00:00+01:00",
              "end": "2031-03-20T15:30:00+01:00", "room": "Halle A", "speakers": ["Hinnerk Bruns, Bauamt"] }
          ],
          "faq": [
            { "question": "Bekomme ich die Präsentationen?", "answer": "Ja, die Folien der Vorträge werden nach dem Marktplatz bereitgestellt." },
            { "question": "Dürfen auch Firmen teilnehmen?", "answer": "Der Marktplatz richtet sich an Beschäftigte der Kommunen. Anbieter stellen nur auf Einladung aus." }
          ]
        }
        """;

    private const string PlenumJson = """
        {
          "id": "plenum-meppen-2031", "kind": "plenum", "title": "Plenum 2031 in Meppen", "status": "published",
          "start": "2031-06-11T09:30:00+02:00", "end": "2031-06-11T16:00:00+02:00",
          "venue": { "name": "Kreishaus", "city": "Meppen" },
          "contact": { "name": "Geschäftsstelle Plenum", "email": "plenum@example.org" },
          "registration": { "opens": "2031-02-01T09:00:00+01:00", "closes": "2031-05-30T23:59:00+02:00", "capacity": 120, "waitlist": true,
            "fee": "60 Euro pro Person", "maxPerOrganization": 4 },
          "sessions": [],
          "faq": [
            { "question": "Wie wird die Gebühr bezahlt?", "answer": "Nach der Veranstaltung erhält Ihre Kommune eine Rechnung." },
            { "question": "Kann ich mich auch nur für den Vormittag anmelden?", "answer": "Ja, bitte wählen Sie dann keine Arbeitsgruppe." },
            { "question": "Bekomme ich die Tagungsmappe auch ohne Teilnahme?", "answer": "Ja, sie wird nach dem Plenum an alle Kommunen verschickt." }
          ]
        }
        """;

    private const string ClosingJson = """
        {
          "id": "abschluss-lingen-2031", "kind": "conference", "title": "Abschlussveranstaltung Dorfbüro in Lingen", "status": "published",
          "start": "2031-05-06T10:00:00+02:00", "end": "2031-05-06T14:00:00+02:00",
          "venue": { "name": "Rathaus", "city": "Lingen" },
          "contact": { "name": "Projektbüro", "email": "projekt@example.org" },
          "registration": { "opens": "2031-02-01T09:00:00+01:00", "closes": "2031-04-30T23:59:00+02:00", "capacity": 60, "waitlist": false, "fee": "kostenlos" },
          "sessions": []
        }
        """;

    private static readonly CatalogView Catalog = QuestionFixture.CatalogOf([MarktplatzJson, PlenumJson, ClosingJson]);

    private static Answer Ask(string question) => QuestionFixture.Converse(Catalog, Now, question)[0];

    [Fact]
    public void WhoRunsAStationIsItsSpeakerNotTheHost()
    {
        var answer = Ask("who runs the digital archive station?");

        Assert.Equal(Intent.Speakers, answer.Intent);
        Assert.Contains("Meike Tammen", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void HowManyPeopleAreThereNowIsNotAnsweredWithTheProgramme()
    {
        var answer = Ask("wie viele leute sind gerade in der halle?");

        Assert.Equal(Intent.Unknown, answer.Intent);
    }

    [Fact]
    public void AnEntryThatPromisesTheTalksSlidesDoesNotAnswerForTheStations()
    {
        var answer = Ask("kann ich die folien von der station bekommen?");

        Assert.Equal(Intent.Unknown, answer.Intent);
    }

    [Fact]
    public void AnEntryAskingWhetherCompaniesMayComeDoesNotListWhichCompaniesExhibit()
    {
        var answer = Ask("welche firmen stellen in haselünne aus");

        Assert.Equal(Intent.Unknown, answer.Intent);
    }

    [Fact]
    public void TheMayorOfAPlaceTheProgrammeOnlyNamesARoomAfterIsNotAnswered()
    {
        Assert.Equal(Intent.Unknown, Ask("wer ist bürgermeister von borkum").Intent);
        Assert.Contains("Jana Wolters", Ask("wer ist bürgermeisterin von haselünne").Text, StringComparison.Ordinal);
    }

    [Fact]
    public void ComingOnlyInTheMorningIsAnsweredByTheEntryAboutIt()
    {
        var answer = Ask("kann ich auch nur vormittags nach meppen kommen?");

        Assert.Equal(Intent.Faq, answer.Intent);
        Assert.StartsWith("Ja", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void WhereTheSpeakerJustNamedComesFromIsTheirEntry()
    {
        var answers = QuestionFixture.Converse(Catalog, Now, "wer stellt die station zum digitalen archiv vor?", "aus welcher kommune kommt die");

        Assert.Equal(Intent.Speakers, answers[1].Intent);
        Assert.Contains("Kreisarchiv", answers[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void IfINotGoThereIsWithoutTakingPartAsTheEntryAsks()
    {
        var answer = Ask("krieg ich die tagungsmappe vom plenum auch wenn ich nicht hinfahre?");

        Assert.Equal(Intent.Faq, answer.Intent);
        Assert.StartsWith("Ja", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void EnglishGeodataIsTheCatalogsGeodaten()
    {
        var answer = Ask("where's the stand for geodata?");

        Assert.Equal(Intent.Where, answer.Intent);
        Assert.Contains("Stand C2", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void HowTheFeeIsPaidPresumesAFeeSoTheOneEventChargingOneIsMeant()
    {
        var answer = Ask("wie wird die gebühr bezahlt");

        Assert.Equal("plenum-meppen-2031", answer.EventId);
        Assert.Contains("Rechnung", answer.Text, StringComparison.Ordinal);
    }
}

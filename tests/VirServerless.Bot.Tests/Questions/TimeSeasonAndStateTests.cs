using VirServerless.Bot.Questions;

namespace VirServerless.Bot.Tests.Questions;

/// <summary>
/// Times named inside a session's description ("Live-Demo um 11:30 Uhr"), events named by a season compound
/// ("Frühjahrsplenum") and questions about the registration state or the member's own registration.
/// </summary>
public class TimeSeasonAndStateTests
{
    private static readonly DateTimeOffset Now = new(2032, 1, 10, 9, 0, 0, TimeSpan.FromHours(1));

    private static string Plenum(string id, string title, string season, string day, string nextDay) => $$"""
        {
          "id": "{{id}}", "kind": "plenum", "title": "{{title}}", "status": "published",
          "summary": "Zweitägiges {{season}}plenum mit Arbeitsgruppen.",
          "start": "{{day}}T10:00:00+01:00", "end": "{{nextDay}}T15:00:00+01:00",
          "venue": { "name": "Stadthalle", "city": "Musterstadt" },
          "contact": { "name": "Geschäftsstelle", "email": "plenum@example.org" },
          "registration": { "opens": "2031-12-01T09:00:00+01:00", "closes": "{{day}}T08:00:00+01:00", "capacity": 120, "waitlist": true, "fee": "kostenlos" },
          "sessions": [
            { "id": "begruessung", "kind": "talk", "title": "Begrüßung", "start": "{{day}}T10:00:00+01:00", "end": "{{day}}T10:30:00+01:00",
              "speakers": ["Gesche Tammen, Bürgermeisterin"] },
            { "id": "abendessen", "kind": "meal", "title": "Gemeinsames Abendessen", "start": "{{day}}T19:00:00+01:00", "end": "{{day}}T22:00:00+01:00",
              "room": "Ratskeller", "choosable": true, "capacity": 80 },
            { "id": "busfahrt", "kind": "excursion", "title": "Exkursion: Busfahrt ins Moor", "start": "{{day}}T16:00:00+01:00", "end": "{{day}}T18:00:00+01:00",
              "room": "Treffpunkt: Haupteingang", "choosable": true, "capacity": 30 }
          ],
          "faq": [
            { "question": "Kann ich die Arbeitsgruppe wechseln?", "answer": "Vor Ort ist ein Wechsel nur möglich, wenn in der anderen Arbeitsgruppe Plätze frei sind." },
            { "question": "Die Busfahrt ist voll. Gibt es eine Warteliste?", "answer": "Für die Busfahrt führen wir keine Warteliste. Wer nicht mitfährt, kann an einer Führung durch das Rathaus teilnehmen." }
          ]
        }
        """;

    private const string Marktplatz = """
        {
          "id": "markt-2032", "kind": "marktplatz", "title": "Digitalmesse 2032", "status": "published",
          "summary": "Messe mit Stationen.",
          "start": "2032-02-20T09:30:00+01:00", "end": "2032-02-20T16:00:00+01:00",
          "venue": { "name": "Messehalle", "city": "Beispielhausen" },
          "contact": { "name": "Geschäftsstelle", "email": "markt@example.org" },
          "registration": { "opens": "2031-12-01T09:00:00+01:00", "closes": "2032-02-19T08:00:00+01:00", "capacity": 300, "fee": "kostenlos" },
          "sessions": [
            { "id": "eroeffnung", "kind": "talk", "title": "Begrüßung", "start": "2032-02-20T09:30:00+01:00", "end": "2032-02-20T10:00:00+01:00",
              "speakers": ["Jan Ohlsen, Landrat"] },
            { "id": "station-wahl", "kind": "station", "title": "Station „Wahlhelfer digital“", "start": "2032-02-20T10:00:00+01:00", "end": "2032-02-20T15:30:00+01:00",
              "room": "Stand 1", "description": "Die Gemeinde Moorfeld zeigt ihre Wahlhelfer-App. Vorführung um 11:15 Uhr." },
            { "id": "station-kasse", "kind": "station", "title": "Station „Kassenautomat im Bürgerbüro“", "start": "2032-02-20T10:00:00+01:00", "end": "2032-02-20T15:30:00+01:00",
              "room": "Stand 2", "description": "Bezahlen ohne Bargeld im Bürgerbüro." }
          ]
        }
        """;

    private const string Cancelled = """
        {
          "id": "fachtag-abgesagt-2032", "kind": "conference", "title": "Fachtag Wahlen 2032 in Moorfeld", "status": "cancelled",
          "summary": "ABGESAGT. Ersatztermin ist der Fachtag am 12. Mai 2032 in Heidekamp.",
          "start": "2032-04-14T09:30:00+02:00", "end": "2032-04-14T16:00:00+02:00",
          "venue": { "name": "Rathaus", "city": "Moorfeld" },
          "contact": { "name": "Geschäftsstelle", "email": "fachtag@example.org" },
          "registration": { "opens": "2031-12-01T09:00:00+01:00", "closes": "2032-04-10T08:00:00+02:00", "capacity": 90, "fee": "kostenlos" },
          "faq": [ { "question": "Gilt meine Anmeldung weiter?", "answer": "Nein, für den Ersatztermin ist eine neue Anmeldung nötig." } ]
        }
        """;

    private const string Replacement = """
        {
          "id": "fachtag-ersatz-2032", "kind": "conference", "title": "Fachtag Wahlen 2032 in Heidekamp", "status": "published",
          "summary": "Ersatztermin für den abgesagten Fachtag in Moorfeld.",
          "start": "2032-05-12T09:30:00+02:00", "end": "2032-05-12T16:00:00+02:00",
          "venue": { "name": "Kreishaus", "city": "Heidekamp" },
          "contact": { "name": "Geschäftsstelle", "email": "fachtag@example.org" },
          "registration": { "opens": "2031-12-01T09:00:00+01:00", "closes": "2032-05-10T08:00:00+02:00", "capacity": 90, "fee": "kostenlos" }
        }
        """;

    private static readonly CatalogView Catalog = QuestionFixture.CatalogOf(
    [
        Plenum("plenum-okt-2031", "Plenum Herbst 2031", "Herbst", "2031-10-15", "2031-10-16"),
        Plenum("plenum-maerz-2032", "Plenum Frühjahr 2032", "Frühjahrs", "2032-03-17", "2032-03-18"),
        Plenum("plenum-okt-2032", "Plenum Herbst 2032", "Herbst", "2032-10-13", "2032-10-14"),
        Marktplatz,
        Replacement,
        Cancelled,
    ]);

    private static List<Answer> Conversation(params string[] questions) => QuestionFixture.Converse(Catalog, Now, questions);

    [Theory]
    [InlineData("wer begrüßt beim frühjahrsplenum?", "plenum-maerz-2032")]
    [InlineData("ab wann kann man sich fürs nächste herbstplenum anmelden?", "plenum-okt-2032")]
    [InlineData("ab wann kann man sich fürs herbstplenum anmelden?", "plenum-okt-2032")]
    [InlineData("wie viele plätze hatte das herbstplenum 2031?", "plenum-okt-2031")]
    [InlineData("gibt es noch plätze beim frühjahrsplenum?", "plenum-maerz-2032")]
    [InlineData("wo findet die frühjahrstagung statt?", "plenum-maerz-2032")]
    public void ASeasonJoinedToAKindOfEventNamesTheEventOfThatSeason(string question, string eventId)
    {
        var answer = Conversation(question)[0];

        Assert.True(eventId == answer.EventId, answer.Text);
    }

    [Theory]
    [InlineData("wann ist die vorführung zum wahlhelfer?")]
    [InlineData("vorführung wahlhelfer wann?")]
    public void AskingWhenForWhatASessionsDescriptionTimesGivesThatTime(string question)
    {
        var answer = Conversation(question)[0];

        Assert.Equal("markt-2032", answer.EventId);
        Assert.Contains("11:15", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void AskingWhenASessionWithoutATimedSentenceRunsGivesItsOwnTimes()
    {
        var answer = Conversation("wann ist die station zum kassenautomat?")[0];

        Assert.Contains("10:00", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Bargeld", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("war ich beim herbstplenum 2031 angemeldet?")]
    [InlineData("hab ich mich schon fürs herbstplenum angemeldet")]
    [InlineData("hatte ich mich für die digitalmesse angemeldet?")]
    public void AskingWhetherOneIsOrWasRegisteredIsTheStatusRequest(string question)
    {
        var answer = Conversation(question)[0];

        Assert.True(answer.Intent == Intent.AmIRegistered, $"{answer.Intent}: {answer.Text}");
    }

    [Fact]
    public void AskingWhetherOneIsRegisteredForAChoosableSessionIsTheRequestForOnesSessions()
    {
        var answer = Conversation("hab ich mich fürs abendessen beim frühjahrsplenum angemeldet?")[0];

        Assert.Equal(Intent.MySessions, answer.Intent);
        Assert.Equal("plenum-maerz-2032", answer.EventId);
    }

    [Fact]
    public void PleaseAndAnEventWithTheInfinitiveIsARegistrationRequest()
    {
        var answer = Conversation("bitte für den marktplatz anmelden")[0];

        Assert.Equal(Intent.Register, answer.Intent);
        Assert.Equal("markt-2032", answer.EventId);
    }

    [Fact]
    public void AskingWhetherOneCanChangeTheGroupAtTheVenueIsAQuestionNotTheChange()
    {
        var answer = Conversation("kann ich noch die arbeitsgruppe wechseln vor ort beim frühjahrsplenum?")[0];

        Assert.NotEqual(Intent.ChangeSessions, answer.Intent);
        Assert.Contains("Plätze frei", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("für welche veranstaltungen kann ich mich im moment anmelden?")]
    [InlineData("which events can I register for at the moment?")]
    public void AskingWhichEventsOneCanRegisterForListsThoseWithOpenRegistration(string question)
    {
        var answer = QuestionFixture.Converse(Catalog, new DateTimeOffset(2032, 2, 19, 12, 0, 0, TimeSpan.FromHours(1)), question)[0];

        Assert.Contains("Plenum Frühjahr 2032", answer.Text, StringComparison.Ordinal);
        Assert.Contains("Plenum Herbst 2032", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Digitalmesse", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Plenum Herbst 2031", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ist die anmeldung für den ersatzfachtag schon offen?")]
    [InlineData("wo ist der ersatzfachtag?")]
    public void AReplacementNamesTheEventWhoseOwnTextCallsItOneNotTheCancelledOne(string question)
    {
        var answer = Conversation(question)[0];

        Assert.True(answer.EventId == "fachtag-ersatz-2032", $"{answer.EventId}: {answer.Text}");
    }

    [Fact]
    public void AWaitingListAskedOfASessionIsWhatTheEntryOnThatSessionSaysNotTheEventsSetting()
    {
        var answers = Conversation("wann beginnt die busfahrt beim frühjahrsplenum?", "gibt es dafür eine warteliste?");

        Assert.StartsWith("Nein", answers[1].Text, StringComparison.Ordinal);
        Assert.Contains("Führung durch das Rathaus", answers[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void AWaitingListAskedOfTheEventIsTheEventsSetting()
    {
        var answer = Conversation("gibt es beim frühjahrsplenum eine warteliste?")[0];

        Assert.StartsWith("Ja", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("was gibt es an stand 1?", "und wann ist die vorführung dort?")]
    [InlineData("what's at stand 1?", "and when's the vorführung there?")]
    public void AskingWhenRightAfterAStandGivesTheTimeItsDescriptionNames(string first, string then)
    {
        var answers = Conversation(first, then);

        Assert.True(answers[1].Text.Contains("11:15", StringComparison.Ordinal), answers[1].Text);
    }

    [Fact]
    public void AskingWhichSessionShowsSomethingAtATimeGivesTheOneWhoseDescriptionNamesThatTime()
    {
        var answer = Conversation("welche vorführung läuft um viertel nach elf?")[0];

        Assert.True(answer.Text.Contains("Wahlhelfer", StringComparison.Ordinal), answer.Text);
        Assert.DoesNotContain("Kassenautomat", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void AskingWhatOneBookedForAnEventIsTheRequestForOnesSessions()
    {
        var answer = Conversation("was hab ich beim plenum im märz gebucht, bus oder nur essen?")[0];

        Assert.Equal(Intent.MySessions, answer.Intent);
        Assert.Equal("plenum-maerz-2032", answer.EventId);
    }
}

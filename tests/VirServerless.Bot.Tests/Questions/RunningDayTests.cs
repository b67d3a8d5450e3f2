using VirServerless.Bot.Questions;

namespace VirServerless.Bot.Tests.Questions;

/// <summary>
/// Questions asked during a running one-day Fachtag with labelled parallel workshops, over a catalog that also holds the
/// meetings of a working group (titled "AG …"), a plenum whose registration opens later and a past marketplace.
/// </summary>
public class RunningDayTests
{
    // Tuesday, 11:20, during the Fachtag in Lingen.
    private static readonly DateTimeOffset Now = new(2030, 4, 9, 11, 20, 0, TimeSpan.FromHours(2));

    private const string FachtagJson = """
        {
          "id": "fachtag-lingen-2030", "kind": "conference", "title": "Fachtag Digitale Friedhofsverwaltung", "status": "published",
          "start": "2030-04-09T09:00:00+02:00", "end": "2030-04-09T16:00:00+02:00",
          "venue": { "name": "Halle IV", "street": "Kaiserstraße 10", "postalCode": "49809", "city": "Lingen" },
          "contact": { "name": "Tammo Bruns", "email": "fachtag@example.org" },
          "registration": { "opens": "2030-01-10T09:00:00+01:00", "closes": "2030-04-01T23:59:00+02:00", "capacity": 80 },
          "sessions": [
            { "id": "auftakt", "kind": "talk", "title": "Auftakt: Souveräne Cloud für Friedhofsämter", "start": "2030-04-09T09:00:00+02:00", "end": "2030-04-09T10:00:00+02:00", "room": "Saal Ems",
              "speakers": ["Gesa Lüpken"] },
            { "id": "kaffee-vormittag", "kind": "break", "title": "Kaffeepause", "start": "2030-04-09T10:00:00+02:00", "end": "2030-04-09T10:30:00+02:00", "room": "Foyer" },
            { "id": "mittag", "kind": "meal", "title": "Mittagessen", "start": "2030-04-09T12:00:00+02:00", "end": "2030-04-09T13:00:00+02:00", "room": "Foyer" },
            { "id": "ws-grabregister", "kind": "workshop", "title": "Workshop A: Grabregister digital", "start": "2030-04-09T13:00:00+02:00",
              "end": "2030-04-09T14:30:00+02:00", "room": "Raum Hase", "choosable": true, "capacity": 20 },
            { "id": "ws-gebuehren", "kind": "workshop", "title": "Workshop B: Gebührenbescheide und E-Personalakte", "start": "2030-04-09T13:00:00+02:00",
              "end": "2030-04-09T14:30:00+02:00", "room": "Raum Vechte", "choosable": true, "capacity": 20 },
            { "id": "kaffee", "kind": "break", "title": "Kaffeepause", "start": "2030-04-09T14:30:00+02:00", "end": "2030-04-09T15:00:00+02:00", "room": "Foyer" },
            { "id": "bilanz", "kind": "panel", "title": "Abschlussrunde", "start": "2030-04-09T15:00:00+02:00", "end": "2030-04-09T16:00:00+02:00", "room": "Saal Ems",
              "speakers": ["Okka Janssen, Stadt Lingen"] }
          ]
        }
        """;

    private static string Treffen(int n, string start, string end, string opens, string closes) => $$"""
        {
          "id": "ag-friedhof-{{n}}", "kind": "workshop", "title": "AG Friedhofswesen – Treffen {{n}}", "status": "published",
          "start": "{{start}}", "end": "{{end}}", "venue": { "name": "Online über Microsoft Teams" },
          "contact": { "name": "Frauke Ihnen, Leitung der AG Friedhofswesen", "email": "ag-friedhof@example.org" },
          "registration": { "opens": "{{opens}}", "closes": "{{closes}}", "capacity": 30 },
          "sessions": [
            { "id": "t{{n}}-bericht", "kind": "talk", "title": "Bericht {{n}} aus den Kommunen", "start": "{{start}}", "end": "{{end}}", "speakers": ["Sprecher {{n}}"] }
          ]
        }
        """;

    private const string PlenumJson = """
        {
          "id": "plenum-meppen-2030", "kind": "plenum", "title": "Plenum 2030 in Meppen", "status": "published",
          "start": "2030-09-18T10:00:00+02:00", "end": "2030-09-19T13:00:00+02:00",
          "venue": { "name": "Stadthalle", "city": "Meppen" },
          "registration": { "opens": "2030-06-01T09:00:00+02:00", "closes": "2030-09-01T23:59:00+02:00", "capacity": 150 },
          "faq": [{ "question": "Muss ich an beiden Tagen teilnehmen?", "answer": "Nein. Sie können auch nur an einem Tag kommen." }]
        }
        """;

    private const string MarktplatzJson = """
        {
          "id": "marktplatz-papenburg-2029", "kind": "marktplatz", "title": "E-Government-Marktplatz 2029", "status": "published",
          "start": "2029-11-14T09:00:00+01:00", "end": "2029-11-14T15:00:00+01:00",
          "venue": { "name": "Forum Alte Werft", "city": "Papenburg" },
          "registration": { "opens": "2029-08-01T09:00:00+02:00", "closes": "2029-11-07T23:59:00+01:00", "capacity": 200 }
        }
        """;

    private static readonly CatalogView Catalog = QuestionFixture.CatalogOf(
        [
            FachtagJson, PlenumJson, MarktplatzJson,
            Treffen(1, "2030-05-07T10:00:00+02:00", "2030-05-07T12:00:00+02:00", "2030-03-01T09:00:00+01:00", "2030-05-05T23:59:00+02:00"),
            Treffen(2, "2030-07-02T10:00:00+02:00", "2030-07-02T12:00:00+02:00", "2030-05-10T09:00:00+02:00", "2030-06-30T23:59:00+02:00"),
            Treffen(3, "2030-10-01T14:00:00+02:00", "2030-10-01T16:00:00+02:00", "2030-07-05T09:00:00+02:00", "2030-09-29T23:59:00+02:00"),
        ],
        new Dictionary<string, SeatAvailability>
        {
            ["fachtag-lingen-2030"] = new(4, new Dictionary<string, int?> { ["ws-grabregister"] = 0, ["ws-gebuehren"] = 6 }),
            ["ag-friedhof-1"] = new(12, new Dictionary<string, int?>()),
            ["ag-friedhof-2"] = new(30, new Dictionary<string, int?>()),
        });

    private static List<Answer> Converse(params string[] questions) => QuestionFixture.Converse(Catalog, Now, questions);

    [Theory]
    [InlineData("wann ist das nächste AG-Treffen?", "ag-friedhof-1", "7. Mai 2030")]
    [InlineData("when's the next AG meeting?", "ag-friedhof-1", "7 May 2030")]
    [InlineData("wann ist das zweite treffen der AG?", "ag-friedhof-2", "2. Juli 2030")]
    [InlineData("who's presenting at the third AG meeting?", "ag-friedhof-3", "Sprecher 3")]
    public void AnAgMeetingNamesTheMeetingsTitledAgNotTheWorkshopsOfTheRunningEvent(string question, string eventId, string expected)
    {
        var answer = Converse(question)[0];

        Assert.Equal(eventId, answer.EventId);
        Assert.Contains(expected, answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void FromWhatTimeRightAfterARegistrationThatOpensLaterIsTheOpening()
    {
        var answers = Converse("kann ich mich schon fürs plenum anmelden?", "ab wieviel uhr dann?", "und bis wann geht das?");

        Assert.StartsWith("Nein", answers[0].Text, StringComparison.Ordinal);
        Assert.Equal(Intent.Deadline, answers[1].Intent);
        Assert.Contains("Die Anmeldung öffnet am Samstag, 1. Juni 2030, 09:00 Uhr", answers[1].Text, StringComparison.Ordinal);
        Assert.Contains("1. September 2030", answers[2].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void CanISignUpAlreadyIsAQuestionAboutTheRegistrationState()
    {
        var answers = Converse("when's the next AG meeting?", "and the one after that?", "can I sign up for that one already?");

        Assert.Equal("ag-friedhof-2", answers[2].EventId);
        Assert.Equal(Intent.RegistrationState, answers[2].Intent);
        Assert.StartsWith("No, registration for", answers[2].Text, StringComparison.Ordinal);
        Assert.Contains("10 May 2030", answers[2].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void RegisteringForAPastEventIsNoAndSaysWhenItTookPlace()
    {
        var answer = Converse("kann ich mich für den marktplatz in papenburg noch anmelden?")[0];

        Assert.StartsWith("Nein", answer.Text, StringComparison.Ordinal);
        Assert.Contains("fand am Mittwoch, 14. November 2029 statt", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void ABareLabelAfterTheWorkshopsNamesThatWorkshop()
    {
        var answers = Converse("welche workshops gibt es heute?", "gibts bei A noch plätze", "und bei b?", "dann tausch mich bitte in den b");

        Assert.StartsWith("Nein", answers[1].Text, StringComparison.Ordinal);
        Assert.Contains("Workshop A: Grabregister digital", answers[1].Text, StringComparison.Ordinal);
        Assert.StartsWith("Ja", answers[2].Text, StringComparison.Ordinal);
        Assert.Contains("6 Plätze", answers[2].Text, StringComparison.Ordinal);
        Assert.Equal(Intent.ChangeSessions, answers[3].Intent);
    }

    [Fact]
    public void ABareLetterInAnEnglishSentenceIsNoLabel()
    {
        var answers = Converse("welche workshops gibt es heute?", "can I bring a colleague?");

        Assert.DoesNotContain("Workshop A", answers[1].Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("was läuft um 14 uhr?", "und danach?")]
    [InlineData("what's on at 2 pm?", "and after that?")]
    public void AfterParallelSessionsShownAtATimeComesWhatBeginsWhenTheyEnd(string first, string followUp)
    {
        var answers = Converse(first, followUp);

        Assert.Contains("Workshop B", answers[0].Text, StringComparison.Ordinal);
        Assert.Equal(Intent.ProgrammeAtTime, answers[1].Intent);
        Assert.Contains("Kaffeepause", answers[1].Text, StringComparison.Ordinal);
        Assert.Contains("14:30", answers[1].Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("what's next after lunch?")]
    [InlineData("was kommt als nächstes nach dem mittagessen?")]
    public void NextAfterASessionIsTheProgrammeItemAfterItNotTheNextEvent(string question)
    {
        var answer = Converse(question)[0];

        Assert.Equal("fachtag-lingen-2030", answer.EventId);
        Assert.Contains("Grabregister", answer.Text, StringComparison.Ordinal);
        Assert.Contains("13:00", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("wann ist die kaffeepause am nachmittag?")]
    [InlineData("gibts heute nachmittag nochmal kaffee?")]
    [InlineData("when is the coffee break in the afternoon?")]
    public void OfSessionsAlikeThePartOfTheDayNamedPicksOne(string question)
    {
        var answer = Converse(question)[0];

        Assert.Equal("fachtag-lingen-2030", answer.EventId);
        Assert.Contains("14:30", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("10:00", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("who moderates the final round?", "Okka Janssen")]
    [InlineData("which room is the e-personnel-file workshop in?", "Raum Vechte")]
    [InlineData("who gives the talk on sovereign cloud?", "Gesa Lüpken")]
    public void EnglishNamesOfCommonProgrammePartsFindTheGermanTitles(string question, string expected)
    {
        var answer = Converse(question)[0];

        Assert.Equal("fachtag-lingen-2030", answer.EventId);
        Assert.Contains(expected, answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void TheFirstMeetingIsTheFirstOfTheEventsTitledMeetingNotTheCatalogsFirstEvent()
    {
        var answer = Converse("was steht beim ersten treffen auf der tagesordnung")[0];

        Assert.Equal("ag-friedhof-1", answer.EventId);
        Assert.Contains("Bericht 1 aus den Kommunen", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("who moderates the final round?")]
    [InlineData("who is the moderator of the final round?")]
    public void WordsForModeratingAskForTheSpeakerAndAreNoUnknownSubject(string question)
    {
        var parsed = QuestionParser.Parse(question, CatalogIndex.For(Catalog));

        Assert.Empty(parsed.UnknownWords);
        Assert.Equal(Intent.Speakers, IntentClassifier.Classify(parsed));
    }

    [Fact]
    public void AFieldOfTheMeetingAfterThatSaysWhichMeetingThatIsByItsDate()
    {
        var answers = Converse("when's the next AG meeting?", "how many seats are left?", "and the one after that?");

        Assert.Equal("ag-friedhof-2", answers[2].EventId);
        Assert.Equal(Intent.FreeSeats, answers[2].Intent);
        Assert.Contains("2 July 2030", answers[2].Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("wer leitet die AG friedhofswesen?")]
    [InlineData("who leads the AG friedhofswesen?")]
    public void WhoLeadsAWorkingGroupWhoseContactIsItsLeadIsTheContact(string question)
    {
        var answer = Converse(question)[0];

        Assert.Equal(Intent.Contact, answer.Intent);
        Assert.Contains("Frauke Ihnen", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("muss man beim plenum in meppen beide tage da sein?")]
    [InlineData("muss ich beim plenum an beiden tagen teilnehmen?")]
    public void BothDaysIsAskedByTheEntryAboutTakingPartOnOneDayNotByTheRegistrationState(string question)
    {
        var answer = Converse(question)[0];

        Assert.Equal(Intent.Faq, answer.Intent);
        Assert.StartsWith("Nein. Sie können auch nur an einem Tag kommen.", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void ARefusalInBetweenEndsTheTalkAboutASessionSoItIsTheEventAgain()
    {
        var answers = Converse("who gives the talk on sovereign cloud?", "who funded the cloud?", "when does it end?");

        Assert.Contains("Gesa Lüpken", answers[0].Text, StringComparison.Ordinal);
        Assert.Equal(Intent.Unknown, answers[1].Intent);
        Assert.Equal("fachtag-lingen-2030", answers[2].EventId);
        Assert.Contains("16:00", answers[2].Text, StringComparison.Ordinal);
    }
}

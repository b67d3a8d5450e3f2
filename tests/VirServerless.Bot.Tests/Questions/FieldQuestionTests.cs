using VirServerless.Bot.Questions;

namespace VirServerless.Bot.Tests.Questions;

/// <summary>
/// What is answered once the event is known, over an invented catalog: questions about cancelling that are no request,
/// requests that are, FAQ entries asked with other verbs, sessions found by their subject, meals, the audience.
/// </summary>
public class FieldQuestionTests
{
    private static readonly DateTimeOffset Now = new(2030, 3, 1, 10, 0, 0, TimeSpan.FromHours(1));

    private const string FachtagJson = """
        {
          "id": "fachtag-schule-2030", "kind": "conference", "title": "Fachtag Schuldigitalisierung 2030 in Bad Zwischenahn", "status": "published",
          "start": "2030-04-10T09:30:00+02:00", "end": "2030-04-10T16:00:00+02:00",
          "summary": "Ein Tag zu digitalen Schulverwaltungen mit Marktständen und Workshops.",
          "description": "Der Fachtag richtet sich an Schulträger, Schulsekretariate und IT-Koordinatorinnen der Mitgliedskommunen.",
          "venue": { "name": "Haus am Meer", "street": "Seeweg 4", "postalCode": "26160", "city": "Bad Zwischenahn",
            "accessibility": "Das Foyer liegt im Erdgeschoss. Die Räume der Arbeitsgruppen im 2. Obergeschoss erreichen Sie mit dem Aufzug." },
          "contact": { "name": "Ole Wiards", "email": "ole.wiards@example.org" },
          "registration": { "opens": "2030-01-10T09:00:00+01:00", "closes": "2030-04-01T23:59:00+02:00", "capacity": 60, "waitlist": true,
            "fee": "40 Euro je Person", "maxPerOrganization": 3 },
          "sessions": [
            { "id": "station-schulanmeldung", "kind": "station", "title": "Station 1: Digitale Schul-Anmeldung", "start": "2030-04-10T10:00:00+02:00",
              "end": "2030-04-10T15:00:00+02:00", "room": "Foyer, Stand 1", "speakers": ["Stadt Westerstede, Schulamt"] },
            { "id": "station-tablets", "kind": "station", "title": "Station 2: Tablets verwalten", "start": "2030-04-10T10:00:00+02:00",
              "end": "2030-04-10T15:00:00+02:00", "room": "Foyer, Stand 2", "speakers": ["Kreismedienzentrum, Stabsstelle Smart Region"] },
            { "id": "station-elternbriefe", "kind": "station", "title": "Station 3: Barrierefreie Elternbriefe", "start": "2030-04-10T10:00:00+02:00",
              "end": "2030-04-10T15:00:00+02:00", "room": "Foyer, Stand 3" },
            { "id": "ag-1", "kind": "workshop", "title": "AG 1: Schulnetze", "start": "2030-04-10T11:00:00+02:00", "end": "2030-04-10T12:30:00+02:00",
              "room": "Raum Ost", "choosable": true, "capacity": 20 },
            { "id": "ag-2", "kind": "workshop", "title": "AG 2: Datenschutz im Sekretariat", "start": "2030-04-10T11:00:00+02:00", "end": "2030-04-10T12:30:00+02:00",
              "room": "Raum West", "choosable": true, "capacity": 20 },
            { "id": "mittag", "kind": "meal", "title": "Mittagessen", "start": "2030-04-10T12:30:00+02:00", "end": "2030-04-10T13:30:00+02:00",
              "room": "Restaurant Seeblick" },
            { "id": "abend", "kind": "meal", "title": "Ausklang", "start": "2030-04-10T16:00:00+02:00", "end": "2030-04-10T18:00:00+02:00",
              "room": "Terrasse am See", "description": "Fischbuffet mit veganen Gerichten." }
          ],
          "faq": [
            { "question": "Was passiert, wenn ich kurzfristig absagen muss?", "answer": "Bis zum 1. April können Sie kostenfrei stornieren. Eine Ersatzperson können Sie jederzeit benennen." },
            { "question": "Darf ich den Teilnahmelink weitergeben?", "answer": "Bitte nicht. Jede Person meldet sich selbst an." },
            { "question": "Muss ich Kamera und Mikrofon einschalten?", "answer": "Nein, Fragen gehen auch im Chat." },
            { "question": "Wie funktioniert die Warteliste?", "answer": "Die Warteliste wurde mit dem Anmeldeschluss geschlossen." }
          ]
        }
        """;

    private const string OnlineJson = """
        {
          "id": "online-schulcloud-2030", "kind": "other", "title": "Online-Stunde Schulcloud", "status": "published",
          "start": "2030-03-20T10:00:00+01:00", "end": "2030-03-20T11:00:00+01:00",
          "venue": { "name": "Online über Microsoft Teams" },
          "registration": { "opens": "2030-02-01T09:00:00+01:00", "closes": "2030-03-19T12:00:00+01:00", "waitlist": false, "fee": "kostenlos" },
          "sessions": [],
          "faq": [
            { "question": "Wie komme ich in die Teams-Besprechung?", "answer": "Den Link erhalten Sie am Vortag per E-Mail." },
            { "question": "Kann ich mich auch per Telefon einwählen?", "answer": "Ja, die Einwahlnummer steht in der Einladung." }
          ]
        }
        """;

    private const string CancelledJson = """
        {
          "id": "abschluss-schulnetz-2030", "kind": "other", "title": "Abschlussveranstaltung des Modellprojekts Schulnetz Ammerland", "status": "cancelled",
          "start": "2030-05-05T10:00:00+02:00", "end": "2030-05-05T14:00:00+02:00",
          "description": "**Die Veranstaltung ist abgesagt.** Weil das Projekt verlängert wurde, entfällt der Termin im Mai.",
          "venue": { "name": "Kreishaus", "street": "Ammerlandallee 12", "postalCode": "26655", "city": "Westerstede" },
          "registration": { "opens": "2030-01-10T09:00:00+01:00", "closes": "2030-04-20T23:59:00+02:00", "fee": "kostenlos" },
          "sessions": [],
          "faq": [ { "question": "Gibt es einen Ersatztermin?", "answer": "Ein Ersatztermin steht noch nicht fest." } ]
        }
        """;

    private static readonly CatalogView Catalog = QuestionFixture.CatalogOf(
        [FachtagJson, OnlineJson, CancelledJson],
        new Dictionary<string, SeatAvailability> { ["fachtag-schule-2030"] = new(0, new Dictionary<string, int?> { ["ag-1"] = 0, ["ag-2"] = 4 }) });

    private static List<Answer> Conversation(params string[] questions) => QuestionFixture.Converse(Catalog, Now, questions);

    private static Answer Ask(string question) => Conversation(question)[0];

    [Theory]
    [InlineData("und wenn ich beim fachtag kurzfristig absagen muss?")]
    [InlineData("muss ich mich vom fachtag abmelden, wenn ich krank bin?")]
    [InlineData("do I have to cancel the fachtag in bad zwischenahn?")]
    public void AQuestionAboutCancellingIsNoCancelRequest(string question)
    {
        var answer = Ask(question);

        Assert.NotEqual(Intent.Cancel, answer.Intent);
    }

    [Fact]
    public void SendingAColleagueInsteadIsAnsweredByTheEntryAboutWithdrawing()
    {
        var answers = Conversation("was kostet der fachtag in bad zwischenahn?", "kann ich stattdessen ne kollegin schicken?");

        Assert.Equal(Intent.Faq, answers[1].Intent);
        Assert.StartsWith("Ja", answers[1].Text, StringComparison.Ordinal);
        Assert.Contains("Ersatzperson", answers[1].Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("setz mich bitte auf die warteliste für den fachtag", Intent.Register)]
    [InlineData("bitte buch mich beim fachtag von ag 1 auf ag 2 um", Intent.ChangeSessions)]
    [InlineData("trag mich beim fachtag in die ag datenschutz ein statt in meine jetzige", Intent.ChangeSessions)]
    public void APersonalRequestInEverydayWordsIsThatRequest(string question, Intent intent) =>
        Assert.Equal(intent, Ask(question).Intent);

    [Fact]
    public void AskingWhetherOneIsOnTheListAfterAskingToBePutOnItIsTheStatus()
    {
        var answers = Conversation("setz mich bitte auf die warteliste für den fachtag", "bin ich jetzt drauf?");

        Assert.Equal(Intent.AmIRegistered, answers[1].Intent);
    }

    [Theory]
    [InlineData("darf ich den link zum fachtag weiterleiten?", "Nein")]
    [InlineData("muss ich beim fachtag die kamera anmachen?", "Nein")]
    public void AnFaqEntryAnswersItsQuestionAskedWithAnotherVerb(string question, string yesOrNo)
    {
        var answer = Ask(question);

        Assert.Equal(Intent.Faq, answer.Intent);
        Assert.StartsWith(yesOrNo, answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void ACompoundTypedAsTwoWordsNamesTheStationNotTheRegistration()
    {
        var answer = Ask("gibts beim fachtag ne station zur schul anmeldung?");

        Assert.Equal(Intent.SessionInfo, answer.Intent);
        Assert.Contains("Stand 1", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEventAskedForBySubjectIsNoSessionWhoseSpeakerBearsTheName() =>
        Assert.Equal(Intent.Unknown, Ask("wann ist die infoveranstaltung zu smart region?").Intent);

    [Fact]
    public void AMealWithoutAMenuDoesNotSayWhatIsServedButItsPlace()
    {
        Assert.Equal(Intent.Unknown, Ask("was gibts beim fachtag mittags zu essen?").Intent);
        Assert.Contains("Restaurant Seeblick", Ask("wo gibts beim fachtag mittags essen?").Text, StringComparison.Ordinal);
    }

    [Fact]
    public void AMealFoundByItsDescriptionShowsThatDescription()
    {
        var answer = Ask("gibts beim fachtag veganes essen?");

        Assert.StartsWith("Ja", answer.Text, StringComparison.Ordinal);
        Assert.Contains("veganen Gerichten", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("für wen ist der fachtag in bad zwischenahn gedacht?")]
    [InlineData("who is the fachtag in bad zwischenahn meant for?")]
    public void WhomTheEventAddressesComesFromTheDescriptionNotTheContact(string question)
    {
        var answer = Ask(question);

        Assert.NotEqual(Intent.Contact, answer.Intent);
        Assert.Contains("Schulsekretariate", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void AFullyBookedQuestionGetsYesWhenNoSeatIsLeft() =>
        Assert.StartsWith("Yes", Ask("is the fachtag in bad zwischenahn fully booked?").Text, StringComparison.Ordinal);

    [Fact]
    public void TheWaitingListComesWithItsEntryAndIsClosedWithTheRegistration()
    {
        var fachtag = Catalog.Events.First(e => e.Id == "fachtag-schule-2030");
        var after = QuestionFixture.Converse(Catalog, fachtag.Registration!.Closes!.Value.AddDays(1), "gibt es beim fachtag eine warteliste?", "kann ich da noch auf die warteliste?");

        Assert.Contains("mit dem Anmeldeschluss geschlossen", after[0].Text, StringComparison.Ordinal);
        Assert.StartsWith("Nein", after[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void TheLengthOfAWaitingListNoEntryCountsIsNotGuessed() =>
        Assert.Equal(Intent.Unknown, Ask("wie lang ist die warteliste beim fachtag?").Intent);

    [Fact]
    public void OnlineOrInPersonIsAnsweredByTheVenue()
    {
        var answer = Ask("ist die online-stunde schulcloud in person or online?");

        Assert.Equal(Intent.Where, answer.Intent);
        Assert.Contains("Microsoft Teams", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void JoiningAndDialingInByPhoneAreTheEntriesAboutTakingPartOnline()
    {
        var answers = Conversation("wann ist die online-stunde schulcloud?", "wie komm ich da rein", "geht auch per telefon?");

        Assert.Contains("Vortag per E-Mail", answers[1].Text, StringComparison.Ordinal);
        Assert.Contains("Einwahlnummer", answers[2].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void WhyACancelledEventIsCancelledAndANewDateComeFromItsDescriptionAndEntry()
    {
        var answers = Conversation("findet die abschlussveranstaltung schulnetz statt?", "warum?", "gibts nen neuen termin?");

        Assert.Contains("verlängert", answers[1].Text, StringComparison.Ordinal);
        Assert.Contains("noch nicht fest", answers[2].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void AHyphenatedSubjectWhosePartIsACueWordIsNoListOfStations() =>
        Assert.Equal(Intent.Unknown, Ask("gibt es beim fachtag eine station zu e-wahlen?").Intent);

    [Fact]
    public void AnAccessibilityWordAfterZuNamesTheSessionAboutIt()
    {
        var answer = Ask("gibts beim fachtag was zu barrierefreiheit?");

        Assert.StartsWith("Ja", answer.Text, StringComparison.Ordinal);
        Assert.Contains("Elternbriefe", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void WhereAWorkshopRoomIsTellsTheVenuesWayToTheRoomsOfItsKind() =>
        Assert.Contains("2. Obergeschoss erreichen Sie mit dem Aufzug", Ask("wo find ich beim fachtag raum ost").Text, StringComparison.Ordinal);
}

using System.Text.Json;
using VirServerless.Bot.Questions;
using VirServerless.Core.Events;

namespace VirServerless.Bot.Tests.Questions;

/// <summary>
/// Answers that would be confidently wrong: two coming events of one title, the event running now, the event after another,
/// and a session's seats. Over an invented catalog, worded unlike the blind evaluation.
/// </summary>
public class PrecisionTests
{
    private static readonly DateTimeOffset Now = new(2029, 3, 7, 10, 15, 0, TimeSpan.FromHours(1));

    private const string Events = """
        [
          { "id": "forum-buergerportal-2029", "kind": "conference", "title": "Forum Bürgerportal 2029", "status": "published",
            "start": "2029-03-07T09:00:00+01:00", "end": "2029-03-07T16:00:00+01:00",
            "venue": { "name": "Kulturspeicher", "city": "Nordenham",
              "accessibility": "Der Kulturspeicher ist stufenlos erreichbar. Eine Induktionsschleife ist nicht vorhanden." },
            "contact": { "name": "Imke Harms", "email": "imke.harms@vir-nordwest.example" },
            "registration": { "capacity": 90, "fee": "30 Euro" },
            "faq": [
              { "question": "Was umfasst die Teilnahme?", "answer": "Mittagessen und Kaffee sind dabei. Eine Übernachtung ist nicht dabei." },
              { "question": "Kann jemand anders für mich kommen?", "answer": "Ja, eine Vertretung aus Ihrem Haus kann Ihren Platz übernehmen." },
              { "question": "Wie storniere ich?", "answer": "Eine Stornierung ist bis zum 28. Februar 2029 kostenfrei möglich." }
            ],
            "sessions": [
              { "id": "impuls", "kind": "talk", "title": "Impuls: Das Portal aus Sicht der Bürgerschaft", "start": "2029-03-07T10:00:00+01:00",
                "end": "2029-03-07T10:45:00+01:00", "room": "Saal", "speakers": ["Wiebke Onken, Stadt Elsfleth"] },
              { "id": "ws-a", "kind": "workshop", "title": "Workshop A: Formulare entrümpeln", "start": "2029-03-07T11:00:00+01:00",
                "end": "2029-03-07T12:30:00+01:00", "room": "Raum Weser", "choosable": true, "capacity": 25 },
              { "id": "ws-b", "kind": "workshop", "title": "Workshop B: Bezahlfunktionen im Portal", "start": "2029-03-07T11:00:00+01:00",
                "end": "2029-03-07T12:30:00+01:00", "room": "Raum Jade", "choosable": true, "capacity": 20 },
              { "id": "bericht", "kind": "talk", "title": "Erfahrungsbericht: Ein Jahr Online-Wohngeld", "start": "2029-03-07T14:15:00+01:00",
                "end": "2029-03-07T15:00:00+01:00", "room": "Saal", "speakers": ["Gerrit Luers, Gemeinde Butjadingen"] }
            ] },
          { "id": "werkstatt-geodaten-varel-2029", "kind": "workshop", "title": "Werkstatt Geodaten 2029 in Varel", "status": "published",
            "start": "2029-05-16T09:30:00+02:00", "end": "2029-05-16T15:00:00+02:00",
            "venue": { "name": "Rathaus Varel", "city": "Varel" },
            "registration": { "opens": "2029-02-01T08:00:00+01:00", "closes": "2029-05-01T12:00:00+02:00" },
            "contact": { "name": "Jasper Renken", "email": "jasper.renken@vir-nordwest.example" },
            "faq": [ { "question": "Gibt es ein Zertifikat?", "answer": "Ja, ein Zertifikat wird am Ende ausgehändigt." } ] },
          { "id": "werkstatt-geodaten-rastede-2029", "kind": "workshop", "title": "Werkstatt Geodaten 2029 in Rastede", "status": "published",
            "start": "2029-04-11T09:30:00+02:00", "end": "2029-04-11T15:00:00+02:00",
            "venue": { "name": "Palais Rastede", "city": "Rastede" },
            "contact": { "name": "Okka Meinen", "email": "okka.meinen@vir-nordwest.example" },
            "faq": [ { "question": "Gibt es ein Zertifikat?", "answer": "Nein, ein Zertifikat gibt es nicht." } ] },
          { "id": "abschluss-fundbuero-2029", "kind": "conference", "title": "Abschlusstreffen des Modellprojekts Digitales Fundbüro",
            "status": "published", "start": "2029-06-20T10:00:00+02:00", "end": "2029-06-20T13:00:00+02:00",
            "venue": { "name": "Kreishaus", "city": "Brake" }, "registration": { "fee": "kostenlos" } },
          { "id": "plenum-jever-2029", "kind": "plenum", "title": "Plenum 2029 in Jever", "status": "published",
            "start": "2029-09-12T13:00:00+02:00", "end": "2029-09-13T15:00:00+02:00", "venue": { "name": "Schlosssaal", "city": "Jever" },
            "sessions": [
              { "id": "auftakt", "kind": "talk", "title": "Auftakt: Zehn Jahre Kooperation", "start": "2029-09-12T13:00:00+02:00",
                "end": "2029-09-12T13:30:00+02:00", "speakers": ["Hilke Janßen, Stadt Jever"] },
              { "id": "zukunft", "kind": "talk", "title": "Ausblick: Register ohne Papier", "start": "2029-09-13T10:00:00+02:00",
                "end": "2029-09-13T11:00:00+02:00", "speakers": ["Talea Freese, Landkreis Friesland"] }
            ] },
          { "id": "praxisforum-open-data-2029", "kind": "conference", "title": "Praxisforum Open Data 2029", "status": "cancelled",
            "description": "Das Praxisforum wurde abgesagt, weil die Stadthalle am 3. Oktober 2029 renoviert wird. Ein neuer Termin folgt.",
            "start": "2029-10-03T10:00:00+02:00", "end": "2029-10-03T15:00:00+02:00", "venue": { "name": "Stadthalle", "city": "Esens" } },
          { "id": "plenum-aurich-2030", "kind": "plenum", "title": "Plenum 2030 in Aurich", "status": "published",
            "start": "2030-06-12T13:00:00+02:00", "end": "2030-06-13T15:00:00+02:00", "venue": { "name": "Stadthalle", "city": "Aurich" },
            "sessions": [
              { "id": "impulse", "kind": "talk", "title": "Impulse aus den Kommunen", "start": "2030-06-13T09:30:00+02:00",
                "end": "2030-06-13T11:00:00+02:00", "speakers": ["Enno Saathoff, Gemeinde Ihlow"] }
            ] }
        ]
        """;

    private static readonly CatalogView Catalog = new(
        JsonSerializer.Deserialize<List<CatalogEvent>>(Events, EventJson.Options)!,
        new Dictionary<string, SeatAvailability>
        {
            ["forum-buergerportal-2029"] = new(12, new Dictionary<string, int?> { ["ws-a"] = 0, ["ws-b"] = 5 }),
        },
        new Contact { Name = "Geschäftsstelle", Email = "info@vir-nordwest.example" });

    private static List<Answer> Conversation(params string[] questions) => QuestionFixture.Converse(Catalog, Now, questions);

    [Theory]
    [InlineData("Wo findet die Werkstatt Geodaten statt?")]
    [InlineData("Wer ist Ansprechpartnerin für die Geodaten-Werkstatt?")]
    [InlineData("Bekommt man bei der Werkstatt Geodaten ein Zertifikat?")]
    public void ATitleTwoComingEventsShareIsAskedBack(string question)
    {
        var answer = Conversation(question)[0];

        Assert.Equal(Intent.Clarify, answer.Intent);
        Assert.Contains("Werkstatt Geodaten 2029 in Varel", answer.Text, StringComparison.Ordinal);
        Assert.Contains("Werkstatt Geodaten 2029 in Rastede", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void ATownTellsTwoEventsOfOneTitleApart()
    {
        var answer = Conversation("Wo findet die Werkstatt Geodaten in Varel statt?")[0];

        Assert.Equal("werkstatt-geodaten-varel-2029", answer.EventId);
        Assert.Contains("Rathaus Varel", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void WhatIsOnNowIsTheProgrammeOfTheEventRunningNow()
    {
        var answer = Conversation("Was ist momentan dran?")[0];

        Assert.Equal("forum-buergerportal-2029", answer.EventId);
        Assert.Contains("Impuls: Das Portal aus Sicht der Bürgerschaft", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Workshop A", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void AClockTimeWithoutADayIsOnTheDayOfTheEventRunningToday()
    {
        var answer = Conversation("Wer redet um viertel nach 2?")[0];

        Assert.Equal(Intent.Speakers, answer.Intent);
        Assert.Contains("Gerrit Luers", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Wiebke Onken", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void TheEventAfterANamedOneIsTheOneThatBeginsNextAndThenTheOneAfterIt()
    {
        var answers = Conversation("Welche Veranstaltung kommt als nächstes nach dem Forum Bürgerportal?", "und die danach?");

        Assert.Equal("werkstatt-geodaten-rastede-2029", answers[0].EventId);
        Assert.Equal("werkstatt-geodaten-varel-2029", answers[1].EventId);
    }

    [Fact]
    public void AnEventAfterThisOneThatTheCatalogLacksIsNotGuessed()
    {
        var answer = Conversation("When is the Bürgerportal forum after this one?")[0];

        Assert.Equal(Intent.Unknown, answer.Intent);
    }

    [Fact]
    public void ASessionsSeatsGiveWhatIsLeftAndItsSizeAndABareLabelFollowsTheSessionBefore()
    {
        var answers = Conversation("Wie viele Leute passen in Workshop A?", "und bei B?");

        Assert.Contains("0 Plätze frei", answers[0].Text, StringComparison.Ordinal);
        Assert.Contains("25", answers[0].Text, StringComparison.Ordinal);
        Assert.Contains("Workshop B", answers[1].Text, StringComparison.Ordinal);
        Assert.Contains("5 Plätze frei", answers[1].Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Gibt es beim Forum Bürgerportal eine Induktionsschleife?", "Nein")]
    [InlineData("Ist der Kulturspeicher beim Forum barrierefrei?", "Ja")]
    public void AYesOrNoAboutTheVenueFollowsTheSentenceThatNamesIt(string question, string expected)
    {
        var answer = Conversation(question)[0];

        Assert.Equal(Intent.Where, answer.Intent);
        Assert.StartsWith(expected, answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("auch die Übernachtung?", "Nein")]
    [InlineData("auch Kaffee?", "Ja")]
    public void AlsoXAfterAnEntryThatListsThingsIsAnsweredByTheSentenceNamingX(string followUp, string expected)
    {
        var answer = Conversation("Was umfasst die Teilnahme beim Forum Bürgerportal?", followUp)[1];

        Assert.Equal(Intent.Faq, answer.Intent);
        Assert.StartsWith(expected, answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEntryThatNamesAThingOnlyToDenyItDoesNotListThatThing()
    {
        var answer = Conversation("Welche Übernachtung gibt es beim Forum Bürgerportal?")[0];

        Assert.Equal(Intent.Unknown, answer.Intent);
    }

    [Fact]
    public void TheDeadlineForWithdrawingComesFromTheEntryAboutWithdrawingNotTheOneAboutASubstitute()
    {
        var answer = Conversation("Bis wann kann ich mich beim Forum Bürgerportal kostenlos abmelden?")[0];

        Assert.Contains("28. Februar 2029", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void UntilWhenAfterTheRegistrationStateIsTheRegistrationDeadline()
    {
        var answers = Conversation("Ist die Anmeldung für die Werkstatt Geodaten in Varel offen?", "bis wann denn?");

        Assert.Equal(Intent.Deadline, answers[1].Intent);
        Assert.Contains("1. Mai 2029", answers[1].Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Wie viel hat das Modellprojekt Digitales Fundbüro gekostet?", Intent.Unknown)]
    [InlineData("Was kostet das Abschlusstreffen des Modellprojekts Digitales Fundbüro?", Intent.Fee)]
    public void WhatAProjectCostIsNotTheFeeOfItsClosingEvent(string question, Intent intent)
    {
        var answer = Conversation(question)[0];

        Assert.Equal(intent, answer.Intent);
    }

    [Fact]
    public void ASecondDayFitsOnlyEventsOfSeveralDays()
    {
        var answer = Conversation("Wer spricht am zweiten Tag?")[0];

        Assert.Equal(Intent.Clarify, answer.Intent);
        Assert.Contains("Plenum 2029 in Jever", answer.Text, StringComparison.Ordinal);
        Assert.Contains("Plenum 2030 in Aurich", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Werkstatt", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void AWeekdayMeansTheFirstComingEventOnThatWeekday()
    {
        var answer = Conversation("Was ist am Donnerstag um 10 Uhr dran?")[0];

        Assert.Equal("plenum-jever-2029", answer.EventId);
        Assert.Contains("Ausblick: Register ohne Papier", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void WhatHappensIfMentioningOnesOwnWorkshopIsAQuestionNotAPersonalRequest()
    {
        var answer = Conversation("Was, wenn meine Workshops beim Forum Bürgerportal voll sind?")[0];

        Assert.False(answer.IsPersonal);
    }

    [Fact]
    public void HowLongASessionLastsIsSaidInHoursAndMinutes()
    {
        var answer = Conversation("Wie lange dauert Workshop A beim Forum Bürgerportal?")[0];

        Assert.Contains("1 Stunde 30 Minuten", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void ACancelledEventsDateIsTheDateItWasPlannedForAndItsReasonIsNotCutAtADate()
    {
        var answers = Conversation("Wann ist das Praxisforum Open Data?", "warum?");

        Assert.Contains("abgesagt", answers[0].Text, StringComparison.Ordinal);
        Assert.Contains("geplant", answers[0].Text, StringComparison.Ordinal);
        Assert.DoesNotContain("findet", answers[0].Text, StringComparison.Ordinal);
        Assert.Contains("am 3. Oktober 2029 renoviert wird", answers[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void TodayOnTheDayOfAnEventIsThatDayAndItsEndIsTheEventsEnd()
    {
        var answers = Conversation("what's on at 2 pm today?", "Bis wann geht das heute?");

        Assert.Equal(Intent.ProgrammeAtTime, answers[0].Intent);
        Assert.Equal("forum-buergerportal-2029", answers[0].EventId);
        Assert.Equal(Intent.When, answers[1].Intent);
        Assert.Contains("16:00", answers[1].Text, StringComparison.Ordinal);
    }
}

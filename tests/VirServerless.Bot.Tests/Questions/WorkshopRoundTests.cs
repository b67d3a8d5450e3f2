using VirServerless.Bot.Questions;

namespace VirServerless.Bot.Tests.Questions;

/// <summary>
/// Rounds of parallel workshops, read from the times of the choosable sessions (the catalog has no field for a round),
/// over an invented catalog with a second event that has no workshops.
/// </summary>
public class WorkshopRoundTests
{
    private static readonly DateTimeOffset Now = new(2030, 3, 4, 10, 0, 0, TimeSpan.FromHours(1));

    private const string TagungJson = """
        {
          "id": "tagung-wittmund-2030", "kind": "plenum", "title": "Frühjahrstagung 2030 in Wittmund", "status": "published",
          "start": "2030-05-07T09:00:00+02:00", "end": "2030-05-07T16:00:00+02:00",
          "venue": { "name": "Gästehaus am Markt", "street": "Markt 2", "postalCode": "26409", "city": "Wittmund" },
          "registration": { "opens": "2030-02-01T09:00:00+01:00", "closes": "2030-04-30T23:59:00+02:00", "capacity": 90, "fee": "kostenlos" },
          "sessions": [
            { "id": "auftakt", "kind": "talk", "title": "Auftakt", "start": "2030-05-07T09:00:00+02:00", "end": "2030-05-07T09:30:00+02:00", "room": "Saal",
              "speakers": ["Dr. Insa Frerichs, Stadt Esens"] },
            { "id": "impuls", "kind": "talk", "title": "Impuls: Gemeinsam digital", "start": "2030-05-07T09:30:00+02:00", "end": "2030-05-07T10:00:00+02:00", "room": "Saal",
              "speakers": ["Gerrit Onnen, Landkreis Wittmund"] },
            { "id": "mittag", "kind": "meal", "title": "Mittagsbuffet", "start": "2030-05-07T11:30:00+02:00", "end": "2030-05-07T12:30:00+02:00", "room": "Foyer" },
            { "id": "gruenkohl", "kind": "meal", "title": "Grünkohlessen", "start": "2030-05-07T18:30:00+02:00", "end": "2030-05-07T21:00:00+02:00",
              "room": "Gasthof „Zur Harle“" },
            { "id": "w-a1", "kind": "workshop", "title": "Workshop A1: Posteingang digital", "start": "2030-05-07T10:00:00+02:00", "end": "2030-05-07T11:30:00+02:00",
              "room": "Raum Harle", "choosable": true, "capacity": 20 },
            { "id": "w-a2", "kind": "workshop", "title": "Workshop A2: Friedhofsverwaltung online", "start": "2030-05-07T10:00:00+02:00", "end": "2030-05-07T11:30:00+02:00",
              "room": "Raum Jade", "choosable": true, "capacity": 20 },
            { "id": "w-b1", "kind": "workshop", "title": "Workshop B1: Bauhof-App", "start": "2030-05-07T13:00:00+02:00", "end": "2030-05-07T14:30:00+02:00",
              "room": "Raum Harle", "speakers": ["Leitung: Dr. Insa Frerichs, Stadt Esens"], "choosable": true, "capacity": 20 },
            { "id": "w-b2", "kind": "workshop", "title": "Workshop B2: Sitzungsdienst papierlos", "start": "2030-05-07T13:00:00+02:00", "end": "2030-05-07T14:30:00+02:00",
              "room": "Raum Jade", "choosable": true, "capacity": 20 },
            { "id": "w-b3", "kind": "workshop", "title": "Workshop B3: Wahlhelfer digital gewinnen", "start": "2030-05-07T13:00:00+02:00", "end": "2030-05-07T14:30:00+02:00",
              "room": "Raum Ems", "choosable": true, "capacity": 15 }
          ]
        }
        """;

    private const string InfoJson = """
        {
          "id": "info-bauhof-2030", "kind": "other", "title": "Online-Info Bauhof-App", "status": "published",
          "start": "2030-03-20T10:00:00+01:00", "end": "2030-03-20T11:00:00+01:00",
          "venue": { "name": "Online über Microsoft Teams" },
          "registration": { "opens": "2030-02-01T09:00:00+01:00", "closes": "2030-03-19T12:00:00+01:00", "fee": "kostenlos" },
          "sessions": [
            { "id": "imbiss", "kind": "meal", "title": "Imbiss danach", "start": "2030-03-20T11:00:00+01:00", "end": "2030-03-20T11:30:00+01:00" },
            { "id": "vortrag", "kind": "talk", "title": "Die Bauhof-App vorgestellt", "start": "2030-03-20T10:00:00+01:00", "end": "2030-03-20T11:00:00+01:00" }
          ]
        }
        """;

    private static readonly CatalogView Catalog = QuestionFixture.CatalogOf([TagungJson, InfoJson], new Dictionary<string, SeatAvailability>
    {
        ["tagung-wittmund-2030"] = new(40, new Dictionary<string, int?> { ["w-a1"] = 0, ["w-a2"] = 5, ["w-b1"] = 3, ["w-b2"] = 0, ["w-b3"] = 9 }),
        ["info-bauhof-2030"] = new(100, new Dictionary<string, int?>()),
    });

    private static List<Answer> Conversation(params string[] questions) => QuestionFixture.Converse(Catalog, Now, questions);

    [Fact]
    public void ARoundNamedByItsNumberListsTheWorkshopsThatRunAtThatTime()
    {
        var answer = Conversation("welche workshops gibts in der ersten runde bei der tagung?")[0];

        Assert.Equal(Intent.Workshops, answer.Intent);
        Assert.Contains("Posteingang digital", answer.Text, StringComparison.Ordinal);
        Assert.Contains("Friedhofsverwaltung online", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Bauhof-App", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void WhichOfThemIsFullAfterARoundNamesTheBookedOutWorkshopsOfThatRoundOnly()
    {
        var answer = Conversation("welche workshops gibts in der ersten runde bei der tagung?", "welche davon sind schon voll?")[1];

        Assert.Equal(Intent.Workshops, answer.Intent);
        Assert.Contains("Ausgebucht: Workshop A1: Posteingang digital", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Sitzungsdienst", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void TheOtherRoundIsTheRoundNotTalkedAboutAndNotAnotherEvent()
    {
        var answer = Conversation("welche workshops gibts in der ersten runde bei der tagung?", "und in der anderen runde?")[1];

        Assert.Equal("tagung-wittmund-2030", answer.EventId);
        Assert.Contains("Sitzungsdienst papierlos", answer.Text, StringComparison.Ordinal);
        Assert.Contains("Wahlhelfer digital gewinnen", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Posteingang", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void ThatRoundAfterAQuestionAboutOneWorkshopIsTheRoundItRunsIn()
    {
        var answer = Conversation("is workshop B2 at the tagung still available?", "what about the other workshops in that round?")[1];

        Assert.Equal(Intent.Workshops, answer.Intent);
        Assert.Contains("Bauhof-App", answer.Text, StringComparison.Ordinal);
        Assert.Contains("Wahlhelfer digital gewinnen", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Posteingang", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void ARoundWithoutAnEventNamedIsTheRoundOfTheOnlyEventWithRounds()
    {
        var answer = Conversation("ist in der zweiten runde noch was frei?")[0];

        Assert.StartsWith("Ja", answer.Text, StringComparison.Ordinal);
        Assert.Contains("Bauhof-App", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void ARoundTheProgrammeDoesNotHaveIsNotGuessed()
    {
        var answer = Conversation("welche workshops gibts in der dritten runde bei der tagung?")[0];

        Assert.Equal(Intent.Unknown, answer.Intent);
    }

    [Fact]
    public void DoesSheLeadAWorkshopTooAfterWhoGivesATalkIsReadFromTheWorkshopsSpeakers()
    {
        var answers = Conversation("wer macht den auftakt bei der tagung?", "macht die auch nen workshop?", "wer hält den impuls bei der tagung?", "leitet er auch einen workshop?");

        Assert.StartsWith("Ja", answers[1].Text, StringComparison.Ordinal);
        Assert.Contains("Bauhof-App", answers[1].Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Sitzungsdienst", answers[1].Text, StringComparison.Ordinal);
        Assert.StartsWith("Nein", answers[3].Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("trag mich noch für die bauhof-app bei der tagung nach", Intent.ChangeSessions)]
    [InlineData("trag mich für die bauhof-app bei der tagung ein", Intent.Register)]
    [InlineData("trag mich noch für die tagung nach", Intent.Register)]
    public void AddingAChoosableSessionToOnesRegistrationIsAChangeOfSessions(string request, Intent intent)
    {
        var answer = Conversation(request)[0];

        Assert.Equal(intent, answer.Intent);
    }

    [Fact]
    public void AWorkshopNamedByItsLabelAfterWhoGivesATalkIsThatWorkshopNotTheSpeakersOwn()
    {
        var answers = Conversation("wer macht den auftakt bei der tagung?", "und der workshop A2?");

        Assert.DoesNotContain("Bauhof-App", answers[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void APartOfTheDayRightAfterASessionAsksForTheSessionOfTheSameKindThenAlsoAtAnotherEvent()
    {
        var answers = Conversation("gibts bei der online-info bauhof-app was zu essen?", "und bei der tagung abends?");

        Assert.Equal(Intent.SessionInfo, answers[1].Intent);
        Assert.Equal("tagung-wittmund-2030", answers[1].EventId);
        Assert.Contains("Grünkohlessen", answers[1].Text, StringComparison.Ordinal);
        Assert.Contains("18:30", answers[1].Text, StringComparison.Ordinal);
    }
}

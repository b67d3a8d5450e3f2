using VirServerless.Bot.Questions;

namespace VirServerless.Bot.Tests.Questions;

/// <summary>
/// A cancelled Fachtag whose text gives no reason, and a cancelled online session in Teams whose text does, beside a
/// plenum with workshops to choose.
/// </summary>
public class CancelledEventTests
{
    private static readonly DateTimeOffset Now = new(2032, 2, 3, 10, 0, 0, TimeSpan.FromHours(1));

    private const string FachtagJson = """
        {
          "id": "fachtag-sande-2032", "kind": "conference", "title": "Fachtag Friedhofsgebühren 2032", "status": "cancelled",
          "summary": "Fachtag in Sande rund um Gebührenkalkulation.",
          "start": "2032-04-20T09:30:00+02:00", "end": "2032-04-20T15:00:00+02:00",
          "venue": { "name": "Bürgerhaus Sande", "street": "Hauptstraße 5", "postalCode": "26452", "city": "Sande" },
          "registration": { "opens": "2032-01-10T09:00:00+01:00", "closes": "2032-04-10T23:59:00+02:00", "capacity": 60 },
          "sessions": [
            { "id": "begruessung", "kind": "talk", "title": "Begrüßung", "start": "2032-04-20T09:30:00+02:00", "end": "2032-04-20T09:45:00+02:00" },
            { "id": "kalkulation", "kind": "talk", "title": "Gebühren richtig kalkulieren", "start": "2032-04-20T09:45:00+02:00", "end": "2032-04-20T11:00:00+02:00" }
          ]
        }
        """;

    private const string OnlineJson = """
        {
          "id": "online-grundsteuer-2032", "kind": "other", "title": "Online-Sprechstunde Grundsteuer", "status": "cancelled",
          "description": "Die Sprechstunde entfällt, weil die Referentin erkrankt ist.",
          "start": "2032-03-11T14:00:00+01:00", "end": "2032-03-11T15:00:00+01:00",
          "venue": { "name": "Online über Microsoft Teams" },
          "registration": { "opens": "2032-01-10T09:00:00+01:00", "closes": "2032-03-10T23:59:00+01:00", "capacity": 200 }
        }
        """;

    private const string PlenumJson = """
        {
          "id": "plenum-varel-2032", "kind": "plenum", "title": "Plenum 2032 der Kommunen", "status": "published",
          "start": "2032-06-09T10:00:00+02:00", "end": "2032-06-09T16:00:00+02:00",
          "venue": { "name": "Tivoli", "city": "Varel" },
          "registration": { "opens": "2032-02-01T09:00:00+01:00", "closes": "2032-06-01T23:59:00+02:00", "capacity": 120 },
          "sessions": [
            { "id": "ag-1", "kind": "workshop", "title": "AG 1: Grundsteuer", "start": "2032-06-09T13:00:00+02:00", "end": "2032-06-09T14:30:00+02:00", "room": "Raum 1", "choosable": true },
            { "id": "ag-2", "kind": "workshop", "title": "AG 2: Wahlen", "start": "2032-06-09T13:00:00+02:00", "end": "2032-06-09T14:30:00+02:00", "room": "Raum 2", "choosable": true }
          ]
        }
        """;

    private const string SprechtagJson = """
        {
          "id": "sprechtag-jever-2032", "kind": "other", "title": "Sprechtag Wahlorganisation", "status": "published",
          "start": "2032-02-20T10:00:00+01:00", "end": "2032-02-20T12:00:00+01:00",
          "venue": { "name": "Rathaus", "city": "Jever" },
          "registration": { "opens": "2032-01-10T09:00:00+01:00", "closes": "2032-02-18T23:59:00+01:00", "capacity": 40 }
        }
        """;

    private static readonly CatalogView Catalog = QuestionFixture.CatalogOf([FachtagJson, OnlineJson, PlenumJson, SprechtagJson]);

    private static List<Answer> Converse(params string[] questions) => QuestionFixture.Converse(Catalog, Now, questions);

    [Fact]
    public void WhyACancelledEventWasCancelledStaysRefusedWhenItsTextGivesNoReason()
    {
        var answers = Converse("findet der fachtag friedhofsgebühren statt?", "warum wurde der abgesagt?");

        Assert.StartsWith("Nein", answers[0].Text, StringComparison.Ordinal);
        Assert.Equal(Intent.Unknown, answers[1].Intent);
    }

    [Fact]
    public void WhyACancelledEventWasCancelledIsItsReasonWhenItsTextGivesOne()
    {
        var answer = Converse("warum wurde die online-sprechstunde abgesagt?")[0];

        Assert.Contains("erkrankt", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void WhereACancelledEventWasPlannedIsItsVenue()
    {
        var answers = Converse("findet der fachtag friedhofsgebühren statt?", "wo war der geplant?");

        Assert.Equal(Intent.Where, answers[1].Intent);
        Assert.Contains("Bürgerhaus Sande", answers[1].Text, StringComparison.Ordinal);
        Assert.Contains("abgesagt", answers[1].Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("when is the teams session in march?")]
    [InlineData("wann ist die online session?")]
    public void ASessionThatNamesAnEventWithoutWorkshopsAsksForThatEvent(string question)
    {
        var answer = Converse(question)[0];

        Assert.Equal("online-grundsteuer-2032", answer.EventId);
        Assert.NotEqual(Intent.Unknown, answer.Intent);
        Assert.Contains("11", answer.Text, StringComparison.Ordinal);
        Assert.True(answer.Text.Contains("cancelled", StringComparison.Ordinal) || answer.Text.Contains("abgesagt", StringComparison.Ordinal), answer.Text);
    }

    [Fact]
    public void AfterTheEventTalkedAboutComesTheCancelledOneAndThenTheNextThatTakesPlace()
    {
        var answers = Converse("wann ist die online-sprechstunde grundsteuer?", "und danach?", "und das nächste, das wirklich stattfindet?");

        Assert.Equal("online-grundsteuer-2032", answers[0].EventId);
        Assert.Equal("fachtag-sande-2032", answers[1].EventId);
        Assert.Contains("abgesagt", answers[1].Text, StringComparison.Ordinal);
        Assert.Equal("plenum-varel-2032", answers[2].EventId);
    }

    [Fact]
    public void TheDateOfAnEventWhoseTitleLacksTheTownSaysTheTown()
    {
        var answer = Converse("wann ist das nächste plenum?")[0];

        Assert.Equal("plenum-varel-2032", answer.EventId);
        Assert.Contains("in Varel", answer.Text, StringComparison.Ordinal);
    }
}

using VirServerless.Bot.Questions;

namespace VirServerless.Bot.Tests.Questions;

/// <summary>
/// Follow-ups that switch between a session and its event, over an invented catalog: the price a session's own text
/// names, a thing the fee says is charged apart, the whole event asked for right after a session, and months after
/// or before the one named.
/// </summary>
public class SessionPriceAndEventScopeTests
{
    private static readonly DateTimeOffset Now = new(2031, 3, 3, 9, 0, 0, TimeSpan.FromHours(1));

    private const string TagungJson = """
        {
          "id": "tagung-varel-2031", "kind": "plenum", "title": "Frühjahrstagung 2031 in Varel", "status": "published",
          "start": "2031-04-09T10:00:00+02:00", "end": "2031-04-10T13:00:00+02:00",
          "venue": { "name": "Hafenhalle", "street": "Am Hafen 3", "postalCode": "26316", "city": "Varel" },
          "contact": { "name": "Geschäftsstelle", "email": "tagung@example.org" },
          "registration": { "opens": "2031-01-10T09:00:00+01:00", "closes": "2031-04-01T23:59:00+02:00", "capacity": 80, "waitlist": true,
            "fee": "60 Euro pro Person, Mittagessen an beiden Tagen inklusive; der Grillabend wird gesondert berechnet" },
          "sessions": [
            { "id": "auftakt", "kind": "talk", "title": "Auftakt: Gemeinsam digital verwalten", "start": "2031-04-09T10:00:00+02:00", "end": "2031-04-09T11:00:00+02:00",
              "room": "Hafenhalle", "speakers": ["Tjark Behrends, Stadt Varel"] },
            { "id": "mittag", "kind": "meal", "title": "Mittagessen", "start": "2031-04-09T12:30:00+02:00", "end": "2031-04-09T13:30:00+02:00", "room": "Foyer" },
            { "id": "grillabend", "kind": "meal", "title": "Grillabend am Deich", "start": "2031-04-09T19:00:00+02:00", "end": "2031-04-09T22:00:00+02:00",
              "room": "Deichhaus", "description": "Gegrilltes und Salate. Der Grillabend kostet 29 Euro pro Person und wird vor Ort bezahlt.", "choosable": true, "capacity": 50 }
          ]
        }
        """;

    private const string KlausurJson = """
        {
          "id": "klausur-zetel-2031", "kind": "conference", "title": "Klausurtag Haushalt 2031", "status": "published",
          "start": "2031-05-14T09:00:00+02:00", "end": "2031-05-14T16:00:00+02:00",
          "venue": { "name": "Rathaus Zetel", "street": "Ohrbült 1", "postalCode": "26340", "city": "Zetel" },
          "contact": { "name": "Geschäftsstelle", "email": "klausur@example.org" },
          "registration": { "opens": "2031-02-01T09:00:00+01:00", "closes": "2031-05-07T23:59:00+02:00", "capacity": 30, "waitlist": false, "fee": "kostenlos" },
          "sessions": [
            { "id": "eroeffnung", "kind": "talk", "title": "Eröffnung und Rückblick auf das ganze Haushaltsjahr", "start": "2031-05-14T09:00:00+02:00", "end": "2031-05-14T09:30:00+02:00",
              "room": "Ratssaal", "speakers": ["Insa Gerdes, Gemeinde Zetel"] }
          ]
        }
        """;

    private static readonly CatalogView Catalog = QuestionFixture.CatalogOf([TagungJson, KlausurJson]);

    private static List<Answer> Conversation(params string[] questions) => QuestionFixture.Converse(Catalog, Now, questions);

    [Fact]
    public void APriceAskedRightAfterASessionIsThePriceItsOwnTextNames()
    {
        var answers = Conversation("wo ist der grillabend?", "und was kostet das?");

        Assert.Contains("29 Euro", answers[1].Text, StringComparison.Ordinal);
        Assert.DoesNotContain("60 Euro", answers[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void APriceAskedAfterARefusedQuestionAboutTheSessionStillMeansThatSession()
    {
        var answers = Conversation("wann ist der grillabend?", "gibts da auch was veganes?", "und was kostet das?");

        Assert.Equal(Intent.Unknown, answers[1].Intent);
        Assert.Contains("29 Euro", answers[2].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void APriceAskedRightAfterASessionWithoutOneOfItsOwnIsTheEventsFee()
    {
        var answers = Conversation("wann ist der auftakt bei der tagung?", "und was kostet das?");

        Assert.Equal(Intent.Fee, answers[1].Intent);
        Assert.Contains("60 Euro", answers[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void AThingTheFeeSaysIsChargedApartIsNotIncluded()
    {
        var german = Conversation("ist der grillabend bei der tagung inklusive?")[0];
        var english = Conversation("is the grillabend included in the tagung fee?")[0];
        var lunch = Conversation("ist das mittagessen bei der tagung inklusive?")[0];

        Assert.StartsWith("Nein", german.Text, StringComparison.Ordinal);
        Assert.Contains("gesondert berechnet", german.Text, StringComparison.Ordinal);
        Assert.StartsWith("No", english.Text, StringComparison.Ordinal);
        Assert.StartsWith("Ja", lunch.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void TheWholeEventAskedRightAfterASessionIsTheEventNotTheSession()
    {
        var answers = Conversation("wer spricht beim klausurtag zur eröffnung?", "wie lange geht die ganze veranstaltung?");

        Assert.Equal(Intent.When, answers[1].Intent);
        Assert.Equal("klausur-zetel-2031", answers[1].EventId);
        Assert.Contains("16:00", answers[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void AfterARefusedQuestionTheEndAskedForIsTheEventsNotTheSessionsBefore()
    {
        var answers = Conversation("wer spricht beim klausurtag zur eröffnung?", "gibts davon eine aufzeichnung?", "when does it end?");

        Assert.Equal(Intent.Unknown, answers[1].Intent);
        Assert.Contains("16:00", answers[2].Text, StringComparison.Ordinal);
        Assert.DoesNotContain("09:30", answers[2].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void AMonthAfterWhichNoEventBeginsFindsNone()
    {
        var after = Conversation("is anything planned after may?")[0];
        var afterApril = Conversation("gibt es was nach dem april?")[0];

        Assert.Equal(Intent.Unknown, after.Intent);
        Assert.Equal("klausur-zetel-2031", afterApril.EventId);
    }
}

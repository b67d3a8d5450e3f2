using VirServerless.Bot.Questions;

namespace VirServerless.Bot.Tests.Questions;

/// <summary>
/// A one-word follow-up that the event talked about names in its directions, an FAQ question or another session's title
/// stays with that event, over an invented catalog where another event's venue name or title bears the word.
/// </summary>
public class FollowUpWordOfPreviousEventTests
{
    private static readonly DateTimeOffset Now = new(2031, 3, 3, 9, 0, 0, TimeSpan.FromHours(1));

    private const string FachtagJson = """
        {
          "id": "fachtag-bockhorn-2031", "kind": "conference", "title": "Fachtag Datenschutz 2031", "status": "published",
          "start": "2031-04-09T09:30:00+02:00", "end": "2031-04-09T15:00:00+02:00",
          "venue": { "name": "Bürgerhaus Bockhorn", "street": "Steinhauser Straße 2", "postalCode": "26345", "city": "Bockhorn",
            "directions": "Mit dem Auto über die A 29, Abfahrt Bockhorn. Kostenfreie Parkplätze direkt am Bürgerhaus." },
          "contact": { "name": "Geschäftsstelle", "email": "fachtag@example.org" },
          "registration": { "opens": "2031-01-10T09:00:00+01:00", "closes": "2031-04-01T23:59:00+02:00", "capacity": 80, "waitlist": false, "fee": "kostenlos" },
          "faq": [ { "question": "Gibt es einen Livestream?", "answer": "Nein, der Fachtag findet nur vor Ort statt." } ]
        }
        """;

    private const string MarktJson = """
        {
          "id": "markt-jever-2031", "kind": "marktplatz", "title": "E-Government-Marktplatz Frühjahr 2031", "status": "published",
          "start": "2031-05-14T10:00:00+02:00", "end": "2031-05-14T16:00:00+02:00",
          "venue": { "name": "Forum am Park", "street": "Parkweg 1", "postalCode": "26441", "city": "Jever" },
          "contact": { "name": "Geschäftsstelle", "email": "markt@example.org" },
          "registration": { "opens": "2031-02-01T09:00:00+01:00", "closes": "2031-05-07T23:59:00+02:00", "capacity": 120, "waitlist": false, "fee": "kostenlos" }
        }
        """;

    private const string OnlineJson = """
        {
          "id": "online-infostunde-2031", "kind": "other", "title": "Online-Infostunde Datenschutz", "status": "published",
          "start": "2031-06-04T10:00:00+02:00", "end": "2031-06-04T11:00:00+02:00",
          "venue": { "name": "Livestream über Microsoft Teams" },
          "contact": { "name": "Geschäftsstelle", "email": "online@example.org" },
          "registration": { "opens": "2031-02-01T09:00:00+01:00", "closes": "2031-06-03T23:59:00+02:00", "waitlist": false, "fee": "kostenlos" }
        }
        """;

    private const string PlenumJson = """
        {
          "id": "plenum-rastede-2031", "kind": "plenum", "title": "Plenum 2031 in Rastede", "status": "published",
          "start": "2031-06-18T09:30:00+02:00", "end": "2031-06-18T16:00:00+02:00",
          "venue": { "name": "Palais Rastede", "street": "Feldbreite 23", "postalCode": "26180", "city": "Rastede" },
          "contact": { "name": "Geschäftsstelle", "email": "plenum@example.org" },
          "registration": { "opens": "2031-02-01T09:00:00+01:00", "closes": "2031-06-10T23:59:00+02:00", "capacity": 100, "waitlist": false, "fee": "kostenlos" },
          "sessions": [
            { "id": "block-akte", "kind": "talk", "title": "Themenblock E-Akte", "start": "2031-06-18T10:00:00+02:00", "end": "2031-06-18T11:00:00+02:00", "room": "Saal" },
            { "id": "block-datenschutz", "kind": "talk", "title": "Themenblock Datenschutz", "start": "2031-06-18T13:00:00+02:00", "end": "2031-06-18T14:00:00+02:00", "room": "Saal" }
          ]
        }
        """;

    private static readonly CatalogView Catalog = QuestionFixture.CatalogOf([FachtagJson, MarktJson, OnlineJson, PlenumJson]);

    [Fact]
    public void AOneWordFollowUpAnotherSessionOfTheEventBearsNamesThatSessionNotAnotherEvent()
    {
        var answers = QuestionFixture.Converse(Catalog, Now, "wann ist beim plenum der themenblock e-akte?", "und datenschutz?");

        Assert.Equal("plenum-rastede-2031", answers[1].EventId);
        Assert.Contains("13:00", answers[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void AOneWordFollowUpTheDirectionsNameStaysWithTheEventTalkedAbout()
    {
        var answers = QuestionFixture.Converse(Catalog, Now, "wo ist der fachtag datenschutz?", "wie komm ich mit dem auto hin?", "und parken?");

        Assert.Equal("fachtag-bockhorn-2031", answers[2].EventId);
        Assert.Contains("Parkplätze", answers[2].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void AOneWordFollowUpAnFaqQuestionNamesStaysWithTheEventTalkedAbout()
    {
        var answers = QuestionFixture.Converse(Catalog, Now, "wann ist der fachtag datenschutz?", "gibt es einen livestream?");

        Assert.Equal("fachtag-bockhorn-2031", answers[1].EventId);
        Assert.StartsWith("Nein", answers[1].Text, StringComparison.Ordinal);
    }
}

using VirServerless.Bot.Questions;

namespace VirServerless.Bot.Tests.Questions;

/// <summary>
/// Two events of a kind asked about together ("beide Marktplätze", "welcher hat mehr Stationen?") are answered for both,
/// and colloquial forms ("wat kost …", "gäbe es …") are the words they stand for.
/// </summary>
public class CompareAndColloquialTests
{
    private static readonly DateTimeOffset Now = new(2031, 1, 15, 10, 0, 0, TimeSpan.FromHours(1));

    private static string Marktplatz(string id, string title, string city, string day, int stations) => $$"""
        {
          "id": "{{id}}", "kind": "marktplatz", "title": "{{title}}", "status": "published",
          "start": "{{day}}T10:00:00+01:00", "end": "{{day}}T16:00:00+01:00",
          "venue": { "name": "Forum", "city": "{{city}}" },
          "contact": { "name": "Geschäftsstelle", "email": "info@example.org" },
          "registration": { "opens": "2030-12-01T09:00:00+01:00", "closes": "{{day}}T08:00:00+01:00", "capacity": 200, "waitlist": false, "fee": "kostenlos" },
          "sessions": [{{string.Join(", ", Enumerable.Range(1, stations).Select(n => $$"""
            { "id": "station-{{n}}", "kind": "station", "title": "Station {{n}}: Thema {{n}}", "start": "{{day}}T10:00:00+01:00", "end": "{{day}}T16:00:00+01:00", "room": "Halle, Stand {{n}}" }
            """))}}],
          "faq": [
            { "question": "Gibt es eine Teilnahmebescheinigung?", "answer": "Ja, auf Wunsch am Infostand." }
          ]
        }
        """;

    private static readonly CatalogView Catalog = QuestionFixture.CatalogOf(
    [
        Marktplatz("marktplatz-leer-2031", "Marktplatz Nordwest – März 2031", "Leer", "2031-03-12", 5),
        Marktplatz("marktplatz-aurich-2031", "Marktplatz Nordwest – Mai 2031", "Aurich", "2031-05-14", 8),
    ]);

    private static List<Answer> Conversation(params string[] questions) => QuestionFixture.Converse(Catalog, Now, questions);

    [Fact]
    public void BothEventsOfAKindAskedTogetherAreListedWithTheirDates()
    {
        var answer = Conversation("beide marktplätze wann sind die")[0];

        Assert.Equal(Intent.When, answer.Intent);
        Assert.Contains("12. März 2031", answer.Text, StringComparison.Ordinal);
        Assert.Contains("14. Mai 2031", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("welcher hat mehr stationen", "marktplatz-aurich-2031", "8")]
    [InlineData("which marketplace has fewer stations?", "marktplatz-leer-2031", "5")]
    public void WhichOfTheEventsHasMoreSessionsOfAKindIsAnsweredFromTheirCounts(string question, string eventId, string count)
    {
        var answer = Conversation(question)[0];

        Assert.Equal(eventId, answer.EventId);
        Assert.Contains(count, answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void ColloquialWordsAreTheWordsTheyStandFor()
    {
        Assert.Equal(Intent.Fee, Conversation("wat kost der marktplatz in leer")[0].Intent);
        Assert.Equal(Intent.Faq, Conversation("gäbe es in aurich ne teilnahmebescheinigung?")[0].Intent);
    }
}

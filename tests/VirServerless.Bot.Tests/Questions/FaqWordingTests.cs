using VirServerless.Bot.Questions;

namespace VirServerless.Bot.Tests.Questions;

/// <summary>
/// FAQ entries and fields asked in other words: "muss ich was mitbringen?" asks the entry "Was soll ich mitbringen?",
/// "läuft der über Teams?" the venue's name, "when is registration closing?" the deadline; and a word found only inside a
/// longer word of an entry ("wetterfeste Kleidung") does not make the entry an answer about it (the weather).
/// </summary>
public class FaqWordingTests
{
    private static readonly DateTimeOffset Now = new(2031, 1, 20, 10, 0, 0, TimeSpan.FromHours(1));

    private const string PlenumJson = """
        {
          "id": "plenum-norden-2031", "kind": "plenum", "title": "Plenum 2031 in Norden", "status": "published",
          "start": "2031-02-18T09:30:00+01:00", "end": "2031-02-18T16:00:00+01:00",
          "venue": { "name": "Haus am Deich", "city": "Norden" },
          "contact": { "name": "Geschäftsstelle", "email": "info@example.org" },
          "registration": { "opens": "2030-11-01T09:00:00+01:00", "closes": "2031-02-04T23:59:00+01:00", "capacity": 100, "waitlist": false, "fee": "kostenlos" },
          "sessions": [
            { "id": "watt", "kind": "excursion", "title": "Wattwanderung", "start": "2031-02-18T14:00:00+01:00", "end": "2031-02-18T16:00:00+01:00",
              "room": "Treffpunkt: Deichtor" }
          ],
          "faq": [
            { "question": "Was soll ich mitbringen?", "answer": "Bitte bringen Sie Ihre Anmeldebestätigung mit, für die Wattwanderung brauchen Sie wetterfeste Kleidung und festes Schuhwerk." }
          ]
        }
        """;

    private const string OnlineJson = """
        {
          "id": "online-marktplatz-2031", "kind": "marktplatz", "title": "Online-Marktplatz 2031", "status": "published",
          "start": "2031-03-05T09:00:00+01:00", "end": "2031-03-05T12:00:00+01:00",
          "venue": { "name": "Online über Microsoft Teams" },
          "contact": { "name": "Geschäftsstelle", "email": "info@example.org" },
          "registration": { "opens": "2031-01-05T09:00:00+01:00", "closes": "2031-03-04T12:00:00+01:00", "waitlist": false, "fee": "kostenlos" },
          "sessions": []
        }
        """;

    private static readonly CatalogView Catalog = QuestionFixture.CatalogOf([PlenumJson, OnlineJson]);

    private static List<Answer> Conversation(params string[] questions) => QuestionFixture.Converse(Catalog, Now, questions);

    [Fact]
    public void MustIBringSomethingIsAnsweredByTheEntryThatSaysWhatToBring()
    {
        var answer = Conversation("mus ich was mitbringen fürs plenum")[0];

        Assert.Equal(Intent.Faq, answer.Intent);
        Assert.Contains("Anmeldebestätigung", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void AWordOnlyInsideALongerWordOfTheEntryDoesNotMakeItTheAnswer()
    {
        var answer = Conversation("wie wird das wetter beim plenum in norden")[0];

        Assert.Equal(Intent.Unknown, answer.Intent);
    }

    [Fact]
    public void WhetherItRunsOverTheVenueNamedIsAnsweredYesWithTheVenue()
    {
        var answers = Conversation("wann ist der online-marktplatz", "läuft der über teams?");

        Assert.Equal(Intent.Where, answers[1].Intent);
        Assert.StartsWith("Ja", answers[1].Text, StringComparison.Ordinal);
        Assert.Contains("Microsoft Teams", answers[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void RegistrationClosingIsTheDeadline()
    {
        var answer = Conversation("When is registration closing for the Norden plenary?")[0];

        Assert.Equal(Intent.Deadline, answer.Intent);
        Assert.Contains("4 February 2031", answer.Text, StringComparison.Ordinal);
    }
}

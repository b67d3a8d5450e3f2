using VirServerless.Bot.Questions;

namespace VirServerless.Bot.Tests.Questions;

public class AnswerCardTests
{
    [Fact]
    public void OffersRegistrationWhileTheEventIsOpen()
    {
        var answer = QuestionFixture.Answerer().Answer("Wann ist das nächste Plenum?", QuestionFixture.Catalog, ConversationState.Empty);

        var card = AnswerCard.Build(answer, QuestionFixture.Catalog, QuestionFixture.Now);

        Assert.Equal("1.5", (string?)card["version"]);
        Assert.True((bool?)card["body"]![0]!["wrap"]);
        Assert.Equal("FactSet", (string?)card["body"]![1]!["type"]);
        var action = card["actions"]![0]!;
        Assert.Equal("Action.Submit", (string?)action["type"]);
        Assert.Equal("Jetzt anmelden", (string?)action["title"]);
        Assert.Equal("register", (string?)action["data"]!["action"]);
        Assert.Equal("plenum-2027", (string?)action["data"]!["eventId"]);
    }

    [Fact]
    public void LabelsTheActionInEnglishForEnglishAnswers()
    {
        var answer = QuestionFixture.Answerer().Answer("When is the next plenary?", QuestionFixture.Catalog, ConversationState.Empty);

        var card = AnswerCard.Build(answer, QuestionFixture.Catalog, QuestionFixture.Now);

        Assert.Equal("Register now", (string?)card["actions"]![0]!["title"]);
    }

    [Fact]
    public void AsksBackWithOneButtonPerEventAndTheChosenEventAnswersTheQuestion()
    {
        var answerer = QuestionFixture.Answerer();
        var clarify = answerer.Answer("Bis wann geht die Registrierung?", QuestionFixture.Catalog, ConversationState.Empty);

        var card = AnswerCard.Build(clarify, QuestionFixture.Catalog, QuestionFixture.Now);

        Assert.Equal(Intent.Clarify, clarify.Intent);
        var titles = card["actions"]!.AsArray().Select(a => (string?)a!["data"]!["msteams"]!["value"]).ToList();
        Assert.Equal(["E-Government Marktplatz Nordwest 2027", "Plenum 2027"], titles);

        var chosen = answerer.Answer(titles[1]!, QuestionFixture.Catalog, clarify.NextState);
        Assert.Equal(Intent.Deadline, chosen.Intent);
        Assert.Equal("plenum-2027", chosen.EventId);
    }

    [Fact]
    public void OffersNoRegistrationBeforeRegistrationOpens()
    {
        var answer = QuestionFixture.Answerer().Answer("Wann ist der Marktplatz?", QuestionFixture.Catalog, ConversationState.Empty);

        var card = AnswerCard.Build(answer, QuestionFixture.Catalog, QuestionFixture.Now);

        Assert.Equal("marktplatz-2027", answer.EventId);
        Assert.Null(card["actions"]);
    }

    [Fact]
    public void ShowsTimesInBerlinTimeWithGermanNames()
    {
        var answer = QuestionFixture.Answerer().Answer("Wann ist die AG zu KI?", QuestionFixture.Catalog, ConversationState.Empty);

        Assert.Contains(new Fact("Datum", "Donnerstag, 10. Juni 2027"), answer.Facts);
        Assert.Contains(new Fact("Zeit", "13:00–14:15 Uhr"), answer.Facts);
        Assert.Equal(new ConversationState("plenum-2027", "ag-ki", 2, "de") { LastIntent = Intent.SessionInfo }, answer.NextState);
    }
}

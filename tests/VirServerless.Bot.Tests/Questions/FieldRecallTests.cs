using VirServerless.Bot.Questions;

namespace VirServerless.Bot.Tests.Questions;

/// <summary>Questions asked in other words than the team's own set still reach the catalog field that answers them.</summary>
public class FieldRecallTests
{
    private static Answer Ask(string question) =>
        QuestionFixture.Answerer().Answer(question, QuestionFixture.Catalog, ConversationState.Empty);

    [Fact]
    public void AHeadCountAboveTheCapPerOrganisationIsAnsweredNo()
    {
        var answer = Ask("Dürfen wir mit 5 Leuten aus unserer Gemeinde zum Plenum 2027 kommen?");

        Assert.Equal(Intent.PerOrganisation, answer.Intent);
        Assert.StartsWith("Nein", answer.Text, StringComparison.Ordinal);
        Assert.Contains("4", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Was ist beim Plenum 2027 alles inklusive?", Intent.Fee, "Hafenrundfahrt")]
    [InlineData("Was ist beim Plenum 2027, wenn ich krank werde?", Intent.Faq, "Vertretung")]
    [InlineData("Is there a hotel room allocation for the 2027 plenary?", Intent.Faq, "Zimmerkontingent")]
    [InlineData("Was ist der letzte Programmpunkt beim Plenum 2027?", Intent.SessionInfo, "Abschlussdiskussion")]
    public void AQuestionInOtherWordsReachesTheFieldThatAnswersIt(string question, Intent intent, string expected)
    {
        var answer = Ask(question);

        Assert.Equal(intent, answer.Intent);
        Assert.Contains(expected, answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void FallsIsGermanIfAndNotTheAutumn()
    {
        var answer = Ask("Gibt es beim Plenum eine Warteliste, falls es voll ist?");

        Assert.Equal(Intent.Waitlist, answer.Intent);
        Assert.Equal("plenum-2027", answer.EventId);
    }

    [Theory]
    [InlineData("Kann man die AG beim Plenum später noch ändern?", false)]
    [InlineData("Ich möchte meine AG beim Plenum wechseln", true)]
    public void ChangingAWorkshopIsPersonalOnlyWhenTheAskerSpeaksOfThemselves(string question, bool personal)
    {
        var answer = Ask(question);

        Assert.Equal(personal, answer.Intent == Intent.ChangeSessions);
    }

    [Fact]
    public void AnEnglishOrdinalDateIsADay()
    {
        var day = DateExpressions.Day(GermanNormalizer.Normalize("is the event on October 6th cancelled?"));

        Assert.Equal(new DaySlot(null, null, 6, 10), day);
    }
}

using VirServerless.Bot.Questions;

namespace VirServerless.Bot.Tests.Questions;

/// <summary>
/// Which event and which field, read from the catalog: the n-th coming event ("das überübernächste"), a role that only
/// the contact's name field holds ("Wer ist Sprecher der AG?"), and "welche Kommunen …?" that no field answers.
/// </summary>
public class EventOrderAndRoleTests
{
    private static readonly DateTimeOffset Now = new(2030, 1, 10, 9, 0, 0, TimeSpan.FromHours(1));

    private static string Meeting(string id, string title, string day, string contact) => $$"""
        {
          "id": "{{id}}", "kind": "other", "title": "{{title}}", "status": "published",
          "summary": "Treffen der Arbeitsgruppe mit fünf Modellkommunen.", "topics": ["Geodaten", "Bauleitplanung"],
          "start": "{{day}}T10:00:00+01:00", "end": "{{day}}T11:30:00+01:00",
          "venue": { "name": "Online über Microsoft Teams" },
          "contact": { "name": "{{contact}}", "email": "ag@example.org" },
          "registration": { "opens": "2029-12-01T09:00:00+01:00", "closes": "{{day}}T08:00:00+01:00", "fee": "kostenlos" },
          "sessions": [
            { "id": "impuls", "kind": "talk", "title": "Impuls: Geodaten im Bauamt", "start": "{{day}}T10:00:00+01:00", "end": "{{day}}T10:30:00+01:00",
              "speakers": ["Tjark Meyer, Stadt Esens"] },
            { "id": "bericht", "kind": "talk", "title": "Bericht aus dem Landesamt", "start": "{{day}}T10:30:00+01:00", "end": "{{day}}T11:00:00+01:00",
              "speakers": ["Wiebke Saathoff, Landesamt"] }
          ]
        }
        """;

    private static readonly CatalogView Catalog = QuestionFixture.CatalogOf(
    [
        Meeting("ag-geodaten-2030-02", "AG Geodaten: 1. Treffen 2030", "2030-02-05", "Hauke Janssen, Sprecher der AG Geodaten"),
        Meeting("ag-geodaten-2030-03", "AG Geodaten: 2. Treffen 2030", "2030-03-05", "Hauke Janssen, Sprecher der AG Geodaten"),
        Meeting("sprechstunde-2030-04", "Sprechstunde Förderprogramme", "2030-04-02", "Geschäftsstelle Förderung"),
    ]);

    private static List<Answer> Conversation(params string[] questions) => QuestionFixture.Converse(Catalog, Now, questions);

    [Theory]
    [InlineData("wann ist die übernächste veranstaltung?", "ag-geodaten-2030-03")]
    [InlineData("wann ist die überübernächste veranstaltung?", "sprechstunde-2030-04")]
    [InlineData("wann ist die über-über-nächste veranstaltung?", "sprechstunde-2030-04")]
    public void EachUeberCountsOneMoreEventAfterTheNextOne(string question, string eventId)
    {
        var answer = Conversation(question)[0];

        Assert.Equal(Intent.When, answer.Intent);
        Assert.Equal(eventId, answer.EventId);
    }

    [Fact]
    public void AnEventAfterTheLastOneIsNotGuessed()
    {
        var answer = Conversation("wann ist die überüberübernächste veranstaltung?")[0];

        Assert.NotEqual(Intent.When, answer.Intent);
    }

    [Fact]
    public void ARoleThatTheContactsNameFieldHoldsIsAnsweredWithTheContactEvenOverSeveralMeetings()
    {
        var answer = Conversation("wer ist eigentlich sprecher der ag geodaten?")[0];

        Assert.Equal(Intent.Contact, answer.Intent);
        Assert.Contains("Hauke Janssen", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void ASpeakerQuestionWhoseRoleTheContactDoesNotHoldStaysASpeakerQuestion()
    {
        var answer = Conversation("wer ist referent bei der ag geodaten im februar?")[0];

        Assert.NotEqual(Intent.Contact, answer.Intent);
        Assert.DoesNotContain("Hauke Janssen", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("welche fünf kommunen sind bei der ag geodaten im februar dabei?")]
    [InlineData("welche kommunen machen bei der sprechstunde förderprogramme mit?")]
    public void WhichThingsOfAKindNoFieldListsIsNotAnsweredWithTheEventsDate(string question)
    {
        var answer = Conversation(question)[0];

        Assert.Equal(Intent.Unknown, answer.Intent);
    }

    [Theory]
    [InlineData("wann ist das erste treffen der ag geodaten und wer spricht da?", "5. Februar 2030")]
    [InlineData("when is the first ag geodaten meeting and who presents?", "5 February 2030")]
    public void WhenAndWhoInOneQuestionGetTheDateAndTheSpeakers(string question, string date)
    {
        var answer = Conversation(question)[0];

        Assert.Equal(Intent.Speakers, answer.Intent);
        Assert.Contains(date, answer.Text, StringComparison.Ordinal);
        Assert.Contains("Tjark Meyer", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void WorumGingsIsAQuestionAboutTheTopicsNotAnUnknownWord()
    {
        var answer = Conversation("wann ist das erste treffen der ag geodaten?", "worum gings da?")[1];

        Assert.NotEqual(Intent.Unknown, answer.Intent);
    }
}

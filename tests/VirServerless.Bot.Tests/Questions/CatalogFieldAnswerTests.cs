using VirServerless.Bot.Questions;

namespace VirServerless.Bot.Tests.Questions;

/// <summary>
/// Answers that follow from a catalog field or FAQ entry asked in other words, over an invented catalog: a yes or no read
/// from the text that says it, the session next to a named one, the registration window, the cap that is not there.
/// </summary>
public class CatalogFieldAnswerTests
{
    private static readonly DateTimeOffset Now = new(2029, 2, 15, 10, 0, 0, TimeSpan.FromHours(1));

    private const string FachtagJson = """
        {
          "id": "fachtag-geodaten-2029", "kind": "workshop", "title": "Fachtag Geodaten 2029 in Nordenham", "status": "published",
          "start": "2029-04-12T09:30:00+02:00", "end": "2029-04-12T15:00:00+02:00",
          "venue": {
            "name": "Kulturhaus am Deich", "street": "Deichstraße 3", "postalCode": "26954", "city": "Nordenham",
            "directions": "Vom Bahnhof fünf Minuten zu Fuß. Parken auf dem Parkplatz am Hafen (kostenpflichtig).",
            "accessibility": "Der Saal Weser liegt im Erdgeschoss; der Raum Jade im Obergeschoss ist per Aufzug erreichbar. Eine Induktionsschleife gibt es nicht."
          },
          "contact": { "name": "Wiebke Harms", "email": "wiebke.harms@example.org" },
          "registration": { "opens": "2029-01-10T09:00:00+01:00", "closes": "2029-03-20T23:59:00+01:00", "capacity": 70, "fee": "kostenlos für Mitglieder, 25 Euro für Gäste", "maxPerOrganization": null },
          "sessions": [
            { "id": "begruessung", "kind": "talk", "title": "Begrüßung", "start": "2029-04-12T09:30:00+02:00", "end": "2029-04-12T09:45:00+02:00",
              "room": "Saal Weser", "speakers": ["Landrätin des Landkreises Wesermarsch"] },
            { "id": "keynote", "kind": "talk", "title": "Keynote: Karten für alle", "start": "2029-04-12T09:45:00+02:00", "end": "2029-04-12T10:30:00+02:00",
              "room": "Saal Weser", "speakers": ["Dr. Hella Tjaden"] },
            { "id": "luftbilder", "kind": "talk", "title": "Vortrag: Luftbilder in der Bauleitplanung", "start": "2029-04-12T10:30:00+02:00",
              "end": "2029-04-12T11:00:00+02:00", "room": "Saal Weser", "speakers": ["Bente Ohlrogge"] },
            { "id": "geoportal", "kind": "talk", "title": "Themenblock Geoportal", "start": "2029-04-12T11:00:00+02:00", "end": "2029-04-12T12:00:00+02:00",
              "room": "Saal Weser", "speakers": ["Enno Steffens"] },
            { "id": "mittagspause", "kind": "break", "title": "Mittagspause", "start": "2029-04-12T12:00:00+02:00", "end": "2029-04-12T13:00:00+02:00",
              "room": "Foyer" },
            { "id": "werkstatt", "kind": "workshop", "title": "Werkstatt: Daten pflegen", "start": "2029-04-12T13:00:00+02:00",
              "end": "2029-04-12T14:30:00+02:00", "room": "Raum Jade", "speakers": ["Gesa Lübben"] }
          ],
          "faq": [
            { "question": "Gibt es Parkplätze?", "answer": "Ja, auf dem Parkplatz am Hafen (kostenpflichtig)." },
            { "question": "Wer trägt die Reisekosten?", "answer": "Reisekosten erstatten wir leider nicht, sie trägt Ihre Dienststelle." },
            { "question": "Gibt es einen Mitschnitt?", "answer": "Nein, einen Mitschnitt gibt es nicht." },
            { "question": "Gibt es eine Teilnahmebestätigung?", "answer": "Ja, nach dem Fachtag per E-Mail." },
            { "question": "Wird der Fachtag auch online übertragen?", "answer": "Nein, eine Übertragung ist nicht vorgesehen." },
            { "question": "Wie wird die Gebühr für Gäste abgerechnet?", "answer": "Gäste erhalten nach dem Fachtag eine Rechnung; eine Zahlung vor Ort ist nicht möglich." },
            { "question": "Kann ich auch ohne Anmeldung kommen?", "answer": "Ja, Sie können sich vor Ort am Empfang eintragen." },
            { "question": "Was passiert mit meiner Anmeldung nach dem Fachtag?", "answer": "Wir löschen sie 30 Tage nach dem Fachtag." }
          ]
        }
        """;

    private const string SprechstundeJson = """
        {
          "id": "sprechstunde-geoportal-2029", "kind": "other", "title": "Online-Sprechstunde Geoportal", "status": "published",
          "start": "2029-03-01T10:00:00+01:00", "end": "2029-03-01T11:00:00+01:00",
          "venue": { "name": "Online über Microsoft Teams" },
          "registration": { "opens": "2029-02-20T09:00:00+01:00", "closes": "2029-02-28T12:00:00+01:00", "fee": "kostenlos", "maxPerOrganization": 2 },
          "sessions": [
            { "id": "sprechstunde", "kind": "talk", "title": "Fragen und Antworten zum Geoportal", "start": "2029-03-01T10:00:00+01:00",
              "end": "2029-03-01T11:00:00+01:00", "speakers": ["Enno Steffens"] }
          ]
        }
        """;

    private static readonly CatalogView Catalog = QuestionFixture.CatalogOf([FachtagJson, SprechstundeJson]);

    private static List<Answer> Conversation(params string[] questions) => QuestionFixture.Converse(Catalog, Now, questions);

    private static Answer Ask(string question) => Conversation(question)[0];

    [Theory]
    [InlineData("gibts beim fachtag in nordenham ne induktionsschleife?", "Nein")]
    [InlineData("is there a hearing loop at the fachtag in nordenham?", "No")]
    [InlineData("kollege sitzt im rollstuhl, kommt der in nordenham in den raum jade?", "Ja")]
    public void AnAccessibilityQuestionGetsTheYesOrNoOfTheSentenceThatNamesIt(string question, string yesOrNo)
    {
        var answer = Ask(question);

        Assert.Equal(Intent.Where, answer.Intent);
        Assert.StartsWith(yesOrNo, answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("erstattet ihr beim fachtag in nordenham die fahrtkosten?", "Nein", "Dienststelle")]
    [InlineData("ist parken beim fachtag in nordenham umsonst?", "Nein", "kostenpflichtig")]
    [InlineData("wird der fachtag in nordenham aufgezeichnet?", "Nein", "Mitschnitt")]
    public void AnFaqEntryAskedInOtherWordsAnswersWithTheYesOrNoItsTextGives(string question, string yesOrNo, string expected)
    {
        var answer = Ask(question);

        Assert.Equal(Intent.Faq, answer.Intent);
        Assert.StartsWith(yesOrNo, answer.Text, StringComparison.Ordinal);
        Assert.Contains(expected, answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("kann ich beim fachtag in nordenham ohne anmeldung kommen?", "Empfang")]
    [InlineData("what happens to my registration after the fachtag in nordenham?", "30 Tage")]
    public void AnFaqEntryWhoseOwnQuestionAsksTheSameAnswersIt(string question, string expected)
    {
        var answer = Ask(question);

        Assert.Equal(Intent.Faq, answer.Intent);
        Assert.Contains(expected, answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("kann man die 25 euro auch bar zahlen?")]
    [InlineData("wie bezahlen wir den fachtag in nordenham, vorab überweisen?")]
    public void AQuestionHowToPayGetsTheEntryAboutPaying(string question)
    {
        var answer = Ask(question);

        Assert.Equal(Intent.Faq, answer.Intent);
        Assert.Contains("Rechnung", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void AStatementAboutOwnPresenceDoesNotMakeTheQuestionAboutAPastEvent()
    {
        var answer = Ask("krieg ich vom fachtag in nordenham nen nachweis, dass ich da war?");

        Assert.Equal(Intent.Faq, answer.Intent);
        Assert.Contains("E-Mail", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void ItPointsBackToTheEventWhoseFaqAsksWithTheQuestionsWords()
    {
        var answers = Conversation("wann ist der fachtag in nordenham?", "wird es auch online übertragen?");

        Assert.Equal("fachtag-geodaten-2029", answers[1].EventId);
        Assert.Contains("Übertragung", answers[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void RegistrationOpenRightNowAndUntilWhenAreAnsweredFromTheWindow()
    {
        var answers = Conversation("ist die anmeldung für den fachtag in nordenham gerade offen?", "bis wann genau?");

        Assert.Equal(Intent.RegistrationState, answers[0].Intent);
        Assert.StartsWith("Ja", answers[0].Text, StringComparison.Ordinal);
        Assert.Equal(Intent.Deadline, answers[1].Intent);
        Assert.Contains("20. März 2029", answers[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void ACapFollowUpAboutAnEventWithoutCapIsAnsweredNo()
    {
        var answers = Conversation("wie viele pro kommune dürfen zur sprechstunde geoportal?", "gibts in nordenham auch so ne grenze?");

        Assert.Contains("2", answers[0].Text, StringComparison.Ordinal);
        Assert.Equal(Intent.PerOrganisation, answers[1].Intent);
        Assert.StartsWith("Nein", answers[1].Text, StringComparison.Ordinal);
        Assert.Equal("fachtag-geodaten-2029", answers[1].EventId);
    }

    [Theory]
    [InlineData("was kommt in nordenham direkt nach der keynote?", "Luftbilder")]
    [InlineData("wer spricht in nordenham vor dem themenblock geoportal?", "Bente Ohlrogge")]
    [InlineData("wer spricht beim fachtag in nordenham um halb 11?", "Bente Ohlrogge")]
    [InlineData("wer spricht in nordenham nach dem themenblock geoportal?", "Gesa Lübben")]
    [InlineData("wer macht den geoportal block in nordenham?", "Enno Steffens")]
    public void AProgrammeQuestionByPositionTimeOrBlockFindsTheSession(string question, string expected)
    {
        var answer = Ask(question);

        Assert.Contains(expected, answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("wen frag ich wegen dem fachtag in nordenham?")]
    [InlineData("who do I ask about the fachtag in nordenham?")]
    public void WhomToAskIsTheContact(string question)
    {
        var answer = Ask(question);

        Assert.Equal(Intent.Contact, answer.Intent);
        Assert.Contains("Wiebke Harms", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void WorkshopsToChooseAreDeniedWhenNoSessionIsChoosable()
    {
        var answer = Ask("kann man beim fachtag in nordenham workshops wählen?");

        Assert.StartsWith("Nein", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void TheNameOfSomeoneTheProgrammeNamesByOfficeOnlyIsNotKnown()
    {
        var answer = Ask("wie heißt die landrätin beim fachtag in nordenham?");

        Assert.Equal(Intent.Unknown, answer.Intent);
    }

    [Theory]
    [InlineData("um halb 3", 14 * 60 + 30 - (12 * 60))]
    [InlineData("viertel nach 10", (10 * 60) + 15)]
    [InlineData("viertel vor 12", (11 * 60) + 45)]
    public void ASpokenClockTimeIsATimeOfDay(string text, int minuteOfDay) =>
        Assert.Equal(minuteOfDay, DateExpressions.TimeOfDay(text));
}

using VirServerless.Bot.Questions;

namespace VirServerless.Bot.Tests.Questions;

/// <summary>
/// People, fees and taking part from afar, read from the catalog's own fields: the role a speaker's entry names
/// ("…, Moderation"), who invites (the host), labels with a slot letter ("AG 1B"), an amount that names the event, the
/// entry that tells what a fee includes, and an entry about a livestream (none for an event whose catalog names none).
/// </summary>
public class RoleFeeAndStreamTests
{
    private static readonly DateTimeOffset Now = new(2031, 2, 3, 10, 0, 0, TimeSpan.FromHours(1));

    private const string PlenumJson = """
        {
          "id": "plenum-ahlhorn-2031", "kind": "plenum", "title": "Plenum 2031 in Ahlhorn", "status": "published",
          "start": "2031-03-12T09:30:00+01:00", "end": "2031-03-12T16:30:00+01:00", "host": "Gemeinde Großenkneten",
          "summary": "Ein Tag mit Themenblöcken, Arbeitsgruppen in zwei Slots und einer Waldführung.",
          "venue": { "name": "Forsthaus Ahlhorn", "street": "Waldweg 3", "postalCode": "26197", "city": "Ahlhorn" },
          "contact": { "name": "Tomke Rieken, Geschäftsstelle", "email": "tomke.rieken@example.org" },
          "registration": { "opens": "2030-12-01T09:00:00+01:00", "closes": "2031-03-01T23:59:00+01:00", "capacity": 90, "waitlist": true,
            "fee": "80 Euro pro Person, inklusive Verpflegung", "maxPerOrganization": 3 },
          "sessions": [
            { "id": "begruessung", "kind": "talk", "title": "Begrüßung", "start": "2031-03-12T09:30:00+01:00", "end": "2031-03-12T09:45:00+01:00",
              "room": "Saal Eiche", "speakers": ["Bürgermeister Arno Lübben, Gemeinde Großenkneten"] },
            { "id": "block-register", "kind": "talk", "title": "Themenblock Register", "start": "2031-03-12T09:45:00+01:00", "end": "2031-03-12T10:45:00+01:00",
              "room": "Saal Eiche", "speakers": ["Jan Wempe, Landkreis Oldenburg", "Heike Stolle, Moderation"] },
            { "id": "ag-1a", "kind": "workshop", "title": "AG 1A: Geodaten", "start": "2031-03-12T11:00:00+01:00", "end": "2031-03-12T12:30:00+01:00",
              "room": "Raum Buche", "speakers": ["Fenna Ahrens, Stadt Wildeshausen"], "choosable": true },
            { "id": "ag-1b", "kind": "workshop", "title": "AG 1B: Bauanträge", "start": "2031-03-12T11:00:00+01:00", "end": "2031-03-12T12:30:00+01:00",
              "room": "Raum Birke", "speakers": ["Gerrit Pundt, Gemeinde Hude"], "choosable": true },
            { "id": "abschluss", "kind": "panel", "title": "Abschlussrunde", "start": "2031-03-12T15:30:00+01:00", "end": "2031-03-12T16:30:00+01:00",
              "room": "Saal Eiche", "speakers": ["Moderation: Heike Stolle, Geschäftsstelle"] }
          ],
          "faq": [
            { "question": "Was ist in der Teilnahmegebühr enthalten?", "answer": "Die 80 Euro umfassen Mittagessen, Kaffee und die Waldführung mit Busticket. Übernachtungskosten sind nicht enthalten. Die Rechnung geht nach der Veranstaltung an Ihre Kommune." },
            { "question": "Wo kann ich übernachten?", "answer": "Es gibt kein Zimmerkontingent; die Tourist-Information hilft bei der Suche nach einem Hotel." }
          ]
        }
        """;

    private const string ClosingJson = """
        {
          "id": "abschluss-dorfladen-2031", "kind": "conference", "title": "Abschlussveranstaltung des Modellprojekts Dorfladen digital", "status": "published",
          "start": "2031-04-08T10:00:00+02:00", "end": "2031-04-08T14:00:00+02:00", "host": "Stadt Cloppenburg",
          "venue": { "name": "Rathaus Cloppenburg", "city": "Cloppenburg" },
          "contact": { "name": "Wiebke Tapken, Projektbüro", "email": "projekt@example.org" },
          "registration": { "opens": "2031-01-10T09:00:00+01:00", "closes": "2031-04-01T23:59:00+02:00", "capacity": 60, "waitlist": false, "fee": "kostenlos" },
          "sessions": [
            { "id": "bilanz", "kind": "talk", "title": "Projektbilanz", "start": "2031-04-08T10:00:00+02:00", "end": "2031-04-08T11:00:00+02:00",
              "room": "Ratssaal", "speakers": ["Wiebke Tapken, Projektleitung"] },
            { "id": "runde-online", "kind": "workshop", "title": "Praxisrunde: Online-Bestellung im Dorfladen", "start": "2031-04-08T12:00:00+02:00",
              "end": "2031-04-08T13:30:00+02:00", "room": "Sitzungszimmer 2" }
          ],
          "faq": [
            { "question": "Kann ich online teilnehmen?", "answer": "Ja. Die Projektbilanz wird per Livestream übertragen; den Link gibt es am Vortag per E-Mail." }
          ]
        }
        """;

    private const string OnlineJson = """
        {
          "id": "online-stunde-2031", "kind": "other", "title": "Online-Stunde Förderprogramme", "status": "published",
          "start": "2031-02-20T10:00:00+01:00", "end": "2031-02-20T11:00:00+01:00",
          "venue": { "name": "Online über Microsoft Teams" },
          "contact": { "name": "Geschäftsstelle Förderung", "email": "foerderung@example.org" },
          "registration": { "opens": "2031-01-10T09:00:00+01:00", "closes": "2031-02-19T12:00:00+01:00", "waitlist": false, "fee": "kostenlos" },
          "sessions": []
        }
        """;

    private static readonly CatalogView Catalog = QuestionFixture.CatalogOf([PlenumJson, ClosingJson, OnlineJson]);

    private static List<Answer> Conversation(params string[] questions) => QuestionFixture.Converse(Catalog, Now, questions);

    [Theory]
    [InlineData("wer moderiert eigentlich das plenum in ahlhorn?")]
    [InlineData("who moderates the plenary?")]
    public void WhoModeratesIsAnsweredWithTheSpeakerWhoseEntryNamesModeration(string question)
    {
        var answer = Conversation(question)[0];

        Assert.Equal(Intent.Speakers, answer.Intent);
        Assert.Contains("Heike Stolle", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Jan Wempe", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void WhoModeratesAnEventWhoseProgrammeNamesNoModeratorIsNotAnswered()
    {
        var answer = Conversation("wer moderiert die abschlussveranstaltung?")[0];

        Assert.Equal(Intent.Unknown, answer.Intent);
    }

    [Fact]
    public void WhoInvitesToAnEventIsItsHost()
    {
        var answer = Conversation("wer lädt zum plenum nach ahlhorn ein")[0];

        Assert.Equal(Intent.Host, answer.Intent);
        Assert.Contains("Gemeinde Großenkneten", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("wer leitet ag1b")]
    [InlineData("wer leitet die AG 1B?")]
    public void ALabelWithASlotLetterNamesItsSessionTypedApartOrTogether(string question)
    {
        var answer = Conversation(question)[0];

        Assert.Equal("ag-1b", answer.SessionId);
        Assert.Contains("Gerrit Pundt", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void AnAmountThatOnlyOneEventsFeeNamesPicksThatEventAndItsEntryTellsWhatItIncludes()
    {
        var answer = Conversation("was ist in den 80 euro drin?")[0];

        Assert.Equal("plenum-ahlhorn-2031", answer.EventId);
        Assert.Contains("Waldführung", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void WhetherTheFeeIncludesSomethingIsAnsweredYesByTheEntryThatNamesIt()
    {
        var answer = Conversation("hab ich mit den 80 euro auch das busticket?")[0];

        Assert.Equal(Intent.Faq, answer.Intent);
        Assert.StartsWith("Ja", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void AShortFollowUpRightAfterWhatTheFeeIncludesAsksThatEntryWhetherItIncludesItToo()
    {
        var answers = Conversation("was ist in den 80 euro drin?", "hotel auch?");

        Assert.Equal(Intent.Faq, answers[1].Intent);
        Assert.StartsWith("Nein", answers[1].Text, StringComparison.Ordinal);
        Assert.Contains("Übernachtungskosten sind nicht enthalten", answers[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void WhenTheInvoiceComesIsAskedOfTheOneEventThatChargesAFee()
    {
        var answer = Conversation("wann kommt die rechnung für die teilnahmegebühr")[0];

        Assert.Equal("plenum-ahlhorn-2031", answer.EventId);
        Assert.DoesNotContain("Ja", answer.Text[..3], StringComparison.Ordinal);
    }

    [Fact]
    public void TheProjectReviewIsTheSessionOfTheProjectsBalance()
    {
        var answer = Conversation("who presented the project review?")[0];

        Assert.Equal(Intent.Speakers, answer.Intent);
        Assert.Contains("Wiebke Tapken", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("kann ich bei der abschlussveranstaltung online teilnehmen?")]
    [InlineData("is the closing event streamed?")]
    [InlineData("can I watch the closing event online?")]
    public void TakingPartOnlineIsAnsweredByTheEventsEntryNotByTheRegistrationStateOrTheOnlineEvent(string question)
    {
        var answer = Conversation(question)[0];

        Assert.Equal(Intent.Faq, answer.Intent);
        Assert.Equal("abschluss-dorfladen-2031", answer.EventId);
        Assert.Contains("Livestream", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void TakingPartOnlineInAnEventWhoseCatalogNamesNoStreamIsNotAnswered()
    {
        var answer = Conversation("kann ich am plenum in ahlhorn auch online teilnehmen?")[0];

        Assert.Equal(Intent.Unknown, answer.Intent);
    }
}

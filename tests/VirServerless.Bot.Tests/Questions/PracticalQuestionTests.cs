using VirServerless.Bot.Questions;

namespace VirServerless.Bot.Tests.Questions;

/// <summary>
/// Practical questions answered from the venue's fields and the FAQ (a shuttle named only inside a compound, the price of
/// parking, food for vegetarians, one day of two, an FAQ entry asked in the past tense or with a verb for its noun), and
/// questions that must stay refused (a participant list, an event in a town the catalog names only as a speaker's
/// municipality).
/// </summary>
public class PracticalQuestionTests
{
    private static readonly DateTimeOffset Now = new(2032, 2, 10, 10, 0, 0, TimeSpan.FromHours(1));

    private const string PlenumJson = """
        {
          "id": "plenum-rastede-2032", "kind": "plenum", "title": "Plenum 2032 in Rastede", "status": "published", "motto": "Gemeinsam digital",
          "start": "2032-04-21T10:00:00+02:00", "end": "2032-04-22T15:00:00+02:00",
          "venue": { "name": "Palais Rastede", "city": "Rastede",
            "directions": "Vom Bahnhof Rastede fährt ein Pendelbus des Veranstalters; Abfahrt jede halbe Stunde. Mit dem Auto über die A 29. Kostenlose Parkplätze am Schlosspark.",
            "accessibility": "Der Festsaal ist stufenlos erreichbar. Das Gasthaus am Park ist über eine Rampe zugänglich. Im Marstall gibt es eine induktive Höranlage." },
          "contact": { "name": "Geschäftsstelle Plenum", "email": "plenum@example.org" },
          "registration": { "opens": "2032-01-10T09:00:00+01:00", "closes": "2032-04-10T23:59:00+02:00", "capacity": 120, "waitlist": true, "fee": "kostenlos" },
          "sessions": [
            { "id": "keynote", "kind": "talk", "title": "Keynote: Verwaltung im Wandel", "start": "2032-04-21T10:30:00+02:00", "end": "2032-04-21T11:30:00+02:00",
              "room": "Festsaal", "speakers": ["Dr. Anke Witt, Stadt Zetel"] },
            { "id": "abendessen", "kind": "meal", "title": "Abendessen", "start": "2032-04-21T19:00:00+02:00", "end": "2032-04-21T22:00:00+02:00",
              "room": "Gasthaus am Park" },
            { "id": "rundgang", "kind": "excursion", "title": "Abendlicher Stadtrundgang", "start": "2032-04-21T17:00:00+02:00", "end": "2032-04-21T18:00:00+02:00",
              "room": "Treffpunkt: Haupteingang", "description": "Ein Rundgang mit der Stadtführerin Tomke Harms durch den Park bis zur Orangerie." },
            { "id": "abschlussvortrag", "kind": "talk", "title": "Abschlussvortrag: Was bleibt?", "start": "2032-04-22T14:00:00+02:00", "end": "2032-04-22T15:00:00+02:00",
              "room": "Vortragsraum Marstall", "speakers": ["Prof. Ina Lüdeke, Kommunales Rechenzentrum Ammerland"] },
            { "id": "podium", "kind": "panel", "title": "Podiumsdiskussion: Wohin steuert die Verwaltung?", "start": "2032-04-22T11:00:00+02:00",
              "end": "2032-04-22T12:00:00+02:00", "room": "Festsaal", "speakers": ["Moderation: Jonas Ihnen, Geschäftsstelle"] }
          ],
          "faq": [
            { "question": "Kann ich nur an einem Tag teilnehmen?", "answer": "Ja, das ist möglich. Bitte geben Sie den Tag bei der Anmeldung an." },
            { "question": "Gibt es Verpflegung?", "answer": "Ja, mittags gibt es ein Buffet mit vegetarischen Gerichten." },
            { "question": "Kann ich online teilnehmen?", "answer": "Nein, das Plenum findet nur in Präsenz statt." },
            { "question": "Kann ich meine Anmeldung stornieren?", "answer": "Bis zum 1. April 2032 kostenfrei, danach wird die Hälfte der Gebühr fällig." }
          ]
        }
        """;

    private const string MarktplatzJson = """
        {
          "id": "marktplatz-jever-2031", "kind": "marktplatz", "title": "Marktplatz 2031 in Jever", "status": "published",
          "start": "2031-11-12T09:30:00+01:00", "end": "2031-11-12T16:00:00+01:00",
          "venue": { "name": "Stadthalle", "city": "Jever" },
          "contact": { "name": "Geschäftsstelle Marktplatz", "email": "markt@example.org" },
          "registration": { "opens": "2031-08-01T09:00:00+02:00", "closes": "2031-11-05T23:59:00+01:00", "capacity": 200, "waitlist": false, "fee": "kostenlos" },
          "sessions": [],
          "faq": [
            { "question": "Muss ich den ganzen Tag bleiben?", "answer": "Nein, der Marktplatz ist ein Ort zum Kommen und Gehen." }
          ]
        }
        """;

    private const string OnlineJson = """
        {
          "id": "online-efile-2032", "kind": "conference", "title": "Online-Sprechstunde E-Akte", "status": "published",
          "start": "2032-03-03T10:00:00+01:00", "end": "2032-03-03T11:00:00+01:00",
          "venue": { "name": "Online über Microsoft Teams" },
          "contact": { "name": "Geschäftsstelle", "email": "online@example.org" },
          "registration": { "opens": "2032-01-10T09:00:00+01:00", "closes": "2032-03-02T23:59:00+01:00", "capacity": 100, "waitlist": false, "fee": "kostenlos" },
          "sessions": [],
          "faq": [
            { "question": "Brauche ich Microsoft Teams?", "answer": "Nein, Sie können ohne Installation im Browser teilnehmen." }
          ]
        }
        """;

    private static readonly CatalogView Catalog = QuestionFixture.CatalogOf([PlenumJson, MarktplatzJson, OnlineJson]);

    private static List<Answer> Converse(params string[] questions) => QuestionFixture.Converse(Catalog, Now, questions);

    private static Answer Ask(string question) => Converse(question)[0];

    [Fact]
    public void AShuttleNamedOnlyInsideACompoundOfTheDirectionsIsFoundAndItsScheduleFollowsUp()
    {
        var answers = Converse("gibt es nen pendel vom bahnhof in rastede?", "wie oft fährt der?");

        Assert.Equal(Intent.Where, answers[0].Intent);
        Assert.StartsWith("Ja", answers[0].Text, StringComparison.Ordinal);
        Assert.Equal(Intent.Where, answers[1].Intent);
        Assert.Contains("jede halbe Stunde", answers[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void ThePriceOfParkingIsToldByTheDirectionsNotByTheFee()
    {
        var costs = Ask("kostet parken in rastede was?");
        var free = Ask("ist das parken in rastede kostenlos?");

        Assert.StartsWith("Nein", costs.Text, StringComparison.Ordinal);
        Assert.Contains("Kostenlose Parkplätze", costs.Text, StringComparison.Ordinal);
        Assert.StartsWith("Ja", free.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void AVegetarianDishAskedAloneIsFoodAsTheEntryOnCateringSaysIt()
    {
        var answer = Ask("gibt es was vegetarisches beim plenum?");

        Assert.Equal(Intent.Faq, answer.Intent);
        Assert.StartsWith("Ja", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void OnlyTheSecondDayIsAnsweredByTheEntryOnTakingPartOnOneDay()
    {
        var answer = Ask("kann ich beim plenum auch nur am 2. tag kommen?");

        Assert.Equal(Intent.Faq, answer.Intent);
        Assert.Contains("das ist möglich", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEntryAskedInThePastTenseOfItsModalVerbStillAnswers()
    {
        var answer = Ask("musste man beim marktplatz den ganzen tag bleiben?");

        Assert.Equal(Intent.Faq, answer.Intent);
        Assert.Contains("Kommen und Gehen", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void AVerbInIertNamesTheNounInAtionTheEntryUses()
    {
        var answer = Ask("brauch ich für die online-sprechstunde teams installiert?");

        Assert.Equal(Intent.Faq, answer.Intent);
        Assert.Contains("ohne Installation", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void ARestaurantIsTheInnTheAccessibilityTextNames()
    {
        var answer = Ask("is the restaurant at the plenum wheelchair accessible?");

        Assert.Equal(Intent.Where, answer.Intent);
        Assert.StartsWith("Yes", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void AParticipantListIsRefused()
    {
        Assert.Equal(Intent.Unknown, Ask("bekommen wir die teilnehmerliste vom plenum?").Intent);
        Assert.Equal(Intent.Unknown, Ask("can we get the list of participants for the plenum?").Intent);
    }

    [Fact]
    public void AnEventInATownTheCatalogNamesOnlyAsASpeakersMunicipalityIsRefused()
    {
        var answer = Ask("wann ist das plenum in zetel?");

        Assert.Equal(Intent.Unknown, answer.Intent);
        Assert.DoesNotContain("Keynote", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void TheMottoOfThisYearsEventIsNotAQuestionAboutAYear()
    {
        var answer = Ask("whats the motto of this years plenum?");

        Assert.NotEqual(Intent.Unknown, answer.Intent);
    }

    [Fact]
    public void ReachingHimRightAfterTheSpeakersAsksForTheContact()
    {
        var answers = Converse("who speaks at the plenum in rastede?", "how can I reach him?");

        Assert.Equal(Intent.Contact, answers[1].Intent);
        Assert.Contains("plenum@example.org", answers[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void ATourTypedAsOneWordWithTheTownInFrontIsFoundAndItsGuideNamedByItsDescription()
    {
        var answers = Converse("gibt es in rastede ne stadtführung?", "wer führt?");

        Assert.Equal(Intent.SessionInfo, answers[0].Intent);
        Assert.StartsWith("Ja", answers[0].Text, StringComparison.Ordinal);
        Assert.Equal(Intent.Speakers, answers[1].Intent);
        Assert.Contains("Tomke Harms", answers[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void WhereAnExcursionGoesIsToldByItsDescription()
    {
        var answer = Ask("wo geht der stadtrundgang überall hin?");

        Assert.Contains("Orangerie", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void AHearingLoopAtASessionIsAnsweredByTheAccessibilityTextThatNamesItsRoom()
    {
        var answer = Ask("ich trag ein hörgerät, gibts beim abschlussvortrag ne höranlage?");

        Assert.Equal(Intent.Where, answer.Intent);
        Assert.StartsWith("Ja", answer.Text, StringComparison.Ordinal);
        Assert.Contains("induktive Höranlage", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void TheTownHallAskedInEnglishIsTheVenueWhoseAccessibilityAnswers()
    {
        var catalog = QuestionFixture.CatalogOf([PlenumJson.Replace("\"name\": \"Palais Rastede\"", "\"name\": \"Rathaus Rastede\"", StringComparison.Ordinal)]);
        var answer = QuestionFixture.Converse(catalog, Now, "is the town hall in rastede accessible for wheelchairs?")[0];

        Assert.Equal(Intent.Where, answer.Intent);
        Assert.StartsWith("Yes", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void AnExcursionAboutSomethingOnlyASpeakersOfficeNamesIsRefused()
    {
        var absent = Ask("gibts beim plenum auch ne exkursion zum rechenzentrum?");
        var present = Ask("gibts beim plenum ne exkursion zur orangerie?");

        Assert.Equal(Intent.Unknown, absent.Intent);
        Assert.StartsWith("Ja", present.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void WhoSitsOnAPanelThatNamesOnlyItsModeratorIsRefused()
    {
        var answers = Converse("wer moderiert die podiumsdiskussion beim plenum?", "und wer sitzt auf dem podium?");

        Assert.Contains("Jonas Ihnen", answers[0].Text, StringComparison.Ordinal);
        Assert.Equal(Intent.Unknown, answers[1].Intent);
    }

    [Fact]
    public void UntilWhenItRunsRightAfterAnFaqAnswerAsksForTheEventsEnd()
    {
        var answers = Converse("wann ist das plenum in rastede?", "gibt es da verpflegung?", "bis wann geht das?");

        Assert.Equal(Intent.Faq, answers[1].Intent);
        Assert.Equal(Intent.When, answers[2].Intent);
        Assert.Contains("15:00", answers[2].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void CancellingOnADateWithTheMonthWrittenShortIsAnsweredByTheEntryOnCancelling()
    {
        var answer = Ask("what happens if I cancel the plenum in early April, say Sept 1st?");

        Assert.Equal(Intent.Faq, answer.Intent);
        Assert.Contains("Hälfte der Gebühr", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void ASessionAskedInThePastTenseDuringAnotherEventIsFoundInAPastEvent()
    {
        const string past = """
            {
              "id": "marktplatz-varel-2031", "kind": "marktplatz", "title": "Marktplatz 2031 in Varel", "status": "published",
              "start": "2031-10-01T09:30:00+02:00", "end": "2031-10-01T16:00:00+02:00",
              "venue": { "name": "Weserhalle", "city": "Varel" },
              "contact": { "name": "Geschäftsstelle Marktplatz", "email": "markt@example.org" },
              "registration": { "opens": "2031-06-01T09:00:00+02:00", "closes": "2031-09-20T23:59:00+02:00", "capacity": 200, "waitlist": false, "fee": "kostenlos" },
              "sessions": [
                { "id": "kurz-signatur", "kind": "talk", "title": "Kurzvortrag: Die digitale Signatur in 20 Minuten", "start": "2031-10-01T11:30:00+02:00",
                  "end": "2031-10-01T11:50:00+02:00", "room": "Bühne", "speakers": ["Wiebke Onken, Stadt Varel"] }
              ]
            }
            """;
        var catalog = QuestionFixture.CatalogOf([PlenumJson, past]);
        var during = new DateTimeOffset(2032, 4, 22, 11, 0, 0, TimeSpan.FromHours(2));

        var answer = QuestionFixture.Converse(catalog, during, "wann war der kurzvortrag zur digitalen signatur?")[0];

        Assert.Equal("marktplatz-varel-2031", answer.EventId);
        Assert.Contains("11:30", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void TheOtherGroupsAreOtherSessionsOfTheEventTalkedAboutNotAnotherEvent()
    {
        const string groups = """
            {
              "id": "plenum-brake-2032", "kind": "plenum", "title": "Plenum 2032 in Brake", "status": "published",
              "start": "2032-09-08T10:00:00+02:00", "end": "2032-09-09T15:00:00+02:00",
              "venue": { "name": "Hafenspeicher", "city": "Brake" },
              "contact": { "name": "Geschäftsstelle Plenum", "email": "plenum@example.org" },
              "registration": { "opens": "2032-05-01T09:00:00+02:00", "closes": "2032-08-30T23:59:00+02:00", "capacity": 100, "waitlist": true, "fee": "kostenlos" },
              "sessions": [
                { "id": "ag1", "kind": "workshop", "title": "AG 1: Formulare", "start": "2032-09-08T13:30:00+02:00", "end": "2032-09-08T15:30:00+02:00",
                  "room": "Saal Jade", "choosable": true, "capacity": 20 },
                { "id": "ag2", "kind": "workshop", "title": "AG 2: KI", "start": "2032-09-08T13:30:00+02:00", "end": "2032-09-08T15:30:00+02:00",
                  "room": "Saal Hunte", "choosable": true, "capacity": 20 }
              ]
            }
            """;
        var catalog = QuestionFixture.CatalogOf([PlenumJson, groups]);

        var answers = QuestionFixture.Converse(catalog, Now, "is AG 2 in brake already full?", "which rooms are the other groups in?");

        Assert.Equal("plenum-brake-2032", answers[1].EventId);
        Assert.Contains("Saal Jade", answers[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void DidItHaveAnExcursionIsAskedIfOneExists()
    {
        var answer = Ask("does the plenum have an excursion?");

        Assert.StartsWith("Yes", answer.Text, StringComparison.Ordinal);
        Assert.Contains("Stadtrundgang", answer.Text, StringComparison.Ordinal);
    }
}

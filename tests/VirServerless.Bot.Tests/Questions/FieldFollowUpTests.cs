using VirServerless.Bot.Questions;

namespace VirServerless.Bot.Tests.Questions;

/// <summary>
/// Fields asked in other words and in follow-ups, over an invented catalog: a group larger than the cap per organisation,
/// the contact asked as "an wen wende ich mich", the speakers right after an FAQ answer, a subject only a session's
/// description holds.
/// </summary>
public class FieldFollowUpTests
{
    private static readonly DateTimeOffset Now = new(2030, 2, 1, 9, 0, 0, TimeSpan.FromHours(1));

    private const string FachtagJson = """
        {
          "id": "fachtag-opensource-2030", "kind": "workshop", "title": "Fachtag Open Source 2030 in Jever", "status": "published",
          "start": "2030-03-14T09:30:00+01:00", "end": "2030-03-14T15:00:00+01:00",
          "venue": { "name": "Schlosssaal", "street": "Schlossplatz 1", "postalCode": "26441", "city": "Jever",
            "accessibility": "Der Schlosssaal ist per Aufzug erreichbar. Das Ausflugsschiff ist leider nicht barrierefrei." },
          "contact": { "name": "Frauke Ihnen", "email": "fachtag@example.org" },
          "registration": { "opens": "2030-01-10T09:00:00+01:00", "closes": "2030-03-07T23:59:00+01:00", "capacity": 60, "waitlist": true,
            "fee": "kostenlos", "maxPerOrganization": 2 },
          "sessions": [
            { "id": "impuls", "kind": "talk", "title": "Impuls: Offene Software im Rathaus", "start": "2030-03-14T09:30:00+01:00", "end": "2030-03-14T10:15:00+01:00",
              "room": "Schlosssaal", "speakers": ["Okke Bruns, Stadt Jever"],
              "description": "Wie eine Stadt ihre Bürosoftware umgestellt hat und welche Rolle die Souveränitätsstrategie des Landes dabei spielt." },
            { "id": "tour", "kind": "excursion", "title": "Tour mit dem Ausflugsschiff auf dem Hooksieler Tief", "start": "2030-03-14T13:30:00+01:00", "end": "2030-03-14T15:00:00+01:00",
              "room": "Anleger Hooksiel", "description": "Mit dem Ausflugsschiff „Möwe“ über das Tief." }
          ],
          "faq": [
            { "question": "Wie viele Beschäftigte je Behörde dürfen kommen?", "answer": "Höchstens zwei je Behörde. Weitere Anmeldungen kommen auf die Nachrückliste." },
            { "question": "Wann kommt der Einwahllink für den Livestream?", "answer": "Den Link verschicken wir am Vortag per E-Mail." },
            { "question": "Gibt es ein Zimmerkontingent?", "answer": "Ja, im Hotel Friesenhof unter dem Abrufcode FT30 bis zum 1. März." }
          ]
        }
        """;

    private static readonly CatalogView Catalog = QuestionFixture.CatalogOf([FachtagJson]);

    private static List<Answer> Conversation(params string[] questions) => QuestionFixture.Converse(Catalog, Now, questions);

    [Fact]
    public void AGroupLargerThanTheCapGetsTheCapAndTheEntryThatSaysWhatHappensToTheOthers()
    {
        var answers = Conversation("wie viele leute aus einer behörde dürfen zum fachtag?", "und wenn wir zu dritt sind?");

        Assert.Equal(Intent.PerOrganisation, answers[1].Intent);
        Assert.Contains("höchstens 2", answers[1].Text, StringComparison.Ordinal);
        Assert.Contains("Nachrückliste", answers[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void AGroupWithinTheCapGetsYesAndNoEntry()
    {
        var answer = Conversation("dürfen wir mit zwei leuten aus unserer behörde zum fachtag?")[0];

        Assert.StartsWith("Ja", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Nachrückliste", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void WhomToTurnToIsTheContact()
    {
        var answer = Conversation("an wen wende ich mich bei fragen zum fachtag?")[0];

        Assert.Equal(Intent.Contact, answer.Intent);
        Assert.Contains("Frauke Ihnen", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void WhoPresentsRightAfterAnFaqAnswerThatNamesNoOneAsksForTheSpeakers()
    {
        var answers = Conversation("wann kommt beim fachtag der einwahllink?", "and who is presenting?");

        Assert.Equal(Intent.Faq, answers[0].Intent);
        Assert.Equal(Intent.Speakers, answers[1].Intent);
        Assert.Contains("Okke Bruns", answers[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void ASubjectOnlyASessionsDescriptionHoldsIsATopicWithYes()
    {
        var answer = Conversation("ist die souveränitätsstrategie ein thema beim fachtag?")[0];

        Assert.StartsWith("Ja", answer.Text, StringComparison.Ordinal);
        Assert.Contains("Offene Software im Rathaus", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void ASubjectNoFieldHoldsIsNoTopic()
    {
        var answer = Conversation("ist blockchain ein thema beim fachtag?")[0];

        Assert.Equal(Intent.Unknown, answer.Intent);
    }

    [Fact]
    public void AThingOnlyTheAccessibilityTextNamesGetsItsYesOrNoThereEvenWhenASessionMentionsIt()
    {
        var answers = Conversation("ist das ausflugsschiff beim fachtag barrierefrei?", "ist der schlosssaal barrierefrei?", "und das ausflugsschiff?");

        Assert.StartsWith("Nein", answers[0].Text, StringComparison.Ordinal);
        Assert.StartsWith("Ja", answers[1].Text, StringComparison.Ordinal);
        Assert.StartsWith("Nein", answers[2].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void ADetailOfTheLastFaqAnswerIsAnsweredByThatEntryEvenAfterARefusal()
    {
        var answers = Conversation("gibt es beim fachtag ein zimmerkontingent?", "und ein doppelzimmer?", "welchen abrufcode muss ich nennen?");

        Assert.Equal(Intent.Unknown, answers[1].Intent);
        Assert.Equal(Intent.Faq, answers[2].Intent);
        Assert.Contains("FT30", answers[2].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void AYesOrNoAboutADetailOfTheLastFaqAnswerIsNotAnsweredWithTheEntryAlone()
    {
        var answers = Conversation("gibt es beim fachtag ein zimmerkontingent?", "brauchen wir den abrufcode zwingend?");

        Assert.False(answers[1].Intent == Intent.Faq && !answers[1].Text.StartsWith("Ja", StringComparison.Ordinal) && !answers[1].Text.StartsWith("Nein", StringComparison.Ordinal));
    }

    [Fact]
    public void TheRegistrationStateAskedWithoutAVerbGetsYesOrNoFirst()
    {
        var answer = Conversation("fachtag jever anmeldung offen?")[0];

        Assert.Equal(Intent.RegistrationState, answer.Intent);
        Assert.StartsWith("Ja", answer.Text, StringComparison.Ordinal);
    }
}

using VirServerless.Bot.Questions;

namespace VirServerless.Bot.Tests.Questions;

/// <summary>
/// Which event a question is about, over an invented catalog asked on the second day of a running two-day conference:
/// the running event for "gestern", "heute" and for what only it has; a series of meetings by ordinal and order.
/// </summary>
public class EventChoiceTests
{
    // Thursday, the second day of the Regionalkonferenz in Aurich.
    private static readonly DateTimeOffset Now = new(2029, 5, 17, 10, 30, 0, TimeSpan.FromHours(2));

    private const string KonferenzJson = """
        {
          "id": "regionalkonferenz-aurich-2029", "kind": "plenum", "title": "Regionalkonferenz 2029 in Aurich", "status": "published",
          "start": "2029-05-16T13:00:00+02:00", "end": "2029-05-17T15:00:00+02:00",
          "venue": { "name": "Stadthalle Aurich", "street": "Fischteichweg 2", "postalCode": "26603", "city": "Aurich" },
          "contact": { "name": "Konferenzbüro", "email": "konferenz@example.org" },
          "sessions": [
            { "id": "eroeffnung", "kind": "talk", "title": "Eröffnung", "start": "2029-05-16T13:00:00+02:00", "end": "2029-05-16T13:30:00+02:00", "room": "Saal Ostfriesland" },
            { "id": "forum-geodaten", "kind": "talk", "title": "Forum Geodaten im Katasteramt", "start": "2029-05-16T14:00:00+02:00", "end": "2029-05-16T15:00:00+02:00",
              "room": "Saal Ostfriesland", "speakers": ["Hauke Janssen"] },
            { "id": "grillabend", "kind": "meal", "title": "Grillabend", "start": "2029-05-16T19:00:00+02:00", "end": "2029-05-16T22:00:00+02:00", "room": "Innenhof" },
            { "id": "forum-wahlen", "kind": "talk", "title": "Forum Digitale Wahlhelferverwaltung", "start": "2029-05-17T09:00:00+02:00", "end": "2029-05-17T10:00:00+02:00",
              "room": "Saal Ostfriesland", "speakers": ["Silke Onnen"] },
            { "id": "mittagessen", "kind": "meal", "title": "Mittagessen", "start": "2029-05-17T12:00:00+02:00", "end": "2029-05-17T13:00:00+02:00", "room": "Restaurant Upstalsboom" }
          ]
        }
        """;

    private const string FachtagJson = """
        {
          "id": "fachtag-friedhof-2029", "kind": "conference", "title": "Fachtag Friedhofsverwaltung digital", "status": "published",
          "start": "2029-09-20T10:00:00+02:00", "end": "2029-09-20T15:00:00+02:00",
          "venue": { "name": "Kreishaus Leer", "city": "Leer" },
          "sessions": [
            { "id": "mittagessen", "kind": "meal", "title": "Mittagessen", "start": "2029-09-20T12:00:00+02:00", "end": "2029-09-20T13:00:00+02:00", "room": "Kantine" }
          ]
        }
        """;

    private static string Treffen(int n, string start, string end, string faq = "[]") => $$"""
        {
          "faq": {{faq}},
          "id": "ak-friedhof-{{n}}", "kind": "workshop", "title": "Arbeitskreis Friedhofswesen: {{n}}. Treffen", "status": "published",
          "start": "{{start}}", "end": "{{end}}", "venue": { "name": "Online über Microsoft Teams" },
          "contact": { "name": "Frauke Ihnen, Sprecherin des Arbeitskreises", "email": "ak-friedhof@example.org" }
        }
        """;

    private static readonly CatalogView Catalog = QuestionFixture.CatalogOf(
        [
            KonferenzJson, FachtagJson,
            Treffen(1, "2029-03-06T10:00:00+01:00", "2029-03-06T11:00:00+01:00"),
            Treffen(2, "2029-06-12T10:00:00+02:00", "2029-06-12T11:00:00+02:00"),
            Treffen(3, "2029-11-13T10:00:00+01:00", "2029-11-13T11:00:00+01:00",
                """[{ "question": "Kann ich Themen für die Jahresplanung vorschlagen?", "answer": "Ja, schicken Sie Vorschläge bis zum 1. Oktober 2029." }]"""),
        ]);

    private static Answer Ask(string question) => QuestionFixture.Converse(Catalog, Now, question)[0];

    [Theory]
    [InlineData("was war gestern um 14 uhr?", "Forum Geodaten")]
    [InlineData("was lief heute um 9?", "Wahlhelferverwaltung")]
    [InlineData("gestern so gegen zwei, was war da?", "Forum Geodaten")]
    public void AClockTimeYesterdayOrTodayIsTheProgrammeOfTheRunningEvent(string question, string expected)
    {
        var answer = Ask(question);

        Assert.Equal("regionalkonferenz-aurich-2029", answer.EventId);
        Assert.Contains(expected, answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void APastTenseQuestionDuringAnEventIsAboutItsPastPartNotAnEarlierEvent()
    {
        var answer = Ask("bis wann ging gestern der grillabend?");

        Assert.Equal("regionalkonferenz-aurich-2029", answer.EventId);
        Assert.Contains("22:00", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void WhatTheRunningEventAndALaterOneBothHaveIsAskedOfTheRunningOne()
    {
        var answer = Ask("mittagessen wo?");

        Assert.Equal("regionalkonferenz-aurich-2029", answer.EventId);
        Assert.Contains("Upstalsboom", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void TheNextEventIsNotTheOneUnderWay()
    {
        var answer = Ask("wann ist die nächste veranstaltung?");

        Assert.Equal("ak-friedhof-2", answer.EventId);
    }

    [Theory]
    [InlineData("wann ist das 2. treffen vom arbeitskreis friedhofswesen?", "ak-friedhof-2")]
    [InlineData("der dritte arbeitskreis friedhofswesen, wann ist der?", "ak-friedhof-3")]
    [InlineData("arbeitskreis friedhofswesen treffen nr 1: wann war das?", "ak-friedhof-1")]
    public void AnOrdinalPicksThatEventOfASeriesInTheOrderTheyTakePlace(string question, string expected)
    {
        var answer = Ask(question);

        Assert.Equal(Intent.When, answer.Intent);
        Assert.Equal(expected, answer.EventId);
    }

    [Fact]
    public void AnOrdinalBeyondTheSeriesIsNotAnswered()
    {
        var answer = Ask("wann ist das 4. treffen vom arbeitskreis friedhofswesen?");

        Assert.Equal(Intent.Unknown, answer.Intent);
    }

    [Fact]
    public void WhatFollowsRightAfterTheProgrammeAtTheRunningEventIsItsNextItem()
    {
        var answers = QuestionFixture.Converse(Catalog, Now, "was läuft gerade?", "und was kommt danach?", "wo ist das?");

        Assert.Equal(Intent.ProgrammeAtTime, answers[1].Intent);
        Assert.Contains("Mittagessen", answers[1].Text, StringComparison.Ordinal);
        Assert.Contains("Upstalsboom", answers[2].Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("was kommt als nächstes?")]
    [InlineData("what's next?")]
    public void WhatIsNextDuringAnEventIsItsNextItemNotTheNextEvent(string question)
    {
        var answer = Ask(question);

        Assert.Equal("regionalkonferenz-aurich-2029", answer.EventId);
        Assert.Contains("Mittag", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void TheOneAfterAMeetingOfASeriesIsTheSeriesNextMeeting()
    {
        var answers = QuestionFixture.Converse(Catalog, Now, "wann ist das nächste treffen vom arbeitskreis friedhofswesen?", "und das danach?");

        Assert.Equal("ak-friedhof-2", answers[0].EventId);
        Assert.Equal("ak-friedhof-3", answers[1].EventId);
    }

    [Fact]
    public void TheEventAfterNextAfterTheNextEventCountsEveryEvent()
    {
        var answers = QuestionFixture.Converse(Catalog, Now, "was ist die nächste veranstaltung?", "und die übernächste?", "und danach?");

        Assert.Equal(["ak-friedhof-2", "fachtag-friedhof-2029", "ak-friedhof-3"], answers.Select(a => a.EventId));
    }

    [Theory]
    [InlineData("was ist die veranstaltung vor dem fachtag friedhofsverwaltung?", "ak-friedhof-2")]
    [InlineData("was kommt nach dem fachtag friedhofsverwaltung?", "ak-friedhof-3")]
    public void TheEventBeforeOrAfterANamedOneIsToldWithItsDateAndPlace(string question, string expected)
    {
        var answer = Ask(question);

        Assert.Equal(Intent.When, answer.Intent);
        Assert.Equal(expected, answer.EventId);
    }

    [Theory]
    [InlineData("wann ist das letzte treffen vom arbeitskreis friedhofswesen dieses jahr?", "ak-friedhof-3")]
    [InlineData("wann war das letzte treffen vom arbeitskreis friedhofswesen?", "ak-friedhof-1")]
    public void TheLastMeetingIsTheFinalOneInThePresentTenseAndTheMostRecentInThePast(string question, string expected)
    {
        var answer = Ask(question);

        Assert.Equal(expected, answer.EventId);
    }

    [Fact]
    public void ByWhomAfterASessionAsksForItsSpeaker()
    {
        var answers = QuestionFixture.Converse(Catalog, Now, "was war heute um 9?", "von wem?");

        Assert.Equal(Intent.Speakers, answers[1].Intent);
        Assert.Contains("Silke Onnen", answers[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void MeetingsThatShareTheAskedFieldNeedNoQuestionBack()
    {
        var contact = Ask("wer ist ansprechpartnerin für den arbeitskreis friedhofswesen?");
        var when = Ask("wann ist das treffen vom arbeitskreis friedhofswesen?");

        Assert.Equal(Intent.Contact, contact.Intent);
        Assert.Contains("Frauke Ihnen", contact.Text, StringComparison.Ordinal);
        Assert.Equal(Intent.Clarify, when.Intent);
    }

    [Fact]
    public void WhatOnlyOneMeetingOfANamedSeriesHoldsIsAnsweredFromIt()
    {
        var answer = Ask("kann man beim arbeitskreis friedhofswesen themen für die jahresplanung 2030 vorschlagen?");

        Assert.Equal(Intent.Faq, answer.Intent);
        Assert.Equal("ak-friedhof-3", answer.EventId);
    }
}

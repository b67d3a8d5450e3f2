using VirServerless.Bot.Questions;

namespace VirServerless.Bot.Tests.Questions;

/// <summary>
/// A question about what happens if one registers, or whether a choice can be changed after registering, is no personal
/// request; a request to add a session is. Which event: the one whose session title holds the word as typed
/// ("Busfahrt" in "Busrundfahrt", where another event's excursion is a city walk), and not the one compared with ("wie in …").
/// </summary>
public class GeneralOrPersonalTests
{
    private static readonly DateTimeOffset Now = new(2031, 8, 4, 10, 0, 0, TimeSpan.FromHours(2));

    private static string Plenum(string id, string title, string city, string day, string excursionId, string excursionTitle, string faq) => $$"""
        {
          "id": "{{id}}", "kind": "plenum", "title": "{{title}}", "status": "published",
          "start": "{{day}}T09:30:00+02:00", "end": "{{day}}T18:00:00+02:00",
          "venue": { "name": "Stadthalle", "city": "{{city}}" },
          "contact": { "name": "Geschäftsstelle", "email": "info@example.org" },
          "registration": { "opens": "2031-05-01T09:00:00+02:00", "closes": "{{day}}T08:00:00+02:00", "capacity": 100, "waitlist": true,
            "fee": "kostenlos", "maxPerOrganization": 3 },
          "sessions": [
            { "id": "ag-1", "kind": "workshop", "title": "AG 1: Geodaten", "start": "{{day}}T13:00:00+02:00", "end": "{{day}}T14:30:00+02:00",
              "room": "Raum 1", "choosable": true },
            { "id": "ag-2", "kind": "workshop", "title": "AG 2: E-Akte", "start": "{{day}}T13:00:00+02:00", "end": "{{day}}T14:30:00+02:00",
              "room": "Raum 2", "choosable": true },
            { "id": "{{excursionId}}", "kind": "excursion", "title": "{{excursionTitle}}", "start": "{{day}}T16:00:00+02:00", "end": "{{day}}T18:00:00+02:00",
              "room": "Treffpunkt: Haupteingang", "speakers": ["Gesa Brink, Gästeführerin"], "choosable": true }
          ],
          "faq": [{{faq}}]
        }
        """;

    private static readonly string Lingen = Plenum("plenum-lingen-2031", "Plenum 2031 in Lingen", "Lingen", "2031-09-10", "busrundfahrt",
        "Busrundfahrt zum Emsufer",
        """{ "question": "Kann ich die Arbeitsgruppe nachträglich wechseln?", "answer": "Ja, bis zum Anmeldeschluss, solange Plätze frei sind." }""");

    private static readonly string Meppen = Plenum("plenum-meppen-2031", "Herbstplenum 2031 in Meppen", "Meppen", "2031-11-12", "stadtfuehrung",
        "Stadtführung durch die Altstadt",
        """{ "question": "Gibt es eine Teilnahmebescheinigung?", "answer": "Ja, per E-Mail." }""");

    private const string Meeting = """
        {
          "id": "ag-geodaten-2031-10", "kind": "other", "title": "Arbeitsgruppe Geodaten – 1. Treffen 2031", "status": "published",
          "start": "2031-10-07T10:00:00+02:00", "end": "2031-10-07T12:00:00+02:00",
          "venue": { "name": "Online über Microsoft Teams" },
          "contact": { "name": "Geschäftsstelle", "email": "info@example.org" },
          "registration": { "opens": "2031-08-01T09:00:00+02:00", "closes": "2031-10-06T12:00:00+02:00", "waitlist": false, "fee": "kostenlos" },
          "sessions": []
        }
        """;

    private static readonly CatalogView Catalog = QuestionFixture.CatalogOf([Lingen, Meppen, Meeting]);

    private static List<Answer> Conversation(params string[] questions) => QuestionFixture.Converse(Catalog, Now, questions);

    [Fact]
    public void WhatHappensIfIRegisterNowIsAQuestionNotAStatusRequest()
    {
        var answer = Conversation("bin ich auf der warteliste, wenn ich mich beim plenum in lingen jetzt noch anmelde?")[0];

        Assert.False(answer.IsPersonal);
        Assert.Equal(Intent.Waitlist, answer.Intent);
    }

    [Fact]
    public void ChangingAChoiceAfterRegisteringIsAQuestionTheEntryAnswers()
    {
        var answer = Conversation("kann ich die AG in lingen nach der anmeldung noch ändern")[0];

        Assert.Equal(Intent.Faq, answer.Intent);
        Assert.StartsWith("Ja", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void ARequestToAddAChoosableSessionIsAChangeOfSessionsOfTheEventWhoseTitleHoldsTheWord()
    {
        var answer = Conversation("bin schon angemeldet, will aber doch bei der busfahrt mit – kannst du das nachtragen?")[0];

        Assert.Equal(Intent.ChangeSessions, answer.Intent);
        Assert.Equal("plenum-lingen-2031", answer.EventId);
    }

    [Fact]
    public void AWordAsTypedInOneEventsSessionTitlePicksThatEventOverAnotherOfTheSameKind()
    {
        var answer = Conversation("wann startet die busfahrt?")[0];

        Assert.Equal("plenum-lingen-2031", answer.EventId);
        Assert.Contains("16:00", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void ThePlaceComparedWithIsNotThePlaceAskedAbout()
    {
        var answers = Conversation("gibt es in meppen auch so ne bustour wie in lingen?", "wer führt die");

        Assert.Equal("plenum-meppen-2031", answers[0].EventId);
        Assert.Contains("Stadtführung", answers[0].Text, StringComparison.Ordinal);
        Assert.Equal("plenum-meppen-2031", answers[1].EventId);
    }

    [Fact]
    public void APastTenseAboutOnesOwnChoiceDoesNotMakeTheEventAPastOne()
    {
        var answer = Conversation("which working group did I pick for the plenum in lingen?")[0];

        Assert.Equal(Intent.MySessions, answer.Intent);
        Assert.Equal("plenum-lingen-2031", answer.EventId);
    }

    [Fact]
    public void AnEnglishGroupIsAWorkingGroup()
    {
        var answer = Conversation("am i signed up for the geodaten group?")[0];

        Assert.Equal(Intent.AmIRegistered, answer.Intent);
        Assert.Equal("ag-geodaten-2031-10", answer.EventId);
    }
}

using VirServerless.Bot.Questions;

namespace VirServerless.Bot.Tests.Questions;

/// <summary>
/// "morgen", "übermorgen", "tomorrow" on the evening before a two-day Tagung, with a marketplace and an AG meeting ahead:
/// the named day picks the event and the part of its programme.
/// </summary>
public class RelativeDayTests
{
    // Sunday evening before the Tagung in Hooksiel.
    private static readonly DateTimeOffset Now = new(2031, 3, 9, 20, 0, 0, TimeSpan.FromHours(1));

    private const string TagungJson = """
        {
          "id": "tagung-hooksiel-2031", "kind": "plenum", "title": "Frühjahrstagung 2031 in Hooksiel", "status": "published",
          "start": "2031-03-10T09:00:00+01:00", "end": "2031-03-11T13:00:00+01:00",
          "venue": { "name": "Strandhalle", "city": "Hooksiel" },
          "registration": { "opens": "2030-12-01T09:00:00+01:00", "closes": "2031-03-01T23:59:00+01:00", "capacity": 90 },
          "sessions": [
            { "id": "ankommen", "kind": "break", "title": "Ankommen und Kaffee", "start": "2031-03-10T08:30:00+01:00", "end": "2031-03-10T09:00:00+01:00", "room": "Foyer" },
            { "id": "eroeffnung", "kind": "talk", "title": "Eröffnung", "start": "2031-03-10T09:00:00+01:00", "end": "2031-03-10T09:30:00+01:00", "room": "Saal Jade" },
            { "id": "ag-a", "kind": "workshop", "title": "AG A: Friedhofsregister", "start": "2031-03-10T10:00:00+01:00", "end": "2031-03-10T11:30:00+01:00", "room": "Raum Ost", "choosable": true },
            { "id": "ag-b", "kind": "workshop", "title": "AG B: Hundesteuer online", "start": "2031-03-10T10:00:00+01:00", "end": "2031-03-10T11:30:00+01:00", "room": "Raum West", "choosable": true },
            { "id": "mittag-1", "kind": "meal", "title": "Mittagessen", "start": "2031-03-10T12:00:00+01:00", "end": "2031-03-10T13:00:00+01:00", "room": "Deichstube" },
            { "id": "wattwanderung", "kind": "excursion", "title": "Busrundfahrt zum Watt", "start": "2031-03-10T14:00:00+01:00", "end": "2031-03-10T16:30:00+01:00", "room": "Treffpunkt: Deichtor" },
            { "id": "abendessen", "kind": "meal", "title": "Abendessen im Sielhof", "start": "2031-03-10T19:00:00+01:00", "end": "2031-03-10T22:00:00+01:00", "room": "Sielhof" },
            { "id": "ag-c", "kind": "workshop", "title": "AG C: Wahlhelfer digital", "start": "2031-03-11T09:00:00+01:00", "end": "2031-03-11T10:30:00+01:00", "room": "Raum Ost", "choosable": true },
            { "id": "mittag-2", "kind": "meal", "title": "Mittagessen", "start": "2031-03-11T11:30:00+01:00", "end": "2031-03-11T12:15:00+01:00", "room": "Deichstube" },
            { "id": "abschluss", "kind": "panel", "title": "Abschlussrunde", "start": "2031-03-11T12:15:00+01:00", "end": "2031-03-11T13:00:00+01:00", "room": "Saal Jade" }
          ]
        }
        """;

    private const string MarktplatzJson = """
        {
          "id": "marktplatz-jever-2031", "kind": "marktplatz", "title": "Marktplatz 2031", "status": "published",
          "start": "2031-05-14T09:00:00+02:00", "end": "2031-05-14T15:00:00+02:00",
          "sessions": [
            { "id": "stand-1", "kind": "station", "title": "Stand 1: Wohngeld digital", "start": "2031-05-14T09:00:00+02:00", "end": "2031-05-14T15:00:00+02:00", "room": "Halle" }
          ],
          "venue": { "name": "Stadthalle", "city": "Jever" },
          "registration": { "opens": "2031-02-01T09:00:00+01:00", "closes": "2031-05-07T23:59:00+02:00", "capacity": 200 }
        }
        """;

    private const string TreffenJson = """
        {
          "id": "ag-register-2031", "kind": "workshop", "title": "AG Register – Treffen 1", "status": "published",
          "start": "2031-04-02T10:00:00+02:00", "end": "2031-04-02T12:00:00+02:00",
          "venue": { "name": "Online über Microsoft Teams" },
          "registration": { "opens": "2031-02-01T09:00:00+01:00", "closes": "2031-03-30T23:59:00+02:00", "capacity": 30 }
        }
        """;

    private const string PastJson = """
        {
          "id": "herbsttagung-2030", "kind": "plenum", "title": "Herbsttagung 2030 in Zetel", "status": "published",
          "start": "2030-11-12T10:00:00+01:00", "end": "2030-11-12T16:00:00+01:00",
          "venue": { "name": "Rathaus", "city": "Zetel" },
          "sessions": [
            { "id": "ag-x", "kind": "workshop", "title": "AG X: Straßenreinigung", "start": "2030-11-12T13:00:00+01:00", "end": "2030-11-12T14:30:00+01:00", "room": "Raum 1", "choosable": true }
          ]
        }
        """;

    private static readonly CatalogView Catalog = QuestionFixture.CatalogOf(
        [TagungJson, MarktplatzJson, TreffenJson, PastJson],
        new Dictionary<string, SeatAvailability>
        {
            ["tagung-hooksiel-2031"] = new(10, new Dictionary<string, int?> { ["ag-a"] = 0, ["ag-b"] = 4, ["ag-c"] = 6 }),
        });

    private static List<Answer> Converse(params string[] questions) => QuestionFixture.Converse(Catalog, Now, questions);

    [Theory]
    [InlineData("was läuft morgen?", "Eröffnung", "Abschlussrunde")]
    [InlineData("was leuft übermorgen", "Abschlussrunde", "Eröffnung")]
    [InlineData("wann ist morgen mittag?", "12:00", "11:30")]
    [InlineData("welche AGs gibt es morgen?", "AG B", "AG C")]
    [InlineData("was ist morgen abend?", "Abendessen im Sielhof", "Busrundfahrt")]
    public void TomorrowPicksTheEventOfThatDayAndReadsItsProgrammeOfThatDay(string question, string expected, string notExpected)
    {
        var answer = Converse(question)[0];

        Assert.Equal("tagung-hooksiel-2031", answer.EventId);
        Assert.Contains(expected, answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(notExpected, answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void IsThereADinnerTomorrowIsAnsweredFromTheEventOfTomorrow()
    {
        var answer = Converse("is there a dinner tomorrow?")[0];

        Assert.Equal("tagung-hooksiel-2031", answer.EventId);
        Assert.StartsWith("Yes", answer.Text, StringComparison.Ordinal);
        Assert.Contains("19:00", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void WhichThingsTomorrowOfAKindTheProgrammeDoesNotListStayRefused()
    {
        var answer = Converse("welche kommunen kommen morgen alle?")[0];

        Assert.Equal(Intent.Unknown, answer.Intent);
    }

    [Theory]
    [InlineData("was läuft morgen", 1)]
    [InlineData("what's on tomorrow at 2", 1)]
    [InlineData("was laeuft uebermorgen", 2)]
    [InlineData("wer hat heute morgen eroeffnet", null)]
    [InlineData("guten morgen, wann ist das plenum", null)]
    [InlineData("was laeuft am morgen des zweiten tages", null)]
    public void MorgenIsTheNextDayButHeuteMorgenAndGutenMorgenAreNot(string normalized, int? daysAhead) =>
        Assert.Equal(daysAhead, DateExpressions.RelativeDay(normalized));

    [Fact]
    public void MorgenFruehGibtsKaffeeIsAYesOrNoQuestion()
    {
        var answer = Converse("morgen früh gibts kaffee?")[0];

        Assert.StartsWith("Ja", answer.Text, StringComparison.Ordinal);
        Assert.Contains("Ankommen und Kaffee", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void TheProgrammeOfADayNamesTheTownWhenTheTitleDoesNot()
    {
        var answer = Converse("was läuft am 14.5. beim marktplatz?")[0];

        Assert.Equal("marktplatz-jever-2031", answer.EventId);
        Assert.Contains("in Jever", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void WhenAreTheyAfterTheFreeSeatsOfTheWorkshopsAsksForTheWorkshopsTimes()
    {
        var answers = Converse("welche AGs gibt es bei der frühjahrstagung?", "wo sind noch plätze frei?", "und wann sind die?");

        Assert.Equal(Intent.FreeSeats, answers[1].Intent);
        Assert.Null(answers[1].SessionId);
        Assert.Equal(Intent.Workshops, answers[2].Intent);
        Assert.Contains("10:00", answers[2].Text, StringComparison.Ordinal);
        Assert.Contains("09:00", answers[2].Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("When does the programme end before the bus tour?")]
    [InlineData("wann endet das programm vor der bustour?")]
    public void WhatEndsBeforeASessionIsTheSessionBeforeIt(string question)
    {
        var answer = Converse(question)[0];

        Assert.Contains("Mittagessen", answer.Text, StringComparison.Ordinal);
        Assert.Contains("13:00", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void TheFirstAgSlotIsAWorkshopOfTheComingEventNotTheFirstEventWithWorkshops()
    {
        var answer = Converse("wann ist der erste AG slot?")[0];

        Assert.Equal("tagung-hooksiel-2031", answer.EventId);
        Assert.Contains("10:00", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void WhenDoTheyRunAfterTheWorkshopsIsTheWorkshopsTimes()
    {
        var answers = Converse("welche AGs gibt es bei der frühjahrstagung?", "wann laufen die?");

        Assert.Equal(Intent.Workshops, answers[1].Intent);
        Assert.Contains("10:00", answers[1].Text, StringComparison.Ordinal);
    }
}

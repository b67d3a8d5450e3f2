using VirServerless.Bot.Questions;

namespace VirServerless.Bot.Tests.Questions;

/// <summary>
/// Follow-ups during a running marketplace whose stands are open all day while seminar stations come and go, and the
/// meetings of a working group as a series of events.
/// </summary>
public class ProgrammeFollowUpTests
{
    // Wednesday, 11:10, during the marketplace in Varel.
    private static readonly DateTimeOffset Now = new(2031, 10, 8, 11, 10, 0, TimeSpan.FromHours(2));

    private const string MarktplatzJson = """
        {
          "id": "marktplatz-varel-2031", "kind": "marktplatz", "title": "Marktplatz Digitale Dienste 2031", "status": "published",
          "start": "2031-10-08T09:00:00+02:00", "end": "2031-10-08T16:00:00+02:00",
          "venue": { "name": "Tivoli", "city": "Varel" },
          "registration": { "opens": "2031-06-01T09:00:00+02:00", "closes": "2031-10-01T23:59:00+02:00", "capacity": 150 },
          "sessions": [
            { "id": "stand-1", "kind": "station", "title": "Stand 1: Gewerbeanmeldung", "start": "2031-10-08T09:00:00+02:00", "end": "2031-10-08T16:00:00+02:00", "room": "Halle, Stand 1" },
            { "id": "stand-2", "kind": "station", "title": "Stand 2: Fundsachen online", "start": "2031-10-08T09:00:00+02:00", "end": "2031-10-08T16:00:00+02:00", "room": "Halle, Stand 2" },
            { "id": "seminar-a", "kind": "station", "title": "Seminarstation: Schiedsamt digital", "start": "2031-10-08T10:30:00+02:00", "end": "2031-10-08T11:30:00+02:00", "room": "Raum Friesland" },
            { "id": "seminar-b", "kind": "station", "title": "Seminarstation: Hundesteuer ohne Papier", "start": "2031-10-08T11:30:00+02:00", "end": "2031-10-08T12:30:00+02:00", "room": "Raum Jade" }
          ]
        }
        """;

    private static string Meeting(int n, string start, string end) => $$"""
        {
          "id": "ag-schiedsamt-{{n}}", "kind": "workshop", "title": "Arbeitsgruppe Schiedsamt – {{n}}. Treffen 2032", "status": "published",
          "start": "{{start}}", "end": "{{end}}", "venue": { "name": "Rathaus", "city": "Zetel" },
          "registration": { "opens": "2031-09-01T09:00:00+02:00", "closes": "2032-06-01T23:59:00+02:00", "capacity": 25 }
        }
        """;

    private static readonly CatalogView Catalog = QuestionFixture.CatalogOf(
        [MarktplatzJson, Meeting(1, "2032-04-14T10:00:00+02:00", "2032-04-14T14:00:00+02:00"), Meeting(2, "2032-06-16T10:00:00+02:00", "2032-06-16T14:00:00+02:00")]);

    private static List<Answer> Converse(params string[] questions) => QuestionFixture.Converse(Catalog, Now, questions);

    [Fact]
    public void WhatComesNextIsWhatBeginsNextAndItsRoomIsTheRoomAskedFor()
    {
        var answers = Converse("was läuft gerade?", "und was kommt als nächstes?", "in welchem raum?");

        Assert.Contains("Hundesteuer ohne Papier", answers[1].Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Gewerbeanmeldung", answers[1].Text, StringComparison.Ordinal);
        Assert.Contains("Raum Jade", answers[2].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void WhenAWorkingGroupMeetsInAMonthIsThatMonthsMeeting()
    {
        var answer = Converse("when does the schiedsamt working group meet in june?")[0];

        Assert.Equal("ag-schiedsamt-2", answer.EventId);
        Assert.Contains("16 June 2032", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hab ich die seminarstation schiedsamt schon verpasst?", "Nein", "11:30")]
    [InlineData("hab ich die hundesteuer-station verpasst?", "Nein", "beginnt")]
    [InlineData("did I miss the hundesteuer station?", "No", "begins")]
    public void WhetherASessionWasMissedIsToldFromItsTimesAtThisMoment(string question, string expected, string detail)
    {
        var answer = Converse(question)[0];

        Assert.StartsWith(expected, answer.Text, StringComparison.Ordinal);
        Assert.Contains(detail, answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissedSessionIsYesWithWhenItWas()
    {
        var answer = QuestionFixture.Converse(Catalog, Now.AddHours(3), "hab ich die seminarstation schiedsamt schon verpasst?")[0];

        Assert.StartsWith("Ja", answer.Text, StringComparison.Ordinal);
        Assert.Contains("10:30", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void WhatTimeTheStationsCloseIsTheirListWithTimes()
    {
        var answer = Converse("what time do the stations close?")[0];

        Assert.Contains("16:00", answer.Text, StringComparison.Ordinal);
        Assert.Contains("12:30", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void TheEFileWorkingGroupIsTheWorkingGroupOnTheEAkte()
    {
        var catalog = QuestionFixture.CatalogOf(
        [
            Meeting(1, "2032-04-14T10:00:00+02:00", "2032-04-14T14:00:00+02:00").Replace("Schiedsamt", "E-Akte", StringComparison.Ordinal),
            Meeting(2, "2032-06-16T10:00:00+02:00", "2032-06-16T14:00:00+02:00").Replace("Schiedsamt", "E-Akte", StringComparison.Ordinal),
        ]);

        var answer = QuestionFixture.Converse(catalog, Now, "when is the second meeting of the e-file working group?")[0];

        Assert.Equal("ag-schiedsamt-2", answer.EventId);
        Assert.Contains("16 June 2032", answer.Text, StringComparison.Ordinal);
    }
}

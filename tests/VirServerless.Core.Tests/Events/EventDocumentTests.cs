using VirServerless.Core.Events;

namespace VirServerless.Core.Tests.Events;

public class EventDocumentTests
{
    private const string Minimal = """
        {
          "id": "test-event",
          "kind": "workshop",
          "title": "Test",
          "status": "draft",
          "start": "2027-01-14T10:00:00+01:00",
          "end": "2027-01-14T12:00:00+01:00"
        }
        """;

    private static string With(string extraMembers) => Minimal.TrimEnd().TrimEnd('}').TrimEnd() + "," + extraMembers + "}";

    [Fact]
    public void ParsesMinimalDocument()
    {
        var ok = EventDocument.TryParse(Minimal, out var ev, out var errors);

        Assert.True(ok, EventDocument.Describe(errors));
        Assert.Empty(errors);
        Assert.Equal("test-event", ev!.Id);
        Assert.Equal(EventKind.Workshop, ev.Kind);
        Assert.Equal(TimeSpan.FromHours(1), ev.Start.Offset);
    }

    [Fact]
    public void ReportsUnknownFieldsAtTheirPaths()
    {
        var json = With("""
            "organizer": "x",
            "sessions": [{ "id": "a1", "title": "A", "start": "2027-01-14T10:00:00+01:00", "end": "2027-01-14T11:00:00+01:00", "speaker": "Frau X" }]
            """);

        var ok = EventDocument.TryParse(json, out var ev, out var errors);

        Assert.False(ok);
        Assert.Null(ev);
        Assert.Equal(["Das Feld „organizer“ ist unbekannt."], errors["organizer"]);
        Assert.Equal(["Das Feld „speaker“ ist unbekannt."], errors["sessions[0].speaker"]);
    }

    [Fact]
    public void TreatsComputedModelPropertiesAsUnknownFields()
    {
        var json = With("""  "programme": [] """);

        var ok = EventDocument.TryParse(json, out _, out var errors);

        Assert.False(ok);
        Assert.Equal(["Das Feld „programme“ ist unbekannt."], errors["programme"]);
    }

    [Fact]
    public void SuggestsTheRightSpellingOfAFieldInTheWrongCase()
    {
        var json = Minimal.Replace("\"title\"", "\"Title\"", StringComparison.Ordinal);

        var ok = EventDocument.TryParse(json, out _, out var errors);

        Assert.False(ok);
        Assert.Equal(["Das Feld „Title“ ist unbekannt. Meinten Sie „title“?"], errors["Title"]);
        Assert.Equal(["Das Pflichtfeld „title“ fehlt."], errors["title"]);
    }

    [Fact]
    public void ReportsInvalidJsonWithItsLine()
    {
        var json = "{\n  \"id\": \"test-event\",\n  \"kind\": plenum\n}";

        var ok = EventDocument.TryParse(json, out _, out var errors);

        Assert.False(ok);
        Assert.Equal(["Ungültiges JSON in Zeile 3."], errors["$"]);
    }

    [Fact]
    public void RejectsTrailingCommasAndComments()
    {
        var withComma = Minimal.Replace("+01:00\"\n}", "+01:00\",\n}", StringComparison.Ordinal);
        var withComment = "// Kommentar\n" + Minimal;

        Assert.False(EventDocument.TryParse(withComma, out _, out var commaErrors));
        Assert.False(EventDocument.TryParse(withComment, out _, out var commentErrors));
        Assert.StartsWith("Ungültiges JSON in Zeile", Assert.Single(commaErrors["$"]), StringComparison.Ordinal);
        Assert.Equal(["Ungültiges JSON in Zeile 1."], commentErrors["$"]);
    }

    [Fact]
    public void ReportsTimeWithoutOffset()
    {
        var json = Minimal.Replace("2027-01-14T12:00:00+01:00", "2027-01-14T12:00:00", StringComparison.Ordinal);

        var ok = EventDocument.TryParse(json, out _, out var errors);

        Assert.False(ok);
        Assert.Equal(["Der Zeitangabe „2027-01-14T12:00:00“ fehlt der UTC-Versatz, z. B. „2027-01-14T12:00:00+02:00“ (Sommerzeit) oder „2027-01-14T12:00:00+01:00“ (Winterzeit)."], errors["end"]);
    }

    [Fact]
    public void ReportsTimeThatIsNotATime()
    {
        var json = Minimal.Replace("2027-01-14T12:00:00+01:00", "14.01.2027 12:00", StringComparison.Ordinal);

        var ok = EventDocument.TryParse(json, out _, out var errors);

        Assert.False(ok);
        Assert.Equal(["„14.01.2027 12:00“ ist keine gültige Zeitangabe; erwartet wird z. B. 2027-06-09T15:30:00+02:00."], errors["end"]);
    }

    [Fact]
    public void ReportsMissingRequiredFieldsIncludingStatus()
    {
        var json = """{ "id": "test-event", "kind": "plenum", "start": "2027-01-14T10:00:00+01:00", "end": "2027-01-14T12:00:00+01:00" }""";

        var ok = EventDocument.TryParse(json, out _, out var errors);

        Assert.False(ok);
        Assert.Equal(["Das Pflichtfeld „title“ fehlt."], errors["title"]);
        Assert.Equal(["Das Pflichtfeld „status“ fehlt."], errors["status"]);
    }

    [Fact]
    public void ReportsMissingFaqAnswer()
    {
        var json = With("""  "faq": [{ "question": "Gibt es Parkplätze?" }]""");

        var ok = EventDocument.TryParse(json, out _, out var errors);

        Assert.False(ok);
        Assert.Equal(["Das Pflichtfeld „answer“ fehlt."], errors["faq[0].answer"]);
    }

    [Fact]
    public void ReportsUnknownEnumValueWithTheAllowedOnes()
    {
        var json = Minimal.Replace("\"workshop\"", "\"tagung\"", StringComparison.Ordinal);

        var ok = EventDocument.TryParse(json, out _, out var errors);

        Assert.False(ok);
        Assert.Equal(["Der Wert „tagung“ ist nicht zulässig. Erlaubt: plenum, marktplatz, conference, workshop, other."], errors["kind"]);
    }

    [Fact]
    public void ReportsWrongValueTypeAtItsPath()
    {
        var json = With("""  "registration": { "capacity": "viele" }""");

        var ok = EventDocument.TryParse(json, out var ev, out var errors);

        Assert.False(ok);
        Assert.Null(ev);
        Assert.StartsWith("Der Wert hat nicht den erwarteten Typ", Assert.Single(errors["registration.capacity"]), StringComparison.Ordinal);
    }

    [Fact]
    public void ReturnsTheEventTogetherWithValidationErrors()
    {
        var json = With("""  "retentionDays": 0""");

        var ok = EventDocument.TryParse(json, out var ev, out var errors);

        Assert.False(ok);
        Assert.NotNull(ev);
        Assert.Equal(["Die Aufbewahrungsfrist muss zwischen 1 und 3650 Tagen liegen."], errors["retentionDays"]);
    }

    [Fact]
    public void AcceptsNullForOptionalValues()
    {
        var json = With("""  "registration": { "capacity": 10, "maxPerOrganization": null }, "motto": null""");

        var ok = EventDocument.TryParse(json, out var ev, out var errors);

        Assert.True(ok, EventDocument.Describe(errors));
        Assert.Null(ev!.Registration!.MaxPerOrganization);
    }

    [Fact]
    public void ParseThrowsWithEveryErrorListed()
    {
        var json = Minimal.Replace("test-event", "Test Event", StringComparison.Ordinal).Replace("\"Test\"", "\"\"", StringComparison.Ordinal);

        var ex = Assert.Throws<InvalidDataException>(() => EventDocument.Parse(json));

        Assert.Contains("id: Die Kennung", ex.Message, StringComparison.Ordinal);
        Assert.Contains("title: Der Titel darf nicht leer sein.", ex.Message, StringComparison.Ordinal);
    }
}

using VirServerless.Core.Events;

namespace VirServerless.Core.Tests;

public class EventJsonTests
{
    [Fact]
    public void RejectsUnknownFields()
    {
        var json = """{"id":"x1","kind":"plenum","title":"T","start":"2027-01-01T10:00:00+01:00","end":"2027-01-01T12:00:00+01:00","bogus":1}""";

        Assert.ThrowsAny<System.Text.Json.JsonException>(() => EventJson.Deserialize(json));
    }

    [Fact]
    public void ReadsKindsAsLowerCaseStrings()
    {
        var json = """{"id":"x1","kind":"marktplatz","title":"T","status":"published","start":"2027-01-01T10:00:00+01:00","end":"2027-01-01T12:00:00+01:00"}""";

        var ev = EventJson.Deserialize(json);

        Assert.Equal(EventKind.Marktplatz, ev.Kind);
        Assert.Contains("\"marktplatz\"", EventJson.Serialize(ev), StringComparison.Ordinal);
    }
}

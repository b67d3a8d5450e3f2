using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using VirServerless.Core.Events;

namespace VirServerless.Core.Tests.Events;

public class EventSchemaTests
{
    private static readonly string SamplesDirectory = SampleCatalog.FindDirectory();

    private static readonly JsonSchemaSubset Schema = new(
        JsonDocument.Parse(File.ReadAllText(Path.Combine(SamplesDirectory, "..", "event.schema.json"))).RootElement);

    public static TheoryData<string> SampleFiles() =>
        [.. Directory.GetFiles(SamplesDirectory, "*.json").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    private static JsonElement ParseSample(string file) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(SamplesDirectory, file))).RootElement;

    [Fact]
    public void SchemaUsesOnlyKeywordsTheCheckerUnderstands()
    {
        var unsupported = Schema.UnsupportedKeywords();

        Assert.Empty(unsupported);
    }

    [Fact]
    public void SchemaDeclaresDraft202012()
    {
        var declared = Schema.Root.GetProperty("$schema").GetString();

        Assert.Equal("https://json-schema.org/draft/2020-12/schema", declared);
    }

    [Theory]
    [MemberData(nameof(SampleFiles))]
    public void SampleMatchesTheSchema(string file)
    {
        var errors = Schema.Validate(ParseSample(file));

        Assert.Empty(errors);
    }

    [Fact]
    public void CheckerFindsWhatTheSchemaForbids()
    {
        var sample = JsonNode.Parse(File.ReadAllText(Path.Combine(SamplesDirectory, "plenum-2027.json")))!.AsObject();
        sample.Remove("status");
        sample["kind"] = "tagung";
        sample["retentionDays"] = 0;
        sample["reminders"] = new JsonArray("P7D", "P1M");
        sample["venue"]!["parking"] = "ja";
        sample["sessions"]![0]!["id"] = "Ankommen";
        sample["sessions"]![0]!["capacity"] = -1;

        var errors = Schema.Validate(JsonDocument.Parse(sample.ToJsonString()).RootElement);

        Assert.Equal(
            [
                "$.kind: \"tagung\" not in enum",
                "$.reminders[1]: \"P1M\" does not match",
                "$.retentionDays: 0 below minimum 1",
                "$.sessions[0].capacity: -1 below minimum 0",
                "$.sessions[0].id: \"Ankommen\" does not match",
                "$.status: required",
                "$.venue.parking: additional property",
            ],
            errors.Select(e => Regex.Replace(e, " \\^.*$", "")).Order(StringComparer.Ordinal));
    }

    public static TheoryData<string, Type> ObjectDefinitions() => new()
    {
        { "", typeof(CatalogEvent) },
        { "venue", typeof(Venue) },
        { "contact", typeof(Contact) },
        { "registration", typeof(RegistrationSettings) },
        { "session", typeof(Session) },
        { "faqEntry", typeof(FaqEntry) },
    };

    private static JsonElement ObjectSchema(string definition) => definition.Length == 0 ? Schema.Root : Schema.Definition(definition);

    [Theory]
    [MemberData(nameof(ObjectDefinitions))]
    public void SchemaAndModelNameTheSameFields(string definition, Type modelType)
    {
        var modelFields = EventDocument.DocumentFields(modelType).Select(p => p.Name).Order(StringComparer.Ordinal);

        var schemaFields = ObjectSchema(definition).GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal);

        Assert.Equal(modelFields, schemaFields);
        Assert.Equal(JsonValueKind.False, ObjectSchema(definition).GetProperty("additionalProperties").ValueKind);
    }

    [Theory]
    [MemberData(nameof(ObjectDefinitions))]
    public void SchemaRequiresWhatTheModelRequires(string definition, Type modelType)
    {
        // Status has a C# default for code that builds events, but documents must state it.
        string[] schemaOnly = modelType == typeof(CatalogEvent) ? ["status"] : [];
        var modelRequired = EventDocument.DocumentFields(modelType)
            .Where(p => p.IsRequired || p.AssociatedParameter is { HasDefaultValue: false })
            .Select(p => p.Name)
            .Concat(schemaOnly)
            .Order(StringComparer.Ordinal);

        var schemaRequired = ObjectSchema(definition).TryGetProperty("required", out var required)
            ? required.EnumerateArray().Select(r => r.GetString()!).Order(StringComparer.Ordinal).ToArray()
            : [];

        Assert.Equal(modelRequired, schemaRequired);
    }

    [Theory]
    [InlineData("kind", typeof(EventKind))]
    [InlineData("status", typeof(EventStatus))]
    public void EventEnumsAgree(string field, Type enumType)
    {
        var schemaValues = Schema.Root.GetProperty("properties").GetProperty(field).GetProperty("enum").EnumerateArray().Select(v => v.GetString());

        Assert.Equal(SerializedNames(enumType), schemaValues);
    }

    [Fact]
    public void SessionKindsAgree()
    {
        var schemaValues = Schema.Definition("session").GetProperty("properties").GetProperty("kind").GetProperty("enum").EnumerateArray().Select(v => v.GetString());

        Assert.Equal(SerializedNames(typeof(SessionKind)), schemaValues);
    }

    private static IEnumerable<string> SerializedNames(Type enumType) =>
        Enum.GetValues(enumType).Cast<object>().Select(v => JsonSerializer.Serialize(v, enumType, EventJson.Options).Trim('"'));

    [Theory]
    [InlineData("plenum-2027")]
    [InlineData("a1")]
    [InlineData("0abc")]
    [InlineData("x")]
    [InlineData("-abc")]
    [InlineData("Plenum")]
    [InlineData("plenum_2027")]
    [InlineData("plenum 2027")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public void SlugPatternAgreesWithValidator(string candidate)
    {
        var pattern = Schema.Definition("slug").GetProperty("pattern").GetString()!;

        Assert.Equal(EventValidator.IsSlug(candidate), Regex.IsMatch(candidate, pattern));
    }

    [Theory]
    [InlineData("P7D")]
    [InlineData("P1W")]
    [InlineData("PT12H")]
    [InlineData("P1DT6H30M")]
    [InlineData("PT45S")]
    [InlineData("P")]
    [InlineData("PT")]
    [InlineData("P1DT")]
    [InlineData("P1M")]
    [InlineData("P1Y")]
    [InlineData("P1W2D")]
    [InlineData("7D")]
    [InlineData("P1.5D")]
    public void DurationPatternAgreesWithIsoDuration(string candidate)
    {
        var pattern = Schema.Definition("duration").GetProperty("pattern").GetString()!;

        Assert.Equal(IsoDuration.TryParse(candidate, out _), Regex.IsMatch(candidate, pattern));
    }

    [Theory]
    [InlineData("2027-06-09T15:30:00+02:00", true)]
    [InlineData("2027-06-09T13:30:00Z", true)]
    [InlineData("2027-06-09T15:30:00.5+02:00", true)]
    [InlineData("2027-06-09T15:30:00", false)]
    [InlineData("2027-06-09T15:30+02:00", false)]
    [InlineData("09.06.2027 15:30", false)]
    public void DateTimePatternRequiresAnOffsetLikeEventDocument(string candidate, bool accepted)
    {
        var pattern = Schema.Definition("dateTime").GetProperty("pattern").GetString()!;
        var json = $$"""{"id":"x1","kind":"other","title":"T","status":"draft","start":"{{candidate}}","end":"2027-06-10T15:30:00+02:00"}""";

        var documentAccepts = EventDocument.TryParse(json, out _, out var errors) || !errors.ContainsKey("start");

        Assert.Equal(accepted, Regex.IsMatch(candidate, pattern));
        Assert.Equal(accepted, documentAccepts);
    }
}

using VirServerless.Testing;
using System.Text.Json;
using System.Text.Json.Serialization;
using VirServerless.Bot.Questions;
using VirServerless.Core.Events;

namespace VirServerless.Bot.Tests.Questions;

public sealed record QuestionTurn(
    [property: JsonPropertyName("q")] string Question,
    string Intent,
    string? Event,
    IReadOnlyList<string> Expect,
    IReadOnlyList<string> Forbid);

public sealed record QuestionCase(string Id, string Category, IReadOnlyList<QuestionTurn> Turns);

/// <summary>The fixture catalog (realistic events after the seed articles), live seat counts and the question set.</summary>
public static class QuestionFixture
{
    public static readonly DateTimeOffset Now = new(2026, 11, 22, 10, 0, 0, TimeSpan.FromHours(1));

    public static readonly Contact DefaultContact = new()
    {
        Name = "Geschäftsstelle ViR Nordwest",
        Email = "info@vir-nordwest.example",
    };

    private static readonly JsonSerializerOptions CaseJson = new(JsonSerializerDefaults.Web);

    public static CatalogView Catalog { get; } = LoadCatalog();

    public static IReadOnlyList<QuestionCase> Cases { get; } = LoadCases();

    public static QuestionAnswerer Answerer() => new(new ManualTimeProvider(Now));

    public static TheoryData<string> CaseIds() => [.. Cases.Select(c => c.Id)];

    /// <summary>A catalog of invented events (event documents as JSON) with the given live seats and a plain contact.</summary>
    public static CatalogView CatalogOf(IEnumerable<string> eventJson, IReadOnlyDictionary<string, SeatAvailability>? seats = null) => new(
        [.. eventJson.Select(json => JsonSerializer.Deserialize<CatalogEvent>(json, EventJson.Options)!)],
        seats ?? new Dictionary<string, SeatAvailability>(),
        new Contact { Name = "Geschäftsstelle", Email = "info@example.org" });

    /// <summary>Asks the questions one after another in one conversation over <paramref name="catalog"/> at <paramref name="now"/>.</summary>
    public static List<Answer> Converse(CatalogView catalog, DateTimeOffset now, params string[] questions)
    {
        var answerer = new QuestionAnswerer(new ManualTimeProvider(now));
        var state = ConversationState.Empty;
        var answers = new List<Answer>();
        foreach (var question in questions)
        {
            var answer = answerer.Answer(question, catalog, state);
            answers.Add(answer);
            state = answer.NextState;
        }

        return answers;
    }

    /// <summary>Runs all turns of a case as one conversation; returns one failure message per failed turn (null when passed).</summary>
    public static IReadOnlyList<string?> Run(QuestionCase questionCase)
    {
        var answerer = Answerer();
        var state = ConversationState.Empty;
        var results = new List<string?>();
        foreach (var turn in questionCase.Turns)
        {
            var answer = answerer.Answer(turn.Question, Catalog, state);
            results.Add(Check(turn, answer));
            state = answer.NextState;
        }

        return results;
    }

    private static string? Check(QuestionTurn turn, Answer answer)
    {
        var problems = new List<string>();
        if (answer.Intent.ToString() != turn.Intent)
        {
            problems.Add($"intent {answer.Intent}, expected {turn.Intent}");
        }

        if (turn.Event is not null && answer.EventId != turn.Event)
        {
            problems.Add($"event {answer.EventId}, expected {turn.Event}");
        }

        problems.AddRange(turn.Expect.Where(e => !answer.Text.Contains(e, StringComparison.Ordinal)).Select(e => $"missing \"{e}\""));
        problems.AddRange(turn.Forbid.Where(f => answer.Text.Contains(f, StringComparison.Ordinal)).Select(f => $"forbidden \"{f}\""));
        return problems.Count == 0 ? null : $"\"{turn.Question}\": {string.Join("; ", problems)} → {answer.Text}";
    }

    private static CatalogView LoadCatalog()
    {
        var json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Questions", "catalog.fixture.json"));
        var events = JsonSerializer.Deserialize<List<CatalogEvent>>(json, EventJson.Options)!;
        var seats = new Dictionary<string, SeatAvailability>
        {
            ["plenum-2027"] = new(37, new Dictionary<string, int?>
            {
                ["ag-ki"] = 0,
                ["ag-sicherheit"] = 4,
                ["ag-kompetenzen"] = 12,
                ["hafenbus"] = 15,
            }),
            ["marktplatz-2027"] = new(250, new Dictionary<string, int?>()),
        };
        return new CatalogView(events, seats, DefaultContact);
    }

    private static List<QuestionCase> LoadCases()
    {
        var json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Questions", "questions.de.json"));
        return JsonSerializer.Deserialize<List<QuestionCase>>(json, CaseJson)!;
    }
}

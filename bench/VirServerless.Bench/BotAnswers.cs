using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using VirServerless.Bot.Questions;
using VirServerless.Core.Events;
using VirServerless.Testing;

namespace VirServerless.Bench;

/// <summary>
/// Scenario 4: answers to the bot test questions, in process (QuestionAnswerer over a CatalogView) and over HTTP
/// (POST /api/messages, expectReplies), against POST /api/bench/echo in the same app with the same activity body.
/// </summary>
public sealed class BotAnswers(int repetitions)
{
    private static readonly JsonSerializerOptions CaseJson = new(JsonSerializerDefaults.Web);

    private sealed record Turn(string Q);

    private sealed record Case(string Id, IReadOnlyList<Turn> Turns);

    public static string QuestionsPath => Path.Combine(RepositoryRoot.Path, "tests", "VirServerless.Bot.Tests", "Questions", "questions.de.json");

    public static string CatalogPath => Path.Combine(RepositoryRoot.Path, "tests", "VirServerless.Bot.Tests", "Questions", "catalog.fixture.json");

    /// <summary>The fixture events, to publish into the app so both variants answer over the same catalog.</summary>
    public static IReadOnlyList<JsonObject> FixtureEvents() =>
        [.. JsonNode.Parse(File.ReadAllText(CatalogPath))!.AsArray().Select(e => e!.AsObject())];

    public async Task<ScenarioResult> RunAsync(FunctionAppProcess app)
    {
        var result = new ScenarioResult("4. Bot-Antworten");
        var cases = JsonSerializer.Deserialize<List<Case>>(File.ReadAllText(QuestionsPath), CaseJson)!;
        var published = 0;
        foreach (var ev in FixtureEvents())
        {
            using var response = await app.Admin.PutAsJsonAsync($"api/admin/events/{ev["id"]}", ev);
            published += response.IsSuccessStatusCode ? 1 : 0;
        }
        var events = JsonSerializer.Deserialize<List<CatalogEvent>>(File.ReadAllText(CatalogPath), EventJson.Options)!;
        var catalog = new CatalogView(events, new Dictionary<string, SeatAvailability>(), new Contact { Name = "Geschäftsstelle ViR Nordwest", Email = "info@vir-nordwest.example" });
        var answerer = new QuestionAnswerer(TimeProvider.System);

        await using var connector = await LocalConnectorPeer.StartAsync();
        InProcess(answerer, catalog, cases, []); // warm-up
        await OverHttpAsync(app, connector, cases, [], []);
        var inP50 = new List<double>();
        var inP99 = new List<double>();
        var botP50 = new List<double>();
        var botP99 = new List<double>();
        var echoP50 = new List<double>();
        var echoP99 = new List<double>();
        var healthP50 = new List<double>();
        var turns = 0;
        for (var rep = 0; rep < repetitions; rep++)
        {
            var inProcess = new List<double>();
            InProcess(answerer, catalog, cases, inProcess);
            inP50.Add(Figure.Percentile(inProcess, 0.5));
            inP99.Add(Figure.Percentile(inProcess, 0.99));
            var bot = new ConcurrentBag<double>();
            var echo = new ConcurrentBag<double>();
            await OverHttpAsync(app, connector, cases, bot, echo);
            var health = new ConcurrentBag<double>();
            for (var i = 0; i < inProcess.Count; i++)
            {
                using var probe = await Load.TimedAsync(health, () => app.Client.GetAsync("api/health"));
            }
            healthP50.Add(Figure.Percentile(health, 0.5));
            botP50.Add(Figure.Percentile(bot, 0.5));
            botP99.Add(Figure.Percentile(bot, 0.99));
            echoP50.Add(Figure.Percentile(echo, 0.5));
            echoP99.Add(Figure.Percentile(echo, 0.99));
            turns = inProcess.Count;
        }

        result.Add("in Prozess: Antwort p50", "ms", inP50);
        result.Add("in Prozess: Antwort p99", "ms", inP99);
        result.Add("HTTP /api/messages (expectReplies): p50", "ms", botP50);
        result.Add("HTTP /api/messages (expectReplies): p99", "ms", botP99);
        result.Add("HTTP /api/bench/echo: p50", "ms", echoP50);
        result.Add("HTTP /api/bench/echo: p99", "ms", echoP99);
        result.Add("zur Einordnung: GET /api/health (ein Punktlesen in Azurite) p50", "ms", healthP50);
        var ratio50 = result.Add("Verhältnis Bot / Echo p50", "×", botP50.Zip(echoP50, (b, e) => b / e));
        var ratio99 = result.Add("Verhältnis Bot / Echo p99", "×", botP99.Zip(echoP99, (b, e) => b / e));
        result.Goals.Add(new Goal("Bot-Antworten", "über HTTP ≤ 2 × Echo-Endpunkt (p50, Median der Verhältnisse)", Figure.Format(ratio50.Median) + " ×", ratio50.Median <= 2));
        result.Goals.Add(new Goal("Bot-Antworten", "über HTTP ≤ 2 × Echo-Endpunkt (p99, Median der Verhältnisse)", Figure.Format(ratio99.Median) + " ×", ratio99.Median <= 2));
        result.Notes.Add($"{cases.Count} Fälle mit {turns} Fragen aus tests/VirServerless.Bot.Tests/Questions/questions.de.json, nacheinander, jeder Fall ein eigenes Gespräch (Folgefragen mit Zustand); {repetitions} Wiederholungen nach einer Warm-up-Runde. "
            + $"Katalog: catalog.fixture.json, in Prozess als CatalogView (ohne Platzzahlen), in der App über PUT /api/admin/events veröffentlicht ({published} Veranstaltungen angenommen). "
            + "HTTP: anonyme Activity (App ohne App-ID) mit Loopback-serviceUrl (LocalConnectorPeer aus tests/VirServerless.Testing, wird bei expectReplies nicht für Antworten benutzt) und deliveryMode expectReplies, Antwort im Body. "
            + "Alle Fälle kommen vom selben Teams-Benutzer (29:bench-user) in je einem neuen Gespräch; der Gesprächszustand gilt pro Benutzer. "
            + "Einordnung: die App antwortet aus dem Speicher des Prozesses (bot/Conversations/LiveCatalog: Katalog mit Platzzahlen, neu gelesen nach einer Änderung über diese Instanz oder nach Bot:Copies:MaxAge; ConversationStore: Zustand aus einer Replik, die Frage-Kontext-Änderung wird höchstens eine Sekunde später im Hintergrund geschrieben), "
            + "eine Antwort wartet also auf keinen Speicherzugriff; der Echo-Endpunkt fragt den Speicher ebenfalls nie. "
            + "Echo-Baseline: POST /api/bench/echo gibt denselben Activity-Body zurück; der Endpunkt existiert nur mit der Einstellung Bench:EchoEndpoint=true (Standard aus), gleiche App, gleiche Pipeline.");
        return result;
    }

    private static void InProcess(QuestionAnswerer answerer, CatalogView catalog, List<Case> cases, List<double> latencies)
    {
        foreach (var questionCase in cases)
        {
            var state = ConversationState.Empty;
            foreach (var turn in questionCase.Turns)
            {
                var watch = Stopwatch.StartNew();
                var answer = answerer.Answer(turn.Q, catalog, state);
                latencies.Add(watch.Elapsed.TotalMilliseconds);
                state = answer.NextState;
            }
        }
    }

    private static async Task OverHttpAsync(FunctionAppProcess app, LocalConnectorPeer connector, List<Case> cases, ConcurrentBag<double> bot, ConcurrentBag<double> echo)
    {
        foreach (var questionCase in cases)
        {
            var conversation = "a:" + Guid.NewGuid().ToString("N");
            connector.AddMember(conversation, UserId, Member);
            foreach (var turn in questionCase.Turns)
            {
                var activity = Activity(conversation, turn.Q, connector.ServiceUrl);
                using var answered = await Load.TimedAsync(bot, () => app.Client.PostAsJsonAsync("api/messages", activity));
                if (!answered.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"/api/messages answered {(int)answered.StatusCode}: {await answered.Content.ReadAsStringAsync()}\n{app.Output}");
                }
                using var echoed = await Load.TimedAsync(echo, () => app.Client.PostAsJsonAsync("api/bench/echo", activity));
                if (!echoed.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"/api/bench/echo answered {(int)echoed.StatusCode}");
                }
            }
        }
    }

    private const string UserId = "29:bench-user";

    private static readonly string Member = new JsonObject
    {
        ["id"] = UserId,
        ["name"] = "Erika Mustermann",
        ["givenName"] = "Erika",
        ["surname"] = "Mustermann",
        ["email"] = "erika.mustermann@kommune.example",
        ["userPrincipalName"] = "erika.mustermann@kommune.example",
        ["aadObjectId"] = "00000000-0000-0000-0000-000000000001",
        ["tenantId"] = "tenant-1",
    }.ToJsonString();

    private static JsonObject Activity(string conversation, string text, Uri serviceUrl) => new()
    {
        ["type"] = "message",
        ["id"] = "act-" + Guid.NewGuid().ToString("N"),
        ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
        ["channelId"] = "msteams",
        ["serviceUrl"] = serviceUrl.AbsoluteUri,
        ["from"] = new JsonObject { ["id"] = UserId, ["name"] = "Erika Mustermann", ["aadObjectId"] = "00000000-0000-0000-0000-000000000001" },
        ["recipient"] = new JsonObject { ["id"] = "28:virserverless-bot", ["name"] = "ViR-Assistent" },
        ["conversation"] = new JsonObject { ["id"] = conversation, ["conversationType"] = "personal", ["tenantId"] = "tenant-1" },
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = "tenant-1" } },
        ["locale"] = "de-DE",
        ["text"] = text,
        ["deliveryMode"] = "expectReplies",
    };
}

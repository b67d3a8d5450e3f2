using System.Diagnostics;
using System.Globalization;
using System.Text;
using VirServerless.Bench;
using VirServerless.Testing;

// bash bench/run.sh builds Release and runs this; options (all optional) shrink the run for a quick check.
// Every scenario gets its own Azurite, so no scenario measures against the data another one left behind.
var options = Options.Parse(args);
var total = Stopwatch.StartNew();
var output = options.Output ?? Path.Combine(RepositoryRoot.Path, "bench", "RESULTS.md");
Console.WriteLine($"Benchmark ({StartUp.Configuration}), Ergebnis nach {output}");

var results = new List<ScenarioResult>();
var startUp = new ScenarioResult("5. Start-up und Speicher");

if (options.Runs("startup"))
{
    Console.WriteLine("5. Start-up …");
    await using var azurite = await AzuriteInstance.StartAsync();
    (startUp, _) = await new StartUp(azurite, options.StartupRepetitions).RunAsync();
}

if (options.Runs("bot"))
{
    Console.WriteLine("4. Bot-Antworten …");
    await using var azurite = await AzuriteInstance.StartAsync();
    await using var botApp = await FunctionAppProcess.StartAsync(azurite.ConnectionString, new Dictionary<string, string> { ["Bench__EchoEndpoint"] = "true" });
    results.Add(await new BotAnswers(options.Repetitions).RunAsync(botApp));
}

if (options.Runs("throughput"))
{
    Console.WriteLine("1. Registrierungsdurchsatz …");
    await using var azurite = await AzuriteInstance.StartAsync();
    await using var throughputApp = await FunctionAppProcess.StartAsync(azurite.ConnectionString);
    var pid = throughputApp.ProcessId!.Value;
    var rssBefore = Machine.RssMiB(pid);
    results.Insert(0, await new RegistrationThroughput(azurite, options.ThroughputRepetitions, options.Pairs, options.Concurrency).RunAsync(throughputApp));
    var rssAfter = Machine.RssMiB(pid);
    startUp.Add("App: RSS vor dem Durchsatzlauf (gleicher Prozess)", "MiB", [rssBefore]);
    var underLoad = startUp.Add("App: RSS nach dem Durchsatzlauf (Szenario 1)", "MiB", [rssAfter]);
    startUp.Goals.Add(new Goal("Speicher", "RSS unter Last < 200 MB (nach dem Durchsatzlauf)", Figure.Format(underLoad.Median) + " MiB", underLoad.Median * 1.048576 < 200));
}

if (options.Runs("burst"))
{
    Console.WriteLine("2. Bestätigungsansturm …");
    await using var azurite = await AzuriteInstance.StartAsync();
    await using var burstApp = await FunctionAppProcess.StartAsync(azurite.ConnectionString, new Dictionary<string, string>
    {
        ["Logging__LogLevel__VirServerless.Core.Registrations.RegistrationService"] = "Debug",
    });
    var rssBefore = Machine.RssMiB(burstApp.ProcessId!.Value);
    var burst = await new ConfirmationBurst(options.BurstRepetitions, options.BurstPeople, options.BurstSeats, options.Concurrency).RunAsync(burstApp);
    burst.Add("App: RSS vor dem Ansturm (nach dem Start, gleicher Prozess)", "MiB", [rssBefore]);
    burst.Add("App: RSS nach dem Ansturm", "MiB", [Machine.RssMiB(burstApp.ProcessId!.Value)]);
    results.Insert(Math.Min(1, results.Count), burst);
}

if (options.Runs("reminders"))
{
    Console.WriteLine("3. Erinnerungslauf …");
    await using var azurite = await AzuriteInstance.StartAsync();
    var reminderPrefix = "e" + Guid.NewGuid().ToString("N")[..10];
    await using var reminderApp = await FunctionAppProcess.StartAsync(azurite.ConnectionString, new Dictionary<string, string> { ["Storage__TablePrefix"] = reminderPrefix });
    var reminders = await new ReminderRun(azurite, options.Reminders, options.Repetitions).RunAsync(reminderApp, reminderPrefix);
    reminders.Add("App: RSS nach dem Erinnerungslauf", "MiB", [Machine.RssMiB(reminderApp.ProcessId!.Value)]);
    results.Insert(Math.Min(2, results.Count), reminders);
}
results.Add(startUp);
// The issue's memory goal names the throughput run; the burst and the reminder run are load too, so their peak is reported beside it.
var loadRss = results.SelectMany(r => r.Figures).Where(f => f.Name.StartsWith("App: RSS nach dem", StringComparison.Ordinal) && !f.Name.Contains("Start", StringComparison.Ordinal)).Select(f => f.Max).DefaultIfEmpty(0).Max();
startUp.Goals.Add(new Goal("Speicher (zusätzlich)", "RSS < 200 MB auch nach Ansturm und Erinnerungslauf (höchster Wert)", Figure.Format(loadRss) + " MiB", loadRss * 1.048576 < 200));

await File.WriteAllTextAsync(output, Report.Write(results, options, total.Elapsed));
Console.WriteLine(await File.ReadAllTextAsync(output));
// Goals are reported in RESULTS.md, not enforced: the exit code stays 0 (no timed assertions anywhere).

/// <summary>Run sizes; the defaults are the ones RESULTS.md is made with.</summary>
internal sealed record Options(int Repetitions, int StartupRepetitions, int ThroughputRepetitions, int Pairs, int Concurrency, int BurstRepetitions, int BurstPeople, int BurstSeats, int Reminders, string? Output,
    IReadOnlySet<string> Scenarios)
{
    public static IReadOnlyList<string> AllScenarios { get; } = ["throughput", "burst", "reminders", "bot", "startup"];

    /// <summary>Whether a scenario is part of this run (<c>--scenarios reminders,burst</c>; default all).</summary>
    public bool Runs(string scenario) => Scenarios.Contains(scenario);

    public static Options Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }
        int Get(string name, int fallback) => values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        // Starts are cheap and noisy, throughput rounds noisy: both get more repetitions than the rest.
        return new(Get("repetitions", 3), Get("startup-repetitions", 11), Get("throughput-repetitions", 5), Get("pairs", 200), Get("concurrency", 8), Get("burst-repetitions", 3), Get("burst-people", 500), Get("burst-seats", 100),
            Get("reminders", 10_000), values.GetValueOrDefault("output"), ParseScenarios(values.GetValueOrDefault("scenarios")));
    }

    private static HashSet<string> ParseScenarios(string? list)
    {
        if (list is null or "all")
        {
            return [.. AllScenarios];
        }
        var chosen = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => s.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        var unknown = chosen.Except(AllScenarios).ToList();
        return unknown.Count == 0
            ? chosen
            : throw new ArgumentException($"Unknown scenario(s) {string.Join(", ", unknown)}; known: {string.Join(", ", AllScenarios)}.");
    }
}

/// <summary>Renders RESULTS.md.</summary>
internal static class Report
{
    public static string Write(IReadOnlyList<ScenarioResult> results, Options options, TimeSpan elapsed)
    {
        var md = new StringBuilder();
        md.AppendLine("# Benchmark-Ergebnisse");
        md.AppendLine();
        md.Append(CultureInfo.InvariantCulture, $"Erzeugt mit `bash bench/run.sh` am {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, Laufzeit {elapsed.TotalMinutes:0.0} min, App und BareApp veröffentlicht wie das Azure-Paket (self-contained linux-x64, ReadyToRun), gegen Azurite (in-memory) auf derselben Maschine. ");
        md.AppendLine("Jede Zahl ist ein Verhältnis zu einer Baseline aus demselben Lauf oder eine Anzahl; Millisekunden stehen nur zur Einordnung da. Median, Minimum und Maximum über die Wiederholungen.");
        md.AppendLine();
        md.AppendLine("## Maschine");
        md.AppendLine();
        md.AppendLine("| | |");
        md.AppendLine("|---|---|");
        foreach (var (name, value) in Machine.Describe(RepositoryRoot.Path))
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {value} |");
        }
        md.AppendLine();
        md.AppendLine("## Ziele");
        md.AppendLine();
        md.AppendLine("| Szenario | Ziel | Gemessen | Erfüllt |");
        md.AppendLine("|---|---|---|---|");
        foreach (var goal in results.SelectMany(r => r.Goals))
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {goal.Scenario} | {goal.Definition} | {goal.Measured} | {(goal.Holds ? "ja" : "**nein**")} |");
        }
        md.AppendLine();
        md.Append(CultureInfo.InvariantCulture, $"Parameter: {options.Repetitions} Wiederholungen (Start-up {options.StartupRepetitions}, Durchsatz {options.ThroughputRepetitions}), {options.Pairs} Paare je Durchsatz-Wiederholung, Parallelität {options.Concurrency}, ");
        md.AppendLine(CultureInfo.InvariantCulture, $"Ansturm {options.BurstRepetitions} × {options.BurstPeople} Bestätigungen für {options.BurstSeats} Plätze, Erinnerungslauf mit {options.Reminders} Anmeldungen.");
        foreach (var result in results)
        {
            md.AppendLine();
            md.AppendLine("## " + result.Title);
            md.AppendLine();
            md.AppendLine("| Messgröße | Einheit | Median | Min | Max | Läufe |");
            md.AppendLine("|---|---|---|---|---|---|");
            foreach (var figure in result.Figures)
            {
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| {figure.Name} | {figure.Unit} | {Figure.Format(figure.Median)} | {Figure.Format(figure.Min)} | {Figure.Format(figure.Max)} | {string.Join(" · ", figure.Runs.Select(Figure.Format))} |");
            }
            foreach (var note in result.Notes)
            {
                md.AppendLine();
                md.AppendLine(note);
            }
        }
        return md.ToString();
    }
}

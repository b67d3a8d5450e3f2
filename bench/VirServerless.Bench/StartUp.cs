using System.Diagnostics;
using VirServerless.Testing;

namespace VirServerless.Bench;

/// <summary>
/// Scenario 5 (start-up part): process start until the first 200 on /api/health, for the function app and for
/// bench/BareApp, both published the way the Azure package is built and started the same way.
/// </summary>
public sealed class StartUp(AzuriteInstance azurite, int repetitions)
{
    public static string Configuration { get; } = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    /// <summary>The function app as bench/run.sh publishes it (like scripts/publish.sh); the bare app is published the same way.</summary>
    public static string App => Environment.GetEnvironmentVariable(FunctionAppProcess.PublishedAppVariable) is { Length: > 0 } app
        ? app
        : throw new InvalidOperationException($"Set {FunctionAppProcess.PublishedAppVariable} to the published app (bash bench/run.sh does).");

    public static string Bare => Environment.GetEnvironmentVariable("VIRSERVERLESS_BARE_APP") is { Length: > 0 } bare
        ? bare
        : throw new InvalidOperationException("Set VIRSERVERLESS_BARE_APP to the published bare app (bash bench/run.sh does).");

    public async Task<(ScenarioResult Result, List<double> AppRss)> RunAsync()
    {
        var result = new ScenarioResult("5. Start-up und Speicher");
        var prefix = "s" + Guid.NewGuid().ToString("N")[..10];
        var mail = Path.Combine(Path.GetTempPath(), "virserverless-bench-start-" + prefix);
        Directory.CreateDirectory(mail);
        var appEnvironment = new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Storage__TablePrefix"] = prefix,
            ["Admin__ApiKey"] = FunctionAppProcess.AdminKey,
            ["Mail__PickupDirectory"] = mail,
            ["Timers__RunInProcess"] = "false",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        var bareEnvironment = new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["Logging__LogLevel__Default"] = "Warning" };
        // The app runs with workstation GC (functions/VirServerless.Functions.csproj); the bare app keeps the template's
        // server GC. A second bare start with workstation GC shows how much of the ratio that choice accounts for.
        var bareWorkstationEnvironment = new Dictionary<string, string>(bareEnvironment) { ["DOTNET_gcServer"] = "0" };

        // One untimed start each: creates the app's tables (as in any later start) and warms the file cache.
        await StartAsync(App, appEnvironment);
        await StartAsync(Bare, bareEnvironment);
        List<double> appTimes = [], bareTimes = [], bareWorkstationTimes = [], appRss = [], bareRss = [];
        for (var rep = 0; rep < repetitions; rep++)
        {
            var bare = await StartAsync(Bare, bareEnvironment);
            bareTimes.Add(bare.Milliseconds);
            bareRss.Add(bare.RssMiB);
            bareWorkstationTimes.Add((await StartAsync(Bare, bareWorkstationEnvironment)).Milliseconds);
            var app = await StartAsync(App, appEnvironment);
            appTimes.Add(app.Milliseconds);
            appRss.Add(app.RssMiB);
        }
        Directory.Delete(mail, recursive: true);

        result.Add("App: Start bis erstes 200 auf /api/health", "ms", appTimes);
        result.Add("BareApp: Start bis erstes 200 auf /api/health", "ms", bareTimes);
        var ratio = result.Add("Verhältnis App / BareApp", "×", appTimes.Zip(bareTimes, (a, b) => a / b));
        result.Add("BareApp mit Workstation-GC (DOTNET_gcServer=0): Start bis erstes 200", "ms", bareWorkstationTimes);
        var workstationRatio = result.Add("Verhältnis App / BareApp mit Workstation-GC", "×", appTimes.Zip(bareWorkstationTimes, (a, b) => a / b));
        result.Add("App: RSS nach dem Start", "MiB", appRss);
        result.Add("BareApp: RSS nach dem Start", "MiB", bareRss);
        result.Goals.Add(new Goal("Start-up", "App ≤ 1,5 × BareApp (Median der Verhältnisse)", Figure.Format(ratio.Median) + " ×", ratio.Median <= 1.5));
        result.Goals.Add(new Goal("Start-up (zusätzlich)", "App ≤ 1,5 × BareApp auch mit Workstation-GC in der BareApp", Figure.Format(workstationRatio.Median) + " ×", workstationRatio.Median <= 1.5));
        result.Notes.Add($"Beide veröffentlicht wie das Azure-Paket (bench/run.sh mit den Optionen von scripts/publish.sh: self-contained linux-x64, ReadyToRun) und als Executable gestartet, je ein ungezählter Warm-up-Start, dann {repetitions} Wiederholungen abwechselnd (BareApp, BareApp mit Workstation-GC, App); "
            + "gemessen vom Process.Start bis zur ersten Antwort 200 auf GET /api/health (Abfrage alle 10 ms). Die App prüft dabei ihre Tabellen (neben dem Start des Hosts; Anfragen warten darauf), und ihr /api/health liest einmal aus Azurite; "
            + "die BareApp (bench/BareApp, eine Minimal-API mit GET /api/health) tut nichts davon. RSS = VmRSS aus /proc/<pid>/status direkt nach dem ersten 200.");
        return (result, appRss);
    }

    private static async Task<(double Milliseconds, double RssMiB)> StartAsync(string executable, Dictionary<string, string> environment)
    {
        if (!File.Exists(executable))
        {
            throw new FileNotFoundException("Publish first (bash bench/run.sh does); missing " + executable);
        }
        var port = Ports.Free();
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = Path.GetDirectoryName(executable)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["PublicBaseUrl"] = $"http://127.0.0.1:{port}";
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(10) };
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            while (watch.Elapsed < TimeSpan.FromSeconds(60))
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"{executable} exited with {process.ExitCode} during start.");
                }
                try
                {
                    using var response = await client.GetAsync("api/health");
                    if ((int)response.StatusCode == 200)
                    {
                        var elapsed = watch.Elapsed.TotalMilliseconds;
                        return (elapsed, Machine.RssMiB(process.Id));
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }
                await Task.Delay(10);
            }
            throw new TimeoutException($"{executable} did not answer 200 on /api/health within 60 s.");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }
}

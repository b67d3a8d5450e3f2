using System.Diagnostics;
using VirServerless.Testing;

namespace VirServerless.Bench;

/// <summary>
/// Scenario 5 (start-up part): <c>dotnet &lt;app&gt;.dll</c> until the first 200 on /api/health, for the function app and
/// for bench/BareApp, both from their build output in this benchmark's configuration, started the same way.
/// </summary>
public sealed class StartUp(AzuriteInstance azurite, int repetitions)
{
    public static string Configuration { get; } = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    public static string AppDll => Path.Combine(RepositoryRoot.Path, "functions", "bin", Configuration, "net10.0", "VirServerless.Functions.dll");

    public static string BareDll => Path.Combine(RepositoryRoot.Path, "bench", "BareApp", "bin", Configuration, "net10.0", "BareApp.dll");

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

        // One untimed start each: creates the app's tables (as in any later start) and warms the file cache.
        await StartAsync(AppDll, appEnvironment);
        await StartAsync(BareDll, bareEnvironment);
        List<double> appTimes = [], bareTimes = [], appRss = [], bareRss = [];
        for (var rep = 0; rep < repetitions; rep++)
        {
            var bare = await StartAsync(BareDll, bareEnvironment);
            bareTimes.Add(bare.Milliseconds);
            bareRss.Add(bare.RssMiB);
            var app = await StartAsync(AppDll, appEnvironment);
            appTimes.Add(app.Milliseconds);
            appRss.Add(app.RssMiB);
        }
        Directory.Delete(mail, recursive: true);

        result.Add("App: Start bis erstes 200 auf /api/health", "ms", appTimes);
        result.Add("BareApp: Start bis erstes 200 auf /api/health", "ms", bareTimes);
        var ratio = result.Add("Verhältnis App / BareApp", "×", appTimes.Zip(bareTimes, (a, b) => a / b));
        result.Add("App: RSS nach dem Start", "MiB", appRss);
        result.Add("BareApp: RSS nach dem Start", "MiB", bareRss);
        result.Goals.Add(new Goal("Start-up", "App ≤ 1,5 × BareApp (Median der Verhältnisse)", Figure.Format(ratio.Median) + " ×", ratio.Median <= 1.5));
        result.Notes.Add($"Beide als `dotnet <dll>` aus bin/{Configuration}/net10.0 gestartet, je eine ungezählte Warm-up-Start, dann {repetitions} Wiederholungen abwechselnd; "
            + "gemessen vom Process.Start bis zur ersten Antwort 200 auf GET /api/health (Abfrage alle 10 ms). Die App prüft dabei die Tabellen (PrepareStorageAsync) und ihr /api/health liest einmal aus Azurite; "
            + "die BareApp (bench/BareApp, eine Minimal-API mit GET /api/health) tut nichts davon. RSS = VmRSS aus /proc/<pid>/status direkt nach dem ersten 200.");
        return (result, appRss);
    }

    private static async Task<(double Milliseconds, double RssMiB)> StartAsync(string dll, Dictionary<string, string> environment)
    {
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException("Build first (bash bench/run.sh builds Release); missing " + dll);
        }
        var port = Ports.Free();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll },
            WorkingDirectory = Path.GetDirectoryName(dll)!,
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
                    throw new InvalidOperationException($"{dll} exited with {process.ExitCode} during start.");
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
            throw new TimeoutException($"{dll} did not answer 200 on /api/health within 60 s.");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }
}

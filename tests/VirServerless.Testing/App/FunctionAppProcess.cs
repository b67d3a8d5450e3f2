using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;

namespace VirServerless.Testing;

/// <summary>
/// The real function app executable, started as its own process on a free loopback port against a given Azurite,
/// with its own table prefix, mail folder and admin key. Tests talk to it over HTTP and may kill it mid-request.
/// </summary>
public sealed class FunctionAppProcess : IAsyncDisposable
{
    public const string AdminKey = "test-admin-key-0123456789";

    private readonly ConcurrentQueue<string> output = new();
    private readonly Dictionary<string, string> environment;
    private Process? process;

    private FunctionAppProcess(Dictionary<string, string> environment, int port, string mailDirectory)
    {
        this.environment = environment;
        Port = port;
        MailDirectory = mailDirectory;
        Client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        Admin = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        Admin.DefaultRequestHeaders.Add("x-functions-key", AdminKey);
    }

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    public string MailDirectory { get; }

    /// <summary>The app's table prefix; a second process with the same prefix shares its data, like a scaled-out instance.</summary>
    public string TablePrefix => environment["Storage__TablePrefix"];

    public MailFolder Mail => new(MailDirectory);

    public HttpClient Client { get; }

    /// <summary>A client that sends the admin key.</summary>
    public HttpClient Admin { get; }

    public string Output => string.Join('\n', output);

    public bool HasExited => process?.HasExited ?? true;

    /// <summary>The OS process id while running (the benchmark reads its memory from /proc).</summary>
    public int? ProcessId => process is { HasExited: false } running ? running.Id : null;

    /// <summary>Starts the app. <paramref name="settings"/> are passed as environment variables (use <c>__</c> for sections).</summary>
    public static async Task<FunctionAppProcess> StartAsync(string storageConnectionString, IDictionary<string, string>? settings = null, CancellationToken cancellationToken = default)
    {
        // A free port can be taken by a parallel test process before Kestrel binds it; then try another one.
        for (var attempt = 1; ; attempt++)
        {
            var app = Create(storageConnectionString, settings);
            try
            {
                await app.StartAsync(null, cancellationToken);
                return app;
            }
            catch (InvalidOperationException) when (attempt < 3 && app.Output.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                await app.DisposeAsync();
            }
            catch
            {
                await app.DisposeAsync();
                throw;
            }
        }
    }

    private static FunctionAppProcess Create(string storageConnectionString, IDictionary<string, string>? settings)
    {
        var port = Ports.Free();
        var mailDirectory = Path.Combine(Path.GetTempPath(), "virserverless-mail-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(mailDirectory);
        var environment = new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = storageConnectionString,
            ["Storage__TablePrefix"] = "t" + Guid.NewGuid().ToString("N")[..10],
            ["Admin__ApiKey"] = AdminKey,
            ["Mail__PickupDirectory"] = mailDirectory,
            ["PublicBaseUrl"] = $"http://127.0.0.1:{port}",
            ["Timers__RunInProcess"] = "false",
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Logging__LogLevel__Default"] = "Warning",
            // Tests post many registrations (and some wrong keys) from one loopback address; the limits have their own tests.
            ["RateLimiting__RegistrationBurst"] = "100000",
            ["RateLimiting__RegistrationsPerMinute"] = "100000",
            ["RateLimiting__LoginBurst"] = "100000",
            ["RateLimiting__LoginsPerMinute"] = "100000",
            ["RateLimiting__FailedKeyLimit"] = "100000",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }
        return new FunctionAppProcess(environment, port, mailDirectory);
    }

    /// <summary>Starts (again) with the same port, tables and mail folder; <paramref name="overrides"/> change settings for this run.</summary>
    public async Task StartAsync(IDictionary<string, string>? overrides = null, CancellationToken cancellationToken = default)
    {
        var start = AppStartInfo();
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        foreach (var (key, value) in overrides ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        process = Process.Start(start) ?? throw new InvalidOperationException("The function app did not start.");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                throw new InvalidOperationException("The function app exited during start:\n" + Output);
            }
            try
            {
                using var probe = await Client.GetAsync("api/events", cancellationToken);
                if (probe.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(100, cancellationToken);
        }
        throw new TimeoutException("The function app did not answer within 60 s:\n" + Output);
    }

    /// <summary>Kills the process at once, like a crash or a recycled instance.</summary>
    public async Task KillAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
        }
        if (process is not null)
        {
            await process.WaitForExitAsync();
        }
    }

    /// <summary>Waits until the process has ended by itself (for example at a crash point).</summary>
    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await process!.WaitForExitAsync(cts.Token);
    }

    /// <summary>Runs a timer function the way the Functions host invokes it (standalone, the route needs the admin key).</summary>
    public async Task<string> RunTimerAsync(string name, bool isPastDue = false, CancellationToken cancellationToken = default)
    {
        var payload = new System.Text.Json.Nodes.JsonObject
        {
            ["Data"] = new System.Text.Json.Nodes.JsonObject
            {
                ["timer"] = new System.Text.Json.Nodes.JsonObject
                {
                    ["Schedule"] = new System.Text.Json.Nodes.JsonObject { ["AdjustForDST"] = true },
                    ["ScheduleStatus"] = null,
                    ["IsPastDue"] = isPastDue,
                },
            },
            ["Metadata"] = new System.Text.Json.Nodes.JsonObject
            {
                ["sys"] = new System.Text.Json.Nodes.JsonObject { ["MethodName"] = name, ["UtcNow"] = DateTime.UtcNow.ToString("O"), ["RandGuid"] = Guid.NewGuid().ToString() },
            },
        }.ToJsonString();
        using var content = new StringContent(payload, new MediaTypeHeaderValue("application/json"));
        using var response = await Admin.PostAsync(name, content, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Timer {name} answered {(int)response.StatusCode}: {body}");
        }
        return body;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        process?.Dispose();
        Client.Dispose();
        Admin.Dispose();
        try
        {
            Directory.Delete(MailDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    /// <summary>The app's own build output, next to this repository's functions project, in the same configuration.</summary>
    /// <summary>Name of the variable that points at a published executable to run instead of the build output (the benchmark measures the package as deployed).</summary>
    public const string PublishedAppVariable = "VIRSERVERLESS_APP";

    private static ProcessStartInfo AppStartInfo()
    {
        if (Environment.GetEnvironmentVariable(PublishedAppVariable) is { Length: > 0 } published)
        {
            return new ProcessStartInfo(published) { WorkingDirectory = Path.GetDirectoryName(published)! };
        }
        var dll = AppPath();
        return new ProcessStartInfo("dotnet") { ArgumentList = { dll }, WorkingDirectory = Path.GetDirectoryName(dll)! };
    }

    private static string AppPath()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var path = Path.Combine(RepositoryRoot.Path, "functions", "bin", configuration, "net10.0", "VirServerless.Functions.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build the solution first; missing " + path);
    }
}

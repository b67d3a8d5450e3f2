using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO.Compression;
using System.Net.Sockets;
using VirServerless.Testing;

namespace VirServerless.Functions.Tests.Hosting;

/// <summary>
/// Runs <c>scripts/publish.sh</c> once, unzips <c>functionapp.zip</c> into a fresh folder and starts the packaged
/// executable the way the Functions host does: working directory = package root, port and worker id in the
/// environment, readiness = the first TCP connection that GET / gets through. Azurite stands in for the storage account.
/// </summary>
public sealed class PublishedPackage : IAsyncLifetime
{
    public const string AdminKey = "host-contract-admin-key-0123456789";
    public const string HostVersion = "4.1040.300.0";

    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(6);
    private readonly ConcurrentQueue<string> output = new();
    private readonly string workRoot = Path.Combine(Path.GetTempPath(), "virserverless-package-" + Guid.NewGuid().ToString("N"));
    private AzuriteInstance? azurite;
    private Process? handler;

    /// <summary>The unzipped package: what the host's script root would hold.</summary>
    public string Root => Path.Combine(workRoot, "unzipped");

    public string ExecutablePath => Path.Combine(Root, "VirServerless.Functions");

    public int Port { get; private set; }

    public string MailDirectory => Path.Combine(workRoot, "mail");

    public HttpClient Client { get; private set; } = null!;

    public string Output => string.Join('\n', output);

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(MailDirectory);
        var publishTask = PublishAsync();
        azurite = await AzuriteInstance.StartAsync();
        await publishTask;
        ZipFile.ExtractToDirectory(Path.Combine(workRoot, "out", "functionapp.zip"), Root);

        Port = Ports.Free();
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Port}/"), Timeout = TimeSpan.FromSeconds(60) };
        var start = new ProcessStartInfo(ExecutablePath)
        {
            WorkingDirectory = Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["FUNCTIONS_CUSTOMHANDLER_WORKER_ID"] = Guid.NewGuid().ToString();
        start.Environment["AzureWebJobsStorage"] = azurite.ConnectionString;
        start.Environment["Storage__TablePrefix"] = "h" + Guid.NewGuid().ToString("N")[..10];
        start.Environment["Admin__ApiKey"] = AdminKey;
        start.Environment["Mail__PickupDirectory"] = MailDirectory;
        start.Environment["PublicBaseUrl"] = "https://vir-nordwest-test.azurewebsites.net";
        // What the host does not pass: nothing from the test's own ASP.NET Core environment may leak in.
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment.Remove("Timers__RunInProcess");
        handler = Process.Start(start) ?? throw new InvalidOperationException("The handler did not start.");
        handler.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        handler.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        handler.BeginOutputReadLine();
        handler.BeginErrorReadLine();
        await WaitUntilReadyAsync();
    }

    /// <summary>The host's readiness probe: GET / until a TCP connection succeeds; any HTTP status counts.</summary>
    private async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (handler!.HasExited)
            {
                throw new InvalidOperationException("The handler exited during start:\n" + Output);
            }
            try
            {
                using var response = await Client.GetAsync("/");
                return;
            }
            catch (HttpRequestException ex) when (ex.InnerException is SocketException)
            {
                await Task.Delay(100);
            }
        }
        throw new TimeoutException("The handler did not accept connections within 60 s:\n" + Output);
    }

    private async Task PublishAsync()
    {
        var start = new ProcessStartInfo("bash")
        {
            ArgumentList = { Path.Combine(RepositoryRoot.Path, "scripts", "publish.sh"), Path.Combine(workRoot, "out") },
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var publish = Process.Start(start) ?? throw new InvalidOperationException("publish.sh did not start.");
        var stdout = publish.StandardOutput.ReadToEndAsync();
        var stderr = publish.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(PublishTimeout);
        try
        {
            await publish.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            publish.Kill(entireProcessTree: true);
            throw new TimeoutException($"publish.sh took longer than {PublishTimeout}.");
        }
        if (publish.ExitCode != 0)
        {
            throw new InvalidOperationException($"publish.sh failed ({publish.ExitCode}):\n{await stdout}\n{await stderr}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (handler is { HasExited: false })
        {
            handler.Kill(entireProcessTree: true);
            await handler.WaitForExitAsync();
        }
        handler?.Dispose();
        Client?.Dispose();
        if (azurite is not null)
        {
            await azurite.DisposeAsync();
        }
        try
        {
            Directory.Delete(workRoot, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}

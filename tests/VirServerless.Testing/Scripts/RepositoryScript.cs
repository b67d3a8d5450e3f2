using System.Diagnostics;

namespace VirServerless.Testing;

/// <summary>What a script printed (standard output, then standard error) and how it ended.</summary>
public sealed record ScriptResult(int ExitCode, string Output);

/// <summary>Runs a script of the repository (bash or node) from the repository root to its end.</summary>
public static class RepositoryScript
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Runs <c>interpreter script arguments…</c>, e.g. <c>bash scripts/bicep.sh</c>, with the script's path relative to the repository root.</summary>
    public static async Task<ScriptResult> RunAsync(
        string interpreter,
        string script,
        IEnumerable<string>? arguments = null,
        IReadOnlyDictionary<string, string>? environment = null,
        TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(interpreter)
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot.Path, script));
        foreach (var argument in arguments ?? [])
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{script} did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{script} took longer than {timeout ?? DefaultTimeout}:\n{await stdout}\n{await stderr}");
        }
        return new ScriptResult(process.ExitCode, $"{await stdout}{await stderr}");
    }
}

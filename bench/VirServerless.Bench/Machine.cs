using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace VirServerless.Bench;

/// <summary>Facts about the machine and tool versions, for the head of RESULTS.md.</summary>
public static class Machine
{
    public static IReadOnlyList<(string Name, string Value)> Describe(string repositoryRoot) =>
    [
        ("Cores (nproc)", Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture)),
        ("CPU", CpuModel()),
        ("Memory", MemoryTotal()),
        ("OS", RuntimeInformation.OSDescription),
        (".NET runtime", RuntimeInformation.FrameworkDescription),
        (".NET SDK", Run("dotnet", "--version", repositoryRoot)),
        ("Node.js", Run("node", "--version", repositoryRoot)),
        ("Azurite", Run(Path.Combine(repositoryRoot, "node_modules", ".bin", "azurite"), "--version", repositoryRoot)),
    ];

    /// <summary>Resident set size of a process in MiB, from /proc/&lt;pid&gt;/status (VmRSS).</summary>
    public static double RssMiB(int processId)
    {
        foreach (var line in File.ReadLines($"/proc/{processId}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                var kib = double.Parse(line["VmRSS:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);
                return kib / 1024;
            }
        }
        return double.NaN;
    }

    private static string CpuModel() =>
        File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unbekannt"
            : "unbekannt";

    private static string MemoryTotal()
    {
        var line = File.Exists("/proc/meminfo") ? File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)) : null;
        if (line is null)
        {
            return "unbekannt";
        }
        var kib = double.Parse(line["MemTotal:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);
        return (kib / 1024 / 1024).ToString("0.0", CultureInfo.InvariantCulture) + " GiB";
    }

    private static string Run(string file, string arguments, string workingDirectory)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(file, arguments)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = workingDirectory,
            })!;
            var output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return output.Split('\n').LastOrDefault()?.Trim() ?? "";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "nicht gefunden";
        }
    }
}

using System.Globalization;

namespace VirServerless.Bench;

/// <summary>One measured figure over repeated runs: the values of each run, reported as median, min and max.</summary>
public sealed record Figure(string Name, string Unit, IReadOnlyList<double> Runs)
{
    public double Median => Percentile(Runs, 0.5);

    public double Min => Runs.Min();

    public double Max => Runs.Max();

    /// <summary>Nearest-rank percentile (p in 0..1) of <paramref name="values"/>.</summary>
    public static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }
        if (p == 0.5 && sorted.Length % 2 == 0)
        {
            return (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        }
        var rank = (int)Math.Ceiling(p * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public static string Format(double value) =>
        double.IsNaN(value) ? "–"
        : value == Math.Floor(value) ? value.ToString("0", CultureInfo.InvariantCulture)
        : Math.Abs(value) >= 100 ? value.ToString("0", CultureInfo.InvariantCulture)
        : Math.Abs(value) >= 10 ? value.ToString("0.0", CultureInfo.InvariantCulture)
        : value.ToString("0.00", CultureInfo.InvariantCulture);
}

/// <summary>A goal from issue 7 and whether the measured value meets it.</summary>
public sealed record Goal(string Scenario, string Definition, string Measured, bool Holds);

/// <summary>What one scenario contributes to RESULTS.md.</summary>
public sealed class ScenarioResult(string title)
{
    public string Title { get; } = title;

    public List<string> Notes { get; } = [];

    public List<Figure> Figures { get; } = [];

    public List<Goal> Goals { get; } = [];

    public Figure Add(string name, string unit, IEnumerable<double> runs)
    {
        var figure = new Figure(name, unit, [.. runs]);
        Figures.Add(figure);
        return figure;
    }
}

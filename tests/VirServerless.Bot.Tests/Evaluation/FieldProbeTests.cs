namespace VirServerless.Bot.Tests.Evaluation;

/// <summary>
/// Paraphrases over every catalog field a member can ask about (start, end, venue, host, seats, fee, registration window,
/// FAQ in other words, programme by day and time, stations, follow-ups), written from the schema rather than from the
/// blind set's failures. They guard the field words against regressions; they are not an evaluation of the bot.
/// </summary>
public class FieldProbeTests(ITestOutputHelper output)
{
    private const string Probe = "probe";

    [Fact]
    public void FieldParaphrasesAreAnsweredAndNeverWrong()
    {
        var graded = BlindSet.Run(Probe);
        var report = BlindEvaluationTests.Report(Probe, graded);
        output.WriteLine(report);
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, $"blind-{Probe}.txt"), report);

        Assert.True(graded.Count >= 60, $"{graded.Count} probes");
        Assert.DoesNotContain(graded, g => g.Grade == Grade.Wrong);
        Assert.True(graded.Count(g => g.Grade == Grade.Right) >= 0.98 * graded.Count, "fewer probes right than before");
    }
}

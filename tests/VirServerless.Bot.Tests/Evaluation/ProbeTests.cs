namespace VirServerless.Bot.Tests.Evaluation;

/// <summary>
/// The team's own probes over the blind catalogs. They were written as general cases before changing the bot, not from
/// evaluation failures, and are no evaluation: they only guard the classes fixed against regressions.
/// </summary>
public class ProbeTests(ITestOutputHelper output)
{
    /// <summary>
    /// Paraphrases over every catalog field a member can ask about (start, end, venue, host, seats, fee, registration
    /// window, FAQ in other words, programme by day and time, stations, follow-ups), written from the schema.
    /// </summary>
    [Fact]
    public void FieldParaphrasesAreAnsweredAndNeverWrong()
    {
        var graded = RunWithoutWrongAnswers("probe");

        Assert.True(graded.Count >= 60, $"{graded.Count} probes");
        Assert.True(graded.Count(g => g.Grade == Grade.Right) >= 0.98 * graded.Count, "fewer probes right than before");
    }

    /// <summary>
    /// Precision and events: near-domain questions the catalogs do not cover, FAQ entries asked about another event,
    /// follow-up chains, events told apart by town, season and order, cancelled events.
    /// </summary>
    [Fact]
    public void ProbesOverTheBlindCatalogsGetNoConfidentlyWrongAnswer() => RunWithoutWrongAnswers("probes");

    private IReadOnlyList<GradedTurn> RunWithoutWrongAnswers(string folder)
    {
        var graded = BlindSet.Run(folder);
        var report = BlindEvaluationTests.Report(folder, graded);
        output.WriteLine(report);
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, $"blind-{folder}.txt"), report);

        var wrong = graded.Where(g => g.Grade == Grade.Wrong).Select(g => $"{g.CaseId}#{g.TurnIndex} \"{g.Turn.Q}\": {g.Reason}").ToList();
        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
        return graded;
    }
}

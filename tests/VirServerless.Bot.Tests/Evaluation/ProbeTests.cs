namespace VirServerless.Bot.Tests.Evaluation;

/// <summary>
/// The team's own probes over the blind catalogs (precision and events: near-domain questions the catalogs do not cover,
/// FAQ entries asked about another event, follow-up chains, events told apart by town, season and order, cancelled
/// events). They were written as general cases before changing the bot, not from evaluation failures, and are no
/// evaluation: they only guard the classes fixed.
/// </summary>
public class ProbeTests(ITestOutputHelper output)
{
    [Fact]
    public void ProbesOverTheBlindCatalogsGetNoConfidentlyWrongAnswer()
    {
        var graded = BlindSet.Run("probes");
        var report = BlindEvaluationTests.Report("probes", graded);
        output.WriteLine(report);
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "blind-probes.txt"), report);

        var wrong = graded.Where(g => g.Grade == Grade.Wrong).Select(g => $"{g.CaseId}#{g.TurnIndex} \"{g.Turn.Q}\": {g.Reason}").ToList();
        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }
}

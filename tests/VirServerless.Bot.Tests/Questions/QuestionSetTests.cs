using VirServerless.Bot.Questions;

namespace VirServerless.Bot.Tests.Questions;

public class QuestionSetTests(ITestOutputHelper output)
{
    [Fact]
    public void AnswersAtLeastNinetyFivePercentOfTheQuestionSet()
    {
        var cases = QuestionFixture.Cases;

        var results = cases.SelectMany(c => QuestionFixture.Run(c).Select(failure => (c.Category, Failure: failure))).ToList();

        foreach (var group in results.GroupBy(r => r.Category))
        {
            output.WriteLine($"{group.Key,-12} {group.Count(r => r.Failure is null),3}/{group.Count(),3}");
        }

        foreach (var failure in results.Where(r => r.Failure is not null))
        {
            output.WriteLine($"FAIL {failure.Failure}");
        }

        var accuracy = results.Count(r => r.Failure is null) / (double)results.Count;
        output.WriteLine($"accuracy {accuracy:P1} over {results.Count} questions");
        Assert.True(results.Count >= 150, "The question set must hold at least 150 questions.");
        Assert.True(results.Count(r => r.Failure is null) >= 0.95 * results.Count, $"Accuracy {accuracy:P1} is below 95 %.");
    }

    [Fact]
    public void HoldsAtLeastOneFifthUnanswerableQuestions()
    {
        var turns = QuestionFixture.Cases.SelectMany(c => c.Turns).ToList();

        var unknown = turns.Count(t => t.Intent == nameof(Intent.Unknown));

        Assert.True(unknown >= 0.2 * turns.Count, $"{unknown} of {turns.Count} questions are unanswerable.");
    }

    [Theory]
    [MemberData(nameof(QuestionFixture.CaseIds), MemberType = typeof(QuestionFixture))]
    public void AnswersQuestion(string id)
    {
        var questionCase = QuestionFixture.Cases.Single(c => c.Id == id);

        var failures = QuestionFixture.Run(questionCase).Where(f => f is not null).ToList();

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }
}

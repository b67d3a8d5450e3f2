using System.Diagnostics;
using VirServerless.Core.Scheduling;

namespace VirServerless.Core.Tests.Scheduling;

public class NcrontabScheduleTests
{
    private static DateTimeOffset Utc(int year, int month, int day, int hour = 0, int minute = 0, int second = 0) =>
        new(year, month, day, hour, minute, second, TimeSpan.Zero);

    [Fact]
    public void EveryMinuteFiresAtSecondZeroOfTheNextMinute()
    {
        var schedule = NcrontabSchedule.Parse("0 * * * * *");

        var next = schedule.GetNextOccurrence(Utc(2027, 3, 1, 10, 15, 30));

        Assert.Equal(Utc(2027, 3, 1, 10, 16, 0), next);
    }

    [Fact]
    public void NextOccurrenceIsStrictlyAfterTheGivenTime()
    {
        var schedule = NcrontabSchedule.Parse("0 * * * * *");

        var next = schedule.GetNextOccurrence(Utc(2027, 3, 1, 10, 16, 0));

        Assert.Equal(Utc(2027, 3, 1, 10, 17, 0), next);
    }

    [Fact]
    public void SubSecondInputStillYieldsTheNextWholeSecond()
    {
        var schedule = NcrontabSchedule.Parse("* * * * * *");

        var next = schedule.GetNextOccurrence(Utc(2027, 3, 1, 10, 16, 0).AddMilliseconds(500));

        Assert.Equal(Utc(2027, 3, 1, 10, 16, 1), next);
    }

    [Fact]
    public void EveryFiveMinutesListsTheHourInFiveMinuteSteps()
    {
        var schedule = NcrontabSchedule.Parse("0 */5 * * * *");

        var hits = schedule.GetOccurrences(Utc(2027, 1, 1, 18, 52, 0), Utc(2027, 1, 1, 19, 11, 0)).ToList();

        Assert.Equal([Utc(2027, 1, 1, 18, 55), Utc(2027, 1, 1, 19, 0), Utc(2027, 1, 1, 19, 5), Utc(2027, 1, 1, 19, 10)], hits);
    }

    [Fact]
    public void WeekdaysAtHalfPastNineSkipTheWeekend()
    {
        var schedule = NcrontabSchedule.Parse("0 30 9 * * 1-5");

        // Friday 2027-01-08 10:00 UTC: next is Monday 2027-01-11.
        var next = schedule.GetNextOccurrence(Utc(2027, 1, 8, 10, 0, 0));

        Assert.Equal(Utc(2027, 1, 11, 9, 30), next);
        Assert.Equal(DayOfWeek.Monday, next!.Value.DayOfWeek);
    }

    [Fact]
    public void LeapDayScheduleJumpsToTheNextLeapYear()
    {
        var schedule = NcrontabSchedule.Parse("0 0 0 29 2 *");

        var hits = schedule.GetOccurrences(Utc(2025, 1, 1), Utc(2105, 1, 1)).ToList();

        Assert.Equal(Utc(2028, 2, 29), hits[0]);
        Assert.Equal(Utc(2032, 2, 29), hits[1]);
        Assert.DoesNotContain(hits, h => h.Year == 2100);
        Assert.Equal(Utc(2104, 2, 29), hits[^1]);
    }

    [Fact]
    public void DayAndWeekdayMustBothMatchLikeNcrontab()
    {
        var schedule = NcrontabSchedule.Parse("0 0 9 13 * Fri");

        var next = schedule.GetNextOccurrence(Utc(2027, 1, 1));

        // Friday the 13th: August 2027 is the first one after 1 January 2027.
        Assert.Equal(Utc(2027, 8, 13, 9, 0), next);
    }

    [Fact]
    public void MonthAndDayNamesAreCaseInsensitive()
    {
        var schedule = NcrontabSchedule.Parse("0 30 9 * jan MON");

        var hits = schedule.GetOccurrences(Utc(2027, 1, 1), Utc(2028, 1, 1)).ToList();

        Assert.Equal([Utc(2027, 1, 4, 9, 30), Utc(2027, 1, 11, 9, 30), Utc(2027, 1, 18, 9, 30), Utc(2027, 1, 25, 9, 30)], hits);
    }

    [Fact]
    public void NameRangesListsAndRangeStepsCombine()
    {
        var schedule = NcrontabSchedule.Parse("15 0-20/10 8,12 1 Mar-Apr Sun-Sat");

        var hits = schedule.GetOccurrences(Utc(2027, 1, 1), Utc(2028, 1, 1)).Select(h => h.ToString("MM-dd HH:mm:ss", null)).ToList();

        Assert.Equal(
            ["03-01 08:00:15", "03-01 08:10:15", "03-01 08:20:15", "03-01 12:00:15", "03-01 12:10:15", "03-01 12:20:15",
             "04-01 08:00:15", "04-01 08:10:15", "04-01 08:20:15", "04-01 12:00:15", "04-01 12:10:15", "04-01 12:20:15"],
            hits);
    }

    [Fact]
    public void EvaluatesInUtcWhateverTheOffsetOfTheInput()
    {
        var schedule = NcrontabSchedule.Parse("0 0 6 * * *");

        var next = schedule.GetNextOccurrence(new DateTimeOffset(2027, 6, 1, 7, 30, 0, TimeSpan.FromHours(2)));

        // 07:30+02:00 is 05:30 UTC, so 06:00 UTC the same day is still ahead; local evaluation would say tomorrow.
        Assert.Equal(Utc(2027, 6, 1, 6, 0), next);
        Assert.Equal(TimeSpan.Zero, next!.Value.Offset);
    }

    [Fact]
    public void ImpossibleDateNeverFires()
    {
        var schedule = NcrontabSchedule.Parse("0 0 0 30 2 *");

        var stopwatch = Stopwatch.StartNew();
        var next = schedule.GetNextOccurrence(Utc(2027, 1, 1));

        Assert.Null(next);
        Assert.True(stopwatch.ElapsedMilliseconds < 1000, $"took {stopwatch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void AYearOfDailyOccurrencesIsComputedQuickly()
    {
        var schedule = NcrontabSchedule.Parse("0 0 7 * * *");

        var stopwatch = Stopwatch.StartNew();
        var count = schedule.GetOccurrences(Utc(2027, 1, 1), Utc(2028, 1, 1)).Count();

        Assert.Equal(365, count);
        Assert.True(stopwatch.ElapsedMilliseconds < 500, $"took {stopwatch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void KeepsTheExpressionAsGiven()
    {
        var schedule = NcrontabSchedule.Parse("0 */5 * * * *");

        Assert.Equal("0 */5 * * * *", schedule.Expression);
    }

    [Theory]
    [InlineData("", "expected 6 fields")]
    [InlineData("   ", "expected 6 fields")]
    [InlineData("*/5 * * * *", "found 5")]
    [InlineData("0 0 0 * * * *", "found 7")]
    [InlineData("61 * * * * *", "61 is outside 0-59")]
    [InlineData("0 60 * * * *", "minute field")]
    [InlineData("0 0 24 * * *", "hour field")]
    [InlineData("0 0 0 0 * *", "day field")]
    [InlineData("0 0 0 * 13 *", "month field")]
    [InlineData("0 0 0 * * 7", "use 0 for Sunday")]
    [InlineData("*/0 * * * * *", "step '0'")]
    [InlineData("*/x * * * * *", "step 'x'")]
    [InlineData("*/ * * * * *", "step ''")]
    [InlineData("0 10-5 * * * *", "runs backwards")]
    [InlineData("0 1,,2 * * * *", "empty list element")]
    [InlineData("0 0 0 ? * *", "day field")]
    [InlineData("0 0 0 * Foo *", "neither a number")]
    [InlineData("0 0 0 * * Mo", "neither a number")]
    public void RejectsInvalidExpressionsWithAClearMessage(string expression, string expectedMessagePart)
    {
        var error = Assert.Throws<FormatException>(() => NcrontabSchedule.Parse(expression));

        Assert.Contains(expectedMessagePart, error.Message, StringComparison.Ordinal);
        Assert.False(NcrontabSchedule.TryParse(expression, out var schedule));
        Assert.Null(schedule);
    }

    [Fact]
    public void TryParseReturnsTheScheduleForAValidExpression()
    {
        var ok = NcrontabSchedule.TryParse("0 0 2 * * Sun", out var schedule);

        Assert.True(ok);
        Assert.Equal(Utc(2027, 1, 3, 2, 0), schedule!.GetNextOccurrence(Utc(2027, 1, 1)));
    }
}

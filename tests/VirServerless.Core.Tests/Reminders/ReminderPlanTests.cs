using VirServerless.Core.Reminders;
using VirServerless.Testing;

namespace VirServerless.Core.Tests.Reminders;

public class ReminderPlanTests
{
    private static DueReminder? LatestDueAt(string utcNow, string start, string[]? offsets) =>
        new ReminderPlan(new ManualTimeProvider(DateTimeOffset.Parse(utcNow))).LatestDue(DateTimeOffset.Parse(start), offsets);

    [Fact]
    public void OneDayBeforeASundayAfterTheSpringChangeIsTheSameLocalTimeOnSaturday()
    {
        // Sunday 28 March 2027, 10:00 CEST = 08:00Z; Saturday 10:00 is still CET = 09:00Z, not 08:00Z (24 h earlier).
        var start = DateTimeOffset.Parse("2027-03-28T10:00:00+02:00");

        var due = ReminderPlan.DueAt(start, TimeSpan.FromDays(1));

        Assert.Equal(DateTimeOffset.Parse("2027-03-27T09:00:00Z"), due);
    }

    [Fact]
    public void OneDayBeforeASundayAfterTheAutumnChangeIsTheSameLocalTimeOnSaturday()
    {
        // Sunday 31 October 2027, 10:00 CET = 09:00Z; Saturday 10:00 is still CEST = 08:00Z.
        var start = DateTimeOffset.Parse("2027-10-31T10:00:00+01:00");

        var due = ReminderPlan.DueAt(start, TimeSpan.FromDays(1));

        Assert.Equal(DateTimeOffset.Parse("2027-10-30T08:00:00Z"), due);
    }

    [Fact]
    public void ALocalTimeInTheSpringGapMovesOneHourLater()
    {
        // Monday 29 March 2027, 02:30 CEST; Sunday 02:30 does not exist in Berlin, so the reminder goes at 03:30 CEST.
        var start = DateTimeOffset.Parse("2027-03-29T02:30:00+02:00");

        var due = ReminderPlan.DueAt(start, TimeSpan.FromDays(1));

        Assert.Equal(DateTimeOffset.Parse("2027-03-28T03:30:00+02:00"), due);
    }

    [Fact]
    public void AnAmbiguousAutumnTimeTakesTheEarlierInstant()
    {
        // Monday 1 November 2027, 02:30 CET; Sunday 02:30 happens twice, first at 00:30Z (CEST).
        var start = DateTimeOffset.Parse("2027-11-01T02:30:00+01:00");

        var due = ReminderPlan.DueAt(start, TimeSpan.FromDays(1));

        Assert.Equal(DateTimeOffset.Parse("2027-10-31T00:30:00Z"), due);
    }

    [Fact]
    public void HoursAreExactAcrossTheChange()
    {
        var start = DateTimeOffset.Parse("2027-03-28T10:00:00+02:00");

        var due = ReminderPlan.DueAt(start, TimeSpan.FromHours(12));

        Assert.Equal(DateTimeOffset.Parse("2027-03-27T20:00:00Z"), due);
    }

    [Theory]
    [InlineData("2027-03-27T08:59:59Z", null)]
    [InlineData("2027-03-27T09:00:00Z", "P1D")]
    public void TheDayBeforeReminderBecomesDueAtBerlinLocalTimeAcrossTheSpringChange(string now, string? expected)
    {
        var due = LatestDueAt(now, "2027-03-28T10:00:00+02:00", ["P1D"]);

        Assert.Equal(expected, due?.Offset);
    }

    [Theory]
    [InlineData("2027-10-30T07:59:59Z", null)]
    [InlineData("2027-10-30T08:00:00Z", "P1D")]
    public void TheDayBeforeReminderBecomesDueAtBerlinLocalTimeAcrossTheAutumnChange(string now, string? expected)
    {
        var due = LatestDueAt(now, "2027-10-31T10:00:00+01:00", ["P1D"]);

        Assert.Equal(expected, due?.Offset);
    }

    [Fact]
    public void ALateRunWorksOnlyOnTheLatestDueReminder()
    {
        var due = LatestDueAt("2027-06-09T12:00:00Z", "2027-06-10T09:00:00+02:00", ["P7D", "P1D"]);

        Assert.Equal(("P1D", DateTimeOffset.Parse("2027-06-09T07:00:00Z")), (due?.Offset, due?.DueAt));
    }

    [Fact]
    public void TheNextOffsetFollowsOnceItIsDue()
    {
        var before = LatestDueAt("2027-06-09T06:59:59Z", "2027-06-10T09:00:00+02:00", ["P7D", "P1D"]);
        var after = LatestDueAt("2027-06-09T07:00:00Z", "2027-06-10T09:00:00+02:00", ["P7D", "P1D"]);

        Assert.Equal(("P7D", "P1D"), (before?.Offset, after?.Offset));
    }

    [Fact]
    public void NoRemindersOnceTheEventHasStarted()
    {
        var due = LatestDueAt("2027-06-10T07:00:01Z", "2027-06-10T09:00:00+02:00", ["P7D", "P1D"]);

        Assert.Null(due);
    }

    [Fact]
    public void WithoutRemindersTheDefaultsSevenDaysAndOneDayApply()
    {
        var due = LatestDueAt("2027-06-03T07:00:00Z", "2027-06-10T09:00:00+02:00", null);

        Assert.Equal("P7D", due?.Offset);
    }
}

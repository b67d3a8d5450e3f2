using System.Threading.Channels;
using Cronos;
using VirServerless.Functions.Timers;
using VirServerless.Testing;

namespace VirServerless.Functions.Tests.Timers;

public class TimerScheduleTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    public static TheoryData<string> TimerNames => [.. TimerFunctions.All.Select(t => t.Name)];

    [Theory]
    [MemberData(nameof(TimerNames))]
    public void EveryScheduleInTheTimerTableParsesWithSeconds(string name)
    {
        var timer = TimerFunctions.All.Single(t => t.Name == name);

        var schedule = TimerScheduler.Parse(timer.DefaultSchedule);

        var from = new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var next = schedule.GetNextOccurrence(from, TimeZoneInfo.Utc);
        Assert.NotNull(next);
        Assert.InRange(next.Value - from, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1));
    }

    [Fact]
    public void AFiveFieldScheduleIsRejectedAsTheFunctionsHostRejectsIt() =>
        Assert.Throws<CronFormatException>(() => TimerScheduler.Parse("*/5 * * * *"));

    [Fact]
    public void SchedulesAreReadInUtcAcrossTheBerlinClockChange()
    {
        // 02:30 Berlin time does not exist on 2027-03-28; in UTC the daily run still happens every day at 02:30.
        var schedule = TimerScheduler.Parse("0 30 2 * * *");

        var next = schedule.GetNextOccurrence(new DateTimeOffset(2027, 3, 28, 0, 0, 0, TimeSpan.Zero), TimeZoneInfo.Utc);

        Assert.Equal(new DateTimeOffset(2027, 3, 28, 2, 30, 0, TimeSpan.Zero), next);
    }

    [Fact]
    public async Task SchedulerFiresOnTheNextOccurrenceAndReportsALateRunAsPastDue()
    {
        var clock = new SignallingClock(new ManualTimeProvider(new DateTimeOffset(2027, 3, 28, 0, 58, 10, TimeSpan.Zero)));
        var schedule = TimerScheduler.Parse("30 */5 * * * *");
        var fired = Channel.CreateUnbounded<(DateTimeOffset At, bool IsPastDue)>();
        using var stop = new CancellationTokenSource();
        var run = Task.Run(() => TimerScheduler.RunOnScheduleAsync(schedule, clock, isPastDue =>
        {
            fired.Writer.TryWrite((clock.GetUtcNow(), isPastDue));
            return Task.CompletedTask;
        }, stop.Token), TestContext.Current.CancellationToken);

        await clock.WaitForTimerAsync(Wait);
        var first = new DateTimeOffset(2027, 3, 28, 1, 0, 30, TimeSpan.Zero);
        Assert.Equal(first, schedule.GetNextOccurrence(clock.GetUtcNow(), TimeZoneInfo.Utc));
        clock.AdvanceTo(first.AddSeconds(-1));
        Assert.False(fired.Reader.TryRead(out _));
        clock.AdvanceTo(first);
        Assert.Equal((first, false), await fired.Reader.ReadAsync().AsTask().WaitAsync(Wait, TestContext.Current.CancellationToken));

        await clock.WaitForTimerAsync(Wait);
        clock.AdvanceTo(first.AddMinutes(5));
        Assert.Equal((first.AddMinutes(5), false), await fired.Reader.ReadAsync().AsTask().WaitAsync(Wait, TestContext.Current.CancellationToken));

        await clock.WaitForTimerAsync(Wait);
        clock.AdvanceTo(first.AddMinutes(15));
        Assert.Equal((first.AddMinutes(15), true), await fired.Reader.ReadAsync().AsTask().WaitAsync(Wait, TestContext.Current.CancellationToken));

        await clock.WaitForTimerAsync(Wait);
        Assert.False(fired.Reader.TryRead(out _));
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }

    /// <summary>Tells the test when the scheduler has started to wait, so the clock moves only after that.</summary>
    private sealed class SignallingClock(ManualTimeProvider inner) : TimeProvider
    {
        private readonly Channel<bool> timers = Channel.CreateUnbounded<bool>();

        public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = inner.CreateTimer(callback, state, dueTime, period);
            timers.Writer.TryWrite(true);
            return timer;
        }

        public Task<bool> WaitForTimerAsync(TimeSpan timeout) => timers.Reader.ReadAsync().AsTask().WaitAsync(timeout);

        public void AdvanceTo(DateTimeOffset instant) => inner.Advance(instant - GetUtcNow());
    }
}

using Cronos;
using VirServerless.Functions.Hosting;

namespace VirServerless.Functions.Timers;

public sealed class TimerOptions
{
    public const string SectionName = "Timers";

    /// <summary>Standalone runs fire the timers in process; tests may switch that off and call them directly.</summary>
    public bool RunInProcess { get; set; } = true;
}

/// <summary>Fires the timer functions on their NCRONTAB schedules when no Functions host does it for us.</summary>
public sealed class TimerScheduler(IServiceProvider services, IConfiguration configuration, TimeProvider timeProvider, ILogger<TimerScheduler> logger) : BackgroundService
{
    /// <summary>A run that starts this much after its occurrence is past due, as the Functions host reports it.</summary>
    private static readonly TimeSpan PastDueAfter = TimeSpan.FromMinutes(1);

    /// <summary>Six fields with seconds, evaluated in UTC: how the Functions host reads a timer trigger's schedule.</summary>
    public static CronExpression Parse(string schedule) => CronExpression.Parse(schedule, CronFormat.IncludeSeconds);

    /// <summary>Waits for each occurrence of <paramref name="schedule"/> after now and calls <paramref name="fire"/> with whether it is past due.</summary>
    public static async Task RunOnScheduleAsync(CronExpression schedule, TimeProvider clock, Func<bool, Task> fire, CancellationToken stoppingToken)
    {
        var last = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow();
            // A timer may wake a little early; the occurrence it woke for must not fire twice.
            if (schedule.GetNextOccurrence(now > last ? now : last, TimeZoneInfo.Utc) is not { } next)
            {
                return;
            }
            await Task.Delay(next > now ? next - now : TimeSpan.Zero, clock, stoppingToken);
            last = next;
            await fire(clock.GetUtcNow() - next > PastDueAfter);
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(TimerFunctions.All.Select(timer => RunOnScheduleAsync(Parse(timer.ScheduleFrom(configuration)), timeProvider,
            isPastDue => RunAsync(timer, isPastDue, stoppingToken), stoppingToken)));

    private async Task RunAsync(TimerFunction timer, bool isPastDue, CancellationToken stoppingToken)
    {
        try
        {
            await services.GetRequiredService<StoragePreparation>().WaitAsync(stoppingToken);
            var result = await timer.Run(services, isPastDue, stoppingToken);
            logger.LogInformation("Timer {TimerName} ran: {Summary}", timer.Name, result.Summary);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Timer {TimerName} failed", timer.Name);
        }
    }
}

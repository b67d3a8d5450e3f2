using VirServerless.Core.Scheduling;
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
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(TimerFunctions.All.Select(timer => RunScheduleAsync(timer, stoppingToken)));

    private async Task RunScheduleAsync(TimerFunction timer, CancellationToken stoppingToken)
    {
        var schedule = NcrontabSchedule.Parse(timer.ScheduleFrom(configuration));
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = timeProvider.GetUtcNow();
            var next = schedule.GetNextOccurrence(now);
            if (next is null)
            {
                return;
            }
            await Task.Delay(next.Value - now, timeProvider, stoppingToken);
            var isPastDue = timeProvider.GetUtcNow() - next.Value > TimeSpan.FromMinutes(1);
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
}

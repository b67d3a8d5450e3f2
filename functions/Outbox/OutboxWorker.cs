using VirServerless.Core.Outbox;

namespace VirServerless.Functions.Outbox;

/// <summary>Sends new mail right after the request that wrote it; the DispatchOutbox timer catches the rest.</summary>
public sealed class OutboxWorker(OutboxSignal signal, OutboxDispatcher dispatcher, ILogger<OutboxWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var partition in signal.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await dispatcher.DispatchAsync(partition, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Dispatch for partition {Partition} failed; the sweep will retry", partition);
            }
        }
    }
}

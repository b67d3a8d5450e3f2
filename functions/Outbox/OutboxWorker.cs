using VirServerless.Core.Outbox;

namespace VirServerless.Functions.Outbox;

/// <summary>Sends new mail right after the request that wrote it; the DispatchOutbox timer catches the rest.</summary>
public sealed class OutboxWorker(OutboxSignal signal, OutboxDispatcher dispatcher, ILogger<OutboxWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var first in signal.Reader.ReadAllAsync(stoppingToken))
        {
            // Every signal waiting here was sent after its rows were written, so one sweep per partition that starts now
            // sends them all; under load that is one query and one claim for many requests instead of one each.
            List<string> partitions = [first];
            while (signal.Reader.TryRead(out var next))
            {
                if (!partitions.Contains(next, StringComparer.Ordinal))
                {
                    partitions.Add(next);
                }
            }
            foreach (var partition in partitions)
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
}

using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace VirServerless.Core.Mail.Acs;

/// <summary>
/// Sliding-window cap on <c>POST /emails:send</c> requests, applied per try because ACS counts retries too.
/// Callers queue on one gate and wait on the injected clock, so waiting costs no CPU.
/// </summary>
#pragma warning disable CA1001 // SemaphoreSlim needs Dispose only once its AvailableWaitHandle was used; we never use it.
internal sealed class SendThrottle(int perMinute, int perHour, TimeSpan maxWait, TimeProvider timeProvider) : HttpPipelinePolicy
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly List<DateTimeOffset> sent = [];

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if (IsSend(message))
        {
            WaitTurnAsync(message.CancellationToken).AsTask().GetAwaiter().GetResult();
        }

        ProcessNext(message, pipeline);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if (IsSend(message))
        {
            await WaitTurnAsync(message.CancellationToken).ConfigureAwait(false);
        }

        await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
    }

    private static bool IsSend(HttpMessage message) =>
        message.Request.Method == RequestMethod.Post &&
        message.Request.Uri.Path.EndsWith("/emails:send", StringComparison.Ordinal);

    private async ValueTask WaitTurnAsync(CancellationToken cancellationToken)
    {
        if (perMinute <= 0 && perHour <= 0)
        {
            return;
        }

        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (true)
            {
                var now = timeProvider.GetUtcNow();
                var wait = RequiredWait(now);
                if (wait <= TimeSpan.Zero)
                {
                    sent.Add(now);
                    return;
                }

                if (wait > maxWait)
                {
                    throw new RequestFailedException(
                        429, $"The client-side send limit is reached; the next slot is free in {wait:c}.", "ClientThrottled", null);
                }

                await Task.Delay(wait, timeProvider, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    private TimeSpan RequiredWait(DateTimeOffset now)
    {
        var keep = perHour > 0 ? Hour : Minute;
        sent.RemoveAll(at => at <= now - keep);

        var wait = TimeSpan.Zero;
        foreach (var (limit, window) in new[] { (perMinute, Minute), (perHour, Hour) })
        {
            if (limit <= 0)
            {
                continue;
            }

            var inWindow = sent.Where(at => at > now - window).ToList();
            if (inWindow.Count >= limit)
            {
                // The slot frees when the oldest send that keeps us at the limit leaves the window.
                var freesAt = inWindow[inWindow.Count - limit] + window;
                wait = wait > freesAt - now ? wait : freesAt - now;
            }
        }

        return wait;
    }
}
#pragma warning restore CA1001

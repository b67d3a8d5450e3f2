namespace VirServerless.Bot.Protocol;

/// <summary>
/// Spaces outbound sends per conversation so a burst is delayed, never dropped. Teams limits a bot per thread to
/// 7 sends per 1 s, 8 per 2 s and 60 per 30 s (PROTOCOLS 3.4); each conversation keeps the times of its last 60 sends
/// and a new send gets the earliest slot that keeps every window within its limit.
/// </summary>
public sealed class ConversationRateLimiter(TimeProvider timeProvider)
{
    private static readonly (int Count, TimeSpan Window)[] Limits =
    [
        (7, TimeSpan.FromSeconds(1)),
        (8, TimeSpan.FromSeconds(2)),
        (60, TimeSpan.FromSeconds(30)),
    ];

    private static readonly int History = Limits.Max(l => l.Count);
    private static readonly TimeSpan LongestWindow = Limits.Max(l => l.Window);
    private const int PruneThreshold = 1024;

    private readonly Dictionary<string, Queue<DateTimeOffset>> sends = new(StringComparer.Ordinal);
    private readonly Lock sync = new();

    public async Task WaitAsync(string conversationId, CancellationToken cancellationToken)
    {
        var delay = Reserve(conversationId);
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, timeProvider, cancellationToken);
        }
    }

    /// <summary>Books the next send slot for the conversation and returns how long the caller must wait for it.</summary>
    public TimeSpan Reserve(string conversationId)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        var now = timeProvider.GetUtcNow();
        lock (sync)
        {
            if (sends.Count > PruneThreshold)
            {
                foreach (var idle in sends.Where(s => s.Value.Last() < now - LongestWindow).Select(s => s.Key).ToList())
                {
                    sends.Remove(idle);
                }
            }

            if (!sends.TryGetValue(conversationId, out var history))
            {
                history = new Queue<DateTimeOffset>(History);
                sends[conversationId] = history;
            }

            var booked = history.ToArray();
            // Slots stay in booking order, so sends of one conversation are not reordered.
            var slot = booked.Length > 0 && booked[^1] > now ? booked[^1] : now;
            foreach (var (count, window) in Limits)
            {
                if (booked.Length >= count)
                {
                    var earliest = booked[^count] + window;
                    slot = earliest > slot ? earliest : slot;
                }
            }

            if (history.Count == History)
            {
                history.Dequeue();
            }

            history.Enqueue(slot);
            return slot - now;
        }
    }
}

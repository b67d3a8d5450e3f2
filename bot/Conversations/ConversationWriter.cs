using Microsoft.Extensions.Hosting;

namespace VirServerless.Bot.Conversations;

/// <summary>Runs the replica and the write-behind of <see cref="ConversationStore"/> for the lifetime of the host.</summary>
public sealed class ConversationWriter(ConversationStore store) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The first pass reads storage; it must not hold up the host's start, which runs this up to its first await.
        await Task.Yield();
        await store.RunAsync(stoppingToken);
    }
}

using Microsoft.Extensions.Hosting;

namespace VirServerless.Bot.Conversations;

/// <summary>Runs the replica and the write-behind of <see cref="ConversationStore"/> for the lifetime of the host.</summary>
public sealed class ConversationWriter(ConversationStore store) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => store.RunAsync(stoppingToken);
}

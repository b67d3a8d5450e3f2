using Microsoft.Extensions.Hosting;
using VirServerless.Core.Storage;

namespace VirServerless.Bot.Conversations;

/// <summary>Runs the replica and the write-behind of <see cref="ConversationStore"/> for the lifetime of the host.</summary>
public sealed class ConversationWriter(ConversationStore store, StorageTables tables) : BackgroundService
{
    /// <summary>
    /// The first pass reads every stored state. Right at start it would compete with the host's start and the first
    /// requests for two cores (and the JIT); turns are answered correctly without it, each reading its user's row.
    /// </summary>
    internal static readonly TimeSpan FirstPassDelay = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The first pass reads storage; it must not hold up the host's start, which runs this up to its first await,
        // and it must not run before the host has made sure the tables exist (a first start logged TableNotFound).
        await Task.Yield();
        await tables.WhenCreatedAsync(stoppingToken);
        await store.RunAsync(stoppingToken, FirstPassDelay);
    }
}

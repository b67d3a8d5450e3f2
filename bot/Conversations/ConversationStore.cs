using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VirServerless.Bot.Questions;
using VirServerless.Core.Registrations;
using VirServerless.Core.Storage.Conversations;

namespace VirServerless.Bot.Conversations;

/// <summary>What the bot remembers about one user between turns.</summary>
public sealed record UserConversation
{
    public required string UserKey { get; init; }
    public ConversationState Question { get; init; } = ConversationState.Empty;

    /// <summary>Asked once in the registration card and offered again next time.</summary>
    public string? Organization { get; init; }

    /// <summary>The event whose cancellation waits for "Ja, abmelden"; a cancel without this step is refused.</summary>
    public string? PendingCancelEventId { get; init; }

    /// <summary>Hash of the roster e-mail address once a personal action revealed it (for export, erasure and purge).</summary>
    public string? EmailHash { get; init; }

    /// <summary>The stored version this was read at (null: nothing stored yet).</summary>
    public string? Revision { get; init; }
}

/// <summary>
/// Conversation state, stored per user by <see cref="BotConversationStore"/> and replicated into memory so that a turn does not wait for storage.
/// </summary>
/// <remarks>
/// <see cref="RunAsync"/> keeps the replica current: it reads every state changed since its last pass (all of them on
/// the first pass), so a change made by another instance arrives within <see cref="BotCopiesOptions.MaxAge"/>. While the
/// replica is current, a user it does not hold has no state and costs no read; while it is not (before the first pass,
/// after storage was away), each turn reads the user's row. What the user asked last
/// (<see cref="UserConversation.Question"/>) is only context for follow-up questions: it is written behind the turn, and
/// a crash loses at most the last second of it. The organisation and a pending cancellation are written through before
/// the turn answers, every write carries the revision it read, and a lost race re-reads and applies the change again. A
/// cancellation is confirmed against storage only (<see cref="GetStoredAsync"/>).
/// </remarks>
public sealed partial class ConversationStore(
    BotConversationStore store,
    IOptions<BotCopiesOptions> copiesOptions,
    TimeProvider timeProvider,
    ILogger<ConversationStore> logger) : IDisposable
{
    private const int MaxAttempts = 5;

    // Storage timestamps of concurrent writers need not arrive in order; each pass reads this far back again.
    private static readonly TimeSpan SyncOverlap = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan WriteInterval = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, Copy> copies = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, UserConversation> unwritten = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim[] userGates = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];
    private long localChanges;
    private long syncedAtTicks;
    private DateTimeOffset? newestSeen;

    private TimeSpan MaxAge => copiesOptions.Value.MaxAge;

    /// <summary>Stable key of a user: the Entra object id when the channel sends it, else the channel's user id.</summary>
    public static string UserKey(string? aadObjectId, string userId)
    {
        var key = string.IsNullOrWhiteSpace(aadObjectId) ? userId : aadObjectId;
        // Table keys cannot hold '/', '\', '#', '?' or control characters, and are limited to 1 KiB.
        return key.Length <= 200 && !key.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c))
            ? key
            : "h" + RegistrationKeys.Hash(key);
    }

    /// <summary>Whether the last pass over storage is recent enough to answer from memory alone.</summary>
    public bool ReplicaIsCurrent
    {
        get
        {
            var syncedAt = Interlocked.Read(ref syncedAtTicks);
            var age = timeProvider.GetUtcNow().UtcTicks - syncedAt;
            return syncedAt != 0 && age >= 0 && age < MaxAge.Ticks;
        }
    }

    public async Task<UserConversation> GetAsync(string userKey, CancellationToken cancellationToken)
    {
        if (Known(userKey) is { } known)
        {
            return known;
        }
        var gate = GateOf(userKey);
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await CurrentAsync(userKey, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The state as stored (with context not yet written), for decisions that must not rest on the replica.</summary>
    public async Task<UserConversation> GetStoredAsync(string userKey, CancellationToken cancellationToken)
    {
        var stored = await ReadAsync(userKey, cancellationToken);
        return unwritten.TryGetValue(userKey, out var local) ? stored with { Question = local.Question } : stored;
    }

    /// <summary>Applies <paramref name="change"/> to the latest state; re-reads and applies again when another instance wrote first.</summary>
    public async Task<UserConversation> UpdateAsync(string userKey, Func<UserConversation, UserConversation> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var gate = GateOf(userKey);
        await gate.WaitAsync(cancellationToken);
        try
        {
            var current = await CurrentAsync(userKey, cancellationToken);
            var updated = change(current) with { UserKey = userKey };
            if (updated == current)
            {
                return current;
            }
            if (updated with { Question = current.Question } == current)
            {
                unwritten[userKey] = updated;
                Remember(updated);
                return updated;
            }
            return await WriteAsync(updated, change, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Writes the question context of every user that changed since the last write.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        foreach (var userKey in unwritten.Keys)
        {
            var gate = GateOf(userKey);
            await gate.WaitAsync(cancellationToken);
            try
            {
                if (unwritten.TryGetValue(userKey, out var state))
                {
                    await WriteAsync(state, s => s with { Question = state.Question }, cancellationToken);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Storage away: the context stays unwritten and the next pass tries again; the host must not stop.
                LogWriteBehindFailed(ex);
            }
            finally
            {
                gate.Release();
            }
        }
    }

    /// <summary>Reads the states changed since the last pass (all on the first) into the replica.</summary>
    public async Task SyncAsync(CancellationToken cancellationToken)
    {
        var changesBefore = Interlocked.Read(ref localChanges);
        var startedAt = timeProvider.GetUtcNow();
        var seen = newestSeen;
        await foreach (var (stored, changedAt) in store.ChangedSinceAsync(newestSeen - SyncOverlap, cancellationToken))
        {
            var state = FromStored(stored);
            // A change this instance made after the pass began is newer than what the pass read.
            copies.AddOrUpdate(state.UserKey, new Copy(state, 0), (_, existing) => existing.LocalChange > changesBefore ? existing : new Copy(state, 0));
            if (changedAt is { } timestamp && (seen is null || timestamp > seen))
            {
                seen = timestamp;
            }
        }
        newestSeen = seen;
        Interlocked.Exchange(ref syncedAtTicks, startedAt.UtcTicks);
    }

    /// <summary>Keeps the replica current and writes context behind the turns until the host stops, then writes what is left.</summary>
    /// <param name="stoppingToken">Ends the loop.</param>
    /// <param name="firstSyncDelay">How long the first pass over storage waits; until then each turn reads its user's row.</param>
    public async Task RunAsync(CancellationToken stoppingToken, TimeSpan firstSyncDelay = default)
    {
        var syncInterval = MaxAge / 3;
        var nextSync = firstSyncDelay > TimeSpan.Zero ? timeProvider.GetUtcNow() + firstSyncDelay : DateTimeOffset.MinValue;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                if (timeProvider.GetUtcNow() >= nextSync)
                {
                    await TrySyncAsync(stoppingToken);
                    nextSync = timeProvider.GetUtcNow() + syncInterval;
                }
                // Once a second: several turns of a user become one write, and writes that failed while storage was away are retried.
                await Task.Delay(WriteInterval, timeProvider, stoppingToken);
                await FlushAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        using var lastPass = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await FlushAsync(lastPass.Token);
        }
        catch (OperationCanceledException)
        {
            // Storage too slow while stopping: the context of the last second is lost, as after a crash.
        }
    }

    public void Dispose()
    {
        foreach (var gate in userGates)
        {
            gate.Dispose();
        }
    }

    private async Task TrySyncAsync(CancellationToken cancellationToken)
    {
        try
        {
            await SyncAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogSyncFailed(ex);
        }
    }

    private UserConversation? Known(string userKey)
    {
        if (unwritten.TryGetValue(userKey, out var local))
        {
            return local;
        }
        if (!ReplicaIsCurrent)
        {
            return null;
        }
        return copies.TryGetValue(userKey, out var copy) ? copy.State : new UserConversation { UserKey = userKey };
    }

    private async Task<UserConversation> CurrentAsync(string userKey, CancellationToken cancellationToken)
    {
        if (Known(userKey) is { } known)
        {
            return known;
        }
        var stored = await ReadAsync(userKey, cancellationToken);
        Remember(stored);
        return stored;
    }

    private async Task<UserConversation> ReadAsync(string userKey, CancellationToken cancellationToken)
    {
        return await store.GetAsync(userKey, cancellationToken) is { } stored ? FromStored(stored) : new UserConversation { UserKey = userKey };
    }

    /// <summary>Writes <paramref name="updated"/>; after a lost race applies <paramref name="change"/> to what the winner stored.</summary>
    private async Task<UserConversation> WriteAsync(UserConversation updated, Func<UserConversation, UserConversation> change, CancellationToken cancellationToken)
    {
        var userKey = updated.UserKey;
        for (var attempt = 1; ; attempt++)
        {
            if (await store.TryWriteAsync(ToStored(updated), cancellationToken) is { } revision)
            {
                var written = updated with { Revision = revision };
                unwritten.TryRemove(userKey, out _);
                Remember(written);
                return written;
            }
            if (attempt >= MaxAttempts)
            {
                throw new InvalidOperationException($"Conversation state of {userKey}: too many concurrent changes, gave up after {attempt} attempts.");
            }
            // Another instance wrote first: keep its state, apply this change on top, and keep context not yet written.
            var stored = await ReadAsync(userKey, cancellationToken);
            var basis = unwritten.TryGetValue(userKey, out var local) ? stored with { Question = local.Question } : stored;
            updated = change(basis) with { UserKey = userKey, Revision = stored.Revision };
        }
    }

    private void Remember(UserConversation state) =>
        copies[state.UserKey] = new Copy(state, Interlocked.Increment(ref localChanges));

    private SemaphoreSlim GateOf(string userKey) =>
        userGates[(int)((uint)StringComparer.Ordinal.GetHashCode(userKey) % (uint)userGates.Length)];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Conversation context not written yet; next try within a second")]
    private partial void LogWriteBehindFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Conversation replica not refreshed; turns read storage until the next pass succeeds")]
    private partial void LogSyncFailed(Exception exception);

    /// <summary>A state in the replica, with the number of the local change that put it there (0: read from storage).</summary>
    private sealed record Copy(UserConversation State, long LocalChange);

    private static StoredConversation ToStored(UserConversation state) =>
        new(state.UserKey, state.Question.EventId, state.Question.SessionId, state.Question.Day, state.Question.Language, state.Organization, state.PendingCancelEventId)
        {
            EmailHash = state.EmailHash,
            Revision = state.Revision,
            FollowUp = new StoredFollowUp(state.Question.Pending, state.Question.LastIntent?.ToString(), state.Question.LastYesNo, state.Question.LastFaq)
            {
                LastMinute = state.Question.LastMinute,
            },
        };

    private static UserConversation FromStored(StoredConversation stored) => new()
    {
        UserKey = stored.UserKey,
        Question = new ConversationState(stored.EventId, stored.SessionId, stored.Day, stored.Language, stored.FollowUp.Pending)
        {
            LastIntent = Enum.TryParse<Intent>(stored.FollowUp.LastIntent, out var intent) ? intent : null,
            LastYesNo = stored.FollowUp.LastYesNo,
            LastFaq = stored.FollowUp.LastFaq,
            LastMinute = stored.FollowUp.LastMinute,
        },
        Organization = stored.Organization,
        PendingCancelEventId = stored.PendingCancelEventId,
        EmailHash = stored.EmailHash,
        Revision = stored.Revision,
    };
}

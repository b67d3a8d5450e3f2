using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VirServerless.Core.Events;
using VirServerless.Core.Reminders;
using VirServerless.Core.Outbox;
using VirServerless.Core.Registrations.Mails;
using VirServerless.Core.Storage.Conversations;
using VirServerless.Core.Storage.Events;
using VirServerless.Core.Storage.Outbox;
using VirServerless.Core.Storage.Registrations;

namespace VirServerless.Core.Registrations;

/// <summary>
/// Registrations with double opt-in, seats and waiting lists. Every state change is one entity group transaction
/// in the event's partition: the registration, its index rows, the seat counters (guarded by ETags) and the mail to
/// send. A lost race (412/409) re-reads and decides again, so the outcome is as if the calls had run one by one.
/// </summary>
public sealed partial class RegistrationService(
    RegistrationStore store,
    OutboxStore outbox,
    EventStore events,
    RegistrationMails mails,
    OutboxSignal outboxSignal,
    CatalogChanges catalogChanges,
    BotConversationStore botData,
    IOptions<RegistrationOptions> options,
    TimeProvider timeProvider,
    ILogger<RegistrationService> logger)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, SemaphoreSlim> seatGates = new(StringComparer.Ordinal);

    private RegistrationOptions Options => options.Value;

    public Task<Registration?> GetAsync(string eventId, string registrationId, CancellationToken cancellationToken = default) =>
        store.GetAsync(eventId, registrationId, cancellationToken);

    public Task<IReadOnlyList<Registration>> ListAsync(string eventId, CancellationToken cancellationToken = default) =>
        store.ListAsync(eventId, cancellationToken);

    public Task<SeatCounters> GetSeatsAsync(string eventId, CancellationToken cancellationToken = default) =>
        store.ReadSeatsAsync(eventId, cancellationToken);

    /// <summary>Why registering is not possible right now, or null when it is.</summary>
    public EventClosed? WhyClosed(CatalogEvent ev) => SeatRules.WhyRegistrationClosed(ev, timeProvider.GetUtcNow());

    private async Task<T> RetryOnConflictAsync<T>(string operation, Func<Task<T?>> attempt, CancellationToken cancellationToken, string? seatsOfEvent = null)
        where T : class
    {
        for (var i = 1; ; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var result = seatsOfEvent is null ? await attempt() : await WithSeatGateAsync(seatsOfEvent, attempt, cancellationToken);
            if (result is not null)
            {
                return result;
            }
            if (i >= Options.MaxConcurrencyAttempts)
            {
                throw new InvalidOperationException($"{operation}: too many concurrent changes, gave up after {i} attempts.");
            }
            // Jitter spreads the losers of an ETag race so they do not collide again in lockstep.
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(0, Math.Min(5 * i, 100))), timeProvider, cancellationToken);
        }
    }

    /// <summary>
    /// Seat changes of one event take turns inside this process. The ETags alone keep the counts right across
    /// processes, but hundreds of local callers racing for one counter row would mostly lose and retry (412 storms).
    /// </summary>
    private async Task<T> WithSeatGateAsync<T>(string eventId, Func<Task<T>> action, CancellationToken cancellationToken)
    {
        var gate = seatGates.GetOrAdd(eventId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await action();
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Writes the changes as one transaction; false when a concurrent writer won (412) or a row appeared meanwhile (409).</summary>
    private async Task<bool> TrySubmitAsync(List<RegistrationChange> changes, CancellationToken cancellationToken)
    {
        if (!await store.TrySubmitAsync(changes, cancellationToken))
        {
            return false;
        }
        if (changes.Exists(c => c is RegistrationChange.SetCounter))
        {
            catalogChanges.Changed();
        }
        return true;
    }

    private RegistrationChange.AddMail OutboxAction(string partitionKey, Registrations.Registration registration, RegistrationMailKind kind, CatalogEvent ev, string? token, string? sessionId = null)
    {
        var mailId = $"{registration.Id}-{registration.MailSequence:D3}-{kind}";
        var mail = mails.Render(mailId, kind, registration, ev, token, sessionId);
        return new RegistrationChange.AddMail(OutboxEntry.Create(partitionKey, mail, kind.ToString(), registration.Id, timeProvider.GetUtcNow()));
    }

    private static RegistrationChange.AddIndex IndexRow(string eventId, string rowKey, string registrationId) =>
        new RegistrationChange.AddIndex(eventId, rowKey, registrationId);

    private static RegistrationChange.DeleteRow DeleteRow(string eventId, string rowKey) =>
        new RegistrationChange.DeleteRow(eventId, rowKey);

    private static RegistrationChange.Replace Replace(Registration registration) =>
        new RegistrationChange.Replace(registration);

    /// <summary>Adds a fresh manage token to the registration; returns the token and the rows to write.</summary>
    private (string Token, Registration Updated, List<RegistrationChange> Actions) NewManageToken(Registration registration)
    {
        var token = RegistrationTokens.Create(registration.EventId);
        var hash = RegistrationTokens.HashOf(token);
        var hashes = registration.ManageTokenHashes.Append(hash).ToList();
        List<RegistrationChange> actions = [IndexRow(registration.EventId, RegistrationKeys.ManageToken + hash, registration.Id)];
        while (hashes.Count > Options.MaxManageTokens)
        {
            actions.Add(DeleteRow(registration.EventId, RegistrationKeys.ManageToken + hashes[0]));
            hashes.RemoveAt(0);
        }
        return (token, registration with { ManageTokenHashes = hashes }, actions);
    }

    private async Task<Registration?> FindByTokenAsync(string? token, string indexPrefix, CancellationToken cancellationToken)
    {
        if (!RegistrationTokens.TryGetEventId(token, out var eventId))
        {
            return null;
        }
        var hash = RegistrationTokens.HashOf(token!);
        if (indexPrefix == RegistrationKeys.ManageToken && ReminderTokens.TryGetBatch(token!, out var batchId))
        {
            var batch = await store.GetTokenBatchAsync(eventId, batchId, cancellationToken);
            var remindedId = batch is null ? null : ReminderTokens.Find(batch, hash);
            var reminded = remindedId is null ? null : await GetAsync(eventId, remindedId, cancellationToken);
            // Anonymising or erasing a registration empties its token list; that ends its reminder links too.
            return reminded is { ManageTokenHashes.Count: > 0 } ? reminded : null;
        }
        if (await store.FindIdAsync(eventId, indexPrefix + hash, cancellationToken) is not { } registrationId)
        {
            return null;
        }
        var registration = await GetAsync(eventId, registrationId, cancellationToken);
        var matches = indexPrefix == RegistrationKeys.ConfirmToken
            ? registration?.ConfirmTokenHash == hash
            : registration?.ManageTokenHashes.Contains(hash) == true;
        return matches ? registration : null;
    }
}

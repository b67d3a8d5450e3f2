using Azure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VirServerless.Core.Events;
using VirServerless.Core.Reminders;
using VirServerless.Core.Outbox;
using VirServerless.Core.Registrations.Mails;
using VirServerless.Core.Storage;
using Azure.Data.Tables;

namespace VirServerless.Core.Registrations;

/// <summary>
/// Registrations with double opt-in, seats and waiting lists. Every state change is one entity group transaction
/// in the event's partition: the registration, its index rows, the seat counters (guarded by ETags) and the mail to
/// send. A lost race (412/409) re-reads and decides again, so the outcome is as if the calls had run one by one.
/// </summary>
public sealed partial class RegistrationService(
    StorageTables tables,
    EventStore events,
    RegistrationMails mails,
    OutboxSignal outboxSignal,
    CatalogChanges catalogChanges,
    IOptions<RegistrationOptions> options,
    TimeProvider timeProvider,
    ILogger<RegistrationService> logger)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, SemaphoreSlim> seatGates = new(StringComparer.Ordinal);

    private TableClient Table => tables.Registrations;

    private RegistrationOptions Options => options.Value;

    public async Task<Registration?> GetAsync(string eventId, string registrationId, CancellationToken cancellationToken = default)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(eventId, Registration.RowKeyFor(registrationId), cancellationToken: cancellationToken);
        return response.HasValue ? Registration.FromEntity(response.Value!) : null;
    }

    public async Task<IReadOnlyList<Registration>> ListAsync(string eventId, CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {eventId}") + " and " + RegistrationKeys.PrefixFilter(RegistrationKeys.Registration);
        var result = new List<Registration>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            result.Add(Registration.FromEntity(entity));
        }
        return result;
    }

    public Task<SeatCounters> GetSeatsAsync(string eventId, CancellationToken cancellationToken = default) =>
        SeatCounters.ReadAsync(Table, eventId, cancellationToken);

    /// <summary>Why registering is not possible right now, or null when it is.</summary>
    public EventClosed? WhyClosed(CatalogEvent ev)
    {
        var now = timeProvider.GetUtcNow();
        if (ev.Status == EventStatus.Cancelled)
        {
            return new("Die Veranstaltung wurde abgesagt. Eine Anmeldung ist nicht mehr möglich.");
        }
        if (ev.Registration is not { } registration)
        {
            return new("Für diese Veranstaltung ist keine Anmeldung vorgesehen.");
        }
        if (registration.Opens is { } opens && now < opens)
        {
            return new($"Die Anmeldung ist ab {BerlinTime.DateTime(opens)} möglich.");
        }
        if (now > (registration.Closes ?? ev.Start) || now > ev.End)
        {
            return new("Die Anmeldefrist ist abgelaufen. Eine Anmeldung ist nicht mehr möglich.");
        }
        return null;
    }

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

    /// <summary>Submits a transaction; false when a concurrent writer won (412) or a row appeared meanwhile (409).</summary>
    private async Task<bool> TrySubmitAsync(List<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        try
        {
            await Table.SubmitTransactionOnceAsync(actions, cancellationToken);
            if (actions.Exists(a => a.Entity.RowKey.StartsWith(RegistrationKeys.Seats, StringComparison.Ordinal)))
            {
                catalogChanges.Changed();
            }
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 409 or 404)
        {
            logger.LogDebug("Transaction lost a race with status {Status} ({ErrorCode})", ex.Status, ex.ErrorCode);
            return false;
        }
    }

    private TableTransactionAction OutboxAction(string partitionKey, Registrations.Registration registration, RegistrationMailKind kind, CatalogEvent ev, string? token, string? sessionId = null)
    {
        var mailId = $"{registration.Id}-{registration.MailSequence:D3}-{kind}";
        var mail = mails.Render(mailId, kind, registration, ev, token, sessionId);
        var entry = OutboxEntry.Create(partitionKey, mail, kind.ToString(), registration.Id, timeProvider.GetUtcNow());
        return new TableTransactionAction(TableTransactionActionType.Add, entry.ToEntity());
    }

    private static TableTransactionAction IndexRow(string eventId, string rowKey, string registrationId) =>
        new(TableTransactionActionType.Add, new TableEntity(eventId, rowKey) { ["RegistrationId"] = registrationId });

    private static TableTransactionAction DeleteRow(string eventId, string rowKey) =>
        new(TableTransactionActionType.Delete, new TableEntity(eventId, rowKey), ETag.All);

    private static TableTransactionAction Replace(Registration registration) =>
        new(TableTransactionActionType.UpdateReplace, registration.ToEntity(), registration.ETag);

    /// <summary>Adds a fresh manage token to the registration; returns the token and the rows to write.</summary>
    private (string Token, Registration Updated, List<TableTransactionAction> Actions) NewManageToken(Registration registration)
    {
        var token = RegistrationTokens.Create(registration.EventId);
        var hash = RegistrationTokens.HashOf(token);
        var hashes = registration.ManageTokenHashes.Append(hash).ToList();
        List<TableTransactionAction> actions = [IndexRow(registration.EventId, RegistrationKeys.ManageToken + hash, registration.Id)];
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
            var batch = await Table.GetEntityIfExistsAsync<TableEntity>(eventId, RegistrationKeys.ReminderTokens + batchId, cancellationToken: cancellationToken);
            var remindedId = batch.HasValue ? ReminderTokens.Find(batch.Value!, hash) : null;
            var reminded = remindedId is null ? null : await GetAsync(eventId, remindedId, cancellationToken);
            // Anonymising or erasing a registration empties its token list; that ends its reminder links too.
            return reminded is { ManageTokenHashes.Count: > 0 } ? reminded : null;
        }
        var index = await Table.GetEntityIfExistsAsync<TableEntity>(eventId, indexPrefix + hash, cancellationToken: cancellationToken);
        if (!index.HasValue || index.Value!.GetString("RegistrationId") is not { } registrationId)
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

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VirServerless.Core.Outbox;
using VirServerless.Core.Registrations;
using VirServerless.Core.Storage.Conversations;
using VirServerless.Core.Storage.Events;
using VirServerless.Core.Storage.Outbox;
using VirServerless.Core.Storage.Registrations;
using VirServerless.Core.Storage.Retention;

namespace VirServerless.Core.Retention;

public sealed class RetentionOptions
{
    public const string SectionName = "Retention";

    /// <summary>Days after an event's end until its registrations are anonymised, unless the event sets <c>retentionDays</c>.</summary>
    public int DefaultRetentionDays { get; set; } = 30;

    /// <summary>How long a sent mail row keeps the recipient's address (for "did my mail go out?" questions).</summary>
    public TimeSpan SentMailAddressKept { get; set; } = TimeSpan.FromDays(7);
}

/// <summary>Counts of one purge run; no personal data.</summary>
public sealed record PurgeResult(int EventsPurged, int RegistrationsAnonymised, int ExpiredPendingDeleted, int IndexRowsDeleted, int MailRowsDeleted, int MailRowsStripped)
{
    /// <summary>Chat references, conversation states and chat reminder records of the bot deleted.</summary>
    public int BotRowsDeleted { get; init; }
}

/// <summary>
/// Removes personal data that is no longer needed: registrations of events whose retention has run out are anonymised
/// (organisation, status, sessions and dates stay for the counts per organisation), registrations never confirmed are
/// deleted once their confirmation link has expired (as the confirmation mail promises), and sent mail rows lose the
/// recipient's address. The bot's data follows the registrations: a chat reference and a conversation state linked to
/// an address stay while that address has a registration not yet anonymised (and at least the default retention period
/// after the opt-in or the last turn), chat reminder records go with their event; a state never linked to an address
/// goes the default retention period after the last turn. Each run writes a line with dates and counts to the deletion log in the Operations table.
/// </summary>
public sealed class PersonalDataPurge(
    RegistrationStore store,
    OutboxStore outbox,
    DeletionLog deletionLog,
    EventStore events,
    BotConversationStore botData,
    IOptions<RetentionOptions> options,
    TimeProvider timeProvider,
    ILogger<PersonalDataPurge> logger)
{
    public async Task<PurgeResult> RunAsync(CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        var total = new PurgeResult(0, 0, 0, 0, 0, 0);
        var perEvent = new Dictionary<string, PurgeResult>(StringComparer.Ordinal);
        var retained = new List<string>();
        foreach (var stored in await events.ListAsync(cancellationToken))
        {
            var ev = stored.Event;
            var retentionEnds = ev.End + TimeSpan.FromDays(ev.RetentionDays ?? options.Value.DefaultRetentionDays);
            if (now < retentionEnds)
            {
                retained.Add(ev.Id);
            }
            var result = now >= retentionEnds
                ? await PurgeEventAsync(ev.Id, cancellationToken)
                : await TidyEventAsync(ev.Id, now, cancellationToken);
            if (result != new PurgeResult(0, 0, 0, 0, 0, 0))
            {
                perEvent[ev.Id] = result;
                total = Add(total, result);
            }
        }
        total = total with { BotRowsDeleted = await PurgeBotDataAsync(now, retained, cancellationToken) };
        await deletionLog.AppendAsync(now, total, perEvent, cancellationToken);
        logger.LogInformation(
            "Purge: {Events} events past retention, {Anonymised} registrations anonymised, {Expired} unconfirmed deleted, {IndexRows} index rows and {MailRows} mail rows deleted, {Stripped} sent mails stripped, {BotRows} bot rows deleted",
            total.EventsPurged, total.RegistrationsAnonymised, total.ExpiredPendingDeleted, total.IndexRowsDeleted, total.MailRowsDeleted, total.MailRowsStripped, total.BotRowsDeleted);
        return total;
    }

    /// <summary>Retention over: anonymise every registration, drop every index and mail row of the event.</summary>
    private async Task<PurgeResult> PurgeEventAsync(string eventId, CancellationToken cancellationToken)
    {
        var partition = await store.ReadAllAsync(eventId, cancellationToken);
        var anonymised = 0;
        foreach (var registration in partition.Registrations.Where(HasPersonalData))
        {
            if (await store.TrySubmitAsync([new RegistrationChange.Replace(registration.Anonymised())], cancellationToken))
            {
                anonymised++;
            }
        }
        var indexRows = await DeleteAllAsync(eventId, partition.IndexRows.Select(row => row.RowKey), cancellationToken);
        var mails = await DeleteAllAsync(eventId, partition.Mails.Select(mail => OutboxEntry.RowKeyFor(mail.Mail.Id)), cancellationToken);
        return new PurgeResult(anonymised > 0 || indexRows > 0 || mails > 0 ? 1 : 0, anonymised, 0, indexRows, mails, 0);
    }

    /// <summary>Event still within retention: delete expired unconfirmed registrations and strip old sent mails.</summary>
    private async Task<PurgeResult> TidyEventAsync(string eventId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var partition = await store.ReadAllAsync(eventId, cancellationToken);
        int expired = 0, indexRows = 0, mailRows = 0, stripped = 0;
        foreach (var registration in partition.Registrations.Where(r => r.Status == RegistrationStatus.Pending && r.ConfirmTokenExpiresAt is { } expires && expires < now))
        {
            var index = partition.IndexRows.Where(row => row.RegistrationId == registration.Id).Select(row => row.RowKey).ToList();
            var mails = partition.Mails.Where(mail => mail.RegistrationId == registration.Id).Select(mail => OutboxEntry.RowKeyFor(mail.Mail.Id)).ToList();
            List<RegistrationChange> actions = [new RegistrationChange.Delete(registration)];
            // A transaction holds 100 rows; anything beyond (never seen in practice) goes with the event's purge.
            var rows = index.Concat(mails).Take(99).ToList();
            actions.AddRange(rows.Select(rowKey => new RegistrationChange.DeleteRow(eventId, rowKey)));
            if (await store.TrySubmitAsync(actions, cancellationToken))
            {
                expired++;
                indexRows += rows.Count(index.Contains);
                mailRows += rows.Count(mails.Contains);
            }
        }
        var keepUntil = now - options.Value.SentMailAddressKept;
        foreach (var mail in partition.Mails.Where(m => m.State == OutboxState.Sent && m.SentAt < keepUntil && !string.IsNullOrEmpty(m.Mail.To.Address)))
        {
            if (await outbox.TryStripAsync(mail, cancellationToken))
            {
                stripped++;
            }
        }
        return new PurgeResult(0, 0, expired, indexRows, mailRows, stripped);
    }

    /// <summary>Deletes the bot's rows whose reason to exist has gone (see the class summary); returns how many.</summary>
    private async Task<int> PurgeBotDataAsync(DateTimeOffset now, IReadOnlyList<string> retainedEvents, CancellationToken cancellationToken)
    {
        var graceEnded = now - TimeSpan.FromDays(options.Value.DefaultRetentionDays);
        var registered = new Dictionary<string, bool>(StringComparer.Ordinal);
        async Task<bool> StillRegisteredAsync(string emailKey)
        {
            if (!registered.TryGetValue(emailKey, out var found))
            {
                found = false;
                foreach (var eventId in retainedEvents)
                {
                    if (await store.FindIdAsync(eventId, RegistrationKeys.Email + emailKey, cancellationToken) is not null)
                    {
                        found = true;
                        break;
                    }
                }
                registered[emailKey] = found;
            }
            return found;
        }

        var deleted = 0;
        await foreach (var record in botData.ListChatRemindersAsync(cancellationToken))
        {
            if (!retainedEvents.Contains(record.EventId))
            {
                await botData.DeleteChatReminderAsync(record, cancellationToken);
                deleted++;
            }
        }
        await foreach (var (emailKey, reference) in botData.ListReferencesAsync(cancellationToken))
        {
            if (reference.OptedInAt < graceEnded && !await StillRegisteredAsync(emailKey))
            {
                await botData.DeleteReferenceByKeyAsync(emailKey, cancellationToken);
                deleted++;
            }
        }
        await foreach (var (state, changedAt) in botData.ChangedSinceAsync(null, cancellationToken))
        {
            if (changedAt < graceEnded && (state.EmailHash is not { } emailKey || !await StillRegisteredAsync(emailKey)))
            {
                await botData.DeleteStateAsync(state.UserKey, cancellationToken);
                deleted++;
            }
        }
        return deleted;
    }

    private static bool HasPersonalData(Registration r) =>
        r.FirstName.Length > 0 || r.LastName.Length > 0 || r.Email.Length > 0 || r.Role is not null || r.Dietary is not null || r.AccessibilityNeeds is not null || r.RequestKey is not null || r.CheckInCode is not null;

    /// <summary>Deletes rows a hundred at a time; a lost race (a row vanished meanwhile) falls back to single deletes.</summary>
    private async Task<int> DeleteAllAsync(string eventId, IEnumerable<string> rowKeys, CancellationToken cancellationToken)
    {
        var deleted = 0;
        foreach (var chunk in rowKeys.Chunk(100))
        {
            if (await store.TrySubmitAsync([.. chunk.Select(rowKey => new RegistrationChange.DeleteRow(eventId, rowKey))], cancellationToken))
            {
                deleted += chunk.Length;
            }
            else
            {
                // One row vanished meanwhile (a person deleted their data).
                foreach (var rowKey in chunk)
                {
                    deleted += await store.TryDeleteRowAsync(eventId, rowKey, cancellationToken) ? 1 : 0;
                }
            }
        }
        return deleted;
    }

    private static PurgeResult Add(PurgeResult a, PurgeResult b) => new(
        a.EventsPurged + b.EventsPurged, a.RegistrationsAnonymised + b.RegistrationsAnonymised, a.ExpiredPendingDeleted + b.ExpiredPendingDeleted,
        a.IndexRowsDeleted + b.IndexRowsDeleted, a.MailRowsDeleted + b.MailRowsDeleted, a.MailRowsStripped + b.MailRowsStripped);
}

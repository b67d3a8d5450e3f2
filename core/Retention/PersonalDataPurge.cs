using System.Globalization;
using System.Text.Json;
using Azure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VirServerless.Core.Events;
using VirServerless.Core.Outbox;
using VirServerless.Core.Registrations;
using VirServerless.Core.Storage;
using Azure.Data.Tables;

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
public sealed record PurgeResult(int EventsPurged, int RegistrationsAnonymised, int ExpiredPendingDeleted, int IndexRowsDeleted, int MailRowsDeleted, int MailRowsStripped);

/// <summary>
/// Removes personal data that is no longer needed: registrations of events whose retention has run out are anonymised
/// (organisation, status, sessions and dates stay for the counts per organisation), registrations never confirmed are
/// deleted once their confirmation link has expired (as the confirmation mail promises), and sent mail rows lose the
/// recipient's address. Each run writes a line with dates and counts to the deletion log in the Operations table.
/// </summary>
public sealed class PersonalDataPurge(
    StorageTables tables,
    EventStore events,
    IOptions<RetentionOptions> options,
    TimeProvider timeProvider,
    ILogger<PersonalDataPurge> logger)
{
    public const string LogPartition = "deletion-log";

    private TableClient Table => tables.Registrations;

    public async Task<PurgeResult> RunAsync(CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        var total = new PurgeResult(0, 0, 0, 0, 0, 0);
        var perEvent = new Dictionary<string, PurgeResult>(StringComparer.Ordinal);
        foreach (var stored in await events.ListAsync(cancellationToken))
        {
            var ev = stored.Event;
            var retentionEnds = ev.End + TimeSpan.FromDays(ev.RetentionDays ?? options.Value.DefaultRetentionDays);
            var result = now >= retentionEnds
                ? await PurgeEventAsync(ev.Id, cancellationToken)
                : await TidyEventAsync(ev.Id, now, cancellationToken);
            if (result != new PurgeResult(0, 0, 0, 0, 0, 0))
            {
                perEvent[ev.Id] = result;
                total = Add(total, result);
            }
        }
        await WriteLogAsync(now, total, perEvent, cancellationToken);
        logger.LogInformation(
            "Purge: {Events} events past retention, {Anonymised} registrations anonymised, {Expired} unconfirmed deleted, {IndexRows} index rows and {MailRows} mail rows deleted, {Stripped} sent mails stripped",
            total.EventsPurged, total.RegistrationsAnonymised, total.ExpiredPendingDeleted, total.IndexRowsDeleted, total.MailRowsDeleted, total.MailRowsStripped);
        return total;
    }

    private sealed record Partition(List<Registration> Registrations, List<TableEntity> IndexRows, List<TableEntity> Mails);

    private async Task<Partition> ReadAsync(string eventId, CancellationToken cancellationToken)
    {
        var partition = new Partition([], [], []);
        await foreach (var entity in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {eventId}"), cancellationToken: cancellationToken))
        {
            var key = entity.RowKey;
            if (key.StartsWith(RegistrationKeys.Registration, StringComparison.Ordinal))
            {
                partition.Registrations.Add(Registration.FromEntity(entity));
            }
            else if (key.StartsWith(RegistrationKeys.Outbox, StringComparison.Ordinal))
            {
                partition.Mails.Add(entity);
            }
            else if (key.StartsWith(RegistrationKeys.Email, StringComparison.Ordinal) || key.StartsWith(RegistrationKeys.ConfirmToken, StringComparison.Ordinal)
                     || key.StartsWith(RegistrationKeys.ManageToken, StringComparison.Ordinal)
                     || key.StartsWith(RegistrationKeys.ReminderTokens, StringComparison.Ordinal) || key.StartsWith(RegistrationKeys.ReminderJob, StringComparison.Ordinal))
            {
                partition.IndexRows.Add(entity);
            }
        }
        return partition;
    }

    /// <summary>Retention over: anonymise every registration, drop every index and mail row of the event.</summary>
    private async Task<PurgeResult> PurgeEventAsync(string eventId, CancellationToken cancellationToken)
    {
        var partition = await ReadAsync(eventId, cancellationToken);
        var anonymised = 0;
        foreach (var registration in partition.Registrations.Where(HasPersonalData))
        {
            if (await TrySubmitAsync([new(TableTransactionActionType.UpdateReplace, registration.Anonymised().ToEntity(), registration.ETag)], cancellationToken))
            {
                anonymised++;
            }
        }
        var indexRows = await DeleteAllAsync(partition.IndexRows, cancellationToken);
        var mails = await DeleteAllAsync(partition.Mails, cancellationToken);
        return new PurgeResult(anonymised > 0 || indexRows > 0 || mails > 0 ? 1 : 0, anonymised, 0, indexRows, mails, 0);
    }

    /// <summary>Event still within retention: delete expired unconfirmed registrations and strip old sent mails.</summary>
    private async Task<PurgeResult> TidyEventAsync(string eventId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var partition = await ReadAsync(eventId, cancellationToken);
        int expired = 0, indexRows = 0, mailRows = 0, stripped = 0;
        foreach (var registration in partition.Registrations.Where(r => r.Status == RegistrationStatus.Pending && r.ConfirmTokenExpiresAt is { } expires && expires < now))
        {
            var index = partition.IndexRows.Where(row => row.GetString("RegistrationId") == registration.Id).ToList();
            var mails = partition.Mails.Where(row => row.GetString("RegistrationId") == registration.Id).ToList();
            List<TableTransactionAction> actions = [new(TableTransactionActionType.Delete, registration.ToEntity(), registration.ETag)];
            // A transaction holds 100 rows; anything beyond (never seen in practice) goes with the event's purge.
            var rows = index.Concat(mails).Take(99).ToList();
            actions.AddRange(rows.Select(row => new TableTransactionAction(TableTransactionActionType.Delete, row, ETag.All)));
            if (await TrySubmitAsync(actions, cancellationToken))
            {
                expired++;
                indexRows += rows.Count(index.Contains);
                mailRows += rows.Count(mails.Contains);
            }
        }
        var keepUntil = now - options.Value.SentMailAddressKept;
        foreach (var mail in partition.Mails.Where(m => m.GetString("State") == nameof(OutboxState.Sent) && m.GetDateTimeOffset("SentAt") < keepUntil && !string.IsNullOrEmpty(m.GetString("ToAddress"))))
        {
            var strippedRow = new TableEntity(mail.PartitionKey, mail.RowKey) { ["ToAddress"] = "", ["ToName"] = "", ["PlainText"] = "", ["Html"] = "", ["Attachments"] = "[]" };
            if (await TryAsync(() => Table.UpdateEntityOnceAsync(strippedRow, mail.ETag, TableUpdateMode.Merge, cancellationToken)))
            {
                stripped++;
            }
        }
        return new PurgeResult(0, 0, expired, indexRows, mailRows, stripped);
    }

    private static bool HasPersonalData(Registration r) =>
        r.FirstName.Length > 0 || r.LastName.Length > 0 || r.Email.Length > 0 || r.Role is not null || r.Dietary is not null || r.AccessibilityNeeds is not null || r.RequestKey is not null;

    private async Task<int> DeleteAllAsync(List<TableEntity> rows, CancellationToken cancellationToken)
    {
        var deleted = 0;
        foreach (var chunk in rows.Chunk(100))
        {
            if (await TrySubmitAsync([.. chunk.Select(row => new TableTransactionAction(TableTransactionActionType.Delete, row, ETag.All))], cancellationToken))
            {
                deleted += chunk.Length;
            }
            else
            {
                // One row vanished meanwhile (a person deleted their data); fall back to single deletes.
                foreach (var row in chunk)
                {
                    deleted += await TryAsync(() => Table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken)) ? 1 : 0;
                }
            }
        }
        return deleted;
    }

    private async Task<bool> TrySubmitAsync(List<TableTransactionAction> actions, CancellationToken cancellationToken) =>
        await TryAsync(() => Table.SubmitTransactionOnceAsync(actions, cancellationToken));

    /// <summary>A lost race (the row changed or vanished) is left to the next run.</summary>
    private async Task<bool> TryAsync<T>(Func<Task<T>> operation)
    {
        try
        {
            await operation();
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 409 or 412)
        {
            logger.LogDebug("Purge step lost a race with status {Status}; the next run retries", ex.Status);
            return false;
        }
    }

    private async Task WriteLogAsync(DateTimeOffset now, PurgeResult total, Dictionary<string, PurgeResult> perEvent, CancellationToken cancellationToken)
    {
        var row = new TableEntity(LogPartition, now.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfffffff'Z'", CultureInfo.InvariantCulture))
        {
            ["RanAt"] = now,
            ["EventsPurged"] = total.EventsPurged,
            ["RegistrationsAnonymised"] = total.RegistrationsAnonymised,
            ["ExpiredPendingDeleted"] = total.ExpiredPendingDeleted,
            ["IndexRowsDeleted"] = total.IndexRowsDeleted,
            ["MailRowsDeleted"] = total.MailRowsDeleted,
            ["MailRowsStripped"] = total.MailRowsStripped,
            // Event ids and counts only; event ids are public catalog slugs.
            ["PerEvent"] = JsonSerializer.Serialize(perEvent),
        };
        await tables.Operations.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
    }

    private static PurgeResult Add(PurgeResult a, PurgeResult b) => new(
        a.EventsPurged + b.EventsPurged, a.RegistrationsAnonymised + b.RegistrationsAnonymised, a.ExpiredPendingDeleted + b.ExpiredPendingDeleted,
        a.IndexRowsDeleted + b.IndexRowsDeleted, a.MailRowsDeleted + b.MailRowsDeleted, a.MailRowsStripped + b.MailRowsStripped);
}

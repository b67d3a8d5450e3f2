using Azure;
using Azure.Data.Tables;

namespace VirServerless.Core.Storage.Conversations;

public enum ChatReminderState { Claimed, Sent, Undeliverable }

/// <summary>
/// One chat reminder of one person for one offset of one event, row <c>{eventId}|{offset}</c> in partition
/// <c>chat-sent|{emailKey}</c>. Written before the message goes out (Add, or If-Match after an expired lease), so an
/// overlapping run skips it. Only ids and dates.
/// </summary>
public sealed record ChatReminderRecord(string EmailKey, string EventId, string Offset, string RegistrationId)
{
    public ChatReminderState State { get; init; }
    public DateTimeOffset ClaimedAt { get; init; }

    /// <summary>Until when the claiming run may send; after it another run takes the reminder over.</summary>
    public DateTimeOffset? LeaseUntil { get; init; }

    public DateTimeOffset? DoneAt { get; init; }
    public string? Revision { get; init; }
}

/// <summary>What the bot keeps about one e-mail address (DSGVO Art. 15).</summary>
public sealed record BotPersonalData(StoredChatReference? Reference, IReadOnlyList<StoredConversation> Conversations, IReadOnlyList<ChatReminderRecord> ChatReminders)
{
    public bool IsEmpty => Reference is null && Conversations.Count == 0 && ChatReminders.Count == 0;
}

public sealed partial class BotConversationStore
{
    private const string SentPrefix = "chat-sent|";

    public async Task<ChatReminderRecord?> GetChatReminderAsync(string emailKey, string eventId, string offset, CancellationToken cancellationToken = default)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(SentPrefix + emailKey, SentRow(eventId, offset), cancellationToken: cancellationToken);
        return response.HasValue ? RecordFromEntity(response.Value!) : null;
    }

    /// <summary>Writes <paramref name="claimed"/> over <paramref name="stored"/> (If-Match; Add when null); null when another run wrote first.</summary>
    public async Task<ChatReminderRecord?> TryWriteChatReminderAsync(ChatReminderRecord? stored, ChatReminderRecord claimed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        try
        {
            var response = stored is null
                ? await Table.AddEntityOnceAsync(RecordToEntity(claimed), cancellationToken)
                : await Table.UpdateEntityOnceAsync(RecordToEntity(claimed), Revisions.ToETag(stored.Revision), TableUpdateMode.Replace, cancellationToken);
            return claimed with { Revision = Revisions.Of(response) };
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 409 or 412)
        {
            return null;
        }
    }

    /// <summary>Every chat reminder record (for the purge).</summary>
    public IAsyncEnumerable<ChatReminderRecord> ListChatRemindersAsync(CancellationToken cancellationToken = default) =>
        Table.QueryAsync<TableEntity>(RangeFilter(SentPrefix), cancellationToken: cancellationToken).Select(RecordFromEntity);

    public async Task DeleteChatReminderAsync(ChatReminderRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        await Table.DeleteEntityAsync(SentPrefix + record.EmailKey, SentRow(record.EventId, record.Offset), ETag.All, cancellationToken);
    }

    /// <summary>Deletes a user's conversation state; nothing to delete is fine.</summary>
    public async Task DeleteStateAsync(string userKey, CancellationToken cancellationToken = default) =>
        await Table.DeleteEntityAsync(UserPrefix + userKey, StateRow, ETag.All, cancellationToken);

    /// <summary>The chat reference, the conversation states linked to the address and its chat reminder records.</summary>
    public async Task<BotPersonalData> ExportAsync(string email, CancellationToken cancellationToken = default)
    {
        var key = EmailKey(email);
        var states = await Table.QueryAsync<TableEntity>(
                RangeFilter(UserPrefix) + " and " + TableClient.CreateQueryFilter($"EmailHash eq {key}"), cancellationToken: cancellationToken)
            .Where(e => e.RowKey == StateRow)
            .Select(e => FromEntity(e.PartitionKey[UserPrefix.Length..], e))
            .ToListAsync(cancellationToken);
        var reminders = await Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {SentPrefix + key}"), cancellationToken: cancellationToken)
            .Select(RecordFromEntity)
            .ToListAsync(cancellationToken);
        return new BotPersonalData(await FindReferenceByKeyAsync(key, cancellationToken), states, reminders);
    }

    /// <summary>Erases everything <see cref="ExportAsync"/> finds for the address (DSGVO Art. 17); returns the rows deleted.</summary>
    public async Task<int> DeletePersonAsync(string email, CancellationToken cancellationToken = default)
    {
        var data = await ExportAsync(email, cancellationToken);
        foreach (var state in data.Conversations)
        {
            await DeleteStateAsync(state.UserKey, cancellationToken);
        }
        foreach (var record in data.ChatReminders)
        {
            await DeleteChatReminderAsync(record, cancellationToken);
        }
        if (data.Reference is not null)
        {
            await DeleteReferenceAsync(email, cancellationToken);
        }
        return data.Conversations.Count + data.ChatReminders.Count + (data.Reference is null ? 0 : 1);
    }

    /// <summary>Every stored chat reference with its key (for the purge).</summary>
    public IAsyncEnumerable<(string EmailKey, StoredChatReference Reference)> ListReferencesAsync(CancellationToken cancellationToken = default) =>
        Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {ReferencePartition}"), cancellationToken: cancellationToken)
            .Select(e => (e.RowKey, ReferenceFromEntity(e)));

    private static string RangeFilter(string prefix) =>
        TableClient.CreateQueryFilter($"PartitionKey ge {prefix} and PartitionKey lt {prefix[..^1] + "}"}");

    private static string SentRow(string eventId, string offset) => eventId + "|" + offset;

    private static TableEntity RecordToEntity(ChatReminderRecord record)
    {
        var entity = new TableEntity(SentPrefix + record.EmailKey, SentRow(record.EventId, record.Offset))
        {
            ["EventId"] = record.EventId,
            ["Offset"] = record.Offset,
            ["RegistrationId"] = record.RegistrationId,
            ["State"] = record.State.ToString(),
            ["ClaimedAt"] = record.ClaimedAt,
        };
        if (record.LeaseUntil is { } lease)
        {
            entity["LeaseUntil"] = lease;
        }
        if (record.DoneAt is { } done)
        {
            entity["DoneAt"] = done;
        }
        return entity;
    }

    private static ChatReminderRecord RecordFromEntity(TableEntity e) =>
        new(e.PartitionKey[SentPrefix.Length..], e.GetString("EventId") ?? "", e.GetString("Offset") ?? "", e.GetString("RegistrationId") ?? "")
        {
            State = Enum.TryParse<ChatReminderState>(e.GetString("State"), out var state) ? state : ChatReminderState.Claimed,
            ClaimedAt = e.GetDateTimeOffset("ClaimedAt") ?? default,
            LeaseUntil = e.GetDateTimeOffset("LeaseUntil"),
            DoneAt = e.GetDateTimeOffset("DoneAt"),
            Revision = Revisions.Of(e.ETag),
        };
}

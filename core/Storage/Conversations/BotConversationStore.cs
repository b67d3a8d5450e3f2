using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using VirServerless.Core.Registrations;

namespace VirServerless.Core.Storage.Conversations;

/// <summary>What the bot keeps about one user between turns, as stored (the bot's own type maps to and from it).</summary>
public sealed record StoredConversation(
    string UserKey, string? EventId, string? SessionId, int? Day, string? Language, string? Organization, string? PendingCancelEventId)
{
    /// <summary>Hash of the user's roster e-mail address once known, so export, erasure and purge find the row.</summary>
    public string? EmailHash { get; init; }

    /// <summary>The stored version this was read at (null: nothing stored yet).</summary>
    public string? Revision { get; init; }

    /// <summary>
    /// What a follow-up refers to beyond the event: the question asked back about, the previous answer's kind, whether it
    /// expected yes/no, and the FAQ entry it quoted. Kept so that a restart or another instance answers "und wo?" alike.
    /// </summary>
    public StoredFollowUp FollowUp { get; init; } = StoredFollowUp.None;
}

/// <summary>The follow-up context of a conversation, as plain values (the bot owns their meaning).</summary>
public sealed record StoredFollowUp(string? Pending, string? LastIntent, bool LastYesNo, string? LastFaq)
{
    /// <summary>The clock time (minute of the day) the previous answer gave the programme at.</summary>
    public int? LastMinute { get; init; }

    public static StoredFollowUp None { get; } = new(null, null, false, null);
}

/// <summary>Where a proactive message to one user goes, as stored for chat reminders.</summary>
public sealed record StoredChatReference(
    string ServiceUrl, string ConversationId, string UserId, string? UserName, string BotId, string? BotName, string? TenantId, string? ChannelId, DateTimeOffset OptedInAt);

/// <summary>
/// The Conversations table: per user (partition <c>user|{key}</c>) the row <c>state</c>, and in partition
/// <c>chat-reminders</c> the conversation references of people who asked for reminders in the chat, keyed by the hash
/// of their e-mail address (the reminder run knows registrations by address; the index row <c>email|{hash}</c> of an
/// event's partition uses the same hash). Partition <c>chat-sent|{hash}</c> records each chat reminder (see
/// <see cref="ChatReminderRecord"/>).
/// </summary>
public sealed partial class BotConversationStore(StorageTables tables)
{
    private const string StateRow = "state";
    private const string UserPrefix = "user|";
    private const string ReferencePartition = "chat-reminders";

    private TableClient Table => tables.Conversations;

    public async Task<StoredConversation?> GetAsync(string userKey, CancellationToken cancellationToken = default)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(UserPrefix + userKey, StateRow, cancellationToken: cancellationToken);
        return response.HasValue ? FromEntity(userKey, response.Value!) : null;
    }

    /// <summary>Writes the state guarded by its revision (new when null); the new revision, or null when another instance wrote first.</summary>
    public async Task<string?> TryWriteAsync(StoredConversation state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        try
        {
            var response = state.Revision is null
                ? await Table.AddEntityOnceAsync(ToEntity(state), cancellationToken)
                : await Table.UpdateEntityOnceAsync(ToEntity(state), Revisions.ToETag(state.Revision), TableUpdateMode.Replace, cancellationToken);
            return Revisions.Of(response);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 409 or 412)
        {
            // 404: the row was erased (Art. 17 or purge) since it was read; the caller re-reads and writes it anew.
            return null;
        }
    }

    /// <summary>Every user's state (changed at or after <paramref name="since"/>, if given), with the storage time of its last change.</summary>
    public async IAsyncEnumerable<(StoredConversation State, DateTimeOffset? ChangedAt)> ChangedSinceAsync(DateTimeOffset? since, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {UserPrefix} and PartitionKey lt {"user}"}");
        if (since is { } from)
        {
            filter += " and " + TableClient.CreateQueryFilter($"Timestamp ge {from}");
        }
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (entity.RowKey == StateRow)
            {
                yield return (FromEntity(entity.PartitionKey[UserPrefix.Length..], entity), entity.Timestamp);
            }
        }
    }

    public async Task SaveReferenceAsync(string email, StoredChatReference reference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var entity = new TableEntity(ReferencePartition, EmailKey(email))
        {
            ["ServiceUrl"] = reference.ServiceUrl,
            ["ConversationId"] = reference.ConversationId,
            ["UserId"] = reference.UserId,
            ["UserName"] = reference.UserName ?? "",
            ["BotId"] = reference.BotId,
            ["BotName"] = reference.BotName ?? "",
            ["TenantId"] = reference.TenantId ?? "",
            ["ChannelId"] = reference.ChannelId ?? "",
            ["OptedInAt"] = reference.OptedInAt,
        };
        await Table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>Forgets the reference; nothing to forget is fine.</summary>
    public Task DeleteReferenceAsync(string email, CancellationToken cancellationToken = default) =>
        DeleteReferenceByKeyAsync(EmailKey(email), cancellationToken);

    /// <summary>Forgets the reference stored under an e-mail hash; nothing to forget is fine.</summary>
    public async Task DeleteReferenceByKeyAsync(string emailKey, CancellationToken cancellationToken = default) =>
        await Table.DeleteEntityAsync(ReferencePartition, emailKey, ETag.All, cancellationToken);

    public Task<StoredChatReference?> FindReferenceAsync(string email, CancellationToken cancellationToken = default) =>
        FindReferenceByKeyAsync(EmailKey(email), cancellationToken);

    public async Task<StoredChatReference?> FindReferenceByKeyAsync(string emailKey, CancellationToken cancellationToken = default)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(ReferencePartition, emailKey, cancellationToken: cancellationToken);
        return response.HasValue ? ReferenceFromEntity(response.Value!) : null;
    }

    /// <summary>The e-mail hashes of everyone who opted in to chat reminders.</summary>
    public async Task<IReadOnlyList<string>> ListReferenceKeysAsync(CancellationToken cancellationToken = default)
    {
        var keys = new List<string>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {ReferencePartition}"), select: ["RowKey"], cancellationToken: cancellationToken))
        {
            keys.Add(entity.RowKey);
        }
        return keys;
    }

    /// <summary>The key of a person's bot data: the same hash as the <c>email|</c> index row of their registrations.</summary>
    public static string EmailKey(string email) => RegistrationKeys.Hash(RegistrationKeys.NormalizeEmail(email));

    private static StoredChatReference ReferenceFromEntity(TableEntity e) =>
        new(e.GetString("ServiceUrl")!, e.GetString("ConversationId")!, e.GetString("UserId")!, Blank(e.GetString("UserName")),
            e.GetString("BotId")!, Blank(e.GetString("BotName")), Blank(e.GetString("TenantId")), Blank(e.GetString("ChannelId")),
            e.GetDateTimeOffset("OptedInAt") ?? default);

    private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static TableEntity ToEntity(StoredConversation state)
    {
        var entity = new TableEntity(UserPrefix + state.UserKey, StateRow)
        {
            ["EventId"] = state.EventId,
            ["SessionId"] = state.SessionId,
            ["Day"] = state.Day,
            ["Language"] = state.Language,
            ["Organization"] = state.Organization,
            ["PendingCancelEventId"] = state.PendingCancelEventId,
            ["EmailHash"] = state.EmailHash,
            ["Pending"] = state.FollowUp.Pending,
            ["LastIntent"] = state.FollowUp.LastIntent,
            ["LastYesNo"] = state.FollowUp.LastYesNo ? true : null,
            ["LastFaq"] = state.FollowUp.LastFaq,
            ["LastMinute"] = state.FollowUp.LastMinute,
        };
        foreach (var key in entity.Keys.Where(k => entity[k] is null).ToList())
        {
            entity.Remove(key);
        }
        return entity;
    }

    private static StoredConversation FromEntity(string userKey, TableEntity entity) =>
        new(userKey, entity.GetString("EventId"), entity.GetString("SessionId"), entity.GetInt32("Day"), entity.GetString("Language"),
            entity.GetString("Organization"), entity.GetString("PendingCancelEventId"))
        {
            EmailHash = entity.GetString("EmailHash"),
            Revision = Revisions.Of(entity.ETag),
            FollowUp = new StoredFollowUp(entity.GetString("Pending"), entity.GetString("LastIntent"),
                entity.GetBoolean("LastYesNo") ?? false, entity.GetString("LastFaq")) { LastMinute = entity.GetInt32("LastMinute") },
        };
}

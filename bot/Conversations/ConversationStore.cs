using Azure;
using VirServerless.Bot.Questions;
using VirServerless.Core.Registrations;
using VirServerless.Core.Storage;
using VirServerless.Core.Storage.Tables;

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

    public ETag ETag { get; init; }
}

/// <summary>
/// Conversation state in <see cref="StorageTables.Conversations"/>: one partition per user (<c>user|{key}</c>), row
/// <c>state</c>. Two turns of one user may overlap (double click on a card), so every write carries the ETag it read.
/// </summary>
public sealed class ConversationStore(StorageTables tables)
{
    private const string StateRow = "state";
    private const int MaxAttempts = 5;

    private TableClient Table => tables.Conversations;

    /// <summary>Stable key of a user: the Entra object id when the channel sends it, else the channel's user id.</summary>
    public static string UserKey(string? aadObjectId, string userId)
    {
        var key = string.IsNullOrWhiteSpace(aadObjectId) ? userId : aadObjectId;
        // Table keys cannot hold '/', '\', '#', '?' or control characters, and are limited to 1 KiB.
        return key.Length <= 200 && !key.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c))
            ? key
            : "h" + RegistrationKeys.Hash(key);
    }

    public async Task<UserConversation> GetAsync(string userKey, CancellationToken cancellationToken)
    {
        var response = await Table.GetEntityIfExistsAsync(Partition(userKey), StateRow, cancellationToken: cancellationToken);
        return response.HasValue ? FromEntity(userKey, response.Value!) : new UserConversation { UserKey = userKey };
    }

    /// <summary>Applies <paramref name="change"/> to the latest state; re-reads and applies again when another turn wrote first.</summary>
    public async Task<UserConversation> UpdateAsync(string userKey, Func<UserConversation, UserConversation> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        for (var attempt = 1; ; attempt++)
        {
            var current = await GetAsync(userKey, cancellationToken);
            var updated = change(current) with { UserKey = userKey };
            var entity = ToEntity(updated);
            try
            {
                var response = current.ETag == default
                    ? await Table.AddEntityAsync(entity, cancellationToken)
                    : await Table.UpdateEntityAsync(entity, current.ETag, TableUpdateMode.Replace, cancellationToken);
                return updated with { ETag = response.Headers.ETag ?? default };
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < MaxAttempts)
            {
                // Another turn of the same user won; apply this change on top of it.
            }
        }
    }

    private static string Partition(string userKey) => "user|" + userKey;

    private static TableEntity ToEntity(UserConversation state)
    {
        var entity = new TableEntity(Partition(state.UserKey), StateRow)
        {
            ["EventId"] = state.Question.EventId,
            ["SessionId"] = state.Question.SessionId,
            ["Day"] = state.Question.Day,
            ["Language"] = state.Question.Language,
            ["Organization"] = state.Organization,
            ["PendingCancelEventId"] = state.PendingCancelEventId,
        };
        foreach (var key in entity.Keys.Where(k => entity[k] is null).ToList())
        {
            entity.Remove(key);
        }
        return entity;
    }

    private static UserConversation FromEntity(string userKey, TableEntity entity) => new()
    {
        UserKey = userKey,
        Question = new ConversationState(entity.GetString("EventId"), entity.GetString("SessionId"), entity.GetInt32("Day"), entity.GetString("Language")),
        Organization = entity.GetString("Organization"),
        PendingCancelEventId = entity.GetString("PendingCancelEventId"),
        ETag = entity.ETag,
    };
}

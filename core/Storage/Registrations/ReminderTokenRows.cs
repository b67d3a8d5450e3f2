using Azure.Data.Tables;
using VirServerless.Core.Registrations;
using VirServerless.Core.Reminders;

namespace VirServerless.Core.Storage.Registrations;

/// <summary>A batch of reminder token hashes as row <c>remtok|{batch}</c> in its event's partition.</summary>
public static class ReminderTokenRows
{
    private const string Property = "Tokens";

    public static TableEntity ToEntity(ReminderTokenBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return new(batch.EventId, RegistrationKeys.ReminderTokens + batch.BatchId) { [Property] = batch.Entries };
    }

    public static ReminderTokenBatch FromEntity(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return new(entity.PartitionKey, entity.RowKey[RegistrationKeys.ReminderTokens.Length..], entity.GetString(Property) ?? "");
    }
}

using Azure.Data.Tables;
using VirServerless.Core.Registrations;
using VirServerless.Core.Reminders;

namespace VirServerless.Core.Storage.Reminders;

/// <summary>A reminder job as row <c>reminder|{offset}</c> in its event's partition of the Registrations table.</summary>
public static class ReminderJobRows
{
    public static TableEntity ToEntity(ReminderJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var entity = new TableEntity(job.EventId, ReminderJob.RowKeyFor(job.Offset))
        {
            ["Offset"] = job.Offset,
            ["DueAt"] = job.DueAt,
            ["State"] = job.State.ToString(),
            ["SentThrough"] = job.SentThrough,
            ["Batches"] = job.Batches,
            ["Sent"] = job.Sent,
        };
        if (job.LeaseUntil is { } lease)
        {
            entity["LeaseUntil"] = lease;
        }
        if (job.CompletedAt is { } completed)
        {
            entity["CompletedAt"] = completed;
        }
        return entity;
    }

    public static ReminderJob FromEntity(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return new()
        {
            EventId = entity.PartitionKey,
            Offset = entity.GetString("Offset") ?? entity.RowKey[RegistrationKeys.ReminderJob.Length..],
            DueAt = entity.GetDateTimeOffset("DueAt") ?? default,
            State = Enum.TryParse<ReminderJobState>(entity.GetString("State"), out var state) ? state : ReminderJobState.Running,
            LeaseUntil = entity.GetDateTimeOffset("LeaseUntil"),
            SentThrough = entity.GetString("SentThrough") ?? "",
            Batches = entity.GetInt32("Batches") ?? 0,
            Sent = entity.GetInt32("Sent") ?? 0,
            CompletedAt = entity.GetDateTimeOffset("CompletedAt"),
            Revision = Revisions.Of(entity.ETag),
        };
    }
}

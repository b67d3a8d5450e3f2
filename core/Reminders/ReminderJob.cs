using Azure;
using VirServerless.Core.Registrations;
using Azure.Data.Tables;

namespace VirServerless.Core.Reminders;

public enum ReminderJobState { Running, Done }

/// <summary>
/// The progress of one reminder offset of one event, row <c>reminder|{offset}</c> in the event's partition. It stands
/// in for a marker on every registration: registrations are walked in row-key order, and <see cref="SentThrough"/> is
/// the last row key up to which every due mail is known to have gone out (or to wait in the outbox). Whoever holds the
/// lease (<see cref="LeaseUntil"/>, guarded by the ETag) is the only run that writes. Only ids and counts, no personal data.
/// </summary>
public sealed record ReminderJob
{
    public required string EventId { get; init; }
    public required string Offset { get; init; }
    public required DateTimeOffset DueAt { get; init; }
    public ReminderJobState State { get; init; }
    public DateTimeOffset? LeaseUntil { get; init; }
    public string SentThrough { get; init; } = "";

    /// <summary>Token batches written so far; the next batch gets this number, so a resumed run never reuses one.</summary>
    public int Batches { get; init; }

    /// <summary>Reminders handed to the mail sender, counting again those a resumed run sent once more.</summary>
    public int Sent { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }
    public ETag ETag { get; init; }

    public static string RowKeyFor(string offset) => RegistrationKeys.ReminderJob + offset;

    public TableEntity ToEntity()
    {
        var entity = new TableEntity(EventId, RowKeyFor(Offset))
        {
            ["Offset"] = Offset,
            ["DueAt"] = DueAt,
            ["State"] = State.ToString(),
            ["SentThrough"] = SentThrough,
            ["Batches"] = Batches,
            ["Sent"] = Sent,
        };
        if (LeaseUntil is { } lease)
        {
            entity["LeaseUntil"] = lease;
        }
        if (CompletedAt is { } completed)
        {
            entity["CompletedAt"] = completed;
        }
        return entity;
    }

    public static ReminderJob FromEntity(TableEntity entity) => new()
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
        ETag = entity.ETag,
    };
}

using VirServerless.Core.Registrations;

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
    /// <summary>The stored version this was read at; the lease holder writes guarded by it.</summary>
    public string? Revision { get; init; }

    public static string RowKeyFor(string offset) => RegistrationKeys.ReminderJob + offset;
}

using VirServerless.Core.Mail;
using VirServerless.Core.Registrations;

namespace VirServerless.Core.Outbox;

public enum OutboxState { Pending, Sending, Sent, Failed, Dead }

/// <summary>
/// A mail waiting to go out, stored as row <c>outbox|{MailId}</c> in the partition of the change that caused it,
/// so it commits or fails together with that change.
/// </summary>
public sealed record OutboxEntry
{
    public required string PartitionKey { get; init; }
    public required OutgoingMail Mail { get; init; }
    public required string Kind { get; init; }
    public required OutboxState State { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public int Attempts { get; init; }
    public DateTimeOffset NextAttemptAt { get; init; }
    public DateTimeOffset? LeaseUntil { get; init; }
    public DateTimeOffset? SentAt { get; init; }
    public string? LastError { get; init; }
    public string? RegistrationId { get; init; }
    /// <summary>The stored body could not be opened with the configured key (it was sealed with another one).</summary>
    public bool BodyUnreadable { get; init; }
    /// <summary>The stored version this was read at; claims and outcomes are written guarded by it.</summary>
    public string? Revision { get; init; }

    public static string RowKeyFor(string mailId) => RegistrationKeys.Outbox + mailId;

    public static OutboxEntry Create(string partitionKey, OutgoingMail mail, string kind, string? registrationId, DateTimeOffset now) => new()
    {
        PartitionKey = partitionKey,
        Mail = mail,
        Kind = kind,
        State = OutboxState.Pending,
        CreatedAt = now,
        NextAttemptAt = now,
        RegistrationId = registrationId,
    };
}

namespace VirServerless.Core.Registrations;

public enum RegistrationStatus { Pending, Confirmed, Waitlisted, Declined, Cancelled }

public enum SessionSeatStatus { Requested, Booked, Waitlisted }

/// <summary>A chosen session. <c>Requested</c> while the person waits for an event seat.</summary>
public sealed record SessionChoice(string Id, SessionSeatStatus Status, DateTimeOffset Since);

/// <summary>One person's registration for one event, stored as row <c>reg|{Id}</c> in the event's partition.</summary>
public sealed record Registration
{
    public required string Id { get; init; }
    public required string EventId { get; init; }
    public required RegistrationStatus Status { get; init; }
    public required string FirstName { get; init; }
    public required string LastName { get; init; }
    public required string Email { get; init; }
    public required string Organization { get; init; }
    public string? Role { get; init; }
    public string? Dietary { get; init; }
    public string? AccessibilityNeeds { get; init; }
    public required string ConsentVersion { get; init; }
    public required DateTimeOffset ConsentGivenAt { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    /// <summary>Also the place in the waiting list: earlier confirmation, earlier seat.</summary>
    public DateTimeOffset? ConfirmedAt { get; init; }
    public DateTimeOffset? CancelledAt { get; init; }
    public IReadOnlyList<SessionChoice> Sessions { get; init; } = [];
    public string? ConfirmTokenHash { get; init; }
    public DateTimeOffset? ConfirmTokenExpiresAt { get; init; }
    /// <summary>Each mail with a manage link carries its own token; all stay valid until the registration ends.</summary>
    public IReadOnlyList<string> ManageTokenHashes { get; init; } = [];
    /// <summary>Idempotency key of the request that created the registration.</summary>
    public string? RequestKey { get; init; }
    public string Source { get; init; } = "web";
    /// <summary>Counts mails written for this registration; makes outbox ids deterministic.</summary>
    public int MailSequence { get; init; }
    public DateTimeOffset? LastNoticeAt { get; init; }
    /// <summary>Reminder offsets (as written in the event, e.g. <c>P7D</c>) already sent or skipped; written with the reminder mail.</summary>
    public IReadOnlyList<string> RemindersHandled { get; init; } = [];
    /// <summary>The code for the entrance (see <see cref="CheckInCodes"/>), given with the first confirmed seat.</summary>
    public string? CheckInCode { get; init; }
    /// <summary>When the person was checked in at the entrance; null when not (or when the check-in was undone).</summary>
    public DateTimeOffset? CheckedInAt { get; init; }
    /// <summary>The stored version this was read at (null: not stored yet); writes are guarded by it.</summary>
    public string? Revision { get; init; }

    public bool HoldsSeat => Status == RegistrationStatus.Confirmed;

    public bool IsActive => Status is RegistrationStatus.Pending or RegistrationStatus.Confirmed or RegistrationStatus.Waitlisted;

    public string FullName => $"{FirstName} {LastName}";

    /// <summary>What may stay once the person is gone: organisation, status, sessions and dates (the check-in time too), for the counts.</summary>
    public Registration Anonymised() => this with
    {
        FirstName = "",
        LastName = "",
        Email = "",
        Role = null,
        Dietary = null,
        AccessibilityNeeds = null,
        ConfirmTokenHash = null,
        ManageTokenHashes = [],
        RequestKey = null,
        CheckInCode = null,
    };

    public static string RowKeyFor(string id) => RegistrationKeys.Registration + id;
}

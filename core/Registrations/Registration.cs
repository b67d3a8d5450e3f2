using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Azure.Data.Tables;

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
    public ETag ETag { get; init; }

    public bool HoldsSeat => Status == RegistrationStatus.Confirmed;

    public bool IsActive => Status is RegistrationStatus.Pending or RegistrationStatus.Confirmed or RegistrationStatus.Waitlisted;

    public string FullName => $"{FirstName} {LastName}";

    /// <summary>What may stay once the person is gone: organisation, status, sessions and dates, for the counts.</summary>
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
    };

    public static string RowKeyFor(string id) => RegistrationKeys.Registration + id;

    public TableEntity ToEntity()
    {
        var entity = new TableEntity(EventId, RowKeyFor(Id))
        {
            ["Id"] = Id,
            ["Status"] = Status.ToString(),
            ["FirstName"] = FirstName,
            ["LastName"] = LastName,
            ["Email"] = Email,
            ["Organization"] = Organization,
            ["OrganizationKey"] = RegistrationKeys.OrganizationKey(Organization),
            ["Role"] = Role,
            ["Dietary"] = Dietary,
            ["AccessibilityNeeds"] = AccessibilityNeeds,
            ["ConsentVersion"] = ConsentVersion,
            ["ConsentGivenAt"] = ConsentGivenAt,
            ["CreatedAt"] = CreatedAt,
            ["ConfirmedAt"] = ConfirmedAt,
            ["CancelledAt"] = CancelledAt,
            ["Sessions"] = JsonSerializer.Serialize(Sessions, JsonOptions),
            ["ConfirmTokenHash"] = ConfirmTokenHash,
            ["ConfirmTokenExpiresAt"] = ConfirmTokenExpiresAt,
            ["ManageTokenHashes"] = string.Join(',', ManageTokenHashes),
            ["RequestKey"] = RequestKey,
            ["Source"] = Source,
            ["MailSequence"] = MailSequence,
            ["LastNoticeAt"] = LastNoticeAt,
            ["RemindersHandled"] = RemindersHandled.Count == 0 ? null : string.Join(',', RemindersHandled),
        };
        entity.ETag = ETag;
        // Table Storage cannot store nulls; an absent property is the null.
        foreach (var key in entity.Keys.Where(k => entity[k] is null).ToList())
        {
            entity.Remove(key);
        }
        return entity;
    }

    public static Registration FromEntity(TableEntity entity) => new()
    {
        Id = entity.GetString("Id") ?? entity.RowKey[RegistrationKeys.Registration.Length..],
        EventId = entity.PartitionKey,
        Status = Enum.Parse<RegistrationStatus>(entity.GetString("Status") ?? nameof(RegistrationStatus.Pending)),
        FirstName = entity.GetString("FirstName") ?? "",
        LastName = entity.GetString("LastName") ?? "",
        Email = entity.GetString("Email") ?? "",
        Organization = entity.GetString("Organization") ?? "",
        Role = entity.GetString("Role"),
        Dietary = entity.GetString("Dietary"),
        AccessibilityNeeds = entity.GetString("AccessibilityNeeds"),
        ConsentVersion = entity.GetString("ConsentVersion") ?? "",
        ConsentGivenAt = entity.GetDateTimeOffset("ConsentGivenAt") ?? DateTimeOffset.MinValue,
        CreatedAt = entity.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        ConfirmedAt = entity.GetDateTimeOffset("ConfirmedAt"),
        CancelledAt = entity.GetDateTimeOffset("CancelledAt"),
        Sessions = JsonSerializer.Deserialize<List<SessionChoice>>(entity.GetString("Sessions") ?? "[]", JsonOptions) ?? [],
        ConfirmTokenHash = entity.GetString("ConfirmTokenHash"),
        ConfirmTokenExpiresAt = entity.GetDateTimeOffset("ConfirmTokenExpiresAt"),
        ManageTokenHashes = (entity.GetString("ManageTokenHashes") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries),
        RequestKey = entity.GetString("RequestKey"),
        Source = entity.GetString("Source") ?? "web",
        MailSequence = entity.GetInt32("MailSequence") ?? 0,
        LastNoticeAt = entity.GetDateTimeOffset("LastNoticeAt"),
        RemindersHandled = (entity.GetString("RemindersHandled") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries),
        ETag = entity.ETag,
    };

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}

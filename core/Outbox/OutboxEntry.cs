using System.Text.Json;
using VirServerless.Core.Mail;
using VirServerless.Core.Registrations;
using Azure;
using Azure.Data.Tables;

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
    public ETag ETag { get; init; }

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

    public TableEntity ToEntity()
    {
        var entity = new TableEntity(PartitionKey, RowKeyFor(Mail.Id))
        {
            ["Kind"] = Kind,
            ["State"] = State.ToString(),
            ["CreatedAt"] = CreatedAt,
            ["Attempts"] = Attempts,
            ["NextAttemptAt"] = NextAttemptAt,
            ["ToAddress"] = Mail.To.Address,
            ["ToName"] = Mail.To.DisplayName ?? "",
            ["Subject"] = Mail.Subject,
            ["PlainText"] = Mail.PlainText,
            ["Html"] = Mail.Html,
            ["Attachments"] = JsonSerializer.Serialize(Mail.Attachments.Select(a => new StoredAttachment(a.Name, a.ContentType, Convert.ToBase64String(a.Content)))),
        };
        if (LeaseUntil is { } lease) entity["LeaseUntil"] = lease;
        if (SentAt is { } sent) entity["SentAt"] = sent;
        if (LastError is not null) entity["LastError"] = LastError;
        if (RegistrationId is not null) entity["RegistrationId"] = RegistrationId;
        entity.ETag = ETag;
        return entity;
    }

    public static OutboxEntry FromEntity(TableEntity entity)
    {
        var attachments = JsonSerializer.Deserialize<List<StoredAttachment>>(entity.GetString("Attachments") ?? "[]") ?? [];
        return new OutboxEntry
        {
            PartitionKey = entity.PartitionKey,
            Mail = new OutgoingMail(
                entity.RowKey[RegistrationKeys.Outbox.Length..],
                new MailAddress(entity.GetString("ToAddress") ?? "", NullIfEmpty(entity.GetString("ToName"))),
                entity.GetString("Subject") ?? "",
                entity.GetString("PlainText") ?? "",
                entity.GetString("Html") ?? "",
                [.. attachments.Select(a => new MailAttachment(a.Name, a.ContentType, Convert.FromBase64String(a.Base64)))]),
            Kind = entity.GetString("Kind") ?? "",
            State = Enum.Parse<OutboxState>(entity.GetString("State") ?? nameof(OutboxState.Pending)),
            CreatedAt = entity.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
            Attempts = entity.GetInt32("Attempts") ?? 0,
            NextAttemptAt = entity.GetDateTimeOffset("NextAttemptAt") ?? DateTimeOffset.MinValue,
            LeaseUntil = entity.GetDateTimeOffset("LeaseUntil"),
            SentAt = entity.GetDateTimeOffset("SentAt"),
            LastError = entity.GetString("LastError"),
            RegistrationId = entity.GetString("RegistrationId"),
            ETag = entity.ETag,
        };
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private sealed record StoredAttachment(string Name, string ContentType, string Base64);
}

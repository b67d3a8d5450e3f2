using System.Text.Json;
using Azure.Data.Tables;
using VirServerless.Core.Mail;
using VirServerless.Core.Outbox;
using VirServerless.Core.Registrations;

namespace VirServerless.Core.Storage.Outbox;

/// <summary>An outbox entry as row <c>outbox|{MailId}</c> in the partition of the change that caused it.</summary>
public static class OutboxRows
{
    public static TableEntity ToEntity(OutboxEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var mail = entry.Mail;
        var entity = new TableEntity(entry.PartitionKey, OutboxEntry.RowKeyFor(mail.Id))
        {
            ["Kind"] = entry.Kind,
            ["State"] = entry.State.ToString(),
            ["CreatedAt"] = entry.CreatedAt,
            ["Attempts"] = entry.Attempts,
            ["NextAttemptAt"] = entry.NextAttemptAt,
            ["ToAddress"] = mail.To.Address,
            ["ToName"] = mail.To.DisplayName ?? "",
            ["Subject"] = mail.Subject,
            ["PlainText"] = mail.PlainText,
            ["Html"] = mail.Html,
            ["Attachments"] = JsonSerializer.Serialize(mail.Attachments.Select(a => new StoredAttachment(a.Name, a.ContentType, Convert.ToBase64String(a.Content)))),
        };
        if (entry.LeaseUntil is { } lease) entity["LeaseUntil"] = lease;
        if (entry.SentAt is { } sent) entity["SentAt"] = sent;
        if (entry.LastError is not null) entity["LastError"] = entry.LastError;
        if (entry.RegistrationId is not null) entity["RegistrationId"] = entry.RegistrationId;
        entity.ETag = Revisions.ToETag(entry.Revision);
        return entity;
    }

    public static OutboxEntry FromEntity(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
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
            Revision = Revisions.Of(entity.ETag),
        };
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private sealed record StoredAttachment(string Name, string ContentType, string Base64);
}

using System.Text.Json;
using Azure.Data.Tables;
using VirServerless.Core.Mail;
using VirServerless.Core.Outbox;
using VirServerless.Core.Registrations;

namespace VirServerless.Core.Storage.Outbox;

/// <summary>
/// An outbox entry as row <c>outbox|{MailId}</c> in the partition of the change that caused it. Text, HTML and
/// attachments carry live links and are stored sealed (binary, see <see cref="OutboxBodyProtection"/>); an emptied body
/// is stored as empty text.
/// </summary>
public static class OutboxRows
{
    private static readonly string[] SealedColumns = ["PlainText", "Html", "Attachments"];

    public static TableEntity ToEntity(OutboxEntry entry, OutboxBodyProtection protection)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(protection);
        var mail = entry.Mail;
        var attachments = mail.Attachments.Count == 0 ? "[]" : JsonSerializer.Serialize(mail.Attachments.Select(a => new StoredAttachment(a.Name, a.ContentType, Convert.ToBase64String(a.Content), a.ContentId)));
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
            ["PlainText"] = Sealed(protection, mail.Id, "PlainText", mail.PlainText),
            ["Html"] = Sealed(protection, mail.Id, "Html", mail.Html),
            ["Attachments"] = attachments == "[]" ? attachments : Sealed(protection, mail.Id, "Attachments", attachments),
        };
        if (entry.LeaseUntil is { } lease) entity["LeaseUntil"] = lease;
        if (entry.SentAt is { } sent) entity["SentAt"] = sent;
        if (entry.LastError is not null) entity["LastError"] = entry.LastError;
        if (entry.RegistrationId is not null) entity["RegistrationId"] = entry.RegistrationId;
        entity.ETag = Revisions.ToETag(entry.Revision);
        return entity;
    }

    public static OutboxEntry FromEntity(TableEntity entity, OutboxBodyProtection protection)
    {
        ArgumentNullException.ThrowIfNull(entity);
        ArgumentNullException.ThrowIfNull(protection);
        var mailId = entity.RowKey[RegistrationKeys.Outbox.Length..];
        var body = SealedColumns.Select(column => Opened(protection, entity, mailId, column)).ToArray();
        var attachments = JsonSerializer.Deserialize<List<StoredAttachment>>(body[2] ?? "[]") ?? [];
        return new OutboxEntry
        {
            PartitionKey = entity.PartitionKey,
            Mail = new OutgoingMail(
                mailId,
                new MailAddress(entity.GetString("ToAddress") ?? "", NullIfEmpty(entity.GetString("ToName"))),
                entity.GetString("Subject") ?? "",
                body[0] ?? "",
                body[1] ?? "",
                [.. attachments.Select(a => new MailAttachment(a.Name, a.ContentType, Convert.FromBase64String(a.Base64), a.ContentId))]),
            BodyUnreadable = body.Any(part => part is null),
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

    private static object Sealed(OutboxBodyProtection protection, string mailId, string column, string text) =>
        text.Length == 0 ? text : protection.Seal(mailId, column, text);

    /// <summary>The column's text: sealed (binary) or empty; null when it cannot be opened with this key.</summary>
    private static string? Opened(OutboxBodyProtection protection, TableEntity entity, string mailId, string column) =>
        entity.TryGetValue(column, out var value) switch
        {
            false => "",
            true when value is byte[] sealedBody => protection.Open(mailId, column, sealedBody),
            true when value is BinaryData sealedData => protection.Open(mailId, column, sealedData.ToArray()),
            // Rows written before bodies were sealed hold plain text; the next write of the row seals it.
            _ => value as string ?? "",
        };

    private sealed record StoredAttachment(string Name, string ContentType, string Base64, string? ContentId = null);
}

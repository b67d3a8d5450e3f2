using System.Text.Json;
using System.Text.Json.Serialization;
using Azure.Data.Tables;
using VirServerless.Core.Registrations;

namespace VirServerless.Core.Storage.Registrations;

/// <summary>A registration as row <c>reg|{Id}</c> in its event's partition of the Registrations table.</summary>
public static class RegistrationRows
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static TableEntity ToEntity(Registration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        var entity = new TableEntity(registration.EventId, Registration.RowKeyFor(registration.Id))
        {
            ["Id"] = registration.Id,
            ["Status"] = registration.Status.ToString(),
            ["FirstName"] = registration.FirstName,
            ["LastName"] = registration.LastName,
            ["Email"] = registration.Email,
            ["Organization"] = registration.Organization,
            ["OrganizationKey"] = RegistrationKeys.OrganizationKey(registration.Organization),
            ["Role"] = registration.Role,
            ["Dietary"] = registration.Dietary,
            ["AccessibilityNeeds"] = registration.AccessibilityNeeds,
            ["ConsentVersion"] = registration.ConsentVersion,
            ["ConsentGivenAt"] = registration.ConsentGivenAt,
            ["CreatedAt"] = registration.CreatedAt,
            ["ConfirmedAt"] = registration.ConfirmedAt,
            ["CancelledAt"] = registration.CancelledAt,
            ["Sessions"] = JsonSerializer.Serialize(registration.Sessions, JsonOptions),
            ["ConfirmTokenHash"] = registration.ConfirmTokenHash,
            ["ConfirmTokenExpiresAt"] = registration.ConfirmTokenExpiresAt,
            ["ManageTokenHashes"] = string.Join(',', registration.ManageTokenHashes),
            ["RequestKey"] = registration.RequestKey,
            ["Source"] = registration.Source,
            ["MailSequence"] = registration.MailSequence,
            ["LastNoticeAt"] = registration.LastNoticeAt,
            ["RemindersHandled"] = registration.RemindersHandled.Count == 0 ? null : string.Join(',', registration.RemindersHandled),
            ["CheckInCode"] = registration.CheckInCode,
            ["CheckedInAt"] = registration.CheckedInAt,
        };
        entity.ETag = Revisions.ToETag(registration.Revision);
        // Table Storage cannot store nulls; an absent property is the null.
        foreach (var key in entity.Keys.Where(k => entity[k] is null).ToList())
        {
            entity.Remove(key);
        }
        return entity;
    }

    public static Registration FromEntity(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return new()
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
            CheckInCode = entity.GetString("CheckInCode"),
            CheckedInAt = entity.GetDateTimeOffset("CheckedInAt"),
            Revision = Revisions.Of(entity.ETag),
        };
    }
}

using System.Text.Json;
using VirServerless.Core.Registrations;

namespace VirServerless.Functions.Registrations;

/// <summary>
/// The Art. 15 export: every field stored in the registration row and every mail kept for the person (address,
/// subject, state, dates; bodies only while not yet sent). Token hashes are left out: they are secrets, not data about
/// the person, and the token itself is never stored.
/// </summary>
public sealed record PersonalDataView(
    DateTimeOffset ExportedAt,
    RegistrationView Registration,
    IReadOnlyList<SessionDataView> Sessions,
    string Source,
    DateTimeOffset? CancelledAt,
    IReadOnlyList<string> RemindersSent,
    IReadOnlyList<MailDataView> Mails)
{
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static PersonalDataView From(PersonalDataExport export) => new(
        DateTimeOffset.UtcNow,
        RegistrationView.From(export.Registration),
        [.. export.Registration.Sessions.Select(s => new SessionDataView(s.Id, s.Status.ToString().ToLowerInvariant(), s.Since))],
        export.Registration.Source,
        export.Registration.CancelledAt,
        export.RemindersSent,
        [.. export.Mails.OrderBy(m => m.CreatedAt).Select(m => new MailDataView(
            m.Mail.Id, m.Kind, m.Mail.To.Address, m.Mail.Subject, m.State.ToString().ToLowerInvariant(), m.CreatedAt, m.SentAt,
            string.IsNullOrEmpty(m.Mail.PlainText) ? null : m.Mail.PlainText))]);
}

public sealed record SessionDataView(string Id, string Status, DateTimeOffset Since);

public sealed record MailDataView(string Id, string Kind, string To, string Subject, string State, DateTimeOffset CreatedAt, DateTimeOffset? SentAt, string? Text);

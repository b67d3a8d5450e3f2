using System.Text.Json;
using VirServerless.Core.Registrations;
using VirServerless.Core.Storage.Conversations;

namespace VirServerless.Functions.Registrations;

/// <summary>
/// The Art. 15 export: every field stored in the registration row (the check-in code and time included) and every mail kept for the person (address,
/// subject, state, dates; bodies only while not yet sent). Token hashes are left out: they are secrets, not data about
/// the person, and the token itself is never stored. <see cref="Chat"/> is what the Teams bot keeps about the address.
/// </summary>
public sealed record PersonalDataView(
    DateTimeOffset ExportedAt,
    RegistrationView Registration,
    IReadOnlyList<SessionDataView> Sessions,
    string Source,
    DateTimeOffset? CancelledAt,
    CheckInDataView CheckIn,
    IReadOnlyList<string> RemindersSent,
    IReadOnlyList<MailDataView> Mails,
    ChatDataView Chat)
{
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static PersonalDataView From(PersonalDataExport export) => new(
        DateTimeOffset.UtcNow,
        RegistrationView.From(export.Registration),
        [.. export.Registration.Sessions.Select(s => new SessionDataView(s.Id, s.Status.ToString().ToLowerInvariant(), s.Since))],
        export.Registration.Source,
        export.Registration.CancelledAt,
        new CheckInDataView(export.Registration.CheckInCode, export.Registration.CheckedInAt),
        export.RemindersSent,
        [.. export.Mails.OrderBy(m => m.CreatedAt).Select(m => new MailDataView(
            m.Mail.Id, m.Kind, m.Mail.To.Address, m.Mail.Subject, m.State.ToString().ToLowerInvariant(), m.CreatedAt, m.SentAt,
            string.IsNullOrEmpty(m.Mail.PlainText) ? null : m.Mail.PlainText))],
        ChatDataView.From(export.Bot));
}

/// <summary>The bot's data about the address: the reminder opt-in with its conversation reference, the conversation state and the chat reminders sent.</summary>
public sealed record ChatDataView(ChatReferenceView? ReminderOptIn, IReadOnlyList<ConversationDataView> Conversations, IReadOnlyList<ChatReminderView> ChatReminders)
{
    public static ChatDataView From(BotPersonalData data) => new(
        data.Reference is { } r ? new ChatReferenceView(r.OptedInAt, r.ChannelId, r.TenantId, r.ConversationId, r.UserId, r.UserName) : null,
        [.. data.Conversations.Select(c => new ConversationDataView(c.Organization, c.Language, c.EventId, c.SessionId, c.Day, c.PendingCancelEventId, c.FollowUp.Pending))],
        [.. data.ChatReminders.OrderBy(c => c.ClaimedAt).Select(c => new ChatReminderView(c.EventId, c.Offset, c.State.ToString().ToLowerInvariant(), c.DoneAt))]);
}

public sealed record ChatReferenceView(DateTimeOffset OptedInAt, string? ChannelId, string? TenantId, string ConversationId, string UserId, string? UserName);

public sealed record ConversationDataView(string? Organization, string? Language, string? LastEventId, string? LastSessionId, int? LastDay, string? PendingCancelEventId, string? PendingQuestion);

public sealed record ChatReminderView(string EventId, string Offset, string State, DateTimeOffset? At);

/// <summary>The personal code for the entrance and when the person was checked in there.</summary>
public sealed record CheckInDataView(string? Code, DateTimeOffset? CheckedInAt);

public sealed record SessionDataView(string Id, string Status, DateTimeOffset Since);

public sealed record MailDataView(string Id, string Kind, string To, string Subject, string State, DateTimeOffset CreatedAt, DateTimeOffset? SentAt, string? Text);

using Microsoft.Extensions.Logging;
using VirServerless.Core.Events;
using VirServerless.Core.Outbox;
using VirServerless.Core.Registrations;
using VirServerless.Core.Registrations.Mails;
using VirServerless.Core.Storage.Outbox;

namespace VirServerless.Core.Messages;

/// <summary>What sending a message did: mails newly queued, and mails of this message that were queued before.</summary>
public sealed record MessageSent(int Queued, int AlreadyQueued);

/// <summary>
/// Sends an organiser's message through the outbox: one row per recipient, its id made of the message id and the
/// registration id, so a double submit or a retry after a crash queues nobody twice. The dispatcher sends them
/// within the mail service's quota, and they show in the event's mail log.
/// </summary>
public sealed class AttendeeMessageService(
    RegistrationService registrations,
    OutboxStore outbox,
    RegistrationMails mails,
    OutboxSignal outboxSignal,
    TimeProvider timeProvider,
    ILogger<AttendeeMessageService> logger)
{
    public async Task<IReadOnlyList<Registration>> RecipientsAsync(CatalogEvent ev, MessageAudience audience, string? sessionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ev);
        return AttendeeMessage.Recipients(await registrations.ListAsync(ev.Id, cancellationToken), audience, sessionId);
    }

    public async Task<MessageSent> SendAsync(CatalogEvent ev, AttendeeMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ev);
        ArgumentNullException.ThrowIfNull(message);
        var recipients = await RecipientsAsync(ev, message.Audience, message.SessionId, cancellationToken);
        var queued = 0;
        foreach (var registration in recipients)
        {
            var mail = mails.RenderMessage(message.MailIdFor(registration.Id), registration, ev, message.Subject, message.Text);
            if (await outbox.TryAddAsync(OutboxEntry.Create(ev.Id, mail, AttendeeMessage.MailKind, registration.Id, timeProvider.GetUtcNow()), cancellationToken))
            {
                queued++;
            }
        }
        outboxSignal.Notify(ev.Id);
        logger.LogInformation("Message {MessageId} to {Audience} of {EventId}: {Queued} mails queued, {AlreadyQueued} queued before", message.Id, message.Audience, ev.Id, queued, recipients.Count - queued);
        return new MessageSent(queued, recipients.Count - queued);
    }

    /// <summary>The outbox rows of one message, to show what became of it.</summary>
    public async Task<IReadOnlyList<OutboxEntry>> MailsOfAsync(string eventId, string messageId, CancellationToken cancellationToken = default) =>
        [.. (await outbox.ListAsync(eventId, cancellationToken: cancellationToken)).Where(o => AttendeeMessage.IsMailOf(o.Mail.Id, messageId))];
}

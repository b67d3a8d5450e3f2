using Azure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VirServerless.Core;
using VirServerless.Core.Events;
using VirServerless.Core.Registrations;
using VirServerless.Core.Registrations.Mails;
using VirServerless.Core.Reminders;
using VirServerless.Core.Storage.Conversations;
using VirServerless.Core.Storage.Events;
using VirServerless.Core.Storage.Registrations;

namespace VirServerless.Bot.Reminders;

/// <summary>Section "Bot:ChatReminders".</summary>
public sealed class ChatReminderOptions
{
    public const string SectionName = "Bot:ChatReminders";

    /// <summary>How long a run holds a claimed chat reminder; a run that died before sending is taken over after it.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);
}

public sealed record ChatReminderRunResult(int Sent, int Undeliverable, int Failed);

/// <summary>
/// The chat half of the reminder run: for every event's latest due offset (the same <see cref="ReminderPlan"/> as the
/// mails) and every person who opted in, a short message into their chat with the bot, if their registration is due.
/// </summary>
/// <remarks>
/// Each message is claimed first: the record <c>chat-sent|{hash}</c> / <c>{eventId}|{offset}</c> is added (or, when its
/// lease ran out, taken over If-Match), so an overlapping run skips it; after the Connector has accepted the message it
/// is marked sent. A run that dies after claiming and before sending leaves the claim, and the next run after the lease
/// sends it. Only a death in the moment between the Connector's answer and the write of "sent" sends it twice: the
/// Connector has no idempotency key, and a lost reminder is worse than a rare second one (see docs/mail-and-timers.md).
/// </remarks>
public sealed partial class ChatReminderRun(
    EventStore events,
    RegistrationStore registrations,
    BotConversationStore store,
    ChatReminders chat,
    RegistrationMails mails,
    IOptions<ChatReminderOptions> options,
    TimeProvider timeProvider,
    ILogger<ChatReminderRun> logger)
{
    public async Task<ChatReminderRunResult> SendDueAsync(CancellationToken cancellationToken = default)
    {
        var optedIn = await store.ListReferenceKeysAsync(cancellationToken);
        int sent = 0, undeliverable = 0, failed = 0;
        if (optedIn.Count == 0)
        {
            return new(0, 0, 0);
        }
        var plan = new ReminderPlan(timeProvider);
        foreach (var stored in await events.ListAsync(cancellationToken))
        {
            var ev = stored.Event;
            if (ev.Status != EventStatus.Published || ev.Registration is null || plan.LatestDue(ev.Start, ev.Reminders) is not { } due)
            {
                continue;
            }
            foreach (var emailKey in optedIn)
            {
                switch (await SendOneAsync(ev, due, emailKey, cancellationToken))
                {
                    case ChatReminderState.Sent: sent++; break;
                    case ChatReminderState.Undeliverable: undeliverable++; break;
                    case ChatReminderState.Claimed: failed++; break;
                }
            }
        }
        LogRun(sent, undeliverable, failed);
        return new(sent, undeliverable, failed);
    }

    /// <summary>The outcome for one person, or null when nothing was to do (not registered, not due, done or claimed by another run).</summary>
    private async Task<ChatReminderState?> SendOneAsync(CatalogEvent ev, DueReminder due, string emailKey, CancellationToken cancellationToken)
    {
        if (await registrations.FindIdAsync(ev.Id, RegistrationKeys.Email + emailKey, cancellationToken) is not { } registrationId
            || await registrations.GetAsync(ev.Id, registrationId, cancellationToken) is not { } registration
            || BotConversationStore.EmailKey(registration.Email) != emailKey
            || !ReminderPlan.IsDueFor(registration, due))
        {
            return null;
        }
        var now = timeProvider.GetUtcNow();
        var existing = await store.GetChatReminderAsync(emailKey, ev.Id, due.Offset, cancellationToken);
        if (existing is not null && (existing.State != ChatReminderState.Claimed || existing.LeaseUntil > now))
        {
            return null;
        }
        var claim = await store.TryWriteChatReminderAsync(existing, new ChatReminderRecord(emailKey, ev.Id, due.Offset, registration.Id)
        {
            State = ChatReminderState.Claimed,
            ClaimedAt = now,
            LeaseUntil = now + options.Value.Lease,
        }, cancellationToken);
        if (claim is null)
        {
            return null;
        }
        CrashPoints.Reached(CrashPoints.ChatReminderClaimed);

        bool delivered;
        try
        {
            delivered = await chat.SendToKeyAsync(emailKey, Text(ev), cancellationToken: cancellationToken);
        }
        catch (Exception ex) when (ex is RequestFailedException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // Throttled beyond the retries or the Connector away: the claim runs out and a later run tries again.
            LogFailed(ex, due.Offset, ev.Id, registration.Id);
            return ChatReminderState.Claimed;
        }
        var state = delivered ? ChatReminderState.Sent : ChatReminderState.Undeliverable;
        await store.TryWriteChatReminderAsync(claim, claim with { State = state, LeaseUntil = null, DoneAt = timeProvider.GetUtcNow() }, cancellationToken);
        return state;
    }

    /// <summary>"Erinnerung: „Plenum 2027“ beginnt am Mittwoch, 9. Juni 2027, 15:30 Uhr, Ort: …. Alle Angaben: …"</summary>
    private string Text(CatalogEvent ev)
    {
        var place = ev.Venue is { } venue ? string.Join(", ", new[] { venue.Name, venue.City }.Where(p => !string.IsNullOrWhiteSpace(p))) : null;
        return $"Erinnerung: „{ev.Title}“ beginnt am {BerlinTime.DateTime(ev.Start)}"
            + (place is null ? "." : $", Ort: {place}.")
            + $" Alle Angaben: {mails.EventLink(ev)}";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Chat reminders: {Sent} sent, {Undeliverable} undeliverable (reference removed), {Failed} to retry")]
    private partial void LogRun(int sent, int undeliverable, int failed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chat reminder {Offset} of {EventId} for {RegistrationId} not sent; a later run retries after the lease")]
    private partial void LogFailed(Exception exception, string offset, string eventId, string registrationId);
}

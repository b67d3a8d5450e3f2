using System.Text.Json.Nodes;
using Azure;
using Microsoft.Extensions.Logging;
using VirServerless.Bot.Protocol;
using VirServerless.Core.Storage.Conversations;

namespace VirServerless.Bot.Reminders;

/// <summary>Where a proactive message to one user goes: taken from an authenticated activity of that user, never from input.</summary>
public sealed record ConversationReference(Uri ServiceUrl, string ConversationId, string UserId, string BotId)
{
    public string? UserName { get; init; }
    public string? BotName { get; init; }
    public string? TenantId { get; init; }
    public string? ChannelId { get; init; }

    public static ConversationReference FromActivity(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return new ConversationReference(
            new Uri(activity.ServiceUrl!, UriKind.Absolute), activity.Conversation!.Id, activity.From!.Id, activity.Recipient?.Id ?? "bot")
        {
            UserName = activity.From.Name,
            BotName = activity.Recipient?.Name,
            TenantId = activity.Conversation.TenantId,
            ChannelId = activity.ChannelId,
        };
    }
}

/// <summary>
/// Opt-in reminders in the Teams chat. People who ask the bot for them get their conversation reference stored in
/// <see cref="BotConversationStore"/>, keyed by their (roster) e-mail address: the reminder timer knows registrations by
/// e-mail, so that is the key it can look up.
/// </summary>
public class ChatReminders(BotConversationStore store, ConnectorClient connector, TimeProvider timeProvider, ILogger<ChatReminders> logger)
{
    public virtual async Task OptInAsync(string email, ConversationReference reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        await store.SaveReferenceAsync(email, new StoredChatReference(
            reference.ServiceUrl.AbsoluteUri, reference.ConversationId, reference.UserId, reference.UserName, reference.BotId, reference.BotName,
            reference.TenantId, reference.ChannelId, timeProvider.GetUtcNow()), cancellationToken);
    }

    public virtual Task OptOutAsync(string email, CancellationToken cancellationToken) => store.DeleteReferenceAsync(email, cancellationToken);

    public virtual Task<ConversationReference?> FindAsync(string email, CancellationToken cancellationToken) =>
        FindByKeyAsync(BotConversationStore.EmailKey(email), cancellationToken);

    private async Task<ConversationReference?> FindByKeyAsync(string emailKey, CancellationToken cancellationToken) =>
        await store.FindReferenceByKeyAsync(emailKey, cancellationToken) is { } stored
            ? new ConversationReference(new Uri(stored.ServiceUrl), stored.ConversationId, stored.UserId, stored.BotId)
            {
                UserName = stored.UserName,
                BotName = stored.BotName,
                TenantId = stored.TenantId,
                ChannelId = stored.ChannelId,
            }
            : null;

    /// <summary>
    /// Sends a reminder into the person's chat with the bot. False when the person did not opt in, or blocked or
    /// removed the bot since (Teams answers 403/404; the reference is forgotten then).
    /// </summary>
    public virtual Task<bool> SendChatReminderAsync(string email, string text, JsonObject? card = null, CancellationToken cancellationToken = default) =>
        SendToKeyAsync(BotConversationStore.EmailKey(email), text, card, cancellationToken);

    /// <summary>As <see cref="SendChatReminderAsync"/>, for the reference stored under an e-mail hash. Other Connector failures (429 after the retries, 5xx) are thrown.</summary>
    public virtual async Task<bool> SendToKeyAsync(string emailKey, string text, JsonObject? card = null, CancellationToken cancellationToken = default)
    {
        var reference = await FindByKeyAsync(emailKey, cancellationToken);
        if (reference is null)
        {
            return false;
        }

        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            From = new ChannelAccount(reference.BotId, reference.BotName),
            Recipient = new ChannelAccount(reference.UserId, reference.UserName),
            Conversation = new ConversationAccount(reference.ConversationId) { TenantId = reference.TenantId },
            ChannelId = reference.ChannelId,
            ServiceUrl = reference.ServiceUrl.AbsoluteUri,
            Text = text,
            TextFormat = TextFormats.Plain,
            Attachments = card is null ? null : [Attachment.AdaptiveCard(card)],
        };
        try
        {
            await connector.SendToConversationAsync(reference.ServiceUrl, reference.ConversationId, activity, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 403 or 404)
        {
            logger.LogInformation("Chat reminder not delivered ({Status}); the conversation reference is removed", ex.Status);
            await store.DeleteReferenceByKeyAsync(emailKey, cancellationToken);
            return false;
        }
    }
}

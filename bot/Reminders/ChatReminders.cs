using System.Text.Json.Nodes;
using Azure;
using Microsoft.Extensions.Logging;
using VirServerless.Bot.Protocol;
using VirServerless.Core.Registrations;
using VirServerless.Core.Storage;
using Azure.Data.Tables;

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
/// <see cref="StorageTables.Conversations"/>, partition <c>chat-reminders</c>, keyed by the hash of their (roster)
/// e-mail address: the reminder timer knows registrations by e-mail, so that is the key it can look up.
/// </summary>
public class ChatReminders(StorageTables tables, ConnectorClient connector, TimeProvider timeProvider, ILogger<ChatReminders> logger)
{
    private const string Partition = "chat-reminders";

    private TableClient Table => tables.Conversations;

    public virtual async Task OptInAsync(string email, ConversationReference reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var entity = new TableEntity(Partition, RowKey(email))
        {
            ["ServiceUrl"] = reference.ServiceUrl.AbsoluteUri,
            ["ConversationId"] = reference.ConversationId,
            ["UserId"] = reference.UserId,
            ["UserName"] = reference.UserName ?? "",
            ["BotId"] = reference.BotId,
            ["BotName"] = reference.BotName ?? "",
            ["TenantId"] = reference.TenantId ?? "",
            ["ChannelId"] = reference.ChannelId ?? "",
            ["OptedInAt"] = timeProvider.GetUtcNow(),
        };
        await Table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    public virtual async Task OptOutAsync(string email, CancellationToken cancellationToken)
    {
        try
        {
            await Table.DeleteEntityAsync(Partition, RowKey(email), ETag.All, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Not opted in: nothing to forget.
        }
    }

    public virtual async Task<ConversationReference?> FindAsync(string email, CancellationToken cancellationToken)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(Partition, RowKey(email), cancellationToken: cancellationToken);
        if (!response.HasValue)
        {
            return null;
        }
        var e = response.Value!;
        return new ConversationReference(new Uri(e.GetString("ServiceUrl")!), e.GetString("ConversationId")!, e.GetString("UserId")!, e.GetString("BotId")!)
        {
            UserName = Blank(e.GetString("UserName")),
            BotName = Blank(e.GetString("BotName")),
            TenantId = Blank(e.GetString("TenantId")),
            ChannelId = Blank(e.GetString("ChannelId")),
        };
    }

    /// <summary>
    /// Sends a reminder into the person's chat with the bot. False when the person did not opt in, or blocked or
    /// removed the bot since (Teams answers 403/404; the reference is forgotten then).
    /// </summary>
    public virtual async Task<bool> SendChatReminderAsync(string email, string text, JsonObject? card = null, CancellationToken cancellationToken = default)
    {
        var reference = await FindAsync(email, cancellationToken);
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
            await OptOutAsync(email, cancellationToken);
            return false;
        }
    }

    private static string RowKey(string email) => RegistrationKeys.Hash(RegistrationKeys.NormalizeEmail(email));

    private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;
}

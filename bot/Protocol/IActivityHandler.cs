using System.Security.Claims;

namespace VirServerless.Bot.Protocol;

/// <summary>The bot's logic for one inbound activity. It returns replies instead of sending them itself.</summary>
public interface IActivityHandler
{
    Task<TurnResult> OnActivityAsync(TurnContext turn, CancellationToken cancellationToken);
}

/// <summary>One authenticated inbound activity and who sent it.</summary>
public sealed record TurnContext(Activity Activity, ClaimsIdentity Identity);

/// <summary>
/// Replies to deliver (via the Connector, or in the HTTP body for expectReplies) and, for <c>invoke</c> activities,
/// the synchronous answer.
/// </summary>
public sealed record TurnResult(IReadOnlyList<Activity> Replies, InvokeResponse? InvokeResponse = null)
{
    public static TurnResult None { get; } = new([]);

    public static TurnResult Reply(params Activity[] replies) => new(replies);

    public static TurnResult Invoke(InvokeResponse response, params Activity[] replies) => new(replies, response);
}

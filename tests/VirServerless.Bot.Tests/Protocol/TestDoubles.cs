using Azure.Core;
using VirServerless.Bot.Protocol;

namespace VirServerless.Bot.Tests.Protocol;

/// <summary>Echoes messages, answers invokes with a message, ignores everything else; counts the turns it saw.</summary>
internal sealed class EchoActivityHandler : IActivityHandler
{
    private int turns;

    public int Turns => Volatile.Read(ref turns);

    public Task<TurnResult> OnActivityAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref turns);
        var activity = turn.Activity;
        return Task.FromResult(activity.Type switch
        {
            ActivityTypes.Message => TurnResult.Reply(activity.CreateReply($"Echo: {activity.Text}")),
            ActivityTypes.Invoke => TurnResult.Invoke(InvokeResponse.Message("Erledigt")),
            _ => TurnResult.None,
        });
    }
}

/// <summary>Stands in for Entra ID: hands out a fixed token and counts the requests.</summary>
internal sealed class FakeTokenCredential(string token, TimeProvider timeProvider, TimeSpan lifetime) : TokenCredential
{
    private int requests;

    public int Requests => Volatile.Read(ref requests);

    public IReadOnlyList<string> LastScopes { get; private set; } = [];

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref requests);
        LastScopes = requestContext.Scopes;
        return new AccessToken(token, timeProvider.GetUtcNow() + lifetime);
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}


using VirServerless.Testing;
using Microsoft.Extensions.Options;
using VirServerless.Bot.Protocol;

namespace VirServerless.Bot.Tests.Protocol;

public sealed class BotTokenProviderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReusesTokenUntilFiveMinutesBeforeExpiry()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 11, 3, 9, 0, 0, TimeSpan.Zero));
        var credential = new FakeTokenCredential("t", clock, TimeSpan.FromMinutes(60));
        var provider = new BotTokenProvider(Options.Create(new BotAuthenticationOptions { MicrosoftAppId = "app" }), credential, clock);

        await provider.GetTokenAsync(Ct);
        clock.Advance(TimeSpan.FromMinutes(54));
        await provider.GetTokenAsync(Ct);
        var requestsBeforeMargin = credential.Requests;
        clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        var token = await provider.GetTokenAsync(Ct);

        Assert.Equal(1, requestsBeforeMargin);
        Assert.Equal(2, credential.Requests);
        Assert.Equal("t", token);
        Assert.Equal(["https://api.botframework.com/.default"], credential.LastScopes);
    }

    [Fact]
    public async Task GivesNoTokenWithoutAppId()
    {
        var credential = new FakeTokenCredential("t", TimeProvider.System, TimeSpan.FromMinutes(60));
        var provider = new BotTokenProvider(Options.Create(new BotAuthenticationOptions()), credential, TimeProvider.System);

        var token = await provider.GetTokenAsync(Ct);

        Assert.Null(token);
        Assert.Equal(0, credential.Requests);
    }
}

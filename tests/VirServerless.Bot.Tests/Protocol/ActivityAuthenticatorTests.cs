using Microsoft.Extensions.Options;
using VirServerless.Bot.Protocol;
using VirServerless.Testing;

namespace VirServerless.Bot.Tests.Protocol;

public sealed class ActivityAuthenticatorTests
{
    private const string AppId = "7d1f2a8e-5b3c-4e6f-9a0b-1c2d3e4f5a6b";
    private const string ServiceUrl = "https://smba.trafficmanager.net/amer/";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AcceptsTeamsTokenAndExposesItsClaims()
    {
        await using var issuer = await LocalBotIssuer.StartAsync();
        var key = issuer.AddKey("k1", "msteams", "emulator");
        using var authenticator = Create(issuer);

        var result = await authenticator.AuthenticateAsync(
            $"Bearer {LocalBotIssuer.MintToken(key, new TokenClaims(AppId, ServiceUrl))}", Activity("msteams", ServiceUrl), Ct);

        Assert.True(result.IsAuthenticated, result.FailureReason);
        Assert.Equal(ServiceUrl, result.Identity!.FindFirst("serviceurl")?.Value);
    }

    [Fact]
    public async Task ComparesServiceUrlIgnoringCaseAndTrailingSlash()
    {
        await using var issuer = await LocalBotIssuer.StartAsync();
        var key = issuer.AddKey("k1", "msteams");
        using var authenticator = Create(issuer);

        var result = await authenticator.AuthenticateAsync(
            $"Bearer {LocalBotIssuer.MintToken(key, new TokenClaims(AppId, "https://SMBA.trafficmanager.net/amer"))}",
            Activity("msteams", ServiceUrl), Ct);

        Assert.True(result.IsAuthenticated, result.FailureReason);
    }

    [Fact]
    public async Task RejectsKeyEndorsedOnlyForOtherChannel()
    {
        await using var issuer = await LocalBotIssuer.StartAsync();
        var key = issuer.AddKey("webchat-key", "webchat");
        using var authenticator = Create(issuer);

        var result = await authenticator.AuthenticateAsync(
            $"Bearer {LocalBotIssuer.MintToken(key, new TokenClaims(AppId, ServiceUrl))}", Activity("msteams", ServiceUrl), Ct);

        Assert.False(result.IsAuthenticated);
        Assert.Contains("not endorsed for channel 'msteams'", result.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RejectsActivityWithoutChannelId()
    {
        await using var issuer = await LocalBotIssuer.StartAsync();
        var key = issuer.AddKey("k1", "msteams");
        using var authenticator = Create(issuer);

        var result = await authenticator.AuthenticateAsync(
            $"Bearer {LocalBotIssuer.MintToken(key, new TokenClaims(AppId, ServiceUrl))}", Activity(null, ServiceUrl), Ct);

        Assert.False(result.IsAuthenticated);
        Assert.Contains("no channelId", result.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RejectsTokenWhoseServiceUrlClaimDiffers()
    {
        await using var issuer = await LocalBotIssuer.StartAsync();
        var key = issuer.AddKey("k1", "msteams");
        using var authenticator = Create(issuer);

        var result = await authenticator.AuthenticateAsync(
            $"Bearer {LocalBotIssuer.MintToken(key, new TokenClaims(AppId, ServiceUrl))}",
            Activity("msteams", "https://attacker.example/amer/"), Ct);

        Assert.False(result.IsAuthenticated);
        Assert.Contains("serviceurl", result.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FindsKeyPublishedAfterMetadataWasCached()
    {
        await using var issuer = await LocalBotIssuer.StartAsync();
        var first = issuer.AddKey("k1", "msteams");
        using var authenticator = Create(issuer);
        await authenticator.AuthenticateAsync(
            $"Bearer {LocalBotIssuer.MintToken(first, new TokenClaims(AppId, ServiceUrl))}", Activity("msteams", ServiceUrl), Ct);
        var rolled = issuer.AddKey("k2", "msteams");

        var result = await authenticator.AuthenticateAsync(
            $"Bearer {LocalBotIssuer.MintToken(rolled, new TokenClaims(AppId, ServiceUrl))}", Activity("msteams", ServiceUrl), Ct);

        Assert.True(result.IsAuthenticated, result.FailureReason);
    }

    [Fact]
    public async Task AcceptsEntraIssuerOfOwnTenantOnlyForSingleTenantBots()
    {
        await using var issuer = await LocalBotIssuer.StartAsync();
        var key = issuer.AddKey("k1");
        var token = LocalBotIssuer.MintToken(key, new TokenClaims(AppId, ServiceUrl)
        {
            Issuer = "https://login.microsoftonline.com/tenant-a/v2.0",
        });
        using var singleTenant = Create(issuer, o =>
        {
            o.MicrosoftAppType = BotAppType.SingleTenant;
            o.MicrosoftAppTenantId = "tenant-a";
            o.EntraOpenIdMetadataUrl = issuer.MetadataUrl + "?tenant={tenant}";
        });
        using var otherTenant = Create(issuer, o =>
        {
            o.MicrosoftAppType = BotAppType.SingleTenant;
            o.MicrosoftAppTenantId = "tenant-b";
            o.EntraOpenIdMetadataUrl = issuer.MetadataUrl + "?tenant={tenant}";
        });
        using var multiTenant = Create(issuer);

        var own = await singleTenant.AuthenticateAsync($"Bearer {token}", Activity("msteams", ServiceUrl), Ct);
        var other = await otherTenant.AuthenticateAsync($"Bearer {token}", Activity("msteams", ServiceUrl), Ct);
        var multi = await multiTenant.AuthenticateAsync($"Bearer {token}", Activity("msteams", ServiceUrl), Ct);

        Assert.True(own.IsAuthenticated, own.FailureReason);
        Assert.False(other.IsAuthenticated);
        Assert.False(multi.IsAuthenticated);
    }

    [Fact]
    public async Task RejectsForgedAlgorithmsBeforeAnyKeyIsFetched()
    {
        await using var issuer = await LocalBotIssuer.StartAsync();
        issuer.AddKey("k1", "msteams");
        using var authenticator = Create(issuer);
        var claims = new TokenClaims(AppId, ServiceUrl);

        var unsigned = await authenticator.AuthenticateAsync($"Bearer {LocalBotIssuer.MintUnsignedToken("k1", claims)}", Activity("msteams", ServiceUrl), Ct);
        var hmac = await authenticator.AuthenticateAsync($"Bearer {LocalBotIssuer.MintHs256Token("k1", claims)}", Activity("msteams", ServiceUrl), Ct);

        Assert.False(unsigned.IsAuthenticated || unsigned.IsUnavailable);
        Assert.False(hmac.IsAuthenticated || hmac.IsUnavailable);
        Assert.Equal(0, issuer.MetadataRequests);
    }

    [Fact]
    public async Task RejectsUnacceptedIssuerWithoutReachingAnyMetadata()
    {
        using var authenticator = Create(UnreachableMetadata);
        var key = LocalBotIssuer.CreateUnpublishedKey("k1", "msteams");
        var token = LocalBotIssuer.MintToken(key, new TokenClaims(AppId, ServiceUrl) { Issuer = "https://evil.example" });

        var result = await authenticator.AuthenticateAsync($"Bearer {token}", Activity("msteams", ServiceUrl), Ct);

        Assert.False(result.IsAuthenticated);
        Assert.False(result.IsUnavailable, result.FailureReason);
    }

    [Fact]
    public async Task ReportsUnreachableMetadataAsUnavailable()
    {
        using var authenticator = Create(UnreachableMetadata);
        var key = LocalBotIssuer.CreateUnpublishedKey("k1", "msteams");

        var result = await authenticator.AuthenticateAsync(
            $"Bearer {LocalBotIssuer.MintToken(key, new TokenClaims(AppId, ServiceUrl))}", Activity("msteams", ServiceUrl), Ct);

        Assert.False(result.IsAuthenticated);
        Assert.True(result.IsUnavailable, result.FailureReason);
    }

    /// <summary>A loopback port nobody listens on: every metadata fetch fails at once.</summary>
    private static string UnreachableMetadata => $"http://127.0.0.1:{Ports.Free()}/v1/.well-known/openidconfiguration";

    [Theory]
    [InlineData("http://127.0.0.1:56150/_connector", true)]
    [InlineData("http://127.8.9.10/", true)]
    [InlineData("http://[::1]:3978/", true)]
    [InlineData("http://localhost:56150/_connector", true)]
    [InlineData("http://localhost.evil.example/", false)]
    [InlineData("http://10.0.0.5/", false)]
    [InlineData("https://smba.trafficmanager.net/amer/", false)]
    [InlineData("not a url", false)]
    public void RecognisesLoopbackServiceUrls(string serviceUrl, bool expected)
    {
        var actual = ActivityAuthenticator.IsLoopback(serviceUrl);

        Assert.Equal(expected, actual);
    }

    private static ActivityAuthenticator Create(LocalBotIssuer issuer, Action<BotAuthenticationOptions>? configure = null) =>
        Create(issuer.MetadataUrl, configure);

    private static ActivityAuthenticator Create(string metadataUrl, Action<BotAuthenticationOptions>? configure = null)
    {
        var options = new BotAuthenticationOptions { MicrosoftAppId = AppId, OpenIdMetadataUrl = metadataUrl };
        configure?.Invoke(options);
        return new ActivityAuthenticator(Options.Create(options), TimeProvider.System);
    }

    private static Activity Activity(string? channelId, string serviceUrl) => new()
    {
        Type = ActivityTypes.Message,
        ChannelId = channelId,
        ServiceUrl = serviceUrl,
    };
}

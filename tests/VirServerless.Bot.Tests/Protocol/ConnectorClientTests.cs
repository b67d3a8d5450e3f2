using Azure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VirServerless.Bot.Protocol;
using VirServerless.Testing;

namespace VirServerless.Bot.Tests.Protocol;

public sealed class ConnectorClientTests
{
    private const string Token = "connector-test-token";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReadsMemberEmailAndUserPrincipalName()
    {
        await using var peer = await LocalConnectorPeer.StartAsync();
        peer.AddMember("19:abc@thread.tacv2", "29:user-1", """
            {"id":"29:user-1","name":"Erika Mustermann","givenName":"Erika","surname":"Mustermann",
             "email":"erika.mustermann@landkreis-beispiel.de","userPrincipalName":"emustermann@landkreis-beispiel.de",
             "aadObjectId":"aad-1","tenantId":"tenant-1","userRole":"user"}
            """);
        using var http = new HttpClient();
        var client = CreateClient(http);

        var member = await client.GetConversationMemberAsync(peer.ServiceUrl, "19:abc@thread.tacv2", "29:user-1", Ct);

        Assert.Equal("erika.mustermann@landkreis-beispiel.de", member?.Email);
        Assert.Equal("emustermann@landkreis-beispiel.de", member?.UserPrincipalName);
        Assert.Equal("Erika", member?.GivenName);
        Assert.Equal("tenant-1", member?.TenantId);
        Assert.Equal("/amer/v3/conversations/19%3Aabc%40thread.tacv2/members/29%3Auser-1", Assert.Single(peer.Requests).RawPath);
    }

    [Fact]
    public async Task RetriesAfterThrottlingAndGatewayErrors()
    {
        await using var peer = await LocalConnectorPeer.StartAsync();
        peer.ExpectedBearerToken = Token;
        peer.FailNext(429, TimeSpan.Zero);
        peer.FailNext(502);
        using var http = new HttpClient();
        var client = CreateClient(http);

        var sent = await client.SendToConversationAsync(peer.ServiceUrl, "a:chat", new Activity { Type = "message", Text = "Hallo" }, Ct);

        Assert.StartsWith("activity-", sent?.Id, StringComparison.Ordinal);
        Assert.Equal(3, peer.Requests.Count);
        Assert.All(peer.Requests, r => Assert.Equal("/amer/v3/conversations/a%3Achat/activities", r.RawPath));
    }

    [Fact]
    public async Task GivesUpAfterMaxAttemptsWithStatusOfLastFailure()
    {
        await using var peer = await LocalConnectorPeer.StartAsync();
        for (var i = 0; i < 5; i++)
        {
            peer.FailNext(504);
        }

        using var http = new HttpClient();
        var client = CreateClient(http);

        var failure = await Assert.ThrowsAsync<RequestFailedException>(() =>
            client.SendToConversationAsync(peer.ServiceUrl, "a:chat", new Activity { Type = "message" }, Ct));

        Assert.Equal(504, failure.Status);
        Assert.Equal(3, peer.Requests.Count);
    }

    [Fact]
    public async Task DoesNotRetryForbiddenAndReportsErrorCode()
    {
        await using var peer = await LocalConnectorPeer.StartAsync();
        peer.ExpectedBearerToken = "some-other-token";
        using var http = new HttpClient();
        var client = CreateClient(http);

        var failure = await Assert.ThrowsAsync<RequestFailedException>(() =>
            client.SendToConversationAsync(peer.ServiceUrl, "a:chat", new Activity { Type = "message" }, Ct));

        Assert.Equal(401, failure.Status);
        Assert.Equal("Unauthorized", failure.ErrorCode);
        Assert.Single(peer.Requests);
    }

    [Fact]
    public async Task RefusesToSendTokenOverPlainHttpToRemoteHost()
    {
        using var http = new HttpClient();
        var client = CreateClient(http);

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            client.SendToConversationAsync(new Uri("http://connector.example/amer/"), "a:chat", new Activity { Type = "message" }, Ct));
    }

    private static ConnectorClient CreateClient(HttpClient http)
    {
        var options = Options.Create(new BotAuthenticationOptions { MicrosoftAppId = "app", MicrosoftAppPassword = "unused" });
        var tokens = new BotTokenProvider(options, new FakeTokenCredential(Token, TimeProvider.System, TimeSpan.FromHours(1)), TimeProvider.System);
        return new ConnectorClient(
            http, tokens, new ConversationRateLimiter(TimeProvider.System),
            Options.Create(new ConnectorClientOptions { MaxAttempts = 3, BaseRetryDelay = TimeSpan.FromMilliseconds(20) }),
            TimeProvider.System, NullLogger<ConnectorClient>.Instance);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VirServerless.Bot.Protocol;
using VirServerless.Testing;

namespace VirServerless.Bot.Tests.Protocol;

public sealed class BotEndpointTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DeliversReplyToConnectorWithBotTokenWhenChannelTokenIsValid()
    {
        await using var host = await BotTestHost.StartAsync();

        using var response = await host.PostAsync(host.Message("Hallo"), host.ValidToken());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var call = Assert.Single(host.Connector.Requests);
        Assert.Equal("POST", call.Method);
        Assert.Equal("/amer/v3/conversations/a%3Apersonal-chat-1/activities/1700000000000", call.RawPath);
        Assert.Equal($"Bearer {BotTestHost.BotToken}", call.Authorization);
        Assert.Equal("Echo: Hallo", call.Json.GetProperty("text").GetString());
        Assert.Equal("1700000000000", call.Json.GetProperty("replyToId").GetString());
        Assert.Equal($"28:{BotTestHost.AppId}", call.Json.GetProperty("from").GetProperty("id").GetString());
        Assert.Equal("29:user-1", call.Json.GetProperty("recipient").GetProperty("id").GetString());
        Assert.Equal(["https://api.botframework.com/.default"], host.Credential.LastScopes);
    }

    [Fact]
    public async Task AnswersServiceUnavailableWithRetryAfterWhenMetadataCannotBeFetched()
    {
        await using var host = await BotTestHost.StartAsync(metadataUrl: $"http://127.0.0.1:{Ports.Free()}/v1/.well-known/openidconfiguration");

        using var response = await host.PostAsync(host.Message("Hallo"), host.ValidToken());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(host.Connector.Requests);
    }

    [Fact]
    public async Task RejectsForgedTokensWithUnauthorizedAndNoOutboundCallWhenMetadataIsUnreachable()
    {
        await using var host = await BotTestHost.StartAsync(metadataUrl: $"http://127.0.0.1:{Ports.Free()}/v1/.well-known/openidconfiguration");
        var claims = new TokenClaims(BotTestHost.AppId, host.Connector.ServiceUrl.AbsoluteUri);

        using var unsigned = await host.PostAsync(host.Message("Hallo"), LocalBotIssuer.MintUnsignedToken("teams-key", claims));
        using var hmac = await host.PostAsync(host.Message("Hallo"), LocalBotIssuer.MintHs256Token("teams-key", claims));

        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, hmac.StatusCode);
        Assert.Equal("Bearer", Assert.Single(hmac.Headers.WwwAuthenticate).Scheme);
        Assert.Empty(host.Connector.Requests);
        Assert.Equal(0, host.Issuer.MetadataRequests);
    }

    [Fact]
    public async Task AcceptsTokenExpiredWithinClockSkew()
    {
        await using var host = await BotTestHost.StartAsync();
        var token = LocalBotIssuer.MintToken(host.TeamsKey, new TokenClaims(BotTestHost.AppId, host.Connector.ServiceUrl.AbsoluteUri)
        {
            Expires = DateTimeOffset.UtcNow.AddMinutes(-3),
        });

        using var response = await host.PostAsync(host.Message("Hallo"), token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(host.Connector.Requests);
    }

    [Fact]
    public async Task ReturnsRepliesInBodyWithoutConnectorCallWhenRepliesAreExpected()
    {
        await using var host = await BotTestHost.StartAsync();
        var activity = host.Message("Wann beginnt das Plenum?") with { DeliveryMode = DeliveryModes.ExpectReplies };

        using var response = await host.PostAsync(activity, host.ValidToken());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<ExpectRepliesResponse>(BotJson.Options, Ct);
        var reply = Assert.Single(body!.Activities);
        Assert.Equal("Echo: Wann beginnt das Plenum?", reply.Text);
        Assert.Equal("29:user-1", reply.Recipient?.Id);
        Assert.Empty(host.Connector.Requests);
        Assert.Equal(0, host.Credential.Requests);
    }

    [Fact]
    public async Task RetriesThrottledReplyAndSucceeds()
    {
        await using var host = await BotTestHost.StartAsync();
        host.Connector.FailNext(429, TimeSpan.Zero);

        using var response = await host.PostAsync(host.Message("Hallo"), host.ValidToken());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, host.Connector.Requests.Count);
        Assert.All(host.Connector.Requests, r => Assert.Equal($"Bearer {BotTestHost.BotToken}", r.Authorization));
    }

    [Fact]
    public async Task AnswersInvokeWithInvokeResponseBody()
    {
        await using var host = await BotTestHost.StartAsync();
        var invoke = host.Message("") with
        {
            Type = ActivityTypes.Invoke,
            Name = "adaptiveCard/action",
            Value = JsonSerializer.SerializeToElement(new { action = new { type = "Action.Execute", verb = "register" } }),
        };

        using var response = await host.PostAsync(invoke, host.ValidToken());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal(200, body.GetProperty("statusCode").GetInt32());
        Assert.Equal("application/vnd.microsoft.activity.message", body.GetProperty("type").GetString());
        Assert.Equal("Erledigt", body.GetProperty("value").GetString());
        Assert.Empty(host.Connector.Requests);
    }

    [Fact]
    public async Task RejectsMalformedJsonWithGermanProblemDetails()
    {
        await using var host = await BotTestHost.StartAsync();

        using var response = await host.PostRawAsync("""{"type":"message", "text": """, host.ValidToken());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal("Der Inhalt der Anfrage ist kein gültiges JSON.", problem.GetProperty("detail").GetString());
        Assert.Equal(0, host.Handler.Turns);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RejectsBodyLargerThan256KilobytesWithOrWithoutContentLength(bool streamed)
    {
        await using var host = await BotTestHost.StartAsync();
        var activity = host.Message(new string('x', BotEndpoint.MaxBodyBytes));

        using var response = streamed
            ? await host.PostStreamedAsync(activity, host.ValidToken())
            : await host.PostAsync(activity, host.ValidToken());

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, host.Handler.Turns);
    }

    [Fact]
    public async Task ReadsStreamedActivityThatArrivesInManyPieces()
    {
        await using var host = await BotTestHost.StartAsync();
        var text = string.Concat(Enumerable.Repeat("Wann beginnt die Arbeitsgruppe? ", 3_000)) + "Ende";

        using var response = await host.PostStreamedAsync(host.Message(text), host.ValidToken());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var call = Assert.Single(host.Connector.Requests);
        Assert.Equal("Echo: " + text, call.Json.GetProperty("text").GetString());
    }

    [Fact]
    public async Task AcknowledgesUnknownActivityTypeWithoutReplying()
    {
        await using var host = await BotTestHost.StartAsync();
        var activity = host.Message("") with { Type = "somethingNew" };

        using var response = await host.PostAsync(activity, host.ValidToken());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, host.Handler.Turns);
        Assert.Empty(host.Connector.Requests);
    }

    [Fact]
    public async Task AcceptsAnonymousLoopbackRequestWhenNoAppIdIsConfigured()
    {
        await using var host = await BotTestHost.StartAsync(appId: null);

        using var response = await host.PostAsync(host.Message("Hallo"), bearerToken: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var call = Assert.Single(host.Connector.Requests);
        Assert.Null(call.Authorization);
        Assert.Equal(0, host.Credential.Requests);
    }

    public static TheoryData<string> Attacks =>
    [
        "WrongIssuer", "WrongAudience", "ExpiredBeyondSkew", "AlgNone", "Hs256", "KeyNotInJwks", "KeyNotEndorsedForChannel",
        "ServiceUrlNotInClaim", "MissingHeader", "NotBearer",
    ];

    [Theory]
    [MemberData(nameof(Attacks))]
    public async Task RejectsForgedRequestWithoutProcessingOrOutboundCall(string attack)
    {
        await using var host = await BotTestHost.StartAsync();
        var serviceUrl = host.Connector.ServiceUrl.AbsoluteUri;
        var claims = new TokenClaims(BotTestHost.AppId, serviceUrl);
        var activity = host.Message("Hallo");
        var token = attack switch
        {
            "WrongIssuer" => LocalBotIssuer.MintToken(host.TeamsKey, claims with { Issuer = "https://evil.example" }),
            "WrongAudience" => LocalBotIssuer.MintToken(host.TeamsKey, claims with { Audience = "another-app-id" }),
            "ExpiredBeyondSkew" => LocalBotIssuer.MintToken(host.TeamsKey, claims with { Expires = DateTimeOffset.UtcNow.AddMinutes(-6) }),
            "AlgNone" => LocalBotIssuer.MintUnsignedToken(host.TeamsKey.KeyId, claims),
            "Hs256" => LocalBotIssuer.MintHs256Token(host.TeamsKey.KeyId, claims),
            "KeyNotInJwks" => LocalBotIssuer.MintToken(LocalBotIssuer.CreateUnpublishedKey("rogue-key", "msteams"), claims),
            "KeyNotEndorsedForChannel" => LocalBotIssuer.MintToken(host.Issuer.AddKey("webchat-key", "webchat"), claims),
            "ServiceUrlNotInClaim" => LocalBotIssuer.MintToken(host.TeamsKey, claims with { ServiceUrl = "https://smba.trafficmanager.net/amer/" }),
            "MissingHeader" => null,
            "NotBearer" => "not-a-jwt",
            _ => throw new ArgumentOutOfRangeException(nameof(attack)),
        };

        using var response = await host.PostAsync(activity, token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, host.Handler.Turns);
        Assert.Empty(host.Connector.Requests);
        Assert.Equal(0, host.Credential.Requests);
    }

    [Fact]
    public async Task RejectsAnonymousRequestWithRemoteServiceUrlWhenNoAppIdIsConfigured()
    {
        await using var host = await BotTestHost.StartAsync(appId: null);

        using var response = await host.PostAsync(host.Message("Hallo", serviceUrl: "https://smba.trafficmanager.net/amer/"), bearerToken: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, host.Handler.Turns);
        Assert.Empty(host.Connector.Requests);
    }

    [Fact]
    public async Task RejectsAuthorizationHeaderWhenNoAppIdIsConfigured()
    {
        await using var host = await BotTestHost.StartAsync(appId: null);

        using var response = await host.PostAsync(host.Message("Hallo"), host.ValidToken());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(host.Connector.Requests);
    }
}

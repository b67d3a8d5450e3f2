using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using VirServerless.Bot.Protocol;
using VirServerless.Testing;

namespace VirServerless.Bot.Tests.Protocol;

/// <summary>The bot endpoint in real Kestrel on loopback, with a local issuer and a local connector peer.</summary>
internal sealed class BotTestHost : IAsyncDisposable
{
    public const string AppId = "7d1f2a8e-5b3c-4e6f-9a0b-1c2d3e4f5a6b";
    public const string BotToken = "fake-bot-token";

    private BotTestHost(LocalBotIssuer issuer, LocalConnectorPeer connector, WebApplication app, Uri baseAddress,
        EchoActivityHandler handler, FakeTokenCredential credential, IssuerKey teamsKey)
    {
        Issuer = issuer;
        Connector = connector;
        App = app;
        Handler = handler;
        Credential = credential;
        TeamsKey = teamsKey;
        Client = new HttpClient { BaseAddress = baseAddress };
    }

    public LocalBotIssuer Issuer { get; }
    public LocalConnectorPeer Connector { get; }
    public WebApplication App { get; }
    public HttpClient Client { get; }
    public EchoActivityHandler Handler { get; }
    public FakeTokenCredential Credential { get; }
    public IssuerKey TeamsKey { get; }

    public static async Task<BotTestHost> StartAsync(string? appId = AppId, string? metadataUrl = null)
    {
        var issuer = await LocalBotIssuer.StartAsync();
        var teamsKey = issuer.AddKey("teams-key", "msteams");
        var connector = await LocalConnectorPeer.StartAsync();
        connector.ExpectedBearerToken = appId is null ? null : BotToken;
        var handler = new EchoActivityHandler();
        var credential = new FakeTokenCredential(BotToken, TimeProvider.System, TimeSpan.FromHours(1));
        var (app, baseAddress) = await LoopbackWebApp.StartAsync(
            builder =>
            {
                builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["Bot:MicrosoftAppId"] = appId,
                    ["Bot:MicrosoftAppPassword"] = appId is null ? null : "not-used-by-the-fake-credential",
                    ["Bot:OpenIdMetadataUrl"] = metadataUrl ?? issuer.MetadataUrl,
                    ["Bot:Connector:BaseRetryDelay"] = "00:00:00.050",
                });
                builder.Services.AddBotProtocol(builder.Configuration);
                builder.Services.AddKeyedSingleton<TokenCredential>(BotTokenProvider.CredentialServiceKey, credential);
                builder.Services.AddSingleton<IActivityHandler>(handler);
            },
            app => app.MapBotMessages());
        return new BotTestHost(issuer, connector, app, baseAddress, handler, credential, teamsKey);
    }

    public Activity Message(string text, string? serviceUrl = null, string channelId = "msteams") => new()
    {
        Type = ActivityTypes.Message,
        Id = "1700000000000",
        Timestamp = DateTimeOffset.UtcNow,
        ServiceUrl = serviceUrl ?? Connector.ServiceUrl.AbsoluteUri,
        ChannelId = channelId,
        From = new ChannelAccount("29:user-1", "Erika Mustermann") { AadObjectId = "aad-user-1" },
        Recipient = new ChannelAccount($"28:{AppId}", "VirServerless"),
        Conversation = new ConversationAccount("a:personal-chat-1") { ConversationType = "personal", TenantId = "tenant-1" },
        Text = text,
        Locale = "de-DE",
    };

    public string ValidToken(string? serviceUrl = null) =>
        LocalBotIssuer.MintToken(TeamsKey, new TokenClaims(AppId, serviceUrl ?? Connector.ServiceUrl.AbsoluteUri));

    public Task<HttpResponseMessage> PostAsync(Activity activity, string? bearerToken) =>
        PostRawAsync(JsonSerializer.Serialize(activity, BotJson.Options), bearerToken);

    public Task<HttpResponseMessage> PostRawAsync(string json, string? bearerToken) =>
        SendAsync(new StringContent(json, Encoding.UTF8, "application/json"), bearerToken);

    /// <summary>Posts without Content-Length (chunked), as <c>PostAsJsonAsync</c> does.</summary>
    public Task<HttpResponseMessage> PostStreamedAsync(Activity activity, string? bearerToken) =>
        SendAsync(JsonContent.Create(activity, options: BotJson.Options), bearerToken);

    private async Task<HttpResponseMessage> SendAsync(HttpContent content, string? bearerToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = content };
        if (bearerToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        }

        return await Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
        await Connector.DisposeAsync();
        await Issuer.DisposeAsync();
    }
}

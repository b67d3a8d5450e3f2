using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VirServerless.Bot.Conversations;
using VirServerless.Bot.Protocol;
using VirServerless.Bot.Reminders;
using VirServerless.Core;
using VirServerless.Core.Events;
using VirServerless.Core.Registrations;
using VirServerless.Core.Storage;
using VirServerless.Core.Storage.Conversations;
using VirServerless.Core.Storage.Events;
using VirServerless.Testing;

namespace VirServerless.Bot.Tests.Conversations;

/// <summary>
/// The bot handler in process with real storage (Azurite, own tables) and the real registration service; only Teams
/// is replaced, by the local connector peer that serves the roster and records what the bot sends.
/// </summary>
internal sealed class BotWorld : IAsyncDisposable
{
    public const string EventId = "plenum-2030";

    private readonly ServiceProvider services;

    private BotWorld(ServiceProvider services, LocalConnectorPeer connector)
    {
        this.services = services;
        Connector = connector;
    }

    public LocalConnectorPeer Connector { get; }

    public IActivityHandler Bot => services.GetRequiredService<IActivityHandler>();

    public RegistrationService Registrations => services.GetRequiredService<RegistrationService>();

    public ChatReminders ChatReminders => services.GetRequiredService<ChatReminders>();

    public ConversationStore Conversations => services.GetRequiredService<ConversationStore>();

    public EventStore Events => services.GetRequiredService<EventStore>();

    public LiveCatalog Catalog => services.GetRequiredService<LiveCatalog>();

    /// <summary>A catalog copy like the bot's, on its own clock.</summary>
    public LiveCatalog CatalogOn(TimeProvider clock) => new(
        Events, Registrations, services.GetRequiredService<CatalogChanges>(),
        Options.Create(new BotCopiesOptions()), Options.Create(new BotContactOptions()), clock);

    public StorageTables Tables => services.GetRequiredService<StorageTables>();

    /// <summary>The conversation store of another app instance on the same storage, with its own copy in memory.</summary>
    public ConversationStore OtherInstanceConversations(TimeProvider? clock = null) =>
        new(new BotConversationStore(Tables), Options.Create(new BotCopiesOptions()), clock ?? TimeProvider.System, services.GetRequiredService<ILogger<ConversationStore>>());

    public static async Task<BotWorld> StartAsync(string connectionString)
    {
        var connector = await LocalConnectorPeer.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = connectionString,
            ["Storage:TablePrefix"] = AzuriteFixture.UniqueTableName("bot")[..14],
            ["PublicBaseUrl"] = "http://127.0.0.1/",
        }).Build();
        var collection = new ServiceCollection();
        collection.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        collection.AddSingleton(TimeProvider.System);
        collection.AddCore(configuration);
        collection.AddBot(configuration);
        var provider = collection.BuildServiceProvider();
        await provider.GetRequiredService<StorageTables>().EnsureCreatedAsync();
        await provider.GetRequiredService<EventStore>().UpsertAsync(EventJson.Deserialize(EventDocument));
        return new BotWorld(provider, connector);
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        await Connector.DisposeAsync();
    }

    /// <summary>A Teams user in a personal chat whose roster entry carries <paramref name="email"/>.</summary>
    public ChatUser User(string email)
    {
        var user = new ChatUser("29:" + Guid.NewGuid().ToString("N"), "a:" + Guid.NewGuid().ToString("N"), email, Connector.ServiceUrl);
        Connector.AddMember(user.ConversationId, user.Id, JsonSerializer.Serialize(new
        {
            id = user.Id,
            name = "Mustermann, Erika",
            email,
            userPrincipalName = email,
        }));
        return user;
    }

    public Task<TurnResult> SendAsync(Activity activity) =>
        Bot.OnActivityAsync(new TurnContext(activity, new ClaimsIdentity(ActivityAuthenticator.AnonymousAuthenticationType)), CancellationToken.None);

    private const string EventDocument = """
        {
          "id": "plenum-2030", "kind": "plenum", "title": "Plenum 2030", "status": "published",
          "start": "2030-06-05T09:00:00+02:00", "end": "2030-06-05T17:00:00+02:00",
          "venue": { "name": "Rathaus", "street": "Markt 1", "postalCode": "26122", "city": "Oldenburg" },
          "contact": { "name": "Geschäftsstelle ViR-Nordwest", "email": "geschaeftsstelle@vir-nordwest.example" },
          "registration": { "opens": "2026-01-01T00:00:00+01:00", "closes": "2030-05-01T00:00:00+02:00", "capacity": 10, "waitlist": true },
          "sessions": [
            { "id": "ag-ki", "kind": "workshop", "title": "AG Künstliche Intelligenz", "start": "2030-06-05T13:00:00+02:00", "end": "2030-06-05T15:00:00+02:00", "choosable": true, "capacity": 5 },
            { "id": "ag-ozg", "kind": "workshop", "title": "AG OZG", "start": "2030-06-05T13:00:00+02:00", "end": "2030-06-05T15:00:00+02:00", "choosable": true }
          ]
        }
        """;
}

internal sealed record ChatUser(string Id, string ConversationId, string Email, Uri ServiceUrl)
{
    public Activity Message(string? text = null, JsonObject? value = null) => new()
    {
        Type = ActivityTypes.Message,
        Id = "act-" + Guid.NewGuid().ToString("N"),
        ChannelId = "msteams",
        ServiceUrl = ServiceUrl.AbsoluteUri,
        From = new ChannelAccount(Id, "Erika Mustermann"),
        Recipient = new ChannelAccount("28:bot", "ViR-Assistent"),
        Conversation = new ConversationAccount(ConversationId) { ConversationType = "personal", TenantId = "tenant-1" },
        Text = text,
        Value = value is null ? null : JsonSerializer.SerializeToElement(value),
    };

    public Activity Invoke(JsonObject data) => Message() with
    {
        Type = ActivityTypes.Invoke,
        Name = "adaptiveCard/action",
        Value = JsonSerializer.SerializeToElement(new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = data["action"]?.GetValue<string>(), ["data"] = data },
            ["trigger"] = "manual",
        }),
    };
}

using System.Text.Json.Nodes;
using VirServerless.Bot.Conversations;
using VirServerless.Core.Events;
using Azure.Data.Tables;
using VirServerless.Testing;

namespace VirServerless.Bot.Tests.Conversations;

public sealed class LiveCatalogTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private BotWorld world = null!;

    public async ValueTask InitializeAsync() => world = await BotWorld.StartAsync(azurite.ConnectionString);

    public async ValueTask DisposeAsync() => await world.DisposeAsync();

    [Fact]
    public async Task SeesAnotherInstancesChangeOnlyAfterMaxAge()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        using var catalog = world.CatalogOn(clock);
        await catalog.LoadAsync(CancellationToken.None);

        await RenameInStorageAsync("Plenum 2030 (verlegt)");
        var withinMaxAge = await catalog.LoadAsync(CancellationToken.None);
        clock.Advance(new BotCopiesOptions().MaxAge);
        var afterMaxAge = await catalog.LoadAsync(CancellationToken.None);

        Assert.Equal("Plenum 2030", TitleIn(withinMaxAge.Events));
        Assert.Equal("Plenum 2030 (verlegt)", TitleIn(afterMaxAge.Events));
    }

    [Fact]
    public async Task SeesAChangePublishedThroughThisProcessAtOnce()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        using var catalog = world.CatalogOn(clock);
        await catalog.LoadAsync(CancellationToken.None);
        var stored = await world.Events.GetAsync(BotWorld.EventId);

        await world.Events.UpsertAsync(stored!.Event with { Title = "Plenum 2030 in Aurich" });
        var view = await catalog.LoadAsync(CancellationToken.None);

        Assert.Equal("Plenum 2030 in Aurich", TitleIn(view.Events));
    }

    [Fact]
    public async Task SeesASeatTakenThroughThisProcessAtOnce()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        using var catalog = world.CatalogOn(clock);
        var before = await catalog.LoadAsync(CancellationToken.None);
        var user = world.User($"platz.{Guid.NewGuid():N}@kommune.example");

        await world.SendAsync(user.Message(value: new JsonObject
        {
            ["action"] = "registerSubmit", ["eventId"] = BotWorld.EventId, ["organization"] = "Stadt Leer",
            ["sessions"] = "ag-ki", ["consent"] = "true",
        }));
        var after = await catalog.LoadAsync(CancellationToken.None);

        Assert.Equal(before.Seats[BotWorld.EventId].EventFree - 1, after.Seats[BotWorld.EventId].EventFree);
        Assert.Equal(before.Seats[BotWorld.EventId].SessionFree["ag-ki"] - 1, after.Seats[BotWorld.EventId].SessionFree["ag-ki"]);
    }

    private async Task RenameInStorageAsync(string title)
    {
        // Written past EventStore, as another app instance would: this process gets no signal.
        var entity = (await world.Tables.Events.GetEntityAsync<TableEntity>("catalog", BotWorld.EventId)).Value;
        var document = JsonNode.Parse(entity.GetString("Document")!)!;
        document["title"] = title;
        entity["Document"] = document.ToJsonString();
        await world.Tables.Events.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace);
    }

    private static string TitleIn(IReadOnlyList<CatalogEvent> events) => events.Single(e => e.Id == BotWorld.EventId).Title;
}

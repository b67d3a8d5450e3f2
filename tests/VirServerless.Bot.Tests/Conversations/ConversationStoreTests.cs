using VirServerless.Bot.Conversations;
using VirServerless.Bot.Questions;
using VirServerless.Testing;

namespace VirServerless.Bot.Tests.Conversations;

public sealed class ConversationStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private BotWorld world = null!;

    public async ValueTask InitializeAsync() => world = await BotWorld.StartAsync(azurite.ConnectionString);

    public async ValueTask DisposeAsync() => await world.DisposeAsync();

    [Fact]
    public async Task WritesQuestionContextBehindTheTurn()
    {
        var key = NewUserKey();
        using var other = world.OtherInstanceConversations();
        using var later = world.OtherInstanceConversations();

        await world.Conversations.UpdateAsync(key, s => s with { Question = s.Question with { EventId = BotWorld.EventId } }, CancellationToken.None);
        var beforeFlush = await other.GetAsync(key, CancellationToken.None);
        await world.Conversations.FlushAsync(CancellationToken.None);
        var afterFlush = await later.GetAsync(key, CancellationToken.None);

        Assert.Null(beforeFlush.Question.EventId);
        Assert.Equal(BotWorld.EventId, afterFlush.Question.EventId);
    }

    [Fact]
    public async Task AnotherInstanceContinuesAFollowUpWhereThisOneStopped()
    {
        var key = NewUserKey();
        using var later = world.OtherInstanceConversations();
        var context = new ConversationState(BotWorld.EventId, null, 2, "de", "wann ist das plenum")
        {
            LastIntent = Intent.Faq,
            LastYesNo = true,
            LastFaq = "Gibt es ein Hotelkontingent?",
            LastMinute = 15 * 60,
        };

        await world.Conversations.UpdateAsync(key, s => s with { Question = context }, CancellationToken.None);
        await world.Conversations.FlushAsync(CancellationToken.None);

        Assert.Equal(context, (await later.GetAsync(key, CancellationToken.None)).Question);
    }

    [Fact]
    public async Task WritesOrganisationThroughBeforeReturning()
    {
        var key = NewUserKey();
        using var other = world.OtherInstanceConversations();

        await world.Conversations.UpdateAsync(key, s => s with { Organization = "Landkreis Leer" }, CancellationToken.None);

        Assert.Equal("Landkreis Leer", (await other.GetAsync(key, CancellationToken.None)).Organization);
    }

    [Fact]
    public async Task FlushKeepsWhatAnotherInstanceWroteMeanwhile()
    {
        var key = NewUserKey();
        using var other = world.OtherInstanceConversations();
        using var reader = world.OtherInstanceConversations();
        await world.Conversations.GetAsync(key, CancellationToken.None);

        await other.UpdateAsync(key, s => s with { Organization = "Stadt Emden" }, CancellationToken.None);
        await world.Conversations.UpdateAsync(key, s => s with { Question = s.Question with { Language = "de" } }, CancellationToken.None);
        await world.Conversations.FlushAsync(CancellationToken.None);

        var stored = await reader.GetAsync(key, CancellationToken.None);
        Assert.Equal(("Stadt Emden", "de"), (stored.Organization, stored.Question.Language));
    }

    [Fact]
    public async Task WriteThroughKeepsContextNotYetWritten()
    {
        var key = NewUserKey();
        using var reader = world.OtherInstanceConversations();

        await world.Conversations.UpdateAsync(key, s => s with { Question = s.Question with { Day = 2 } }, CancellationToken.None);
        await world.Conversations.UpdateAsync(key, s => s with { PendingCancelEventId = BotWorld.EventId }, CancellationToken.None);

        var stored = await reader.GetAsync(key, CancellationToken.None);
        Assert.Equal((BotWorld.EventId, 2), (stored.PendingCancelEventId, stored.Question.Day));
    }

    [Fact]
    public async Task StoredStateWinsOverTheReplica()
    {
        var key = NewUserKey();
        using var store = world.OtherInstanceConversations();
        await store.SyncAsync(CancellationToken.None);
        await store.UpdateAsync(key, s => s with { PendingCancelEventId = BotWorld.EventId }, CancellationToken.None);

        await world.Conversations.UpdateAsync(key, s => s with { PendingCancelEventId = null }, CancellationToken.None);

        Assert.Equal(BotWorld.EventId, (await store.GetAsync(key, CancellationToken.None)).PendingCancelEventId);
        Assert.Null((await store.GetStoredAsync(key, CancellationToken.None)).PendingCancelEventId);
    }

    [Fact]
    public async Task AnswersFromTheReplicaWithoutReadingStorage()
    {
        var key = NewUserKey();
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        using var store = world.OtherInstanceConversations(clock);
        await world.Conversations.UpdateAsync(key, s => s with { Organization = "Gemeinde Saterland" }, CancellationToken.None);
        await store.SyncAsync(CancellationToken.None);

        await world.Tables.Conversations.DeleteEntityAsync("user|" + key, "state");
        var fromReplica = await store.GetAsync(key, CancellationToken.None);
        clock.Advance(new BotCopiesOptions().MaxAge);
        var afterMaxAge = await store.GetAsync(key, CancellationToken.None);

        Assert.Equal("Gemeinde Saterland", fromReplica.Organization);
        Assert.Null(afterMaxAge.Organization);
    }

    [Fact]
    public async Task SeesAnotherInstancesChangeAfterTheNextPass()
    {
        var key = NewUserKey();
        using var store = world.OtherInstanceConversations();
        await store.SyncAsync(CancellationToken.None);

        await world.Conversations.UpdateAsync(key, s => s with { Organization = "Stadt Wilhelmshaven" }, CancellationToken.None);
        var beforePass = await store.GetAsync(key, CancellationToken.None);
        await store.SyncAsync(CancellationToken.None);
        var afterPass = await store.GetAsync(key, CancellationToken.None);

        Assert.True(store.ReplicaIsCurrent);
        Assert.Null(beforePass.Organization);
        Assert.Equal("Stadt Wilhelmshaven", afterPass.Organization);
    }

    [Fact]
    public async Task TheFirstPassWaitsForItsDelayAndTurnsBeforeItReadTheirRow()
    {
        var key = NewUserKey();
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        using var store = world.OtherInstanceConversations(clock);
        await world.Conversations.UpdateAsync(key, s => s with { Organization = "Gemeinde Wangerland" }, CancellationToken.None);
        using var stop = new CancellationTokenSource();
        var running = store.RunAsync(stop.Token, TimeSpan.FromSeconds(2));

        await Task.Delay(200);
        var beforeDelay = store.ReplicaIsCurrent;
        var readBeforePass = await store.GetAsync(key, CancellationToken.None);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!store.ReplicaIsCurrent && DateTime.UtcNow < deadline)
        {
            // The loop waits a second between writes; each step lets one of those waits end.
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(50);
        }
        var afterDelay = store.ReplicaIsCurrent;
        await stop.CancelAsync();
        await running;

        Assert.False(beforeDelay);
        Assert.Equal("Gemeinde Wangerland", readBeforePass.Organization);
        Assert.True(afterDelay);
    }

    private static string NewUserKey() => "29:" + Guid.NewGuid().ToString("N");
}

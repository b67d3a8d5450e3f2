using System.Text.Json.Nodes;
using VirServerless.Bot.Protocol;
using VirServerless.Core.Registrations;
using VirServerless.Testing;

namespace VirServerless.Bot.Tests.Conversations;

public sealed class VirServerlessBotTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private BotWorld world = null!;

    public async ValueTask InitializeAsync() => world = await BotWorld.StartAsync(azurite.ConnectionString);

    public async ValueTask DisposeAsync() => await world.DisposeAsync();

    [Fact]
    public async Task RegistersWithTheRosterIdentityAndRemembersTheOrganisation()
    {
        var user = world.User($"erika.{Guid.NewGuid():N}@kommune.example");
        await world.SendAsync(user.Message("Wann ist das Plenum 2030?"));

        var result = await world.SendAsync(user.Message(value: new JsonObject
        {
            ["action"] = "registerSubmit", ["eventId"] = BotWorld.EventId, ["organization"] = "Stadt Delmenhorst",
            ["sessions"] = "ag-ki", ["consent"] = "true", ["chatReminder"] = "true",
        }));

        Assert.Contains("Platz ist bestätigt", Assert.Single(result.Replies).Text, StringComparison.Ordinal);
        var registration = await world.Registrations.FindByEmailAsync(BotWorld.EventId, user.Email.ToUpperInvariant());
        Assert.NotNull(registration);
        Assert.Equal(RegistrationStatus.Confirmed, registration.Status);
        Assert.Equal(("Erika", "Mustermann"), (registration.FirstName, registration.LastName));
        Assert.Equal("ag-ki", Assert.Single(registration.Sessions).Id);
        Assert.Equal(SessionSeatStatus.Booked, registration.Sessions[0].Status);
        var state = await world.Conversations.GetAsync(user.Id, CancellationToken.None);
        Assert.Equal("Stadt Delmenhorst", state.Organization);
        Assert.Equal(BotWorld.EventId, state.Question.EventId);
        Assert.NotNull(await world.ChatReminders.FindAsync(user.Email, CancellationToken.None));
    }

    [Fact]
    public async Task RefusesRegistrationWithoutConsent()
    {
        var user = world.User($"ohne.{Guid.NewGuid():N}@kommune.example");

        var result = await world.SendAsync(user.Message(value: new JsonObject
        {
            ["action"] = "registerSubmit", ["eventId"] = BotWorld.EventId, ["organization"] = "Stadt Delmenhorst", ["consent"] = "false",
        }));

        Assert.Contains("Bitte stimmen Sie der Verarbeitung", Assert.Single(result.Replies).Text, StringComparison.Ordinal);
        Assert.Null(await world.Registrations.FindByEmailAsync(BotWorld.EventId, user.Email));
    }

    [Fact]
    public async Task ChangesSessionsThroughAnAdaptiveCardInvoke()
    {
        var user = world.User($"wechsel.{Guid.NewGuid():N}@kommune.example");
        await world.SendAsync(user.Message(value: new JsonObject
        {
            ["action"] = "registerSubmit", ["eventId"] = BotWorld.EventId, ["organization"] = "Gemeinde Edewecht", ["sessions"] = "ag-ki", ["consent"] = "true",
        }));

        var form = await world.SendAsync(user.Message("Ich möchte meine AG wechseln"));
        var invoke = await world.SendAsync(user.Invoke(new JsonObject { ["action"] = "changeSessions", ["eventId"] = BotWorld.EventId, ["sessions"] = "ag-ozg" }));

        Assert.Contains("\"value\":\"ag-ki\"", Assert.Single(form.Replies).Attachments![0].Content!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(200, invoke.InvokeResponse!.Status);
        Assert.Equal(InvokeResponse.AdaptiveCardType, invoke.InvokeResponse.Body!["type"]!.GetValue<string>());
        Assert.Contains("AG OZG", invoke.InvokeResponse.Body.ToJsonString(), StringComparison.Ordinal);
        var registration = await world.Registrations.FindByEmailAsync(BotWorld.EventId, user.Email);
        Assert.Equal("ag-ozg", Assert.Single(registration!.Sessions).Id);
    }

    [Fact]
    public async Task SaysSoWhenTheRosterHasNoAddress()
    {
        var stranger = new ChatUser("29:unknown", "a:unknown", "", world.Connector.ServiceUrl);

        var result = await world.SendAsync(stranger.Message("Bin ich für das Plenum 2030 angemeldet?"));

        Assert.Contains("E-Mail-Adresse in Teams nicht ermitteln", Assert.Single(result.Replies).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendsAChatReminderProactivelyOnlyToPeopleWhoOptedIn()
    {
        var user = world.User($"erinnerung.{Guid.NewGuid():N}@kommune.example");
        var optIn = await world.SendAsync(user.Message("Erinnere mich im Chat"));
        var before = world.Connector.Requests.Count;

        var sent = await world.ChatReminders.SendChatReminderAsync(user.Email, "Morgen beginnt das Plenum 2030 um 9:00 Uhr im Rathaus Oldenburg.");
        var notOptedIn = await world.ChatReminders.SendChatReminderAsync("niemand@kommune.example", "Erinnerung");

        Assert.Contains("erinnere Sie hier im Chat", Assert.Single(optIn.Replies).Text, StringComparison.Ordinal);
        Assert.True(sent);
        Assert.False(notOptedIn);
        var proactive = Assert.Single(world.Connector.Requests.Skip(before));
        Assert.Equal("POST", proactive.Method);
        Assert.Equal($"/amer/v3/conversations/{Uri.EscapeDataString(user.ConversationId)}/activities", proactive.RawPath);
        Assert.Equal("Morgen beginnt das Plenum 2030 um 9:00 Uhr im Rathaus Oldenburg.", proactive.Json.GetProperty("text").GetString());
        Assert.Equal(user.Id, proactive.Json.GetProperty("recipient").GetProperty("id").GetString());
        Assert.Equal("28:bot", proactive.Json.GetProperty("from").GetProperty("id").GetString());
    }

    [Fact]
    public async Task ForgetsTheReferenceWhenTheUserBlockedTheBot()
    {
        var user = world.User($"blockiert.{Guid.NewGuid():N}@kommune.example");
        await world.SendAsync(user.Message("Erinnere mich bitte hier im Chat"));
        world.Connector.FailNext(403);

        var sent = await world.ChatReminders.SendChatReminderAsync(user.Email, "Erinnerung");

        Assert.False(sent);
        Assert.Null(await world.ChatReminders.FindAsync(user.Email, CancellationToken.None));
    }

    [Fact]
    public async Task CancelsOnlyWhileStorageStillAwaitsTheConfirmation()
    {
        await world.Conversations.SyncAsync(CancellationToken.None);
        var user = world.User($"storno.{Guid.NewGuid():N}@kommune.example");
        await world.SendAsync(user.Message(value: new JsonObject
        {
            ["action"] = "registerSubmit", ["eventId"] = BotWorld.EventId, ["organization"] = "Stadt Norden", ["consent"] = "true",
        }));
        var question = await world.SendAsync(user.Message("Melde mich ab"));
        using var otherInstance = world.OtherInstanceConversations();

        // The user answered "Nein" on another instance; this instance's replica has not seen it yet.
        await otherInstance.UpdateAsync(user.Id, s => s with { PendingCancelEventId = null }, CancellationToken.None);
        var result = await world.SendAsync(user.Message("Ja, abmelden"));

        Assert.Contains("wirklich stornieren", Assert.Single(question.Replies).Text, StringComparison.Ordinal);
        Assert.True(world.Conversations.ReplicaIsCurrent);
        Assert.DoesNotContain("abgemeldet", Assert.Single(result.Replies).Text, StringComparison.Ordinal);
        var registration = await world.Registrations.FindByEmailAsync(BotWorld.EventId, user.Email);
        Assert.Equal(RegistrationStatus.Confirmed, registration!.Status);
    }

    [Fact]
    public async Task ConcurrentTurnsOfOneUserKeepBothChanges()
    {
        var key = "29:" + Guid.NewGuid().ToString("N");

        await Task.WhenAll(
            world.Conversations.UpdateAsync(key, s => s with { Organization = "Stadt Emden" }, CancellationToken.None),
            world.Conversations.UpdateAsync(key, s => s with { PendingCancelEventId = BotWorld.EventId }, CancellationToken.None),
            world.Conversations.UpdateAsync(key, s => s with { Question = s.Question with { Language = "de" } }, CancellationToken.None));

        var state = await world.Conversations.GetAsync(key, CancellationToken.None);
        Assert.Equal(("Stadt Emden", BotWorld.EventId, "de"), (state.Organization, state.PendingCancelEventId, state.Question.Language));
    }

    [Fact]
    public async Task IgnoresUnknownActivityTypes()
    {
        var user = world.User($"x.{Guid.NewGuid():N}@kommune.example");

        var result = await world.SendAsync(user.Message() with { Type = ActivityTypes.MessageReaction });

        Assert.Empty(result.Replies);
        Assert.Null(result.InvokeResponse);
    }
}

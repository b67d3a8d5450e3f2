using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using VirServerless.Functions.Tests.Support;
using VirServerless.Testing;

namespace VirServerless.Functions.Tests.Bot;

/// <summary>
/// Conversations with the bot over real HTTP against the running app (Azurite, sample catalog, no app id, so anonymous
/// activities with a loopback serviceUrl are accepted) and a local connector peer standing in for Teams.
/// </summary>
public sealed class BotConversationTests(AppFixture fixture) : IClassFixture<AppFixture>, IAsyncLifetime
{
    private LocalConnectorPeer connector = null!;

    private FunctionAppProcess App => fixture.App;

    public async ValueTask InitializeAsync() => connector = await LocalConnectorPeer.StartAsync();

    public async ValueTask DisposeAsync() => await connector.DisposeAsync();

    [Fact]
    public async Task AnswersQuestionsAboutThePlenumInGerman()
    {
        var user = new TeamsUser(App, connector);

        var when = await user.SayAsync("Wann ist das nächste Plenum?");
        var where = await user.SayAsync("Und wo?");
        var programme = await user.SayAsync("Was steht am zweiten Tag auf dem Programm?");
        var workshops = await user.SayAsync("Welche Arbeitsgruppen gibt es?");

        Assert.Contains("9. Juni 2027", TeamsUser.Text(when), StringComparison.Ordinal);
        Assert.Contains("15:30", TeamsUser.Text(when), StringComparison.Ordinal);
        Assert.Equal("1.5", TeamsUser.Card(when).GetProperty("version").GetString());
        Assert.Contains("Tagungszentrum Alter Hafen", TeamsUser.Text(where), StringComparison.Ordinal);
        Assert.Contains("Bremerhaven", TeamsUser.Text(where), StringComparison.Ordinal);
        Assert.Contains("Themenblock", TeamsUser.Text(programme), StringComparison.Ordinal);
        Assert.Contains("Künstliche Intelligenz", TeamsUser.Text(workshops), StringComparison.Ordinal);
        Assert.Contains("Nachnutzung", TeamsUser.Text(workshops), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WelcomesNewMembersAndIgnoresUnknownActivities()
    {
        var user = new TeamsUser(App, connector);
        var added = user.Activity("conversationUpdate");
        added["membersAdded"] = new JsonArray { new JsonObject { ["id"] = user.UserId } };
        var botOnly = user.Activity("conversationUpdate");
        botOnly["membersAdded"] = new JsonArray { new JsonObject { ["id"] = "28:virserverless-bot" } };

        var welcome = await user.SendAsync(added);
        var none = await user.SendAsync(botOnly);
        var unknown = await user.SendAsync(user.Activity("messageReaction"));

        Assert.Contains("Veranstaltungsassistent", TeamsUser.Text(welcome), StringComparison.Ordinal);
        Assert.Contains("Melde mich für das Plenum an", TeamsUser.Text(welcome), StringComparison.Ordinal);
        Assert.Empty(none);
        Assert.Empty(unknown);
    }

    [Fact]
    public async Task RegistersInTheChatWithoutDoubleOptIn()
    {
        var user = new TeamsUser(App, connector);

        var form = await user.SayAsync("Melde mich für das Plenum 2027 an");
        var card = TeamsUser.Card(form).ToString();
        var done = await user.SubmitAsync(new JsonObject
        {
            ["action"] = "registerSubmit",
            ["eventId"] = "plenum-2027",
            ["organization"] = "Stadt Bremerhaven",
            ["sessions"] = "ag-ki",
            ["consent"] = "true",
            ["chatReminder"] = "false",
        });
        var mail = (await App.Mail.WaitForAsync(all => all.Any(m => m.To.Contains(user.Email, StringComparison.Ordinal)))).First(m => m.To.Contains(user.Email, StringComparison.Ordinal));
        var registered = await user.SayAsync("Bin ich angemeldet?");
        var sessions = await user.SayAsync("Welche AG habe ich gewählt?");

        Assert.Contains("Input.ChoiceSet", card, StringComparison.Ordinal);
        Assert.Contains("ag-ki", card, StringComparison.Ordinal);
        Assert.Contains("Ich willige ein", card, StringComparison.Ordinal);
        Assert.Contains("Platz ist bestätigt", TeamsUser.Text(done), StringComparison.Ordinal);
        var row = await AttendeeRowAsync("plenum-2027", user.Email);
        Assert.Equal("confirmed", row.GetProperty("status").GetString());
        Assert.Equal("Erika", row.GetProperty("firstName").GetString());
        Assert.Equal("Stadt Bremerhaven", row.GetProperty("organization").GetString());
        Assert.Equal("bot", row.GetProperty("source").GetString());
        Assert.Contains("Anmeldung bestätigt", mail.Subject, StringComparison.Ordinal);
        Assert.StartsWith("Ja, Sie sind für „Plenum 2027“ angemeldet", TeamsUser.Text(registered), StringComparison.Ordinal);
        Assert.Contains("Künstliche Intelligenz", TeamsUser.Text(sessions), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancelsOnlyAfterConfirmationAndTheNextWaitlistedPersonMovesUp()
    {
        var eventId = TestEvents.NewId("botcancel");
        await TestEvents.PublishAsync(App.Admin, TestEvents.Create(eventId, capacity: 1));
        var user = new TeamsUser(App, connector);
        var waiting = new Attendee(App, eventId, "Wartende");
        await user.SubmitAsync(new JsonObject
        {
            ["action"] = "registerSubmit", ["eventId"] = eventId, ["organization"] = "Gemeinde Wiefelstede", ["consent"] = "true",
        });
        Assert.Equal("waitlisted", await waiting.RegisterAndConfirmAsync());

        var early = await user.SubmitAsync(new JsonObject { ["action"] = "cancelConfirmed", ["eventId"] = eventId });
        var question = await user.SayAsync("Melde mich ab");
        var stillActive = (await AttendeeRowAsync(eventId, user.Email)).GetProperty("status").GetString();
        var cancelled = await user.SubmitAsync(new JsonObject { ["action"] = "cancelConfirmed", ["eventId"] = eventId });
        var movedUp = await waiting.WaitForMailAsync("Ein Platz ist frei geworden");

        Assert.Contains("nicht mehr gültig", TeamsUser.Text(early), StringComparison.Ordinal);
        Assert.Contains("wirklich stornieren", TeamsUser.Text(question), StringComparison.Ordinal);
        Assert.Contains("Ja, abmelden", TeamsUser.Card(question).ToString(), StringComparison.Ordinal);
        Assert.Equal("confirmed", stillActive);
        Assert.Contains("abgemeldet", TeamsUser.Text(cancelled), StringComparison.Ordinal);
        var list = await AdminQueries.RegistrationsAsync(App, eventId);
        Assert.Equal(1, list.GetProperty("counts").GetProperty("cancelled").GetInt32());
        Assert.Equal("confirmed", (await AttendeeRowAsync(eventId, waiting.Email)).GetProperty("status").GetString());
        Assert.NotNull(movedUp);
        await App.Mail.WaitForAsync(all => all.Any(m => m.To.Contains(user.Email, StringComparison.Ordinal) && m.Subject.Contains("Abmeldung bestätigt", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AnswersChangeWhenTheOrganiserChangesTheCatalog()
    {
        var user = new TeamsUser(App, connector);
        var document = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "catalog", "samples", "marktplatz-2027.json")))!.AsObject();

        var before = await user.SayAsync("Wo findet der Marktplatz 2027 statt?");
        document["venue"] = new JsonObject { ["name"] = "Stadthalle Cloppenburg", ["street"] = "Bahnhofstraße 1", ["postalCode"] = "49661", ["city"] = "Cloppenburg" };
        await TestEvents.PublishAsync(App.Admin, document);
        var after = await user.SayAsync("Wo findet der Marktplatz 2027 statt?");

        Assert.Contains("Oldenburg", TeamsUser.Text(before), StringComparison.Ordinal);
        Assert.Contains("Stadthalle Cloppenburg", TeamsUser.Text(after), StringComparison.Ordinal);
        Assert.DoesNotContain("Oldenburg", TeamsUser.Text(after), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExpectRepliesReturnsTheAnswerInTheResponseBody()
    {
        var user = new TeamsUser(App, connector);
        var before = connector.Requests.Count;

        using var response = await App.Client.PostAsJsonAsync("api/messages", user.Activity(text: "Wo ist das Plenum 2027?", deliveryMode: "expectReplies"));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.Single(body.GetProperty("activities").EnumerateArray());
        Assert.Contains("Bremerhaven", reply.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal(user.ConversationId, reply.GetProperty("conversation").GetProperty("id").GetString());
        Assert.DoesNotContain(connector.Requests.Skip(before), r => r.Method == "POST");
    }

    private async Task<JsonElement> AttendeeRowAsync(string eventId, string email)
    {
        var list = await AdminQueries.RegistrationsAsync(App, eventId);
        return list.GetProperty("registrations").EnumerateArray().Single(r => r.GetProperty("email").GetString() == email);
    }
}

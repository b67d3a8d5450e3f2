using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using VirServerless.Core;
using VirServerless.Functions.Tests.Mail;
using VirServerless.Functions.Tests.Support;
using VirServerless.Testing;

namespace VirServerless.Functions.Tests.Bot;

/// <summary>
/// Chat reminders end to end: the app as a real process, people who register by e-mail and opt in through a Teams
/// conversation over HTTP, the local connector peer receiving the proactive messages, the reminder timer run for real.
/// </summary>
public sealed class ChatReminderTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    /// <summary>A short claim lease, so a restarted app takes over the dead run's claim soon.</summary>
    private static readonly Dictionary<string, string> ShortLease = new()
    {
        ["Bot__ChatReminders__Lease"] = "00:00:03",
        ["Registration__ReminderLease"] = "00:00:03",
    };

    private LocalConnectorPeer connector = null!;

    public async ValueTask InitializeAsync() => connector = await LocalConnectorPeer.StartAsync();

    public async ValueTask DisposeAsync() => await connector.DisposeAsync();

    [Fact]
    public async Task EachOptedInPersonGetsExactlyOneChatReminderDespiteAKilledRunOverlappingRunsAndThrottling()
    {
        await using var app = await FunctionAppProcess.StartAsync(azurite.ConnectionString, ShortLease);
        var eventId = TestEvents.NewId("chatrem");
        var (ev, due) = SoonEvents.WithReminderIn(eventId, TimeSpan.FromSeconds(20));
        await TestEvents.PublishAsync(app.Admin, ev);
        var anna = await OptedInAsync(app, new Attendee(app, eventId, "Anna"));
        var bernd = await OptedInAsync(app, new Attendee(app, eventId, "Bernd"));
        var carla = await OptedInAsync(app, new Attendee(app, eventId, "Carla"));
        var stopped = await carla.SayAsync("Keine Erinnerungen mehr");
        await SoonEvents.WaitUntilAsync(due);

        // The first run dies right after claiming its first chat reminder, before sending it.
        await app.KillAsync();
        await app.StartAsync(new Dictionary<string, string> { ["VIRSERVERLESS_CRASH_AT"] = CrashPoints.ChatReminderClaimed });
        await Assert.ThrowsAnyAsync<Exception>(() => app.RunTimerAsync("SendReminders"));
        await app.WaitForExitAsync(TimeSpan.FromSeconds(30));
        await app.StartAsync();
        connector.FailNext(429, TimeSpan.FromSeconds(1));
        await Task.WhenAll(app.RunTimerAsync("SendReminders"), app.RunTimerAsync("SendReminders", isPastDue: true));
        await Task.Delay(TimeSpan.FromSeconds(4)); // the dead run's claim runs out
        await app.RunTimerAsync("SendReminders");
        await app.RunTimerAsync("SendReminders", isPastDue: true);

        Assert.Contains("keine Erinnerungen mehr", TeamsUser.Text(stopped), StringComparison.Ordinal);
        var annaReminder = Assert.Single(Reminders(connector.Delivered, anna));
        Assert.Single(Reminders(connector.Delivered, bernd));
        Assert.Empty(Reminders(connector.Requests, carla));
        // The throttled send was tried again: one request more than delivered.
        Assert.Equal(3, Reminders(connector.Requests, anna).Count + Reminders(connector.Requests, bernd).Count);
        var text = annaReminder.GetProperty("text").GetString()!;
        Assert.Contains(ev["title"]!.GetValue<string>(), text, StringComparison.Ordinal);
        Assert.Contains("Uhr", text, StringComparison.Ordinal);
        Assert.Contains("Rathaus", text, StringComparison.Ordinal);
        Assert.Contains($"/veranstaltungen/{eventId}", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AConversationThatAnswers403IsForgottenAndNotTriedAgain()
    {
        await using var app = await FunctionAppProcess.StartAsync(azurite.ConnectionString, ShortLease);
        var first = TestEvents.NewId("chat403a");
        var second = TestEvents.NewId("chat403b");
        var (one, due) = SoonEvents.WithReminderIn(first, TimeSpan.FromSeconds(15));
        var (two, _) = SoonEvents.WithReminderIn(second, TimeSpan.FromSeconds(15));
        await TestEvents.PublishAsync(app.Admin, one);
        await TestEvents.PublishAsync(app.Admin, two);
        var person = new Attendee(app, first, "Dora");
        var user = await OptedInAsync(app, person);
        await ConfirmSecondRegistrationAsync(app, new Attendee(app, second, "Dora", email: person.Email));
        await SoonEvents.WaitUntilAsync(due);

        connector.FailNext(403);
        await app.RunTimerAsync("SendReminders");
        await app.RunTimerAsync("SendReminders", isPastDue: true);
        var export = await ExportAsync(app, await person.ManageTokenAsync());

        Assert.Single(Reminders(connector.Requests, user));
        Assert.Empty(Reminders(connector.Delivered, user));
        Assert.Equal(JsonValueKind.Null, export.GetProperty("chat").GetProperty("reminderOptIn").ValueKind);
    }

    [Fact]
    public async Task TheExportShowsTheBotDataAndTheErasureRemovesIt()
    {
        await using var app = await FunctionAppProcess.StartAsync(azurite.ConnectionString);
        var eventId = TestEvents.NewId("chatdata");
        await TestEvents.PublishAsync(app.Admin, TestEvents.Create(eventId));
        var person = new Attendee(app, eventId, "Emil");
        var user = await OptedInAsync(app, person);

        var export = await ExportAsync(app, await person.ManageTokenAsync());
        using var erased = await app.Client.PostAsJsonAsync("api/registrations/manage/delete", new { token = await person.ManageTokenAsync() });
        var rows = await BotRowsAsync(app);

        var chat = export.GetProperty("chat");
        Assert.Equal(user.ConversationId, chat.GetProperty("reminderOptIn").GetProperty("conversationId").GetString());
        Assert.Equal(user.UserId, chat.GetProperty("reminderOptIn").GetProperty("userId").GetString());
        Assert.Single(chat.GetProperty("conversations").EnumerateArray());
        Assert.Equal(HttpStatusCode.NoContent, erased.StatusCode);
        Assert.Empty(rows);
    }

    [Fact]
    public async Task ThePurgeRemovesBotDataOnceTheEventsRetentionHasRunOut()
    {
        await using var app = await FunctionAppProcess.StartAsync(azurite.ConnectionString, new Dictionary<string, string> { ["Retention__DefaultRetentionDays"] = "0" });
        var pastId = TestEvents.NewId("chatpast");
        var futureId = TestEvents.NewId("chatfuture");
        await TestEvents.PublishAsync(app.Admin, SoonEvents.At(pastId, DateTimeOffset.UtcNow.AddDays(2), retentionDays: 1));
        await TestEvents.PublishAsync(app.Admin, SoonEvents.At(futureId, DateTimeOffset.UtcNow.AddDays(2)));
        await OptedInAsync(app, new Attendee(app, pastId, "Frida"));
        var greta = await OptedInAsync(app, new Attendee(app, futureId, "Greta"));
        var before = await BotRowsAsync(app);
        await TestEvents.PublishAsync(app.Admin, SoonEvents.At(pastId, DateTimeOffset.UtcNow.AddDays(-3), retentionDays: 1));

        await app.RunTimerAsync("PurgePersonalData");
        var after = await BotRowsAsync(app);

        Assert.Equal(4, before.Count); // per person a chat reference and a conversation state
        Assert.Equal(2, after.Count);
        Assert.Contains(after, row => row.PartitionKey == "user|" + greta.AadObjectId);
        Assert.Contains(after, row => row.PartitionKey == "chat-reminders" && row.GetString("UserId") == greta.UserId);
    }

    /// <summary>Registers and confirms by mail, then asks the bot, as the Teams user with the same address, for chat reminders.</summary>
    private async Task<TeamsUser> OptedInAsync(FunctionAppProcess app, Attendee attendee)
    {
        await attendee.RegisterAndConfirmAsync();
        var user = new TeamsUser(app, connector, attendee.FirstName, "Muster", attendee.Email);
        var reply = await user.SayAsync("Erinnere mich im Chat");
        Assert.Contains("erinnere Sie hier im Chat", TeamsUser.Text(reply), StringComparison.Ordinal);
        return user;
    }

    private static List<JsonElement> Reminders(IEnumerable<ConnectorRequest> requests, TeamsUser user) =>
        [.. requests
            .Where(r => r.Method == "POST" && r.RawPath.Contains(Uri.EscapeDataString(user.ConversationId) + "/activities", StringComparison.Ordinal))
            .Select(r => r.Json)
            .Where(json => json.TryGetProperty("text", out var text) && text.GetString()?.StartsWith("Erinnerung:", StringComparison.Ordinal) == true)];

    private static async Task<JsonElement> ExportAsync(FunctionAppProcess app, string token)
    {
        using var response = await app.Client.PostAsJsonAsync("api/registrations/manage/export", new { token });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<List<TableEntity>> BotRowsAsync(FunctionAppProcess app) =>
        await new TableClient(azurite.ConnectionString, app.TablePrefix + "Conversations").QueryAsync<TableEntity>().ToListAsync();

    /// <summary>
    /// The same address's second registration: its confirmation mail is the second "Bitte bestätigen" mail, and the
    /// first one's link is used up (it answers 404), so whichever arrives last in the folder, exactly one link works.
    /// </summary>
    private static async Task ConfirmSecondRegistrationAsync(FunctionAppProcess app, Attendee again)
    {
        using var registered = await again.RegisterAsync();
        Assert.Equal(HttpStatusCode.Accepted, registered.StatusCode);
        await again.WaitForMailAsync("Bitte bestätigen", count: 2);
        var statuses = new List<HttpStatusCode>();
        foreach (var token in app.Mail.To(again.Email).Where(m => m.Subject.Contains("Bitte bestätigen", StringComparison.Ordinal)).Select(m => m.Token("/anmeldung/bestaetigen")!))
        {
            using var confirmed = await again.ConfirmAsync(token);
            statuses.Add(confirmed.StatusCode);
        }
        Assert.Single(statuses, HttpStatusCode.OK);
    }
}

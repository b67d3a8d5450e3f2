using System.Net;
using System.Net.Http.Json;
using VirServerless.Core;
using VirServerless.Functions.Tests.Support;
using VirServerless.Testing;

namespace VirServerless.Functions.Tests.Faults;

/// <summary>
/// Kills the app between the steps of a registration (after the transaction, after a mail was written) and
/// checks after a restart and a client retry that nothing is lost and nothing is doubled.
/// </summary>
public class CrashTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task CrashAfterTheRegistrationCommitsLosesAndDoublesNothing(bool withIdempotencyKey)
    {
        await using var app = await StartAsync();
        var eventId = TestEvents.NewId("crash");
        await TestEvents.PublishAsync(app.Admin, TestEvents.Create(eventId));
        var anna = new Attendee(app, eventId, "Anna");
        await CrashAtAsync(app, CrashPoints.RegistrationCommitted);

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => SendRegistrationAsync(app, anna, withIdempotencyKey));
        await app.WaitForExitAsync(TimeSpan.FromSeconds(30));
        await app.StartAsync();
        using var retry = await SendRegistrationAsync(app, anna, withIdempotencyKey);
        await app.RunTimerAsync("DispatchOutbox");

        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        var list = await AdminQueries.RegistrationsAsync(app, eventId);
        Assert.Equal(1, list.GetProperty("registrations").GetArrayLength());
        await anna.WaitForMailAsync("Bitte bestätigen");
        Assert.Single(app.Mail.To(anna.Email));
    }

    [Fact]
    public async Task CrashAfterAMailWasWrittenSendsItOnceAfterRestart()
    {
        // Short enough to expire while the test waits, long enough for a cold process to claim and send within half of
        // it: the dispatcher gives a row back unsent when the send would start after half the lease.
        await using var app = await StartAsync(new() { ["Outbox__Lease"] = "00:00:04" });
        var eventId = TestEvents.NewId("mailcrash");
        await TestEvents.PublishAsync(app.Admin, TestEvents.Create(eventId));
        var anna = new Attendee(app, eventId, "Anna");
        await CrashAtAsync(app, CrashPoints.MailSent);

        using var registered = await anna.RegisterAsync();
        await app.WaitForExitAsync(TimeSpan.FromSeconds(30));
        Assert.Single(app.Mail.To(anna.Email));
        await app.StartAsync();
        await Task.Delay(TimeSpan.FromSeconds(4.5));
        var first = await app.RunTimerAsync("DispatchOutbox");
        var second = await app.RunTimerAsync("DispatchOutbox");

        Assert.Equal(HttpStatusCode.Accepted, registered.StatusCode);
        Assert.Contains("1 gesendet", first, StringComparison.Ordinal);
        Assert.Contains("0 gesendet", second, StringComparison.Ordinal);
        var mail = Assert.Single(app.Mail.To(anna.Email));
        Assert.NotNull(mail.Token("/anmeldung/bestaetigen"));
    }

    [Fact]
    public async Task CrashAfterTheConfirmationCommitsKeepsExactlyOneSeat()
    {
        await using var app = await StartAsync();
        var eventId = TestEvents.NewId("confcrash");
        await TestEvents.PublishAsync(app.Admin, TestEvents.Create(eventId, capacity: 3));
        var anna = new Attendee(app, eventId, "Anna");
        using var registered = await anna.RegisterAsync();
        var token = await anna.ConfirmTokenAsync();
        await CrashAtAsync(app, CrashPoints.ConfirmationCommitted);

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => anna.ConfirmAsync(token));
        await app.WaitForExitAsync(TimeSpan.FromSeconds(30));
        await app.StartAsync();
        using var retry = await anna.ConfirmAsync(token);
        await app.RunTimerAsync("DispatchOutbox");

        // The link was used by the request that crashed; the confirmation mail tells the person the outcome.
        Assert.Equal(HttpStatusCode.NotFound, retry.StatusCode);
        Assert.Equal("confirmed", (await AdminQueries.RegistrationsAsync(app, eventId)).GetProperty("registrations")[0].GetProperty("status").GetString());
        Assert.Equal(2, AdminQueries.FreeSeats(await AdminQueries.EventAsync(app, eventId)));
        await anna.WaitForMailAsync("Anmeldung bestätigt");
        Assert.Single(app.Mail.To(anna.Email), m => m.Subject.Contains("Anmeldung bestätigt", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CrashBetweenChangeNoticesAndTheEventWriteSendsEachNoticeOnce()
    {
        // The dispatcher may have claimed a notice when the process died; a short lease lets the sweep take it over.
        // Short enough to expire while the test waits, long enough for a cold process to claim and send within half of
        // it: the dispatcher gives a row back unsent when the send would start after half the lease.
        await using var app = await StartAsync(new() { ["Outbox__Lease"] = "00:00:04" });
        var eventId = TestEvents.NewId("notecrash");
        var ev = TestEvents.Create(eventId);
        await TestEvents.PublishAsync(app.Admin, ev);
        var anna = new Attendee(app, eventId, "Anna");
        await anna.RegisterAndConfirmAsync();
        await CrashAtAsync(app, CrashPoints.ChangeNoticesWritten);
        ev["venue"]!["name"] = "Stadthalle";

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => app.Admin.PutAsJsonAsync($"api/admin/events/{eventId}", ev));
        await app.WaitForExitAsync(TimeSpan.FromSeconds(30));
        await app.StartAsync();
        using var retry = await app.Admin.PutAsJsonAsync($"api/admin/events/{eventId}", ev);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await app.RunTimerAsync("DispatchOutbox");

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal("Stadthalle", (await AdminQueries.EventAsync(app, eventId)).GetProperty("venue").GetProperty("name").GetString());
        var notices = app.Mail.To(anna.Email).Where(m => m.PlainText.Contains("Stadthalle", StringComparison.Ordinal)).ToList();
        Assert.Single(notices);
    }

    private async Task<FunctionAppProcess> StartAsync(Dictionary<string, string>? settings = null) =>
        await FunctionAppProcess.StartAsync(azurite.ConnectionString, settings);

    /// <summary>Restarts the app with one crash point armed.</summary>
    private static async Task CrashAtAsync(FunctionAppProcess app, string crashPoint)
    {
        await app.KillAsync();
        await app.StartAsync(new Dictionary<string, string> { ["VIRSERVERLESS_CRASH_AT"] = crashPoint });
    }

    /// <summary>Sends the same registration each time; with a key, as the JSON API's Idempotency-Key header.</summary>
    private static async Task<HttpResponseMessage> SendRegistrationAsync(FunctionAppProcess app, Attendee attendee, bool withIdempotencyKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/events/{attendee.EventId}/registrations") { Content = JsonContent.Create(attendee.Body()) };
        if (withIdempotencyKey)
        {
            request.Headers.Add("Idempotency-Key", "key-" + attendee.Email);
        }
        return await app.Client.SendAsync(request);
    }
}

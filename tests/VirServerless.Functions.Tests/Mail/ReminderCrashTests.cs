using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VirServerless.Core;
using VirServerless.Functions.Tests.Support;
using VirServerless.Testing;

namespace VirServerless.Functions.Tests.Mail;

public class ReminderCrashTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    /// <summary>Two reminders per batch, so the crash comes after the first of two; a short lease, so the restarted app may resume soon.</summary>
    private static readonly Dictionary<string, string> SmallBatches = new()
    {
        ["Registration__ReminderBatchSize"] = "2",
        ["Registration__ReminderParallelism"] = "1",
        ["Registration__ReminderLease"] = "00:00:03",
    };

    [Fact]
    public async Task ARunKilledAfterCommittingItsFirstBatchIsResumedAndSendsEachReminderOnce()
    {
        await using var app = await FunctionAppProcess.StartAsync(azurite.ConnectionString, SmallBatches);
        var eventId = TestEvents.NewId("crash");
        var (ev, due) = SoonEvents.WithReminderIn(eventId, TimeSpan.FromSeconds(12));
        await TestEvents.PublishAsync(app.Admin, ev);
        Attendee[] people = [new(app, eventId, "Anna"), new(app, eventId, "Bernd"), new(app, eventId, "Carla")];
        foreach (var person in people)
        {
            await person.RegisterAndConfirmAsync();
            await person.WaitForMailAsync("Anmeldung bestätigt");
        }
        await SoonEvents.WaitUntilAsync(due);
        await app.KillAsync();
        await app.StartAsync(new Dictionary<string, string> { ["VIRSERVERLESS_CRASH_AT"] = CrashPoints.ReminderCommitted });

        await Assert.ThrowsAnyAsync<Exception>(() => app.RunTimerAsync("SendReminders"));
        await app.WaitForExitAsync(TimeSpan.FromSeconds(30));
        await app.StartAsync();
        await Task.Delay(TimeSpan.FromSeconds(4)); // the dead run's lease runs out
        using var response = await app.Admin.PostAsync("api/admin/reminders/run", null);
        await app.RunTimerAsync("DispatchOutbox");
        await app.Mail.WaitForAsync(all => all.Count(m => m.Subject.StartsWith("Erinnerung", StringComparison.Ordinal)) >= 3);
        await app.RunTimerAsync("SendReminders", isPastDue: true);
        await app.RunTimerAsync("DispatchOutbox");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The dead run committed its first batch but sent nothing of it: the resumed run sends all three, same ids.
        Assert.Equal(3, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sent").GetInt32());
        foreach (var person in people)
        {
            Assert.Single(app.Mail.To(person.Email), m => m.Subject.StartsWith("Erinnerung", StringComparison.Ordinal));
        }
    }
}

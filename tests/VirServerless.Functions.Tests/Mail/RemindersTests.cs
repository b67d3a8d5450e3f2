using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using VirServerless.Functions.Tests.Support;
using VirServerless.Testing;

namespace VirServerless.Functions.Tests.Mail;

public class RemindersTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private FunctionAppProcess App => fixture.App;

    [Fact]
    public async Task TwoConcurrentRunsSendEachConfirmedPersonExactlyOneReminder()
    {
        var eventId = TestEvents.NewId("remind");
        var (ev, due) = SoonEvents.WithReminderIn(eventId, TimeSpan.FromSeconds(12));
        await TestEvents.PublishAsync(App.Admin, ev);
        var anna = new Attendee(App, eventId, "Anna");
        var bernd = new Attendee(App, eventId, "Bernd");
        var carla = new Attendee(App, eventId, "Carla");
        await anna.RegisterAndConfirmAsync("ag-ki");
        await bernd.RegisterAndConfirmAsync();
        using var pending = await carla.RegisterAsync();
        await SoonEvents.WaitUntilAsync(due);

        var runs = await Task.WhenAll(
            RunRemindersAsync(), RunRemindersAsync(),
            App.RunTimerAsync("SendReminders").ContinueWith(_ => 0, TaskScheduler.Default));
        await App.RunTimerAsync("DispatchOutbox");
        await App.Mail.WaitForAsync(all => all.Count(m => m.Subject.StartsWith("Erinnerung", StringComparison.Ordinal)) >= 2);
        var again = await RunRemindersAsync();
        await App.RunTimerAsync("DispatchOutbox", isPastDue: true);

        Assert.InRange(runs[0] + runs[1], 0, 2);
        Assert.Equal(0, again);
        Assert.Single(App.Mail.To(anna.Email), m => m.Subject.StartsWith("Erinnerung", StringComparison.Ordinal));
        Assert.Single(App.Mail.To(bernd.Email), m => m.Subject.StartsWith("Erinnerung", StringComparison.Ordinal));
        Assert.DoesNotContain(App.Mail.To(carla.Email), m => m.Subject.StartsWith("Erinnerung", StringComparison.Ordinal));
        var reminder = App.Mail.To(anna.Email).Single(m => m.Subject.StartsWith("Erinnerung", StringComparison.Ordinal));
        Assert.Contains("AG Künstliche Intelligenz", reminder.PlainText, StringComparison.Ordinal);
        Assert.Contains("Raum 1", reminder.PlainText, StringComparison.Ordinal);
        var ics = Encoding.UTF8.GetString(reminder.Attachments["termin.ics"]);
        Assert.Contains("METHOD:REQUEST", ics, StringComparison.Ordinal);
        Assert.Contains($"UID:{eventId}-", ics, StringComparison.Ordinal);
        Assert.Contains("TZID:Europe/Berlin", ics, StringComparison.Ordinal);
        using var view = await App.Client.PostAsJsonAsync("api/registrations/manage", new { token = reminder.Token("/anmeldung/verwalten") });
        Assert.Equal(HttpStatusCode.OK, view.StatusCode);
    }

    [Fact]
    public async Task ConfirmationMailCarriesAStableCalendarEntryAndThePublicFileHasNoPersonalData()
    {
        var eventId = TestEvents.NewId("ics");
        await TestEvents.PublishAsync(App.Admin, TestEvents.Create(eventId));
        var anna = new Attendee(App, eventId, "Anna");
        await anna.RegisterAndConfirmAsync();

        var confirmed = await anna.WaitForMailAsync("Anmeldung bestätigt");
        using var file = await App.Client.GetAsync($"api/events/{eventId}/calendar.ics");

        var personal = Encoding.UTF8.GetString(confirmed.Attachments["termin.ics"]);
        Assert.Contains("METHOD:REQUEST", personal, StringComparison.Ordinal);
        Assert.Contains("SEQUENCE:1", personal, StringComparison.Ordinal);
        Assert.Contains("DTSTART;TZID=Europe/Berlin:20300605T090000", personal, StringComparison.Ordinal);
        Assert.Contains("LOCATION:Rathaus\\, Markt 1\\, 26122 Oldenburg", personal, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("text/calendar", file.Content.Headers.ContentType?.MediaType);
        var text = await file.Content.ReadAsStringAsync();
        Assert.Contains("METHOD:PUBLISH", text, StringComparison.Ordinal);
        Assert.Contains($"UID:{eventId}@vir-nordwest", text, StringComparison.Ordinal);
        Assert.DoesNotContain("ATTENDEE", text, StringComparison.Ordinal);
        Assert.DoesNotContain(anna.Email, text, StringComparison.Ordinal);
    }

    private async Task<int> RunRemindersAsync()
    {
        using var response = await App.Admin.PostAsync("api/admin/reminders/run", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sent").GetInt32();
    }
}

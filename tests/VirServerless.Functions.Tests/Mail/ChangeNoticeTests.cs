using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using VirServerless.Functions.Tests.Support;
using VirServerless.Testing;

namespace VirServerless.Functions.Tests.Mail;

public class ChangeNoticeTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private FunctionAppProcess App => fixture.App;

    [Fact]
    public async Task ASessionRoomChangeReachesOnlyItsPeopleOnceAndACancellationReachesEveryone()
    {
        var eventId = TestEvents.NewId("change");
        var ev = TestEvents.Create(eventId);
        await TestEvents.PublishAsync(App.Admin, ev);
        var anna = new Attendee(App, eventId, "Anna");
        var bernd = new Attendee(App, eventId, "Bernd");
        var carla = new Attendee(App, eventId, "Carla");
        var dora = new Attendee(App, eventId, "Dora");
        await anna.RegisterAndConfirmAsync("ag-ki");
        await bernd.RegisterAndConfirmAsync("ag-ozg");
        await carla.RegisterAndConfirmAsync();
        using var pending = await dora.RegisterAsync("ag-ki");
        var confirmation = await anna.WaitForMailAsync("Anmeldung bestätigt");

        var moved = (JsonObject)ev.DeepClone();
        moved["sessions"]![1]!["room"] = "Raum 3";
        await TestEvents.PublishAsync(App.Admin, moved);
        await TestEvents.PublishAsync(App.Admin, moved);
        var notice = await anna.WaitForMailAsync("Änderung");
        await App.RunTimerAsync("DispatchOutbox");

        Assert.Single(App.Mail.To(anna.Email), m => m.Subject.StartsWith("Änderung", StringComparison.Ordinal));
        Assert.DoesNotContain(App.Mail.All(), m => m.Subject.StartsWith("Änderung", StringComparison.Ordinal) && m.Subject.Contains(eventId, StringComparison.Ordinal) && !m.To.Contains(anna.Email, StringComparison.Ordinal));
        Assert.Contains("neuer Raum Raum 3 (bisher Raum 1)", notice.PlainText, StringComparison.Ordinal);
        var before = Encoding.UTF8.GetString(confirmation.Attachments["termin.ics"]);
        var after = Encoding.UTF8.GetString(notice.Attachments["termin.ics"]);
        Assert.Equal(Line(before, "UID:"), Line(after, "UID:"));
        Assert.True(int.Parse(Line(after, "SEQUENCE:")[9..]) > int.Parse(Line(before, "SEQUENCE:")[9..]));

        var cancelled = (JsonObject)moved.DeepClone();
        cancelled["status"] = "cancelled";
        await TestEvents.PublishAsync(App.Admin, cancelled);
        await TestEvents.PublishAsync(App.Admin, cancelled);
        await App.Mail.WaitForAsync(all => all.Count(m => m.Subject.StartsWith("Abgesagt", StringComparison.Ordinal) && m.Subject.Contains(eventId, StringComparison.Ordinal)) >= 3);
        await App.RunTimerAsync("DispatchOutbox");

        foreach (var person in new[] { anna, bernd, carla })
        {
            var mail = Assert.Single(App.Mail.To(person.Email), m => m.Subject.StartsWith("Abgesagt", StringComparison.Ordinal));
            Assert.Contains("METHOD:CANCEL", Encoding.UTF8.GetString(mail.Attachments["termin.ics"]), StringComparison.Ordinal);
        }
        Assert.DoesNotContain(App.Mail.To(dora.Email), m => m.Subject.StartsWith("Abgesagt", StringComparison.Ordinal) || m.Subject.StartsWith("Änderung", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ANewEventTimeReachesEveryoneConfirmedOrWaiting()
    {
        var eventId = TestEvents.NewId("time");
        var ev = TestEvents.Create(eventId, capacity: 1);
        await TestEvents.PublishAsync(App.Admin, ev);
        var anna = new Attendee(App, eventId, "Anna");
        var bernd = new Attendee(App, eventId, "Bernd");
        await anna.RegisterAndConfirmAsync();
        await bernd.RegisterAndConfirmAsync();

        var later = (JsonObject)ev.DeepClone();
        later["start"] = "2030-06-05T10:00:00+02:00";
        using var response = await App.Admin.PutAsJsonAsync($"api/admin/events/{eventId}", later);
        await App.Mail.WaitForAsync(all => all.Count(m => m.Subject.StartsWith("Änderung", StringComparison.Ordinal) && m.Subject.Contains(eventId, StringComparison.Ordinal)) >= 2);

        var notice = await bernd.WaitForMailAsync("Änderung");
        Assert.Contains("Neuer Termin: Mittwoch, 5. Juni 2030, 10:00 bis 17:00 Uhr", notice.PlainText, StringComparison.Ordinal);
        Assert.Single(App.Mail.To(anna.Email), m => m.Subject.StartsWith("Änderung", StringComparison.Ordinal));
    }

    private static string Line(string ics, string prefix) => ics.Split("\r\n").First(l => l.StartsWith(prefix, StringComparison.Ordinal));
}

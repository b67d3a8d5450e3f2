using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using VirServerless.Functions.Tests.Support;
using VirServerless.Testing;

namespace VirServerless.Functions.Tests.Mail;

/// <summary>The app with confirmation links that expire after two seconds, so the purge can find expired ones.</summary>
public sealed class ShortConfirmationFixture : AppFixture
{
    protected override IDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Registration__ConfirmTokenLifetime"] = "00:00:02",
    };
}

public class PersonalDataTests(ShortConfirmationFixture fixture) : IClassFixture<ShortConfirmationFixture>
{
    private FunctionAppProcess App => fixture.App;

    [Fact]
    public async Task PurgeAnonymisesPastEventsAndDeletesExpiredUnconfirmedButNothingElse()
    {
        var pastId = TestEvents.NewId("past");
        var futureId = TestEvents.NewId("future");
        var past = SoonEvents.At(pastId, DateTimeOffset.UtcNow.AddDays(2), retentionDays: 1);
        await TestEvents.PublishAsync(App.Admin, past);
        await TestEvents.PublishAsync(App.Admin, SoonEvents.At(futureId, DateTimeOffset.UtcNow.AddDays(2)));
        var bernd = new Attendee(App, pastId, "Bernd", "Gemeinde Hude");
        var anna = new Attendee(App, futureId, "Anna");
        var carla = new Attendee(App, futureId, "Carla");
        await bernd.RegisterAndConfirmAsync("ag-ki");
        await anna.RegisterAndConfirmAsync();
        using var unconfirmed = await carla.RegisterAsync();
        await carla.WaitForMailAsync("Bitte bestätigen");
        await bernd.WaitForMailAsync("Anmeldung bestätigt");
        var berndToken = await bernd.ManageTokenAsync();
        await TestEvents.PublishAsync(App.Admin, SoonEvents.At(pastId, DateTimeOffset.UtcNow.AddDays(-3), retentionDays: 1));
        await Task.Delay(TimeSpan.FromSeconds(2.5));

        var run = await App.RunTimerAsync("PurgePersonalData");
        var again = await App.RunTimerAsync("PurgePersonalData");

        Assert.Contains("1 Anmeldungen anonymisiert, 1 unbestätigte gelöscht", run, StringComparison.Ordinal);
        Assert.Contains("0 Anmeldungen anonymisiert, 0 unbestätigte gelöscht", again, StringComparison.Ordinal);
        var pastList = await AdminQueries.RegistrationsAsync(App, pastId);
        var row = Assert.Single(pastList.GetProperty("registrations").EnumerateArray());
        Assert.Equal("", row.GetProperty("email").GetString());
        Assert.Equal("", row.GetProperty("lastName").GetString());
        Assert.Equal("Gemeinde Hude", row.GetProperty("organization").GetString());
        Assert.Equal(1, pastList.GetProperty("counts").GetProperty("confirmed").GetInt32());
        using var oldLink = await App.Client.PostAsJsonAsync("api/registrations/manage", new { token = berndToken });
        Assert.Equal(HttpStatusCode.NotFound, oldLink.StatusCode);
        var futureList = await AdminQueries.RegistrationsAsync(App, futureId);
        var remaining = Assert.Single(futureList.GetProperty("registrations").EnumerateArray());
        Assert.Equal(anna.Email, remaining.GetProperty("email").GetString());
        Assert.Equal("confirmed", (await anna.ViewAsync()).GetProperty("status").GetString());
        using var reRegister = await carla.RegisterAsync();
        Assert.Equal(HttpStatusCode.Accepted, reRegister.StatusCode);
    }

    [Fact]
    public async Task ExportReturnsThePersonsDataAndDeleteErasesItAndFreesTheSeat()
    {
        var eventId = TestEvents.NewId("gdpr");
        await TestEvents.PublishAsync(App.Admin, TestEvents.Create(eventId, capacity: 1));
        var anna = new Attendee(App, eventId, "Anna");
        var bernd = new Attendee(App, eventId, "Bernd");
        await anna.RegisterAndConfirmAsync("ag-ki");
        await bernd.RegisterAndConfirmAsync();
        await anna.WaitForMailAsync("Anmeldung bestätigt");
        var token = await anna.ManageTokenAsync();

        using var export = await App.Client.PostAsJsonAsync("api/registrations/manage/export", new { token });
        using var delete = await App.Client.PostAsJsonAsync("api/registrations/manage/delete", new { token });
        using var afterwards = await App.Client.PostAsJsonAsync("api/registrations/manage/export", new { token });

        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("attachment", export.Content.Headers.ContentDisposition?.DispositionType);
        var data = await export.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(anna.Email, data.GetProperty("registration").GetProperty("email").GetString());
        Assert.Contains(data.GetProperty("mails").EnumerateArray(), m => m.GetProperty("kind").GetString() == "Confirmed");
        var code = Regex.Match((await anna.WaitForMailAsync("Anmeldung bestätigt")).PlainText, "Einlass: ([A-Z]{5}-[A-Z]{5})").Groups[1].Value;
        Assert.Equal(code, data.GetProperty("checkIn").GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, afterwards.StatusCode);
        var movedUp = await bernd.WaitForMailAsync("Ein Platz ist frei geworden");
        Assert.Matches("Einlass: [A-Z]{5}-[A-Z]{5}", movedUp.PlainText);
        Assert.Single(movedUp.InlineParts);
        var list = await AdminQueries.RegistrationsAsync(App, eventId);
        Assert.DoesNotContain(anna.Email, list.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(1, list.GetProperty("counts").GetProperty("confirmed").GetInt32());
        using var outbox = await App.Admin.GetAsync("api/admin/outbox");
        Assert.DoesNotContain(anna.Email, await outbox.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

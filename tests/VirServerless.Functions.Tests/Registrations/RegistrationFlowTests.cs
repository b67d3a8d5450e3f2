using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VirServerless.Functions.Tests.Support;
using VirServerless.Testing;

namespace VirServerless.Functions.Tests.Registrations;

public class RegistrationFlowTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private FunctionAppProcess App => fixture.App;

    [Fact]
    public async Task RegisterConfirmCancelAndTheNextPersonMovesUp()
    {
        var eventId = TestEvents.NewId("flow");
        await TestEvents.PublishAsync(App.Admin, TestEvents.Create(eventId, capacity: 1));
        var anna = new Attendee(App, eventId, "Anna");
        var bernd = new Attendee(App, eventId, "Bernd");

        Assert.Equal("confirmed", await anna.RegisterAndConfirmAsync());
        Assert.Equal(0, AdminQueries.FreeSeats(await AdminQueries.EventAsync(App, eventId)));
        Assert.Equal("waitlisted", await bernd.RegisterAndConfirmAsync());
        await bernd.WaitForMailAsync("Warteliste");
        await anna.WaitForMailAsync("Anmeldung bestätigt");
        using var cancelled = await anna.CancelAsync();

        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        await anna.WaitForMailAsync("Abmeldung bestätigt");
        var movedUp = await bernd.WaitForMailAsync("Ein Platz ist frei geworden");
        Assert.Contains("nachgerückt", movedUp.PlainText, StringComparison.Ordinal);
        Assert.Equal("confirmed", (await bernd.ViewAsync()).GetProperty("status").GetString());
        var list = await AdminQueries.RegistrationsAsync(App, eventId);
        Assert.Equal(1, list.GetProperty("counts").GetProperty("confirmed").GetInt32());
        Assert.Equal(1, list.GetProperty("counts").GetProperty("cancelled").GetInt32());
        Assert.Equal(0, AdminQueries.FreeSeats(await AdminQueries.EventAsync(App, eventId)));
    }

    [Fact]
    public async Task ConfirmationMailCarriesDatePlaceAndAWorkingLink()
    {
        var eventId = TestEvents.NewId("mail");
        await TestEvents.PublishAsync(App.Admin, TestEvents.Create(eventId));
        var anna = new Attendee(App, eventId, "Anna");

        using var response = await anna.RegisterAsync("ag-ki");
        var mail = await anna.WaitForMailAsync("Bitte bestätigen");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("pending", body.GetProperty("status").GetString());
        Assert.Contains("Mittwoch, 5. Juni 2030, 09:00 bis 17:00 Uhr", mail.PlainText, StringComparison.Ordinal);
        Assert.Contains("Rathaus, Markt 1, 26122 Oldenburg", mail.PlainText, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"de\">", mail.Html, StringComparison.Ordinal);
        Assert.StartsWith(App.BaseAddress + "anmeldung/bestaetigen?token=", mail.Link("/anmeldung/bestaetigen"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegisteringAKnownAddressAnswersLikeANewOneWithAFreshIdThatMapsToNothing()
    {
        var eventId = TestEvents.NewId("twice");
        await TestEvents.PublishAsync(App.Admin, TestEvents.Create(eventId));
        var anna = new Attendee(App, eventId, "Anna");

        using var first = await anna.RegisterAsync();
        var before = DateTimeOffset.UtcNow;
        using var second = await anna.RegisterAsync();
        var after = DateTimeOffset.UtcNow;
        using var third = await new Attendee(App, eventId, "Carla").RegisterAsync();

        var answers = new[] { first, second, third };
        Assert.All(answers, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        var bodies = new List<JsonElement>();
        foreach (var response in answers)
        {
            bodies.Add(await response.Content.ReadFromJsonAsync<JsonElement>());
        }
        Assert.All(bodies, b => Assert.Equal(["id", "status"], b.EnumerateObject().Select(p => p.Name)));
        Assert.All(bodies, b => Assert.Equal("pending", b.GetProperty("status").GetString()));
        var ids = bodies.Select(b => b.GetProperty("id").GetString()!).ToList();
        Assert.All(ids, id => Assert.Matches("^r[0-9a-f]{12}7[0-9a-f]{3}[89ab][0-9a-f]{15}$", id));
        Assert.Equal(3, ids.Distinct().Count());
        var created = DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(ids[1][1..13], 16));
        Assert.InRange(created, before.AddMilliseconds(-1), after.AddMilliseconds(1));
        var list = await AdminQueries.RegistrationsAsync(App, eventId);
        var stored = list.GetProperty("registrations").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        Assert.Equal([ids[0], ids[2]], stored.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task FullWorkshopPutsPersonOnItsWaitingListButConfirmsTheEvent()
    {
        var eventId = TestEvents.NewId("ws");
        await TestEvents.PublishAsync(App.Admin, TestEvents.Create(eventId, workshopCapacity: 1));
        var anna = new Attendee(App, eventId, "Anna");
        var bernd = new Attendee(App, eventId, "Bernd");

        await anna.RegisterAndConfirmAsync("ag-ki");
        var status = await bernd.RegisterAndConfirmAsync("ag-ki");

        Assert.Equal("confirmed", status);
        await bernd.WaitForMailAsync("Anmeldung bestätigt");
        var view = await bernd.ViewAsync();
        var session = view.GetProperty("sessions").EnumerateArray().Single();
        Assert.Equal("waitlisted", session.GetProperty("status").GetString());
        Assert.Equal(0, AdminQueries.FreeSeats(await AdminQueries.EventAsync(App, eventId), "ag-ki"));

        await anna.WaitForMailAsync("Anmeldung bestätigt");
        using var change = await App.Client.PostAsJsonAsync("api/registrations/manage/sessions", new { token = await anna.ManageTokenAsync(), sessions = new[] { "ag-ozg" } });

        Assert.Equal(HttpStatusCode.OK, change.StatusCode);
        await bernd.WaitForMailAsync("Platz im Programmpunkt frei geworden");
        var after = await bernd.ViewAsync();
        Assert.Equal("booked", after.GetProperty("sessions")[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task MaxPerOrganizationWaitlistsTheThirdPersonOfOneCity()
    {
        var eventId = TestEvents.NewId("org");
        await TestEvents.PublishAsync(App.Admin, TestEvents.Create(eventId, capacity: 10, maxPerOrganization: 2));

        var first = await new Attendee(App, eventId, "Anna", "Stadt Delmenhorst").RegisterAndConfirmAsync();
        var second = await new Attendee(App, eventId, "Bernd", "stadt  delmenhorst").RegisterAndConfirmAsync();
        var third = await new Attendee(App, eventId, "Carla", "Stadt Delmenhorst").RegisterAndConfirmAsync();
        var other = await new Attendee(App, eventId, "Dora", "Landkreis Osterholz").RegisterAndConfirmAsync();

        Assert.Equal(["confirmed", "confirmed", "waitlisted", "confirmed"], new[] { first, second, third, other });
    }

    [Fact]
    public async Task AUsedConfirmationLinkAnswersLikeAnUnknownOneAndTheAnswerHoldsNothingPersonal()
    {
        var eventId = TestEvents.NewId("again");
        await TestEvents.PublishAsync(App.Admin, TestEvents.Create(eventId));
        var anna = new Attendee(App, eventId, "Anna");
        var body = anna.Body("ag-ki");
        body["dietary"] = "vegan";
        body["accessibilityNeeds"] = "Rollstuhl";
        body["role"] = "Leitung";
        await App.Client.PostAsJsonAsync($"api/events/{eventId}/registrations", body);
        var token = await anna.ConfirmTokenAsync();
        var unknown = token[..^4] + (token[^4..] == "AAAA" ? "BBBB" : "AAAA");

        using var first = await anna.ConfirmAsync(token);
        using var again = await anna.ConfirmAsync(token);
        using var wrong = await anna.ConfirmAsync(unknown);
        using var againPage = await anna.ConfirmOnThePageAsync(token);
        using var wrongPage = await anna.ConfirmOnThePageAsync(unknown);
        await anna.WaitForMailAsync("Anmeldung bestätigt");
        await App.RunTimerAsync("DispatchOutbox");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var answer = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["status", "eventId"], answer.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("confirmed", eventId), (answer.GetProperty("status").GetString(), answer.GetProperty("eventId").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(await Attendee.ProblemWithoutTraceAsync(wrong), await Attendee.ProblemWithoutTraceAsync(again));
        Assert.Equal(HttpStatusCode.NotFound, againPage.StatusCode);
        Assert.Equal(await wrongPage.Content.ReadAsStringAsync(), await againPage.Content.ReadAsStringAsync());
        Assert.Single(App.Mail.To(anna.Email), m => m.Subject.Contains("Anmeldung bestätigt", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OpeningTheConfirmLinkWithGetDoesNotConfirm()
    {
        var eventId = TestEvents.NewId("get");
        await TestEvents.PublishAsync(App.Admin, TestEvents.Create(eventId));
        var anna = new Attendee(App, eventId, "Anna");
        await anna.RegisterAsync();
        var link = (await anna.WaitForMailAsync("Bitte bestätigen")).Link("/anmeldung/bestaetigen")!;

        using var page = await App.Client.GetAsync(link);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("method=\"post\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var list = await AdminQueries.RegistrationsAsync(App, eventId);
        Assert.Equal("pending", list.GetProperty("registrations")[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task WrongTokensAllGetTheSameAnswer()
    {
        var eventId = TestEvents.NewId("tok");
        await TestEvents.PublishAsync(App.Admin, TestEvents.Create(eventId));
        var anna = new Attendee(App, eventId, "Anna");
        await anna.RegisterAsync();
        var real = await anna.ConfirmTokenAsync();
        string[] wrong = [real[..^2] + "xx", $"{eventId}.abc", "no-dot", "../../etc", "x' or RowKey ne '", new string('a', 5000), $"unknown-event.{real.Split('.')[1]}"];

        var bodies = new List<string>();
        foreach (var token in wrong)
        {
            using var response = await anna.ConfirmAsync(token);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            bodies.Add($"{problem.GetProperty("title")}|{problem.GetProperty("detail")}|{response.Content.Headers.ContentLength}");
        }

        Assert.Single(bodies.Distinct());
        Assert.Contains("ungültig oder abgelaufen", bodies[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlainFormPostRegistersWithoutJavaScript()
    {
        var eventId = TestEvents.NewId("form");
        await TestEvents.PublishAsync(App.Admin, TestEvents.Create(eventId));
        var email = $"form.{Guid.NewGuid():N}@kommune.example";
        using var form = new FormUrlEncodedContent([
            new("firstName", "Frieda"), new("lastName", "Form"), new("email", email), new("organization", "Gemeinde Ganderkesee"),
            new("sessions", "ag-ki"), new("consent", "on"), new("website", "")]);

        using var response = await App.Client.PostAsync($"api/events/{eventId}/registrations", form);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var mails = await App.Mail.WaitForAsync(all => all.Any(m => m.To.Contains(email, StringComparison.Ordinal)));
        Assert.Contains("Künstliche Intelligenz", mails.Single(m => m.To.Contains(email, StringComparison.Ordinal)).PlainText, StringComparison.Ordinal);
    }
}

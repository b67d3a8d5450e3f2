using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using VirServerless.Functions.Tests.Support;
using VirServerless.Testing;

namespace VirServerless.Functions.Tests.Admin;

public class AdminApiTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private FunctionAppProcess App => fixture.App;

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("falsch")]
    [InlineData("test-admin-key-012345678")]
    public async Task AdminEndpointsRefuseMissingOrWrongKeys(string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/admin/events/plenum-2027/registrations");
        if (key is not null)
        {
            request.Headers.Add("x-functions-key", key);
        }
        using var put = new HttpRequestMessage(HttpMethod.Put, "api/admin/events/plenum-2099") { Content = JsonContent.Create(TestEvents.Create("plenum-2099")) };
        if (key is not null)
        {
            put.Headers.Add("x-functions-key", key);
        }

        using var response = await App.Client.SendAsync(request);
        using var putResponse = await App.Client.SendAsync(put);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, putResponse.StatusCode);
        using var check = await App.Client.GetAsync("api/events/plenum-2099");
        Assert.Equal(HttpStatusCode.NotFound, check.StatusCode);
    }

    [Fact]
    public async Task ExportsAttendeesAsCsvForSpreadsheets()
    {
        var eventId = TestEvents.NewId("csv");
        await TestEvents.PublishAsync(App.Admin, TestEvents.Create(eventId));
        var anna = new Attendee(App, eventId, "Anna", "=HYPERLINK(\"#Tabelle2!A1\";\"Stadt\")");
        await anna.RegisterAndConfirmAsync("ag-ki");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/admin/events/{eventId}/registrations");
        request.Headers.Add("Accept", "text/csv");

        using var response = await App.Admin.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var csv = Encoding.UTF8.GetString(bytes);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.StartsWith("\uFEFFStatus;Vorname;Nachname;E-Mail;Organisation", csv, StringComparison.Ordinal);
        Assert.Contains(anna.Email, csv, StringComparison.Ordinal);
        Assert.Contains("\"'=HYPERLINK(\"\"#Tabelle2!A1\"\";\"\"Stadt\"\")\"", csv, StringComparison.Ordinal);
        Assert.Contains("ag-ki (booked)", csv, StringComparison.Ordinal);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task CountsConfirmedSeatsPerOrganization()
    {
        var eventId = TestEvents.NewId("count");
        await TestEvents.PublishAsync(App.Admin, TestEvents.Create(eventId));
        await new Attendee(App, eventId, "Anna", "Stadt Bremen").RegisterAndConfirmAsync();
        await new Attendee(App, eventId, "Bernd", "Stadt Bremen").RegisterAndConfirmAsync();
        await new Attendee(App, eventId, "Carla", "Landkreis Cuxhaven").RegisterAsync();

        var list = await AdminQueries.RegistrationsAsync(App, eventId);

        var counts = list.GetProperty("counts");
        Assert.Equal(2, counts.GetProperty("confirmed").GetInt32());
        Assert.Equal(1, counts.GetProperty("pending").GetInt32());
        Assert.Equal(2, counts.GetProperty("confirmedPerOrganization").GetProperty("Stadt Bremen").GetInt32());
    }

    [Fact]
    public async Task SpellingsOfOneOrganisationCountAsOneInTheListTheCsvAndTheOrganiserView()
    {
        var eventId = TestEvents.NewId("orgs");
        await TestEvents.PublishAsync(App.Admin, TestEvents.Create(eventId));
        await new Attendee(App, eventId, "Anna", "Stadt Delmenhorst").RegisterAndConfirmAsync();
        await new Attendee(App, eventId, "Bernd", "Stadt  Delmenhorst").RegisterAndConfirmAsync();
        await new Attendee(App, eventId, "Carla", "stadt delmenhorst").RegisterAndConfirmAsync();
        using var csvRequest = new HttpRequestMessage(HttpMethod.Get, $"api/admin/events/{eventId}/registrations");
        csvRequest.Headers.Add("Accept", "text/csv");
        using var organiser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = App.BaseAddress };
        using var signIn = await organiser.PostAsync("verwaltung/anmelden", new FormUrlEncodedContent([new("key", FunctionAppProcess.AdminKey)]));

        var perOrganization = (await AdminQueries.RegistrationsAsync(App, eventId)).GetProperty("counts").GetProperty("confirmedPerOrganization");
        using var csvResponse = await App.Admin.SendAsync(csvRequest);
        var csv = await csvResponse.Content.ReadAsStringAsync();
        var page = await organiser.GetStringAsync($"verwaltung/veranstaltungen/{eventId}");
        var export = await organiser.GetStringAsync($"verwaltung/veranstaltungen/{eventId}/teilnehmende.csv");

        var only = Assert.Single(perOrganization.EnumerateObject());
        Assert.Equal(("Stadt Delmenhorst", 3), (only.Name, only.Value.GetInt32()));
        foreach (var rows in new[] { csv, export })
        {
            Assert.Equal(3, rows.Split("\r\n").Count(row => row.Contains(";Muster;", StringComparison.Ordinal) && row.Contains(";Stadt Delmenhorst;", StringComparison.Ordinal)));
        }
        Assert.Contains("<tr><th scope=\"row\">Stadt Delmenhorst</th><td>3</td><td>0</td></tr>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("stadt delmenhorst", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishingAnInvalidEventGetsFieldErrorsInGerman()
    {
        var ev = TestEvents.Create("ungueltig-1");
        ev["end"] = "2030-06-04T09:00:00+02:00";
        ev["kind"] = "party";

        using var response = await App.Admin.PutAsJsonAsync("api/admin/events/ungueltig-1", ev);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(JsonValueKind.Object, problem.GetProperty("errors").ValueKind);
        using var check = await App.Client.GetAsync("api/events/ungueltig-1");
        Assert.Equal(HttpStatusCode.NotFound, check.StatusCode);
    }

    [Fact]
    public async Task IdInDocumentMustMatchTheAddress()
    {
        using var response = await App.Admin.PutAsJsonAsync("api/admin/events/anderer-name", TestEvents.Create("ein-name"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("id", out _));
    }
}

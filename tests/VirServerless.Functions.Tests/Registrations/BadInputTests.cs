using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using VirServerless.Functions.Tests.Support;
using VirServerless.Testing;

namespace VirServerless.Functions.Tests.Registrations;

public class BadInputTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private FunctionAppProcess App => fixture.App;

    public static TheoryData<string, string> InvalidBodies => new()
    {
        { """{"lastName":"Muster","email":"a@kommune.example","organization":"Stadt","consent":true}""", "firstName" },
        { """{"firstName":"A","lastName":"Muster","email":"kein-at","organization":"Stadt","consent":true}""", "email" },
        { """{"firstName":"A","lastName":"Muster","email":"a@kommune.example","organization":"Stadt","consent":false}""", "consent" },
        { """{"firstName":"A","lastName":"Muster","email":"a@kommune.example","organization":"Stadt","consent":true,"website":"http://spam.example"}""", "website" },
        { """{"firstName":"A","lastName":"Muster","email":"a@kommune.example","organization":"Stadt","consent":true,"sessions":["gibt-es-nicht"]}""", "sessions" },
        { """{"firstName":"A","lastName":"Muster","email":"a@kommune.example","organization":"Stadt","consent":true,"sessions":["ag-ki","ag-ozg"]}""", "sessions" },
        { """{"firstName":"A","lastName":"Muster","email":"a@kommune.example","organization":"","consent":true}""", "organization" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task InvalidFieldsGetGermanProblemDetailsAndStoreNothing(string json, string field)
    {
        var eventId = await PublishAsync();

        using var response = await PostJsonAsync(eventId, json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("Bitte prüfen Sie Ihre Angaben", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}: {problem}");
        await AssertNothingStoredAsync(eventId);
    }

    public static TheoryData<string, string, string> InjectedTexts => new()
    {
        { "firstName", "Anna\nIhr Konto wurde gesperrt", "in eine Zeile" },
        { "lastName", "Muster\r\nBcc: x@example.org", "in eine Zeile" },
        { "lastName", "Muster\u2028Konto gesperrt", "in eine Zeile" },
        { "organization", "Stadt Oldenburg\n\nBitte neu anmelden", "in eine Zeile" },
        { "role", "Leitung\nIT", "in eine Zeile" },
        { "firstName", "Anna\tMaria", "Steuerzeichen" },
        { "firstName", "Konto gesperrt, bitte neu anmelden: https://evil.example/login", "keine Internetadresse" },
        { "lastName", "HTTP://EVIL.EXAMPLE", "keine Internetadresse" },
        { "organization", "Bitte melden Sie sich an: www.stadt-oldenburg-login.de", "keine Internetadresse" },
        { "organization", "Stadtverwaltung bit.ly/3xYz", "keine Internetadresse" },
        { "role", "Mehr unter kommune-sicherheit.de", "keine Internetadresse" },
        { "role", "ｗｗｗ．evil．example", "keine Internetadresse" },
        { "lastName", "Muster 10.0.0.1", "keine Internetadresse" },
        { "organization", new string('O', 151), "höchstens 150 Zeichen" },
        { "role", new string('R', 101), "höchstens 100 Zeichen" },
    };

    [Theory]
    [MemberData(nameof(InjectedTexts))]
    public async Task NamesOrganisationAndRoleAreOneLineWithoutLinks(string field, string value, string messagePart)
    {
        var eventId = await PublishAsync();
        var body = new Attendee(App, eventId, "Anna").Body();
        body[field] = value;

        using var response = await App.Client.PostAsJsonAsync($"api/events/{eventId}/registrations", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal([field], errors.EnumerateObject().Select(e => e.Name));
        Assert.Contains(messagePart, errors.GetProperty(field)[0].GetString(), StringComparison.Ordinal);
        await AssertNothingStoredAsync(eventId);
    }

    [Theory]
    [InlineData("Dr. med. Anna-Lena", "St. Peter-Ording", "Gemeinde St.Peter-Ording (Kreis Nordfriesland)", "Fachbereich 1.2 / IT")]
    [InlineData("José", "O'Neil", "Landesamt für Geoinformation und Landesvermessung Niedersachsen, Regionaldirektion Oldenburg-Cloppenburg", "Referent E-Government")]
    public async Task OrdinaryNamesWithDotsAndSlashesAreAccepted(string firstName, string lastName, string organization, string role)
    {
        var eventId = await PublishAsync();
        var body = new Attendee(App, eventId, "Anna").Body();
        body["firstName"] = firstName;
        body["lastName"] = lastName;
        body["organization"] = organization;
        body["role"] = role;

        using var response = await App.Client.PostAsJsonAsync($"api/events/{eventId}/registrations", body);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task TheWebFormShowsTheLinkErrorAtTheField()
    {
        var eventId = await PublishAsync();
        using var form = new FormUrlEncodedContent([
            new("firstName", "Anna"), new("lastName", "Muster"), new("email", "anna.form@kommune.example"),
            new("organization", "Konto gesperrt: https://evil.example"), new("consent", "true")]);

        using var response = await App.Client.PostAsync($"veranstaltungen/{eventId}/anmelden", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Matches("<p class=\"field-error\" id=\"f-organization-fehler\">.*keine Internetadresse", html);
        Assert.Contains("href=\"#f-organization\"", html, StringComparison.Ordinal);
        await AssertNothingStoredAsync(eventId);
    }

    [Theory]
    [InlineData("{\"firstName\":", HttpStatusCode.BadRequest, "kein gültiges JSON")]
    [InlineData("[1,2,3]", HttpStatusCode.BadRequest, "kein gültiges JSON")]
    [InlineData("{\"consent\":\"vielleicht\"}", HttpStatusCode.BadRequest, "kein gültiges JSON")]
    [InlineData("null", HttpStatusCode.BadRequest, "fehlt")]
    public async Task MalformedJsonGetsAGermanProblem(string json, HttpStatusCode status, string detailPart)
    {
        var eventId = await PublishAsync();

        using var response = await PostJsonAsync(eventId, json);

        Assert.Equal(status, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(detailPart, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await AssertNothingStoredAsync(eventId);
    }

    [Fact]
    public async Task DeeplyNestedJsonIsRejected()
    {
        var eventId = await PublishAsync();
        var json = "{\"firstName\":" + new string('[', 200) + new string(']', 200) + "}";

        using var response = await PostJsonAsync(eventId, json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertNothingStoredAsync(eventId);
    }

    [Fact]
    public async Task BodyOver64KiBGets413()
    {
        var eventId = await PublishAsync();
        var json = "{\"firstName\":\"" + new string('x', 70 * 1024) + "\"}";

        using var response = await PostJsonAsync(eventId, json);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("64 KiB", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await AssertNothingStoredAsync(eventId);
    }

    [Fact]
    public async Task UnsupportedContentTypeGets415()
    {
        var eventId = await PublishAsync();
        using var content = new StringContent("<xml/>", Encoding.UTF8, "application/xml");

        using var response = await App.Client.PostAsync($"api/events/{eventId}/registrations", content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("gibt-es-nicht")]
    [InlineData("x' or PartitionKey ne '")]
    [InlineData("%2e%2e%2f%2e%2e")]
    public async Task UnknownEventGets404(string id)
    {
        using var response = await App.Client.PostAsJsonAsync($"api/events/{Uri.EscapeDataString(id)}/registrations", new Attendee(App, "x", "Anna").Body());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("gibt es nicht", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-01-01T00:00:00+01:00", "2026-02-01T00:00:00+01:00", "published", "Anmeldefrist ist abgelaufen")]
    [InlineData("2029-01-01T00:00:00+01:00", "2030-02-01T00:00:00+01:00", "published", "ab Montag, 1. Januar 2029")]
    [InlineData("2026-01-01T00:00:00+01:00", "2030-02-01T00:00:00+01:00", "cancelled", "abgesagt")]
    public async Task ClosedRegistrationGets409(string opens, string closes, string status, string detailPart)
    {
        var eventId = TestEvents.NewId("closed");
        await TestEvents.PublishAsync(App.Admin, TestEvents.Create(eventId, opens: opens, closes: closes, status: status));

        using var response = await new Attendee(App, eventId, "Anna").RegisterAsync();

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains(detailPart, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        await AssertNothingStoredAsync(eventId);
    }

    [Fact]
    public async Task UnknownRouteGetsGermanProblemNot500()
    {
        using var response = await App.Client.GetAsync("api/gibt/es/nicht");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private async Task<string> PublishAsync()
    {
        var eventId = TestEvents.NewId("bad");
        await TestEvents.PublishAsync(App.Admin, TestEvents.Create(eventId));
        return eventId;
    }

    private async Task<HttpResponseMessage> PostJsonAsync(string eventId, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        return await App.Client.PostAsync($"api/events/{eventId}/registrations", content);
    }

    private async Task AssertNothingStoredAsync(string eventId)
    {
        var list = await AdminQueries.RegistrationsAsync(App, eventId);
        Assert.Equal(0, list.GetProperty("registrations").GetArrayLength());
    }
}

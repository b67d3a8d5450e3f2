using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using VirServerless.Functions.Tests.Support;
using VirServerless.Testing;

namespace VirServerless.Functions.Tests.Docs;

/// <summary>
/// The API contract checked by a tool nobody here wrote: every route, with valid input and with each documented error,
/// goes through Stoplight Prism in proxy mode against the document the app serves. Prism answers with its own error
/// (and the header sl-violations) when a request or an answer breaks the document, and that fails the test.
/// </summary>
public class ContractTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string PrismErrors = "https://stoplight.io/prism/errors";

    private readonly List<string> failures = [];

    [Fact]
    public async Task EveryRouteAnswersAsTheDocumentSays()
    {
        await using var prism = await PrismProxy.StartAsync(new Uri(fixture.App.BaseAddress, "api/openapi.json"), fixture.App.BaseAddress);
        using var client = new HttpClient { BaseAddress = prism.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var open = TestEvents.Create(TestEvents.NewId("vertrag"));
        var closed = TestEvents.Create(TestEvents.NewId("vertrag-zu"), opens: "2025-01-01T00:00:00+01:00", closes: "2025-02-01T00:00:00+01:00");
        var id = (string)open["id"]!;

        await ExpectAsync(client, HttpStatusCode.Created, Admin(HttpMethod.Put, $"api/admin/events/{id}", Json(open)));
        await ExpectAsync(client, HttpStatusCode.OK, Admin(HttpMethod.Put, $"api/admin/events/{id}", Json(open)));
        await ExpectAsync(client, HttpStatusCode.Created, Admin(HttpMethod.Put, $"api/admin/events/{closed["id"]}", Json(closed)));
        await ExpectAsync(client, HttpStatusCode.BadRequest, Admin(HttpMethod.Put, $"api/admin/events/{id}", Json(TestEvents.Create("anderes-ereignis"))));
        await ExpectAsync(client, HttpStatusCode.Unauthorized, Admin(HttpMethod.Put, $"api/admin/events/{id}", Json(open), key: "falsch"));
        await ExpectRejectedByBothAsync(client, () => Admin(HttpMethod.Put, $"api/admin/events/{id}", new StringContent("id=x", Encoding.UTF8, "application/x-www-form-urlencoded")));

        await ExpectAsync(client, HttpStatusCode.OK, Get("api/events"));
        foreach (var shown in new[] { id, "plenum-2027", "marktplatz-2027", "plenum-2015", "abschluss-modellkommunen-2016" })
        {
            await ExpectAsync(client, HttpStatusCode.OK, Get($"api/events/{shown}"));
            await ExpectAsync(client, HttpStatusCode.OK, Get($"api/events/{shown}/calendar.ics"));
        }
        await ExpectAsync(client, HttpStatusCode.NotFound, Get("api/events/gibt-es-nicht"));
        await ExpectAsync(client, HttpStatusCode.NotFound, Get("api/events/gibt-es-nicht/calendar.ics"));

        var anna = new Attendee(fixture.App, id, "Anna");
        await ExpectAsync(client, HttpStatusCode.Accepted, Post($"api/events/{id}/registrations", Json(anna.Body("ag-ki"))));
        var form = new Attendee(fixture.App, id, "Bernd");
        await ExpectAsync(client, HttpStatusCode.Accepted, Post($"api/events/{id}/registrations", new FormUrlEncodedContent(
            [new("firstName", "Bernd"), new("lastName", "Muster"), new("email", form.Email), new("organization", "Landkreis Leer"), new("sessions", "ag-ozg"), new("consent", "on")])));
        await ExpectAsync(client, HttpStatusCode.BadRequest, Post($"api/events/{id}/registrations", Json(anna.Body("gibt-es-nicht"))));
        await ExpectAsync(client, HttpStatusCode.BadRequest, Post($"api/events/{id}/registrations", Json(anna.Body("ag-ki", "ag-ozg"))));
        await ExpectAsync(client, HttpStatusCode.NotFound, Post("api/events/gibt-es-nicht/registrations", Json(anna.Body())));
        await ExpectAsync(client, HttpStatusCode.Conflict, Post($"api/events/{closed["id"]}/registrations", Json(new Attendee(fixture.App, id, "Carla").Body())));
        var tooLarge = anna.Body();
        tooLarge["notes"] = new string('x', 70 * 1024);
        await ExpectAsync(client, HttpStatusCode.RequestEntityTooLarge, Post($"api/events/{id}/registrations", Json(tooLarge)));
        await ExpectRejectedByBothAsync(client, () => Post($"api/events/{id}/registrations", new StringContent("Anna", Encoding.UTF8, "text/plain")));
        var withoutEmail = anna.Body();
        withoutEmail.Remove("email");
        await ExpectRejectedByBothAsync(client, () => Post($"api/events/{id}/registrations", Json(withoutEmail)));
        await ExpectRejectedByBothAsync(client, () => Post($"api/events/{id}/registrations", Json(new Attendee(fixture.App, id, new string('A', 101)).Body())));
        var twoLines = anna.Body();
        twoLines["organization"] = "Stadt Oldenburg\nIhr Konto ist gesperrt";
        await ExpectRejectedByBothAsync(client, () => Post($"api/events/{id}/registrations", Json(twoLines)));
        var withLink = anna.Body();
        withLink["lastName"] = "Bitte neu anmelden: https://evil.example";
        await ExpectAsync(client, HttpStatusCode.BadRequest, Post($"api/events/{id}/registrations", Json(withLink)));

        var confirmToken = await anna.ConfirmTokenAsync();
        await ExpectAsync(client, HttpStatusCode.OK, Post("api/registrations/confirm", Json(new { token = confirmToken })));
        await ExpectAsync(client, HttpStatusCode.NotFound, Post("api/registrations/confirm", Json(new { token = confirmToken })));
        await ExpectAsync(client, HttpStatusCode.NotFound, Post("api/registrations/confirm", Json(new { token = "falsch" })));
        await ExpectRejectedByBothAsync(client, () => Post("api/registrations/confirm", new StringContent("[1]", Encoding.UTF8, "application/json")));
        await ExpectAsync(client, HttpStatusCode.OK, Post("api/registrations/confirm", new FormUrlEncodedContent([new("token", await form.ConfirmTokenAsync())])));
        var manage = await anna.ManageTokenAsync();
        await ExpectAsync(client, HttpStatusCode.OK, Post("api/registrations/manage", Json(new { token = manage })));
        await ExpectAsync(client, HttpStatusCode.OK, Post("api/registrations/manage", new FormUrlEncodedContent([new("token", manage)])));
        await ExpectAsync(client, HttpStatusCode.OK, Post("api/registrations/manage/sessions", Json(new { token = manage, sessions = new[] { "ag-ozg" } })));
        await ExpectAsync(client, HttpStatusCode.BadRequest, Post("api/registrations/manage/sessions", Json(new { token = manage, sessions = new[] { "gibt-es-nicht" } })));
        await ExpectAsync(client, HttpStatusCode.OK, Post("api/registrations/manage/export", Json(new { token = manage })));
        await ExpectAsync(client, HttpStatusCode.NotFound, Post("api/registrations/manage", Json(new { token = "falsch" })));

        await ExpectAsync(client, HttpStatusCode.OK, Admin(HttpMethod.Get, $"api/admin/events/{id}/registrations"));
        var csv = Admin(HttpMethod.Get, $"api/admin/events/{id}/registrations");
        csv.Headers.Accept.ParseAdd("text/csv");
        await ExpectAsync(client, HttpStatusCode.OK, csv);
        await ExpectAsync(client, HttpStatusCode.NotFound, Admin(HttpMethod.Get, "api/admin/events/gibt-es-nicht/registrations"));
        await ExpectAsync(client, HttpStatusCode.Unauthorized, Admin(HttpMethod.Get, $"api/admin/events/{id}/registrations", key: "falsch"));
        await ExpectAsync(client, HttpStatusCode.OK, Admin(HttpMethod.Get, "api/admin/outbox"));
        await ExpectAsync(client, HttpStatusCode.OK, Admin(HttpMethod.Post, "api/admin/reminders/run"));
        await ExpectRejectedByBothAsync(client, () => Get("api/admin/outbox"));

        await ExpectAsync(client, HttpStatusCode.OK, Post("api/registrations/manage/cancel", Json(new { token = manage })));
        await ExpectAsync(client, HttpStatusCode.NoContent, Post("api/registrations/manage/delete", Json(new { token = await form.ManageTokenAsync() })));
        await ExpectAsync(client, HttpStatusCode.NotFound, Post("api/registrations/manage/delete", Json(new { token = await form.ManageTokenAsync() })));

        await ExpectAsync(client, HttpStatusCode.OK, Get("api/health"));
        await ExpectAsync(client, HttpStatusCode.OK, Post("api/messages", Json(BotActivity("Wann ist das Plenum 2027?", "http://127.0.0.1:9/"))));
        await ExpectAsync(client, HttpStatusCode.Unauthorized, Post("api/messages", Json(BotActivity("Hallo", "https://smba.example/"))));
        await ExpectAsync(client, HttpStatusCode.BadRequest, Post("api/messages", Json(new { text = "Hallo" })));

        // Last: without storage every route answers 503 with Retry-After.
        await fixture.Azurite.StopAsync();
        await ExpectAsync(client, HttpStatusCode.ServiceUnavailable, Get($"api/events/{id}"));
        await ExpectAsync(client, HttpStatusCode.ServiceUnavailable, Get("api/health"));

        Assert.True(failures.Count == 0, string.Join("\n", failures) + "\n\nPrism:\n" + prism.Output);
    }

    /// <summary>Sends through Prism; the answer must be the app's (not a Prism error) with the expected status and no violation.</summary>
    private async Task ExpectAsync(HttpClient prism, HttpStatusCode expected, HttpRequestMessage request)
    {
        var what = $"{request.Method} {request.RequestUri}";
        using (request)
        {
            try
            {
                using var response = await prism.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                var violations = response.Headers.TryGetValues("sl-violations", out var values) ? string.Join(" ", values) : null;
                if (response.StatusCode != expected || violations is not null || body.Contains(PrismErrors, StringComparison.Ordinal))
                {
                    failures.Add($"{what}: expected {(int)expected}, got {(int)response.StatusCode}; violations: {violations ?? "none"}; body: {Shorten(body)}");
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                failures.Add($"{what}: no answer through Prism ({ex.Message})");
            }
        }
    }

    /// <summary>
    /// A request that breaks a rule of the document: Prism must refuse it (the rule is in the contract), and the app
    /// itself must refuse it with a 4xx problem (the rule is in the code).
    /// </summary>
    private async Task ExpectRejectedByBothAsync(HttpClient prism, Func<HttpRequestMessage> request)
    {
        using var viaPrism = request();
        var what = $"{viaPrism.Method} {viaPrism.RequestUri}";
        using var refused = await prism.SendAsync(viaPrism);
        var body = await refused.Content.ReadAsStringAsync();
        if (!body.Contains(PrismErrors, StringComparison.Ordinal))
        {
            failures.Add($"{what}: Prism let a request through that breaks the document ({(int)refused.StatusCode}: {Shorten(body)})");
        }
        using var direct = request();
        using var answered = await fixture.App.Client.SendAsync(direct);
        if ((int)answered.StatusCode is < 400 or >= 500)
        {
            failures.Add($"{what}: the app accepted a request the document forbids ({(int)answered.StatusCode})");
        }
    }

    /// <summary>With a Content-Length, as browsers and most clients send it (Prism forwards a chunked body unreliably).</summary>
    private static StringContent Json(object value) => new(System.Text.Json.JsonSerializer.Serialize(value), Encoding.UTF8, "application/json");

    private static HttpRequestMessage Get(string path) => new(HttpMethod.Get, path);

    private static HttpRequestMessage Post(string path, HttpContent content) => new(HttpMethod.Post, path) { Content = content };

    private static HttpRequestMessage Admin(HttpMethod method, string path, HttpContent? content = null, string key = FunctionAppProcess.AdminKey)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Add("x-functions-key", key);
        return request;
    }

    private static JsonObject BotActivity(string text, string serviceUrl) => new()
    {
        ["type"] = "message",
        ["id"] = "act-" + Guid.NewGuid().ToString("N"),
        ["channelId"] = "msteams",
        ["serviceUrl"] = serviceUrl,
        ["from"] = new JsonObject { ["id"] = "29:vertrag", ["name"] = "Erika Mustermann" },
        ["recipient"] = new JsonObject { ["id"] = "28:virserverless-bot", ["name"] = "ViR-Assistent" },
        ["conversation"] = new JsonObject { ["id"] = "a:vertrag-" + Guid.NewGuid().ToString("N"), ["conversationType"] = "personal" },
        ["locale"] = "de-DE",
        ["text"] = text,
        ["deliveryMode"] = "expectReplies",
    };

    private static string Shorten(string text) => text.Length <= 600 ? text : text[..600] + "…";
}

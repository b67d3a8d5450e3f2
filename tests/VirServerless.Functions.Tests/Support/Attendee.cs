using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using VirServerless.Testing;

namespace VirServerless.Functions.Tests.Support;

/// <summary>A person using the API and their inbox, the way a member would.</summary>
public sealed class Attendee(FunctionAppProcess app, string eventId, string firstName, string organization = "Stadt Oldenburg", string? email = null)
{
    public string Email { get; } = email ?? $"{firstName.ToLowerInvariant()}.{Guid.NewGuid().ToString("N")[..8]}@kommune.example";

    public string FirstName => firstName;

    public string EventId => eventId;

    public JsonObject Body(params string[] sessions) => new()
    {
        ["firstName"] = firstName,
        ["lastName"] = "Muster",
        ["email"] = Email,
        ["organization"] = organization,
        ["sessions"] = new JsonArray([.. sessions.Select(s => (JsonNode)s)]),
        ["consent"] = true,
    };

    public async Task<HttpResponseMessage> RegisterAsync(params string[] sessions) =>
        await app.Client.PostAsJsonAsync($"api/events/{eventId}/registrations", Body(sessions));

    public async Task<ReceivedMail> WaitForMailAsync(string subjectPart, int count = 1)
    {
        var mails = await app.Mail.WaitForAsync(all => all.Count(m => m.To.Contains(Email, StringComparison.Ordinal) && m.Subject.Contains(subjectPart, StringComparison.Ordinal)) >= count);
        return mails.Last(m => m.To.Contains(Email, StringComparison.Ordinal) && m.Subject.Contains(subjectPart, StringComparison.Ordinal));
    }

    public async Task<string> ConfirmTokenAsync() => (await WaitForMailAsync("Bitte bestätigen")).Token("/anmeldung/bestaetigen")!;

    public async Task<HttpResponseMessage> ConfirmAsync(string token) =>
        await app.Client.PostAsJsonAsync("api/registrations/confirm", new { token });

    /// <summary>Presses the button of the confirmation page behind the mail link.</summary>
    public async Task<HttpResponseMessage> ConfirmOnThePageAsync(string token)
    {
        using var form = new FormUrlEncodedContent([new("token", token)]);
        return await app.Client.PostAsync("anmeldung/bestaetigen", form);
    }

    /// <summary>The answer's content type and problem without its per-request trace id, to compare two answers.</summary>
    public static async Task<string> ProblemWithoutTraceAsync(HttpResponseMessage response)
    {
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        problem.Remove("traceId");
        return $"{response.Content.Headers.ContentType} {problem.ToJsonString()}";
    }

    /// <summary>Registers and confirms; returns the status the confirmation answered with.</summary>
    public async Task<string> RegisterAndConfirmAsync(params string[] sessions)
    {
        using var registered = await RegisterAsync(sessions);
        Assert.Equal(HttpStatusCode.Accepted, registered.StatusCode);
        using var confirmed = await ConfirmAsync(await ConfirmTokenAsync());
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        return (await confirmed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString()!;
    }

    /// <summary>The manage token from the newest mail that carries one, waiting for the first (the outbox worker sends it after the request).</summary>
    public async Task<string> ManageTokenAsync()
    {
        await app.Mail.WaitForAsync(_ => ManageTokens().Any());
        return ManageTokens().Last();
    }

    private IEnumerable<string> ManageTokens() =>
        app.Mail.To(Email).Select(m => m.Token("/anmeldung/verwalten")).OfType<string>();

    public async Task<HttpResponseMessage> CancelAsync() =>
        await app.Client.PostAsJsonAsync("api/registrations/manage/cancel", new { token = await ManageTokenAsync() });

    public async Task<JsonElement> ViewAsync()
    {
        using var response = await app.Client.PostAsJsonAsync("api/registrations/manage", new { token = await ManageTokenAsync() });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}

public static class AdminQueries
{
    public static async Task<JsonElement> RegistrationsAsync(FunctionAppProcess app, string eventId)
    {
        using var response = await app.Admin.GetAsync($"api/admin/events/{eventId}/registrations");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<JsonElement> EventAsync(FunctionAppProcess app, string eventId) =>
        await app.Client.GetFromJsonAsync<JsonElement>($"api/events/{eventId}");

    public static int? FreeSeats(JsonElement ev, string? sessionId = null)
    {
        var node = sessionId is null ? ev : ev.GetProperty("sessions").EnumerateArray().First(s => s.GetProperty("id").GetString() == sessionId);
        return node.TryGetProperty("freeSeats", out var free) && free.ValueKind == JsonValueKind.Number ? free.GetInt32() : null;
    }
}

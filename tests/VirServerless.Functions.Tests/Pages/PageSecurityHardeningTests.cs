using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using VirServerless.Functions.Tests.Support;
using VirServerless.Testing;

namespace VirServerless.Functions.Tests.Pages;

public partial class PageSecurityTests
{
    [Fact]
    public async Task RateLimitHoldsWhateverTheLetterCaseOfTheRouteAndThePortAfterTheAddress()
    {
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < StrictPagesAppFixture.RegistrationBurst + 1; i++)
        {
            var body = new Attendee(App, "plenum-2027", "Case").Body();
            using var request = new HttpRequestMessage(HttpMethod.Post, i % 2 == 0 ? "API/Events/plenum-2027/Registrations" : "api/EVENTS/plenum-2027/registrations") { Content = JsonContent.Create(body) };
            // Azure's front ends append the client's port, a new one per connection.
            request.Headers.Add("X-Forwarded-For", $"203.0.113.101:{50000 + i}");
            using var response = await App.Client.SendAsync(request);
            answers.Add(response.StatusCode);
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Accepted, StrictPagesAppFixture.RegistrationBurst), HttpStatusCode.TooManyRequests], answers);
    }

    [Fact]
    public async Task WrongAdminKeysOfAClientAreCountedAcrossApiAndLoginFormAndThenRefusedEvenWithTheRightKey()
    {
        const string guesser = "203.0.113.110";
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < StrictPagesAppFixture.FailedKeyLimit - 1; i++)
        {
            answers.Add(await App.Client.SendAsync(AdminRequest(guesser, "falsch-" + i)));
        }
        using var form = new HttpRequestMessage(HttpMethod.Post, "Verwaltung/Anmelden") { Content = new FormUrlEncodedContent([new("key", "auch-falsch")]) };
        form.Headers.Add("X-Forwarded-For", guesser);
        using var formAnswer = await App.Client.SendAsync(form);
        using var rightKeyTooLate = await App.Client.SendAsync(AdminRequest(guesser, FunctionAppProcess.AdminKey));
        using var otherClient = await App.Client.SendAsync(AdminRequest("203.0.113.111", FunctionAppProcess.AdminKey));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Unauthorized, a.StatusCode));
        Assert.Equal("FunctionsKey realm=\"VirServerless\", header=\"x-functions-key\"", answers[0].Headers.WwwAuthenticate.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, formAnswer.StatusCode);
        Assert.NotEmpty(formAnswer.Headers.WwwAuthenticate);
        Assert.Equal(HttpStatusCode.TooManyRequests, rightKeyTooLate.StatusCode);
        Assert.Equal("application/problem+json", rightKeyTooLate.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(rightKeyTooLate.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, otherClient.StatusCode);
        answers.ForEach(a => a.Dispose());
    }

    [Fact]
    public async Task SignOutNeedsTheFormTokenOfTheSessionAndTheCookieFollowsTheForwardedScheme()
    {
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = App.BaseAddress };
        using var login = new HttpRequestMessage(HttpMethod.Post, "verwaltung/anmelden") { Content = new FormUrlEncodedContent([new("key", FunctionAppProcess.AdminKey)]) };
        login.Headers.Add("X-Forwarded-For", "203.0.113.120");
        login.Headers.Add("X-Forwarded-Proto", "https");
        using var signedIn = await client.SendAsync(login);
        var setCookie = signedIn.Headers.GetValues("Set-Cookie").Single();
        var cookie = setCookie.Split(';')[0];
        using var overview = new HttpRequestMessage(HttpMethod.Get, "verwaltung");
        overview.Headers.Add("Cookie", cookie);
        var html = await (await client.SendAsync(overview)).Content.ReadAsStringAsync();
        var token = SignOutToken().Match(html).Groups[1].Value;

        using var forged = await client.SendAsync(SignOut(cookie, null));
        using var real = await client.SendAsync(SignOut(cookie, token));

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Contains("secure", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("max-age=31536000", signedIn.Headers.GetValues("Strict-Transport-Security").Single());
        Assert.NotEmpty(token);
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.False(forged.Headers.Contains("Set-Cookie"));
        Assert.Equal(HttpStatusCode.Redirect, real.StatusCode);
        Assert.Contains("expires=Thu, 01 Jan 1970", real.Headers.GetValues("Set-Cookie").Single(), StringComparison.OrdinalIgnoreCase);
        Assert.False(real.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task FormPostsWithAWrongContentTypeOrBodyGetGermanPages()
    {
        using var json = await Post("anmeldung/bestaetigen", new StringContent("""{"token":"x"}""", Encoding.UTF8, "application/json"), "203.0.113.130");
        using var none = await Post("anmeldung/verwalten", new ByteArrayContent("token=x"u8.ToArray()), "203.0.113.131");
        var multipart = new ByteArrayContent("--x\r\n"u8.ToArray());
        multipart.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data");
        using var noBoundary = await Post("veranstaltungen/plenum-2027/anmelden", multipart, "203.0.113.132");
        using var large = await Post("anmeldung/verwalten", new FormUrlEncodedContent([new("token", new string('x', 70 * 1024))]), "203.0.113.133");

        foreach (var (response, status) in new[] { (json, 415), (none, 415), (noBoundary, 400), (large, 413) })
        {
            Assert.Equal(status, (int)response.StatusCode);
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("<html lang=\"de\">", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ServerRenderedErrorSummaryComesAfterTheHeading()
    {
        using var form = await Post("veranstaltungen/plenum-2027/anmelden", new FormUrlEncodedContent([new("firstName", "")]), "203.0.113.140");
        using var login = await Post("verwaltung/anmelden", new FormUrlEncodedContent([new("key", "falsch")]), "203.0.113.141");

        foreach (var response in new[] { form, login })
        {
            var html = await response.Content.ReadAsStringAsync();
            Assert.InRange(html.IndexOf("<h1>", StringComparison.Ordinal), 0, html.IndexOf("id=\"fehlerliste\"", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("GET", "api/events/plenum%002027")]
    [InlineData("POST", "api/events/plenum%002027/registrations")]
    [InlineData("GET", "api/admin/events/plenum%002027/registrations")]
    [InlineData("GET", "veranstaltungen/plenum%002027")]
    public async Task ANulInAPathIsRefusedByKestrelWithAnEmpty400(string method, string path)
    {
        // Kestrel's URL decoder throws on a decoded NUL while parsing the request line, before any middleware of ours
        // runs, and writes its own 400 without a body; it has no option or hook for that answer (the Functions host's
        // Kestrel does the same in Azure, before the request reaches this app). This pins that it stays a 400, never a 500.
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        using var response = await App.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Null(response.Content.Headers.ContentType);
    }

    [Fact]
    public async Task AnyOtherControlCharacterInAnIdReachesTheAppAndGetsItsGermanProblem()
    {
        using var response = await App.Client.GetAsync("api/events/plenum%012027");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("gibt es nicht", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> Post(string path, HttpContent content, string client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.Add("X-Forwarded-For", client);
        return await App.Client.SendAsync(request);
    }

    private static HttpRequestMessage AdminRequest(string client, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "api/admin/events/plenum-2027/registrations");
        request.Headers.Add("X-Forwarded-For", client);
        request.Headers.Add("x-functions-key", key);
        return request;
    }

    private static HttpRequestMessage SignOut(string cookie, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "verwaltung/abmelden")
        {
            Content = new FormUrlEncodedContent(token is null ? [] : [new("token", token)]),
        };
        request.Headers.Add("Cookie", cookie);
        request.Headers.Add("X-Forwarded-For", "203.0.113.120");
        return request;
    }

    [GeneratedRegex("name=\"token\" value=\"([^\"]+)\"")]
    private static partial Regex SignOutToken();
}

/// <summary>Nothing configured as a trusted proxy: X-Forwarded-For and X-Forwarded-Proto must count for nothing.</summary>
public sealed class UntrustedProxyAppFixture : AppFixture
{
    protected override IDictionary<string, string> Settings => new Dictionary<string, string>(base.Settings)
    {
        ["RateLimiting__FailedKeyLimit"] = "2",
    };
}

public sealed class ForwardedHeadersTests(UntrustedProxyAppFixture fixture) : IClassFixture<UntrustedProxyAppFixture>
{
    [Fact]
    public async Task ForwardedHeadersOfAnUnknownProxyAreIgnored()
    {
        var app = fixture.App;
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };
        // A Host header is the client's to choose; neither it nor an untrusted X-Forwarded-Proto makes the cookie Secure.
        using var login = new HttpRequestMessage(HttpMethod.Post, "verwaltung/anmelden") { Content = new FormUrlEncodedContent([new("key", FunctionAppProcess.AdminKey)]) };
        login.Headers.Host = "vir-nordwest.example";
        login.Headers.Add("X-Forwarded-Proto", "https");
        using var signedIn = await client.SendAsync(login);
        var answers = new List<HttpStatusCode>();
        foreach (var (address, key) in new[] { ("203.0.113.1", "falsch-1"), ("203.0.113.2", "falsch-2"), ("203.0.113.3", FunctionAppProcess.AdminKey) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "api/admin/events/plenum-2027/registrations");
            request.Headers.Add("X-Forwarded-For", address);
            request.Headers.Add("x-functions-key", key);
            using var response = await client.SendAsync(request);
            answers.Add(response.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.DoesNotContain("secure", signedIn.Headers.GetValues("Set-Cookie").Single(), StringComparison.OrdinalIgnoreCase);
        Assert.False(signedIn.Headers.Contains("Strict-Transport-Security"));
        // Whatever X-Forwarded-For claimed, all three came from loopback: one client past its limit of wrong keys.
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], answers);
    }
}

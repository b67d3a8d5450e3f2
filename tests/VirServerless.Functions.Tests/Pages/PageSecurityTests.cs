using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using VirServerless.Functions.Tests.Support;
using VirServerless.Testing;

namespace VirServerless.Functions.Tests.Pages;

/// <summary>Small limits, and loopback (the test) as a trusted proxy, so that X-Forwarded-For picks the client.</summary>
public sealed class StrictPagesAppFixture : AppFixture
{
    public const int RegistrationBurst = 3;
    public const int FailedKeyLimit = 3;
    public const string AllowedOrigin = "https://www.vir-nordwest.example";

    protected override IDictionary<string, string> Settings => new Dictionary<string, string>(base.Settings)
    {
        ["RateLimiting__RegistrationBurst"] = RegistrationBurst.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["RateLimiting__RegistrationsPerMinute"] = "1",
        ["RateLimiting__LoginBurst"] = "100",
        ["RateLimiting__FailedKeyLimit"] = FailedKeyLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["ForwardedHeaders__KnownProxies__0"] = "127.0.0.1",
        ["Cors__AllowedOrigins__0"] = AllowedOrigin,
        ["Security__FrameAncestors__0"] = "'self'",
        ["Security__FrameAncestors__1"] = AllowedOrigin,
    };
}

public partial class PageSecurityTests(StrictPagesAppFixture fixture) : IClassFixture<StrictPagesAppFixture>
{
    private FunctionAppProcess App => fixture.App;

    [Theory]
    [InlineData("veranstaltungen")]
    [InlineData("veranstaltungen/plenum-2027")]
    [InlineData("veranstaltungen/plenum-2027/einbetten")]
    [InlineData("datenschutz")]
    [InlineData("barrierefreiheit")]
    [InlineData("verwaltung")]
    [InlineData("anmeldung/verwalten?token=x")]
    public async Task PagesCarrySecurityHeadersAndNoInlineScriptOrStyle(string path)
    {
        using var response = await App.Client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.Contains("style-src 'self';", csp, StringComparison.Ordinal);
        // The configured ancestors only for the embeddable form; the organiser and mail-link pages are never framed.
        Assert.EndsWith(path.EndsWith("/einbetten", StringComparison.Ordinal) ? $"frame-ancestors 'self' {StrictPagesAppFixture.AllowedOrigin}" : "frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("camera=()", response.Headers.GetValues("Permissions-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.DoesNotMatch(InlineScript(), html);
        Assert.DoesNotContain(" style=", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<style", html, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"de\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PersonalPagesAreNotCachedAndPublicOnesMayBe()
    {
        using var manage = await App.Client.GetAsync("anmeldung/verwalten?token=x");
        using var confirm = await App.Client.GetAsync("anmeldung/bestaetigen?token=x");
        using var organiser = await App.Client.GetAsync("verwaltung");
        using var list = await App.Client.GetAsync("veranstaltungen");

        Assert.Equal("no-store", manage.Headers.CacheControl?.ToString());
        Assert.Equal("no-store", confirm.Headers.CacheControl?.ToString());
        Assert.Equal("no-store", organiser.Headers.CacheControl?.ToString());
        Assert.Null(list.Headers.CacheControl);
    }

    [Fact]
    public async Task PublicApiAnswersCorsOnlyForConfiguredOrigins()
    {
        using var allowed = Preflight(StrictPagesAppFixture.AllowedOrigin);
        using var other = Preflight("https://evil.example");
        using var allowedGet = new HttpRequestMessage(HttpMethod.Get, "api/events/plenum-2027");
        allowedGet.Headers.Add("Origin", StrictPagesAppFixture.AllowedOrigin);

        using var allowedResponse = await App.Client.SendAsync(allowed);
        using var otherResponse = await App.Client.SendAsync(other);
        using var getResponse = await App.Client.SendAsync(allowedGet);

        Assert.Equal(StrictPagesAppFixture.AllowedOrigin, allowedResponse.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("POST", allowedResponse.Headers.GetValues("Access-Control-Allow-Methods").Single(), StringComparison.Ordinal);
        Assert.False(otherResponse.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.Equal(StrictPagesAppFixture.AllowedOrigin, getResponse.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Fact]
    public async Task RegistrationPostsAreRateLimitedPerClientWithGermanAnswers()
    {
        // Its own client address, so other tests of this class sharing loopback are not affected.
        const string client = "203.0.113.77";
        var body = new Attendee(App, "plenum-2027", "Rita").Body();
        var answers = new List<HttpStatusCode>();

        for (var i = 0; i < StrictPagesAppFixture.RegistrationBurst + 1; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/events/plenum-2027/registrations") { Content = JsonContent.Create(body) };
            request.Headers.Add("X-Forwarded-For", client);
            using var response = await App.Client.SendAsync(request);
            answers.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
                Assert.Contains("zu viele Anfragen", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
                Assert.InRange(response.Headers.RetryAfter?.Delta?.TotalSeconds ?? 0, 1, 60);
            }
        }
        using var pageRequest = new HttpRequestMessage(HttpMethod.Post, "veranstaltungen/plenum-2027/anmelden")
        {
            Content = new FormUrlEncodedContent([new("firstName", "Rita")]),
        };
        pageRequest.Headers.Add("X-Forwarded-For", client);
        using var page = await App.Client.SendAsync(pageRequest);
        using var otherClient = new HttpRequestMessage(HttpMethod.Post, "api/events/plenum-2027/registrations") { Content = JsonContent.Create(body) };
        otherClient.Headers.Add("X-Forwarded-For", "203.0.113.78");
        using var otherResponse = await App.Client.SendAsync(otherClient);

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Accepted, StrictPagesAppFixture.RegistrationBurst), HttpStatusCode.TooManyRequests], answers);
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.Contains("Zu viele Anfragen", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, otherResponse.StatusCode);
    }

    [Fact]
    public async Task FilledHoneypotIsRefusedWithoutARegistration()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "veranstaltungen/plenum-2027/anmelden")
        {
            Content = new FormUrlEncodedContent([
                new("firstName", "Bot"), new("lastName", "Bot"), new("email", "bot@spam.example"), new("organization", "Spam"),
                new("consent", "true"), new("website", "https://spam.example")]),
        };
        request.Headers.Add("X-Forwarded-For", "203.0.113.90");

        using var response = await App.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("bot@spam.example", (await AdminQueries.RegistrationsAsync(App, "plenum-2027")).ToString(), StringComparison.Ordinal);
    }

    private static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "api/events/plenum-2027/registrations");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type");
        return request;
    }

    [GeneratedRegex("<script(?![^>]*\\bsrc=)", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();
}

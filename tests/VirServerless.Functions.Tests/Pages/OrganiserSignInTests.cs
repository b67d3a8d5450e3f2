using System.Net;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using VirServerless.Testing;

namespace VirServerless.Functions.Tests.Pages;

/// <summary>Microsoft 365 sign-in against a local OpenID Connect provider, and the server-side organiser sessions.</summary>
public sealed partial class OrganiserSignInTests(EntraBrowserAppFixture fixture) : IClassFixture<EntraBrowserAppFixture>
{
    private static readonly OidcUser Organiser = new("Erika Organisatorin", "11111111-1111-1111-1111-111111111111", "erika@vrnw.example", "Organisator");
    private static readonly OidcUser Stranger = new("Max Fremder", "22222222-2222-2222-2222-222222222222", "max@vrnw.example", "Leser");

    private FunctionAppProcess App => fixture.App;

    [Fact(Timeout = 180_000)]
    public async Task OrganiserSignsInWithMicrosoft365AndTheAuditLogNamesThem()
    {
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await page.GotoAsync("/verwaltung");
        await session.CheckAccessibleAsync("24-verwaltung-login-microsoft");
        fixture.Oidc.NextUser = Organiser;

        await session.NavigatesAsync(() => page.ClickAsync("a:has-text('Mit Microsoft 365 anmelden')"));
        await page.WaitForURLAsync(url => url.EndsWith("/verwaltung", StringComparison.Ordinal));
        await page.WaitForSelectorAsync("button:has-text('Abmelden')");

        Assert.Equal("Verwaltung", await page.TextContentAsync("h1"));
        var cookie = Assert.Single(await session.Context.CookiesAsync(), c => c.Name == "vir-verwaltung");
        Assert.Equal(Microsoft.Playwright.SameSiteAttribute.Strict, cookie.SameSite);
        await page.GotoAsync("/verwaltung/protokoll");
        var audit = await page.TextContentAsync("table:has(caption:text('Protokoll aller'))");
        Assert.Contains("Erika Organisatorin", audit, StringComparison.Ordinal);
        Assert.Contains("Mit Microsoft 365 in der Verwaltung angemeldet", audit, StringComparison.Ordinal);
    }

    [Fact(Timeout = 180_000)]
    public async Task SignedInNonOrganiserGetsTheGerman403PageAndNoSession()
    {
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await page.GotoAsync("/verwaltung");
        fixture.Oidc.NextUser = Stranger;

        var refused = await session.NavigatesAsync(() => page.ClickAsync("a:has-text('Mit Microsoft 365 anmelden')"));

        Assert.Equal(403, refused.Status);
        Assert.Equal("Kein Zugang zur Verwaltung", await page.TextContentAsync("h1"));
        Assert.Contains("Max Fremder", await page.TextContentAsync("main"), StringComparison.Ordinal);
        Assert.DoesNotContain(await session.Context.CookiesAsync(), c => c.Name == "vir-verwaltung");
        await session.CheckAccessibleAsync("25-verwaltung-kein-zugang");
    }

    [Fact(Timeout = 180_000)]
    public async Task AnAccountOnTheConfiguredListIsAnOrganiserWithoutTheAppRole()
    {
        var (client, response) = await SignInWithMicrosoftAsync(new OidcUser("Liste Person", EntraBrowserAppFixture.ListedObjectId, "liste@vrnw.example"));
        using (client)
        {
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {App.Output}");
            Assert.Contains("Abmelden", await client.Http.GetStringAsync("verwaltung"), StringComparison.Ordinal);
        }
    }

    [Fact(Timeout = 180_000)]
    public async Task AnExpiredSessionLeadsBackToTheLoginPage()
    {
        var name = "Ablauf " + Guid.NewGuid().ToString("N")[..8];
        var (client, _) = await SignInWithMicrosoftAsync(Organiser with { Name = name });
        using (client)
        {
            Assert.Contains("Abmelden", await client.Http.GetStringAsync("verwaltung"), StringComparison.Ordinal);
            var sessions = new TableClient(fixture.Azurite.ConnectionString, App.TablePrefix + "Operations");
            var row = Assert.Single(sessions.Query<TableEntity>(e => e.PartitionKey == "organiser-session" && e.GetString("Name") == name));
            row["ExpiresAt"] = DateTimeOffset.UtcNow.AddMinutes(-1);
            await sessions.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Merge);

            var page = await client.Http.GetStringAsync("verwaltung");

            Assert.Contains("Verwaltung: Anmeldung", page, StringComparison.Ordinal);
            Assert.DoesNotContain("Abmelden", page, StringComparison.Ordinal);
            Assert.False((await sessions.GetEntityIfExistsAsync<TableEntity>(row.PartitionKey, row.RowKey)).HasValue);
        }
    }

    [Fact(Timeout = 180_000)]
    public async Task SignOutRevokesTheSessionSoTheOldCookieIsRefusedAndTheLogNamesWhoLeft()
    {
        var name = "Abmeldung " + Guid.NewGuid().ToString("N")[..8];
        var (client, _) = await SignInWithMicrosoftAsync(Organiser with { Name = name });
        using (client)
        {
            var overview = await client.Http.GetStringAsync("verwaltung");
            var oldCookie = client.Cookies.GetCookies(new Uri(App.BaseAddress, "verwaltung")).Single(c => c.Name == "vir-verwaltung").Value;
            Assert.Contains("Abmelden", await ReplayAsync(oldCookie), StringComparison.Ordinal);

            using var signOut = await client.Http.PostAsync("verwaltung/abmelden", new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = FormToken().Match(overview).Groups[1].Value }));

            Assert.Contains("Verwaltung: Anmeldung", await signOut.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            var replayed = await ReplayAsync(oldCookie);
            Assert.Contains("Verwaltung: Anmeldung", replayed, StringComparison.Ordinal);
            Assert.DoesNotContain("Abmelden", replayed, StringComparison.Ordinal);
            using var keyClient = await SignInWithKeyAsync();
            Assert.Matches($"{name}</td><th scope=\"row\">Von der Verwaltung abgemeldet", await keyClient.Http.GetStringAsync("verwaltung/protokoll"));
        }
    }

    /// <summary>The old cookie sent by hand from another client, as an attacker who copied it would.</summary>
    private async Task<string> ReplayAsync(string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "verwaltung");
        request.Headers.Add("Cookie", "vir-verwaltung=" + cookie);
        using var response = await App.Client.SendAsync(request);
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<(CookieClient Client, HttpResponseMessage Response)> SignInWithMicrosoftAsync(OidcUser user)
    {
        fixture.Oidc.NextUser = user;
        var client = new CookieClient(App.BaseAddress);
        var response = await client.Http.GetAsync("verwaltung/anmelden/microsoft");
        return (client, response);
    }

    private async Task<CookieClient> SignInWithKeyAsync()
    {
        var client = new CookieClient(App.BaseAddress);
        using var response = await client.Http.PostAsync("verwaltung/anmelden", new FormUrlEncodedContent(new Dictionary<string, string> { ["key"] = FunctionAppProcess.AdminKey }));
        response.EnsureSuccessStatusCode();
        return client;
    }

    /// <summary>An HTTP client that keeps cookies and follows redirects, like a browser without script.</summary>
    private sealed class CookieClient : IDisposable
    {
        public CookieClient(Uri baseAddress) =>
            Http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = true }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };

        public CookieContainer Cookies { get; } = new();

        public HttpClient Http { get; }

        public void Dispose() => Http.Dispose();
    }

    [GeneratedRegex("name=\"token\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();
}

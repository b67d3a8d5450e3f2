using System.Text;
using VirServerless.Functions.Tests.Support;
using VirServerless.Testing;

namespace VirServerless.Functions.Tests.Pages;

public class OrganiserPagesTests(BrowserAppFixture fixture) : IClassFixture<BrowserAppFixture>
{
    private FunctionAppProcess App => fixture.App;

    [Fact(Timeout = 120_000)]
    public async Task OrganiserSignsInWithTheKeyInAFormAndSeesRegistrationsWaitingListAndOutbox()
    {
        var eventId = TestEvents.NewId("orga");
        await TestEvents.PublishAsync(App.Admin, TestEvents.Create(eventId, capacity: 1));
        var anna = new Attendee(App, eventId, "Anna", "Stadt Oldenburg");
        var bernd = new Attendee(App, eventId, "Bernd", "Gemeinde Wardenburg");
        Assert.Equal("confirmed", await anna.RegisterAndConfirmAsync("ag-ki"));
        Assert.Equal("waitlisted", await bernd.RegisterAndConfirmAsync());
        await bernd.WaitForMailAsync("Warteliste");
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;

        await page.GotoAsync("/verwaltung");
        Assert.Equal("Verwaltung: Anmeldung", await page.TextContentAsync("h1"));
        await session.CheckAccessibleAsync("20-verwaltung-login");
        await page.FillAsync("#f-key", "falscher-schluessel");
        var refused = await session.NavigatesAsync(() => page.ClickAsync("button:has-text('Anmelden')"));

        Assert.Equal(401, refused.Status);
        Assert.Equal("fehlerliste", await session.FocusedIdAsync());
        Assert.Equal("true", await page.GetAttributeAsync("#f-key", "aria-invalid"));
        await session.CheckAccessibleAsync();
        Assert.Empty(await session.Context.CookiesAsync());

        await page.FillAsync("#f-key", FunctionAppProcess.AdminKey);
        await session.NavigatesAsync(() => page.ClickAsync("button:has-text('Anmelden')"));

        Assert.EndsWith("/verwaltung", page.Url, StringComparison.Ordinal);
        var cookie = Assert.Single(await session.Context.CookiesAsync());
        Assert.True(cookie.HttpOnly);
        Assert.Equal(Microsoft.Playwright.SameSiteAttribute.Strict, cookie.SameSite);
        Assert.DoesNotContain(FunctionAppProcess.AdminKey, cookie.Value, StringComparison.Ordinal);
        Assert.Contains("Plenum 2027", await page.TextContentAsync("table"), StringComparison.Ordinal);
        await session.CheckAccessibleAsync("21-verwaltung-uebersicht");

        await session.NavigatesAsync(() => page.ClickAsync($"a:has-text('Testplenum {eventId}')"));

        Assert.DoesNotContain(FunctionAppProcess.AdminKey, page.Url, StringComparison.Ordinal);
        var all = await page.TextContentAsync("table:has(caption:text('Alle Anmeldungen'))");
        Assert.Contains("Anna Muster", all, StringComparison.Ordinal);
        Assert.Contains("AG Künstliche Intelligenz (gebucht)", all, StringComparison.Ordinal);
        Assert.Contains("Bernd Muster", await page.TextContentAsync("table:has(caption:text('Warteliste'))"), StringComparison.Ordinal);
        var perOrganization = await page.TextContentAsync("table:has(caption:text('je Organisation'))");
        Assert.Contains("Gemeinde Wardenburg", perOrganization, StringComparison.Ordinal);
        Assert.Contains("Stadt Oldenburg", perOrganization, StringComparison.Ordinal);
        var outbox = await page.TextContentAsync("table:has(caption:text('E-Mail-Versand'))");
        Assert.Contains("gesendet", outbox, StringComparison.Ordinal);
        Assert.Contains(anna.Email, outbox, StringComparison.Ordinal);
        await session.CheckAccessibleAsync("22-verwaltung-veranstaltung");
        var eventAudit = await page.TextContentAsync("table:has(caption:text('Protokoll dieser Veranstaltung'))");
        Assert.Contains("JSON-API (Zugangsschlüssel)", eventAudit, StringComparison.Ordinal);
        Assert.Contains("Veranstaltung angelegt (Fassung 1)", eventAudit, StringComparison.Ordinal);
        Assert.DoesNotContain(anna.Email, eventAudit, StringComparison.Ordinal);

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("a:has-text('CSV herunterladen')"));
        var csv = Encoding.UTF8.GetString(await File.ReadAllBytesAsync((await download.PathAsync())!));

        Assert.Equal($"teilnehmende-{eventId}.csv", download.SuggestedFilename);
        Assert.StartsWith("\uFEFFStatus;Vorname;Nachname", csv, StringComparison.Ordinal);
        Assert.Contains($"confirmed;Anna;Muster;{anna.Email};Stadt Oldenburg", csv, StringComparison.Ordinal);
        Assert.Contains($"waitlisted;Bernd;Muster;{bernd.Email}", csv, StringComparison.Ordinal);

        await page.GotoAsync("/verwaltung/protokoll");
        var audit = await page.TextContentAsync("table:has(caption:text('Protokoll aller'))");
        Assert.Contains("In der Verwaltung angemeldet", audit, StringComparison.Ordinal);
        Assert.Contains(eventId, audit, StringComparison.Ordinal);
        await session.CheckAccessibleAsync("23-verwaltung-protokoll");

        await session.NavigatesAsync(() => page.ClickAsync("button:has-text('Abmelden')"));
        Assert.Equal("Verwaltung: Anmeldung", await page.TextContentAsync("h1"));
        Assert.Empty(await session.Context.CookiesAsync());
    }

    [Fact(Timeout = 120_000)]
    public async Task OrganiserPagesAndExportStayClosedWithoutTheCookie()
    {
        var eventId = "plenum-2027";

        using var page = await App.Client.GetAsync($"verwaltung/veranstaltungen/{eventId}");
        using var export = await App.Client.GetAsync($"verwaltung/veranstaltungen/{eventId}/teilnehmende.csv");
        using var forged = new HttpRequestMessage(HttpMethod.Get, $"verwaltung/veranstaltungen/{eventId}/teilnehmende.csv");
        forged.Headers.Add("Cookie", "vir-verwaltung=99999999999.AAAA");
        using var forgedResponse = await App.Client.SendAsync(forged);

        foreach (var response in new[] { page, export, forgedResponse })
        {
            Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType?.ToString());
            Assert.Contains("Zugangsschlüssel", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task PrivacyAccessibilityAndEmbeddedPagesPassAxe()
    {
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;

        await page.GotoAsync("/datenschutz");
        Assert.Contains(VirServerless.Core.Registrations.ConsentText.CurrentVersion, await page.TextContentAsync("main"), StringComparison.Ordinal);
        await session.CheckAccessibleAsync("30-datenschutz");

        await page.GotoAsync("/barrierefreiheit");
        Assert.StartsWith("mailto:", await page.GetAttributeAsync("section a[href^=mailto], main a[href^=mailto]", "href"), StringComparison.Ordinal);
        Assert.Contains("Barrieren melden", await page.TextContentAsync("main"), StringComparison.Ordinal);
        await session.CheckAccessibleAsync("31-barrierefreiheit");

        var embedded = await page.GotoAsync("/veranstaltungen/plenum-2027/einbetten");
        Assert.Equal(0, await page.Locator("header.site").CountAsync());
        Assert.Equal(1, await page.Locator("form.registration").CountAsync());
        Assert.Contains("frame-ancestors", await embedded!.HeaderValueAsync("content-security-policy"), StringComparison.Ordinal);
        await session.CheckAccessibleAsync("32-einbetten");

        var missing = await page.GotoAsync("/veranstaltungen/gibt-es-nicht");
        Assert.Equal(404, missing!.Status);
        await session.CheckAccessibleAsync();
    }
}

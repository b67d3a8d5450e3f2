using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using UglyToad.PdfPig;
using VirServerless.Functions.Tests.Support;
using VirServerless.Testing;

namespace VirServerless.Functions.Tests.Pages;

public class AttendanceListTests(BrowserAppFixture fixture) : IClassFixture<BrowserAppFixture>
{
    /// <summary>A4 in PostScript points (210 × 297 mm).</summary>
    private const double A4Width = 595.28, A4Height = 841.89;

    private FunctionAppProcess App => fixture.App;

    [Fact(Timeout = 600_000)]
    public async Task TheOrganiserPrintsTheAttendanceListOfEachDayOfATwoDayEventOnA4WithTheHeaderOnEveryPage()
    {
        var eventId = TestEvents.NewId("anwesenheit");
        await TestEvents.PublishAsync(App.Admin, TwoDayEvent(eventId));
        // More people than fit on one A4 page, so the header must repeat; surnames with umlauts sort as in German.
        string[] fillers = ["Becker", "Schulz", "Hoffmann", "Wagner", "Koch", "Richter", "Klein", "Wolf", "Schröder", "Neumann",
            "Schwarz", "Braun", "Hofmann", "Krüger", "Lange", "Werner", "Lehmann", "Köhler", "Jung", "Hahn", "Vogel", "Fuchs"];
        var people = new List<(string First, string Last, string Organization, string[] Sessions)>
        {
            ("Selin", "Özdemir", "Stadt Oldenburg", ["ag-ki", "exkursion"]),
            ("Jan", "Ahrens", "Gemeinde Wardenburg", ["ag-ozg"]),
            ("Maria", "Zander", "Landkreis Ammerland", ["exkursion"]),
            ("Uwe", "Ärmel", "Stadt Emden", []),
            ("Tom", "Otto", "Stadt Leer", []),
        };
        people.AddRange(fillers.Select(last => ("Erika", last, "Stadt Delmenhorst", Array.Empty<string>())));
        await Task.WhenAll(people.Select(p => RegisterAndConfirmAsync(eventId, p.First, p.Last, p.Organization, p.Sessions)));
        var unconfirmed = new Attendee(App, eventId, "Paula", "Stadt Norden");
        using (var registered = await unconfirmed.RegisterAsync())
        {
            Assert.Equal(HttpStatusCode.Accepted, registered.StatusCode);
        }

        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await SignInAsync(session);
        await page.GotoAsync($"/verwaltung/veranstaltungen/{eventId}");
        await session.NavigatesAsync(() => page.ClickAsync("a:has-text('Anwesenheitsliste zum Ausdrucken')"));

        Assert.Equal($"Anwesenheitsliste: Testplenum {eventId}", await page.TextContentAsync("h1"));
        Assert.Equal("Mittwoch, 5. Juni 2030 (Tag 1 von 2)", await Fact(page, "Datum"));
        Assert.Equal("Rathaus, Markt 1, 26122 Oldenburg", await Fact(page, "Ort"));
        Assert.Equal("27", await Fact(page, "Bestätigte Anmeldungen"));
        var names = await page.Locator("table.attendance tbody th[scope=row]").AllTextContentsAsync();
        Assert.Equal(27, names.Count);
        Assert.Equal(["Ahrens, Jan", "Ärmel, Uwe", "Becker, Erika", "Braun, Erika", "Fuchs, Erika"], names.Take(5));
        Assert.Equal(["Otto, Tom", "Özdemir, Selin", "Richter, Erika"], names.SkipWhile(n => n != "Otto, Tom").Take(3));
        Assert.Equal("Zander, Maria", names[^1]);
        Assert.DoesNotContain(names, n => n.Contains("Paula", StringComparison.Ordinal));
        Assert.Equal("13:00–15:00 Uhr: AG Künstliche Intelligenz", await Row(page, "Özdemir, Selin").Locator("td").Nth(2).TextContentAsync());
        Assert.Equal("13:00–15:00 Uhr: AG OZG", await Row(page, "Ahrens, Jan").Locator("td").Nth(2).TextContentAsync());
        Assert.Equal("—keine", await Row(page, "Zander, Maria").Locator("td").Nth(2).TextContentAsync());
        Assert.Equal("Unterschrift", await page.TextContentAsync("table.attendance thead th.signature"));
        Assert.True(await page.IsVisibleAsync("button:has-text('Drucken')"), "With JavaScript the print button shows.");
        await session.CheckAccessibleAsync("50-verwaltung-anwesenheit-tag-1");
        var firstDay = await PrintAsync(page, "50-verwaltung-anwesenheit-tag-1");

        Assert.Contains("Künstliche", firstDay, StringComparison.Ordinal);
        Assert.DoesNotContain("Exkursion", firstDay, StringComparison.Ordinal);

        await session.NavigatesAsync(() => page.ClickAsync("nav.days a:has-text('Tag 2')"));

        Assert.EndsWith($"/anwesenheit?tag=2030-06-06", page.Url, StringComparison.Ordinal);
        Assert.Equal("page", await page.GetAttributeAsync("nav.days a:has-text('Tag 2')", "aria-current"));
        Assert.Equal("Donnerstag, 6. Juni 2030 (Tag 2 von 2)", await Fact(page, "Datum"));
        Assert.Equal(27, await page.Locator("table.attendance tbody tr").CountAsync());
        Assert.Equal("10:00–12:00 Uhr: Hafenrundgang", await Row(page, "Özdemir, Selin").Locator("td").Nth(2).TextContentAsync());
        Assert.Equal("10:00–12:00 Uhr: Hafenrundgang", await Row(page, "Zander, Maria").Locator("td").Nth(2).TextContentAsync());
        Assert.Equal("—keine", await Row(page, "Ahrens, Jan").Locator("td").Nth(2).TextContentAsync());
        await session.CheckAccessibleAsync("51-verwaltung-anwesenheit-tag-2");
        var secondDay = await PrintAsync(page, "51-verwaltung-anwesenheit-tag-2");

        Assert.Contains("Hafenrundgang", secondDay, StringComparison.Ordinal);
        Assert.DoesNotContain("Künstliche", secondDay, StringComparison.Ordinal);
    }

    [Fact(Timeout = 300_000)]
    public async Task WithoutJavaScriptTheListChangesDaysByLinksAndOnlyAnOrganiserSeesIt()
    {
        var eventId = TestEvents.NewId("anwesenheit-ohne-js");
        await TestEvents.PublishAsync(App.Admin, TwoDayEvent(eventId));
        var url = $"/verwaltung/veranstaltungen/{eventId}/anwesenheit";

        await using (var stranger = await fixture.NewSessionAsync(javaScript: false))
        {
            await stranger.Page.GotoAsync(url);

            Assert.Equal("Verwaltung: Anmeldung", await stranger.Page.TextContentAsync("h1"));
            Assert.Equal(0, await stranger.Page.Locator("table.attendance").CountAsync());
        }

        await using var session = await fixture.NewSessionAsync(javaScript: false);
        var page = session.Page;
        await SignInAsync(session);
        await page.GotoAsync(url);

        Assert.False(await page.IsVisibleAsync("button:has-text('Drucken')"), "Without JavaScript the button could not print, so it stays hidden.");
        Assert.Contains("Druckfunktion Ihres Browsers", await page.TextContentAsync("main"), StringComparison.Ordinal);
        Assert.Equal("Noch keine bestätigten Anmeldungen.", await page.TextContentAsync("table.attendance tbody td"));
        await session.CheckAccessibleAsync("52-verwaltung-anwesenheit-ohne-js");
        await session.NavigatesAsync(() => page.ClickAsync("nav.days a:has-text('Tag 2')"));
        Assert.Contains("(Tag 2 von 2)", await page.TextContentAsync("dl.facts"), StringComparison.Ordinal);

        var wrongDay = await page.GotoAsync($"{url}?tag=2030-06-07");
        var noDate = await session.Context.APIRequest.GetAsync($"{url}?tag=morgen");

        Assert.Equal(404, wrongDay!.Status);
        Assert.Contains("An diesem Tag findet die Veranstaltung nicht statt.", await page.TextContentAsync("[role=alert]"), StringComparison.Ordinal);
        await session.CheckAccessibleAsync("53-verwaltung-anwesenheit-falscher-tag");
        Assert.Equal(404, noDate.Status);
    }

    /// <summary>
    /// Checks the print styles as computed in print media, then prints to PDF with the page size the CSS asks for
    /// (Chromium's default would be US Letter) and reads every page back. The PDF is kept beside the screenshots.
    /// </summary>
    private static async Task<string> PrintAsync(IPage page, string name)
    {
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        foreach (var hidden in new[] { "header.site", "footer.site", "nav.days", "form.signout", "button.print-button", "div.no-print" })
        {
            Assert.True(await Display(page, hidden) == "none", $"{hidden} is printed.");
        }
        Assert.Equal("table-header-group", await Display(page, "table.attendance thead"));
        Assert.Equal("avoid", await page.EvalOnSelectorAsync<string>("table.attendance tbody tr", "e => getComputedStyle(e).breakInside"));
        Assert.Equal("rgb(0, 0, 0)", await page.EvalOnSelectorAsync<string>("table.attendance tbody td", "e => getComputedStyle(e).color"));
        Assert.Equal("rgb(0, 0, 0)", await page.EvalOnSelectorAsync<string>("table.attendance tbody td", "e => getComputedStyle(e).borderTopColor"));
        Assert.Equal("rgb(0, 0, 0)", await page.EvalOnSelectorAsync<string>("h1", "e => getComputedStyle(e).color"));
        var signatureWidth = await page.EvalOnSelectorAsync<double>("table.attendance thead th.signature", "e => e.getBoundingClientRect().width");
        Assert.True(signatureWidth >= 50 / 25.4 * 96, $"The signature column is {signatureWidth} px wide, less than 5 cm.");

        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserAppFixture.ScreenshotDirectory, name + "-druck.png"), FullPage = true });
        var pdf = await page.PdfAsync(new PagePdfOptions { PreferCSSPageSize = true, Path = Path.Combine(BrowserAppFixture.ScreenshotDirectory, name + ".pdf") });
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Screen });

        Assert.Equal("%PDF-"u8.ToArray(), pdf[..5]);
        using var document = PdfDocument.Open(pdf);
        var pages = document.GetPages().ToList();
        Assert.True(pages.Count >= 2, $"27 people fit on {pages.Count} page(s); the test needs the list to run over.");
        var text = new List<string>();
        foreach (var printed in pages)
        {
            Assert.InRange(printed.Width, A4Width - 1, A4Width + 1);
            Assert.InRange(printed.Height, A4Height - 1, A4Height + 1);
            var words = string.Join(" ", printed.GetWords().Select(w => w.Text));
            Assert.True(words.Contains("Unterschrift", StringComparison.Ordinal), $"Page {printed.Number} has no table header: {words}");
            text.Add(words);
        }
        var all = string.Join("\n", text);
        Assert.Contains("Anwesenheitsliste", all, StringComparison.Ordinal);
        foreach (var control in new[] { "Abmelden", "Drucken", "Zurück", "Datenschutzhinweise" })
        {
            Assert.DoesNotContain(control, all, StringComparison.Ordinal);
        }
        return all;
    }

    private static Task<string?> Fact(IPage page, string term) =>
        page.TextContentAsync($"dl.facts dt:text-is('{term}') + dd");

    private static Task<string> Display(IPage page, string selector) =>
        page.EvalOnSelectorAsync<string>(selector, "e => getComputedStyle(e).display");

    private static ILocator Row(IPage page, string name) =>
        page.Locator("table.attendance tbody tr").Filter(new() { Has = page.Locator($"th[scope=row]:text-is('{name}')") });

    private static JsonObject TwoDayEvent(string eventId)
    {
        var ev = TestEvents.Create(eventId, capacity: 100, workshopCapacity: 50);
        ev["end"] = "2030-06-06T16:00:00+02:00";
        ev["sessions"]!.AsArray().Add(new JsonObject
        {
            ["id"] = "exkursion", ["kind"] = "excursion", ["title"] = "Hafenrundgang", ["choosable"] = true,
            ["start"] = "2030-06-06T10:00:00+02:00", ["end"] = "2030-06-06T12:00:00+02:00",
        });
        return ev;
    }

    private async Task RegisterAndConfirmAsync(string eventId, string firstName, string lastName, string organization, string[] sessions)
    {
        var person = new Attendee(App, eventId, firstName, organization, $"{Guid.NewGuid():N}@kommune.example");
        var body = person.Body(sessions);
        body["lastName"] = lastName;
        using var registered = await App.Client.PostAsJsonAsync($"api/events/{eventId}/registrations", body);
        Assert.Equal(HttpStatusCode.Accepted, registered.StatusCode);
        using var confirmed = await person.ConfirmAsync(await person.ConfirmTokenAsync());
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
    }

    private static async Task SignInAsync(BrowserSession session)
    {
        await session.Page.GotoAsync("/verwaltung");
        await session.Page.FillAsync("#f-key", FunctionAppProcess.AdminKey);
        await session.NavigatesAsync(() => session.Page.ClickAsync("button:has-text('Anmelden')"));
    }
}

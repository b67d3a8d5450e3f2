using System.Net;
using Microsoft.Playwright;
using VirServerless.Functions.Tests.Support;
using VirServerless.Testing;

namespace VirServerless.Functions.Tests.Pages;

public class RegistrationPagesTests(BrowserAppFixture fixture) : IClassFixture<BrowserAppFixture>
{
    private const string Plenum = "plenum-2027";

    private FunctionAppProcess App => fixture.App;

    [Fact(Timeout = 120_000)]
    public async Task StartPageListsTheSamplePlenumFirstAndPastEventsBelow()
    {
        await using var session = await fixture.NewSessionAsync();

        await session.Page.GotoAsync("/");

        Assert.EndsWith("/veranstaltungen", session.Page.Url, StringComparison.Ordinal);
        var headings = await session.Page.Locator("main h2").AllTextContentsAsync();
        Assert.Equal(["Kommende Veranstaltungen", "Vergangene Veranstaltungen"], headings);
        var upcoming = await session.Page.Locator("ul.events:not(.past) h3").AllTextContentsAsync();
        Assert.Contains("Plenum 2027", upcoming);
        Assert.Contains("Plenum 2015 der ViR-Nordwest", await session.Page.Locator("ul.events.past h3").AllTextContentsAsync());
        Assert.Matches(@"noch \d+ von 120 Plätzen frei", await session.Page.Locator("ul.events:not(.past) li").Filter(new() { HasText = "Plenum 2027" }).TextContentAsync());
        await session.CheckAccessibleAsync("01-veranstaltungen");
    }

    [Fact(Timeout = 120_000)]
    public async Task EventPageShowsProgrammeByDayInBerlinTimeVenueAndFreeSeats()
    {
        await using var session = await fixture.NewSessionAsync();

        await session.Page.GotoAsync($"/veranstaltungen/{Plenum}");

        Assert.Equal("de", await session.Page.GetAttributeAsync("html", "lang"));
        Assert.Equal(["Mittwoch, 9. Juni 2027", "Donnerstag, 10. Juni 2027"], await session.Page.Locator("section[aria-labelledby=programm] h3").AllTextContentsAsync());
        var programme = await session.Page.Locator("ul.programme").First.TextContentAsync();
        Assert.Contains("15:45 bis 16:30 Uhr", programme, StringComparison.Ordinal);
        Assert.Contains("Parkhaus „Havenwelten“", await session.Page.Locator("section[aria-labelledby=ort]").TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains("induktive Höranlage", await session.Page.Locator("section[aria-labelledby=ort]").TextContentAsync(), StringComparison.Ordinal);
        Assert.Matches(@"Rundfahrt mit dem Hafenbus .*noch \d+ Plätze frei", await session.Page.Locator("label[for=f-sessions]").TextContentAsync());
        Assert.Matches(@"Künstliche Intelligenz .*noch \d+ Plätze frei", await session.Page.Locator("label[for=s-ag-ki]").TextContentAsync());
        Assert.Matches(@"\d+ von 120 frei", await session.Page.Locator("dl.facts").TextContentAsync());
        Assert.Equal(ConsentVersion(), await session.Page.InputValueAsync("input[name=consentVersion]"));
        await session.CheckAccessibleAsync("02-veranstaltung-formular");
    }

    [Fact(Timeout = 120_000)]
    public async Task RegistersWithoutJavaScriptShowingGermanErrorsFirstAndConfirmsThroughTheMailLink()
    {
        await using var session = await fixture.NewSessionAsync(javaScript: false);
        var page = session.Page;
        var email = $"ohne-js.{Guid.NewGuid():N}@kommune.example";
        await page.GotoAsync($"/veranstaltungen/{Plenum}");
        await page.FillAsync("#f-firstName", "Erika");
        await page.FillAsync("#f-email", "erika-at-kommune");

        var errors = await session.NavigatesAsync(() => page.ClickAsync("button:has-text('Verbindlich anmelden')"));

        Assert.Equal(400, errors.Status);
        Assert.StartsWith("Fehler:", await page.TitleAsync(), StringComparison.Ordinal);
        Assert.Equal("fehlerliste", await session.FocusedIdAsync());
        var summaryLinks = await page.Locator("#fehlerliste a").AllAsync();
        Assert.Equal(["#f-lastName", "#f-email", "#f-organization", "#f-consent"], (await Task.WhenAll(summaryLinks.Select(a => a.GetAttributeAsync("href")))).Select(h => h ?? ""));
        Assert.Contains("Bitte geben Sie eine gültige E-Mail-Adresse an", await page.TextContentAsync("#f-email-fehler"), StringComparison.Ordinal);
        Assert.Equal("true", await page.GetAttributeAsync("#f-email", "aria-invalid"));
        Assert.Contains("f-email-fehler", await page.GetAttributeAsync("#f-email", "aria-describedby"), StringComparison.Ordinal);
        Assert.Equal("Erika", await page.InputValueAsync("#f-firstName"));
        await session.CheckAccessibleAsync("03-formular-fehler-ohne-js");

        await page.FillAsync("#f-lastName", "Mustermann");
        await page.FillAsync("#f-email", email);
        await page.FillAsync("#f-organization", "Stadt Emden");
        await page.CheckAsync("#s-ag-nachnutzung");
        await page.CheckAsync("#f-consent");
        var done = await session.NavigatesAsync(() => page.ClickAsync("button:has-text('Verbindlich anmelden')"));

        Assert.Equal(200, done.Status);
        Assert.Contains($"/veranstaltungen/{Plenum}/angemeldet", page.Url, StringComparison.Ordinal);
        Assert.Equal("Bitte prüfen Sie Ihr Postfach", await page.TextContentAsync("h1"));
        await session.CheckAccessibleAsync("04-angemeldet");

        var mail = (await App.Mail.WaitForAsync(all => all.Any(m => m.To.Contains(email, StringComparison.Ordinal)))).First(m => m.To.Contains(email, StringComparison.Ordinal));
        await page.GotoAsync(mail.Link("/anmeldung/bestaetigen")!);
        await session.CheckAccessibleAsync("05-bestaetigen");
        await session.NavigatesAsync(() => page.ClickAsync("button:has-text('Anmeldung bestätigen')"));

        Assert.Equal("Anmeldung bestätigt", await page.TextContentAsync("h1"));
        await session.CheckAccessibleAsync("06-bestaetigt");
        var list = await AdminQueries.RegistrationsAsync(App, Plenum);
        var row = list.GetProperty("registrations").EnumerateArray().Single(r => r.GetProperty("email").GetString() == email);
        Assert.Equal("confirmed", row.GetProperty("status").GetString());
        Assert.Equal("ag-nachnutzung (booked)", row.GetProperty("sessions").GetString());
        Assert.Equal("web", row.GetProperty("source").GetString());
    }

    [Fact(Timeout = 120_000)]
    public async Task RegistersWithJavaScriptValidatingInlineAndWithoutReload()
    {
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        var email = $"mit-js.{Guid.NewGuid():N}@kommune.example";
        await page.GotoAsync($"/veranstaltungen/{Plenum}");
        await page.EvaluateAsync("() => window.notReloaded = true");
        await page.FillAsync("#f-email", "kaputt@");
        await page.FocusAsync("#f-organization");

        Assert.Contains("gültige E-Mail-Adresse", await page.TextContentAsync("#f-email-fehler"), StringComparison.Ordinal);
        await page.ClickAsync("button:has-text('Verbindlich anmelden')");

        Assert.Equal("fehlerliste", await session.FocusedIdAsync());
        Assert.Equal("alert", await page.GetAttributeAsync("#fehlerliste", "role"));
        Assert.Equal(5, await page.Locator("#fehlerliste li a").CountAsync());
        Assert.Equal("true", await page.GetAttributeAsync("#f-consent", "aria-invalid"));
        Assert.Contains("f-consent-fehler", await page.GetAttributeAsync("#f-consent", "aria-describedby"), StringComparison.Ordinal);
        await session.CheckAccessibleAsync("07-formular-fehler-mit-js");
        await page.ClickAsync("#fehlerliste a[href='#f-lastName']");
        Assert.Equal("f-lastName", await session.FocusedIdAsync());

        await page.FillAsync("#f-firstName", "Jana");
        await page.FillAsync("#f-lastName", "Schmidt");
        await page.FillAsync("#f-email", email);
        await page.FillAsync("#f-organization", "Landkreis Leer");
        // Leaving the field clears its error and moves the layout; a person clicks after that, so the test does too.
        await page.FocusAsync("#f-sessions");
        await page.CheckAsync("#f-sessions");
        await page.CheckAsync("#f-consent");
        await page.ClickAsync("button:has-text('Verbindlich anmelden')");
        await page.Locator("#anmeldung-erfolg").WaitForAsync(new() { State = WaitForSelectorState.Visible });

        Assert.True(await page.EvaluateAsync<bool>("() => window.notReloaded === true"));
        Assert.Equal(0, await page.Locator("#fehlerliste").CountAsync());
        Assert.True(await page.Locator("form.registration").IsHiddenAsync());
        Assert.Contains("Bitte prüfen Sie Ihr Postfach", await page.TextContentAsync("#anmeldung-erfolg h2"), StringComparison.Ordinal);
        await session.CheckAccessibleAsync("08-angemeldet-mit-js");
        await App.Mail.WaitForAsync(all => all.Any(m => m.To.Contains(email, StringComparison.Ordinal) && m.Subject.Contains("Bitte bestätigen", StringComparison.Ordinal)));
    }

    [Fact(Timeout = 120_000)]
    public async Task JavaScriptShowsServerErrorsForClashingWorkshopsAtTheFieldset()
    {
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await page.GotoAsync($"/veranstaltungen/{Plenum}");
        await FillValidAsync(page, $"clash.{Guid.NewGuid():N}@kommune.example");
        // Radios prevent a clash in the browser; a manipulated form must still get a field error from the server.
        await page.EvaluateAsync("() => { document.querySelector('#s-ag-ki').checked = true; const r = document.querySelector('#s-ag-digitale-kompetenzen'); r.name = 'sessions'; r.checked = true; }");

        await page.ClickAsync("button:has-text('Verbindlich anmelden')");
        await page.Locator("#fehlerliste").WaitForAsync();

        Assert.Contains("finden gleichzeitig statt", await page.TextContentAsync("#f-sessions-fehler"), StringComparison.Ordinal);
        Assert.Equal("#f-sessions", await page.GetAttributeAsync("#fehlerliste a", "href"));
        Assert.Equal("true", await page.GetAttributeAsync("#f-sessions", "aria-invalid"));
        await session.CheckAccessibleAsync();
    }

    [Fact(Timeout = 120_000)]
    public async Task FullWorkshopIsMarkedAndChoosingItPutsYouOnItsWaitingList()
    {
        var eventId = TestEvents.NewId("voll");
        await TestEvents.PublishAsync(App.Admin, TestEvents.Create(eventId, workshopCapacity: 1));
        Assert.Equal("confirmed", await new Attendee(App, eventId, "Frieda").RegisterAndConfirmAsync("ag-ki"));
        await using var session = await fixture.NewSessionAsync(javaScript: false);
        var page = session.Page;
        var email = $"warteliste.{Guid.NewGuid():N}@kommune.example";

        await page.GotoAsync($"/veranstaltungen/{eventId}");

        Assert.Contains("ausgebucht – Warteliste", await page.TextContentAsync("label[for=f-sessions]"), StringComparison.Ordinal);
        Assert.Contains("kommen Sie auf seine Warteliste", await page.TextContentAsync("#f-sessions-hinweis"), StringComparison.Ordinal);
        await session.CheckAccessibleAsync("09-workshop-ausgebucht");
        await FillValidAsync(page, email);
        await page.CheckAsync("#f-sessions");
        await session.NavigatesAsync(() => page.ClickAsync("button:has-text('Verbindlich anmelden')"));

        Assert.Contains("„AG Künstliche Intelligenz“ ist ausgebucht. Sie kommen dort auf die Warteliste", await page.TextContentAsync("main"), StringComparison.Ordinal);
        await session.CheckAccessibleAsync();
        var mail = (await App.Mail.WaitForAsync(all => all.Any(m => m.To.Contains(email, StringComparison.Ordinal)))).First(m => m.To.Contains(email, StringComparison.Ordinal));
        using var confirmed = await App.Client.PostAsync("anmeldung/bestaetigen", new FormUrlEncodedContent([new("token", mail.Token("/anmeldung/bestaetigen")!)]));
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var list = await AdminQueries.RegistrationsAsync(App, eventId);
        Assert.Equal("ag-ki (waitlisted)", list.GetProperty("registrations").EnumerateArray().Single(r => r.GetProperty("email").GetString() == email).GetProperty("sessions").GetString());
    }

    [Fact(Timeout = 120_000)]
    public async Task ChangesWorkshopAndCancelsOnTheManagePage()
    {
        var anna = new Attendee(App, Plenum, "Anna", "Gemeinde Rastede");
        Assert.Equal("confirmed", await anna.RegisterAndConfirmAsync("ag-ki"));
        var manageLink = (await anna.WaitForMailAsync("Anmeldung bestätigt")).Link("/anmeldung/verwalten")!;
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;

        await page.GotoAsync(manageLink);
        await session.CheckAccessibleAsync("10-verwalten-start");
        var view = await session.NavigatesAsync(() => page.ClickAsync("button:has-text('Meine Anmeldung anzeigen')"));

        Assert.Equal("no-store", await view.HeaderValueAsync("cache-control"));
        Assert.Contains("Gemeinde Rastede", await page.TextContentAsync("dl.facts"), StringComparison.Ordinal);
        Assert.Contains("Ihr Platz ist gebucht", await page.TextContentAsync("label[for=s-ag-ki]"), StringComparison.Ordinal);
        await session.CheckAccessibleAsync("11-verwalten");

        await page.CheckAsync("#s-ag-nachnutzung");
        await session.NavigatesAsync(() => page.ClickAsync("button:has-text('Auswahl speichern')"));

        Assert.Equal("Ihre Auswahl wurde gespeichert.", await page.TextContentAsync("p[role=status]"));
        Assert.Contains("Ihr Platz ist gebucht", await page.TextContentAsync("label[for=s-ag-nachnutzung]"), StringComparison.Ordinal);
        Assert.True(await page.IsCheckedAsync("#s-ag-nachnutzung"));
        Assert.False(await page.IsCheckedAsync("#s-ag-ki"));
        await session.CheckAccessibleAsync("12-verwalten-gespeichert");
        Assert.Equal("ag-nachnutzung (booked)", (await anna.ViewAsync()).GetProperty("sessions").EnumerateArray().Select(s => $"{s.GetProperty("id").GetString()} ({s.GetProperty("status").GetString()})").Single());

        await session.NavigatesAsync(() => page.ClickAsync("button:has-text('Teilnahme absagen')"));

        Assert.Equal("Abmeldung bestätigt", await page.TextContentAsync("h1"));
        await session.CheckAccessibleAsync("13-abgesagt");
        await anna.WaitForMailAsync("Abmeldung bestätigt");
    }

    [Fact(Timeout = 120_000)]
    public async Task RegistersConfirmsAndCancelsWithTheKeyboardOnly()
    {
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        var keyboard = page.Keyboard;
        var email = $"tastatur.{Guid.NewGuid():N}@kommune.example";
        await page.GotoAsync($"/veranstaltungen/{Plenum}");

        await keyboard.PressAsync("Tab");
        Assert.Equal("Zum Inhalt springen", await page.EvaluateAsync<string>("() => document.activeElement.textContent"));
        await session.TabToAsync("#f-firstName");
        await keyboard.TypeAsync("Tom");
        await keyboard.PressAsync("Tab");
        await keyboard.TypeAsync("Tastatur");
        await keyboard.PressAsync("Tab");
        await keyboard.TypeAsync(email);
        await keyboard.PressAsync("Tab");
        await keyboard.TypeAsync("Stadt Cuxhaven");
        await session.TabToAsync("#f-sessions");
        await keyboard.PressAsync("Space");
        await session.TabToAsync("input[name=sessions-3]:checked");
        await keyboard.PressAsync("ArrowDown");
        await keyboard.PressAsync("ArrowDown");
        await session.TabToAsync("#f-consent");
        await keyboard.PressAsync("Space");
        await session.TabToAsync("button[type=submit]");
        await keyboard.PressAsync("Enter");
        await page.Locator("#anmeldung-erfolg").WaitForAsync(new() { State = WaitForSelectorState.Visible });

        Assert.Equal("Fast geschafft: Bitte prüfen Sie Ihr Postfach", await page.EvaluateAsync<string>("() => document.activeElement.textContent"));
        var mail = (await App.Mail.WaitForAsync(all => all.Any(m => m.To.Contains(email, StringComparison.Ordinal)))).First(m => m.To.Contains(email, StringComparison.Ordinal));
        await page.GotoAsync(mail.Link("/anmeldung/bestaetigen")!);
        await session.TabToAsync("button[type=submit]");
        await session.NavigatesAsync(() => keyboard.PressAsync("Enter"));
        Assert.Equal("Anmeldung bestätigt", await page.TextContentAsync("h1"));

        var confirmedMail = (await App.Mail.WaitForAsync(all => all.Any(m => m.To.Contains(email, StringComparison.Ordinal) && m.Subject.Contains("bestätigt", StringComparison.Ordinal))))
            .First(m => m.To.Contains(email, StringComparison.Ordinal) && m.Subject.Contains("bestätigt", StringComparison.Ordinal));
        await page.GotoAsync(confirmedMail.Link("/anmeldung/verwalten")!);
        await session.TabToAsync("button[type=submit]");
        await session.NavigatesAsync(() => keyboard.PressAsync("Enter"));
        Assert.Contains("Rundfahrt mit dem Hafenbus", await page.TextContentAsync("label[for=f-sessions]"), StringComparison.Ordinal);
        Assert.True(await page.IsCheckedAsync("#f-sessions"));
        Assert.True(await page.IsCheckedAsync("#s-ag-digitale-kompetenzen"));
        await session.TabToAsync("button[value=cancel]");
        await session.NavigatesAsync(() => keyboard.PressAsync("Enter"));

        Assert.Equal("Abmeldung bestätigt", await page.TextContentAsync("h1"));
    }

    private static async Task FillValidAsync(IPage page, string email)
    {
        await page.FillAsync("#f-firstName", "Paula");
        await page.FillAsync("#f-lastName", "Prüfer");
        await page.FillAsync("#f-email", email);
        await page.FillAsync("#f-organization", "Stadt Norden");
        await page.CheckAsync("#f-consent");
    }

    private static string ConsentVersion() => VirServerless.Core.Registrations.ConsentText.CurrentVersion;
}

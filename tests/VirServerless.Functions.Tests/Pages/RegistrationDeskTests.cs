using System.Net.Http.Headers;
using Microsoft.Playwright;
using VirServerless.Functions.Tests.Support;
using VirServerless.Testing;

namespace VirServerless.Functions.Tests.Pages;

public class RegistrationDeskTests(BrowserAppFixture fixture) : IClassFixture<BrowserAppFixture>
{
    private FunctionAppProcess App => fixture.App;

    [Fact(Timeout = 600_000)]
    public async Task TheGeschaeftsstelleEntersCancelsMovesUpChangesSessionsAndWritesToOneWorkshop()
    {
        var eventId = TestEvents.NewId("desk");
        await TestEvents.PublishAsync(App.Admin, TestEvents.Create(eventId, capacity: 3, workshopCapacity: 2));
        var anna = new Attendee(App, eventId, "Anna", "Stadt Oldenburg");
        var bernd = new Attendee(App, eventId, "Bernd", "Gemeinde Wardenburg");
        var carla = new Attendee(App, eventId, "Carla", "Landkreis Ammerland");
        var dora = new Attendee(App, eventId, "Dora", "Stadt Delmenhorst");
        var erik = new Attendee(App, eventId, "Erik", "Stadt Emden");
        Assert.Equal("confirmed", await anna.RegisterAndConfirmAsync("ag-ki"));
        Assert.Equal("confirmed", await bernd.RegisterAndConfirmAsync("ag-ozg"));
        await using var session = await fixture.NewSessionAsync(javaScript: false);
        var page = session.Page;
        await SignInAsync(session);
        var eventPage = $"/verwaltung/veranstaltungen/{eventId}";

        // A phone registration: an empty form first, then complete.
        await page.GotoAsync(eventPage);
        await session.NavigatesAsync(() => page.ClickAsync("a:has-text('Anmeldung eintragen')"));
        Assert.Equal("Anmeldung eintragen", await page.TextContentAsync("h1"));
        await session.CheckAccessibleAsync("40-verwaltung-anmeldung-eintragen");
        var refused = await session.NavigatesAsync(() => page.ClickAsync("button:has-text('Anmeldung eintragen')"));

        Assert.Equal(400, refused.Status);
        Assert.Equal("fehlerliste", await session.FocusedIdAsync());
        Assert.Contains("Bitte geben Sie Ihren Vornamen an.", await page.TextContentAsync("#fehlerliste"), StringComparison.Ordinal);
        Assert.Equal("true", await page.GetAttributeAsync("#f-firstName", "aria-invalid"));
        await session.CheckAccessibleAsync("41-verwaltung-anmeldung-fehler");

        await page.FillAsync("#f-firstName", "Carla");
        await page.FillAsync("#f-lastName", "Muster");
        await page.FillAsync("#f-email", carla.Email);
        await page.FillAsync("#f-organization", "Landkreis Ammerland");
        await page.CheckAsync("input[name^=sessions][value=ag-ki]");
        await page.CheckAsync("#f-consent");
        await session.NavigatesAsync(() => page.ClickAsync("button:has-text('Anmeldung eintragen')"));

        Assert.Equal("Anmeldung", await page.TextContentAsync("h1"));
        var facts = await page.TextContentAsync("dl.facts");
        Assert.Contains("bestätigt", facts, StringComparison.Ordinal);
        Assert.Contains("Geschäftsstelle (Telefon)", facts, StringComparison.Ordinal);
        await session.CheckAccessibleAsync("42-verwaltung-anmeldung");
        var confirmation = await carla.WaitForMailAsync("Anmeldung bestätigt");
        Assert.NotNull(confirmation.Token("/anmeldung/verwalten"));
        Assert.DoesNotContain(App.Mail.To(carla.Email), m => m.Subject.Contains("Bitte bestätigen", StringComparison.Ordinal));
        using (var csvRequest = new HttpRequestMessage(HttpMethod.Get, $"api/admin/events/{eventId}/registrations"))
        {
            csvRequest.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
            using var csv = await App.Admin.SendAsync(csvRequest);
            Assert.Contains("geschaeftsstelle-telefon", await csv.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // The event is full now: Dora waits, and moves up when the organiser cancels Bernd.
        Assert.Equal("waitlisted", await dora.RegisterAndConfirmAsync("ag-ki"));
        await page.GotoAsync(eventPage);
        Assert.Contains("Geschäftsstelle (Telefon)", await page.TextContentAsync("table:has(caption:text('Alle Anmeldungen'))"), StringComparison.Ordinal);
        await session.NavigatesAsync(() => page.ClickAsync("table:has(caption:text('Alle Anmeldungen')) a:has-text('Bernd Muster')"));
        await session.NavigatesAsync(() => page.ClickAsync("a:has-text('Anmeldung für die Person absagen')"));
        Assert.Equal("Anmeldung absagen", await page.TextContentAsync("h1"));
        await session.CheckAccessibleAsync("43-verwaltung-absagen");
        await session.NavigatesAsync(() => page.ClickAsync("button:has-text('Ja, Anmeldung absagen')"));

        Assert.Contains("abgesagt", await page.TextContentAsync("dl.facts"), StringComparison.Ordinal);
        await bernd.WaitForMailAsync("Abmeldung bestätigt");
        await dora.WaitForMailAsync("Ein Platz ist frei geworden");

        // Erik waits; a raised capacity frees a seat the organiser gives him by hand.
        Assert.Equal("waitlisted", await erik.RegisterAndConfirmAsync());
        await page.GotoAsync(eventPage);
        Assert.Equal(0, await page.Locator("button:has-text('Nachrücken lassen')").CountAsync());
        await TestEvents.PublishAsync(App.Admin, TestEvents.Create(eventId, capacity: 4, workshopCapacity: 2));
        await page.GotoAsync(eventPage);
        var moveUpAction = await page.GetAttributeAsync("form:has(button:has-text('Nachrücken lassen'))", "action");
        Assert.NotNull(moveUpAction);

        var forged = await session.Context.APIRequest.PostAsync(moveUpAction, new() { Form = FormWith(session.Context.APIRequest, ("token", "falsch")), MaxRedirects = 0 });
        var withoutToken = await session.Context.APIRequest.PostAsync(moveUpAction, new() { Form = FormWith(session.Context.APIRequest), MaxRedirects = 0 });

        Assert.Equal(403, forged.Status);
        Assert.Equal(403, withoutToken.Status);
        await page.GotoAsync(eventPage);
        Assert.Contains("Erik Muster", await page.TextContentAsync("table:has(caption:text('Warteliste'))"), StringComparison.Ordinal);
        await session.CheckAccessibleAsync("44-verwaltung-nachruecken-moeglich");

        await session.NavigatesAsync(() => page.ClickAsync("button:has-text('Nachrücken lassen')"));

        Assert.Contains("nachgerückt", await page.TextContentAsync("p[role=status]"), StringComparison.Ordinal);
        Assert.Contains("bestätigt", await page.TextContentAsync("dl.facts"), StringComparison.Ordinal);
        await erik.WaitForMailAsync("Ein Platz ist frei geworden");

        // Carla moves from the AI workshop to the OZG one; Dora, waiting for the AI workshop, gets her seat.
        await page.GotoAsync(eventPage);
        await session.NavigatesAsync(() => page.ClickAsync("table:has(caption:text('Alle Anmeldungen')) a:has-text('Carla Muster')"));
        await page.CheckAsync("input[name^=sessions][value=ag-ozg]");
        await session.NavigatesAsync(() => page.ClickAsync("button:has-text('Programmpunkte speichern')"));

        Assert.Contains("gespeichert", await page.TextContentAsync("p[role=status]"), StringComparison.Ordinal);
        Assert.True(await page.IsCheckedAsync("input[name^=sessions][value=ag-ozg]"));
        await dora.WaitForMailAsync("Platz im Programmpunkt frei geworden");

        // A message to the AI workshop: Anna and Dora, nobody else, once each even when posted twice.
        await page.GotoAsync(eventPage);
        await session.NavigatesAsync(() => page.ClickAsync("a:has-text('Nachricht an Teilnehmende schreiben')"));
        await session.CheckAccessibleAsync("45-verwaltung-nachricht");
        var incomplete = await session.NavigatesAsync(() => page.ClickAsync("button:has-text('Weiter')"));

        Assert.Equal(400, incomplete.Status);
        Assert.Contains("Bitte geben Sie einen Betreff an.", await page.TextContentAsync("#fehlerliste"), StringComparison.Ordinal);
        await session.CheckAccessibleAsync("46-verwaltung-nachricht-fehler");

        await page.CheckAsync("label:has-text('AG Künstliche Intelligenz')");
        Assert.Contains("(2 Personen)", await page.TextContentAsync("label:has-text('AG Künstliche Intelligenz')"), StringComparison.Ordinal);
        await page.FillAsync("#f-subject", "Raumänderung AG KI");
        await page.FillAsync("#f-text", "Die AG tagt in <b>Raum 3</b>.\n\nBitte bringen Sie Ihren Laptop mit.");
        await session.NavigatesAsync(() => page.ClickAsync("button:has-text('Weiter')"));

        Assert.Equal("Nachricht prüfen", await page.TextContentAsync("h1"));
        Assert.Contains("2 Personen", await page.TextContentAsync("p[role=status]"), StringComparison.Ordinal);
        await session.CheckAccessibleAsync("47-verwaltung-nachricht-pruefen");
        var sendForm = page.Locator("form:has(button:has-text('Jetzt an 2 Personen senden'))");
        var fields = await sendForm.Locator("input[type=hidden]").EvaluateAllAsync<Dictionary<string, string>>("inputs => Object.fromEntries(inputs.map(i => [i.name, i.value]))");
        var sendAction = (await sendForm.GetAttributeAsync("action"))!;
        await session.NavigatesAsync(() => page.ClickAsync("button:has-text('Jetzt an 2 Personen senden')"));
        var again = await session.Context.APIRequest.PostAsync(sendAction, new() { Form = FormWith(session.Context.APIRequest, [.. fields.Select(f => (f.Key, f.Value)), ("schritt", "senden")]), MaxRedirects = 0 });

        Assert.Equal(303, again.Status);
        Assert.EndsWith(page.Url[page.Url.IndexOf("/verwaltung", StringComparison.Ordinal)..], again.Headers["location"], StringComparison.Ordinal);
        Assert.Equal("Nachricht verschickt", await page.TextContentAsync("h1"));
        await session.CheckAccessibleAsync("48-verwaltung-nachricht-verschickt");
        var annaMessage = await anna.WaitForMailAsync("Raumänderung AG KI");
        await dora.WaitForMailAsync("Raumänderung AG KI");
        Assert.Contains("Die AG tagt in <b>Raum 3</b>.\n\nBitte bringen Sie Ihren Laptop mit.", annaMessage.PlainText, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;Raum 3&lt;/b&gt;", annaMessage.Html, StringComparison.Ordinal);
        await page.GotoAsync(eventPage);
        var mailLog = await page.TextContentAsync("table:has(caption:text('E-Mail-Versand'))");
        Assert.Equal(2, CountOf(mailLog!, "Nachricht an Teilnehmende"));
        foreach (var person in new[] { anna, dora })
        {
            Assert.Single(App.Mail.To(person.Email), m => m.Subject == "Raumänderung AG KI");
        }
        foreach (var person in new[] { bernd, carla, erik })
        {
            Assert.DoesNotContain(App.Mail.To(person.Email), m => m.Subject == "Raumänderung AG KI");
        }

        var audit = await page.TextContentAsync("table:has(caption:text('Protokoll dieser Veranstaltung'))");
        Assert.Contains("Anmeldung eingetragen (Geschäftsstelle (Telefon)), Stand: bestätigt", audit, StringComparison.Ordinal);
        Assert.Contains("Anmeldung für die Person abgesagt", audit, StringComparison.Ordinal);
        Assert.Contains("Von Hand von der Warteliste nachgerückt", audit, StringComparison.Ordinal);
        Assert.Contains("Programmpunkte einer Anmeldung geändert", audit, StringComparison.Ordinal);
        Assert.Equal(1, CountOf(audit!, "Nachricht an alle mit gebuchtem Platz in „AG Künstliche Intelligenz“ geschickt: 2 E-Mails"));
        Assert.DoesNotContain(carla.Email, audit, StringComparison.Ordinal);
        Assert.DoesNotContain("Raumänderung", audit, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task AMessagePostedWithoutTheFormTokenIsRefusedAndSendsNothing()
    {
        var eventId = TestEvents.NewId("desk-csrf");
        await TestEvents.PublishAsync(App.Admin, TestEvents.Create(eventId));
        var anna = new Attendee(App, eventId, "Anna");
        Assert.Equal("confirmed", await anna.RegisterAndConfirmAsync());
        await using var session = await fixture.NewSessionAsync();
        await SignInAsync(session);
        var message = FormWith(session.Context.APIRequest, ("id", "0123456789abcdef0123456789abcdef"), ("audience", "bestaetigt"), ("subject", "Ohne Schlüssel"), ("text", "Text"), ("schritt", "senden"));
        var registration = FormWith(session.Context.APIRequest, ("channel", "telefon"), ("firstName", "Zoe"), ("lastName", "Muster"), ("email", "zoe@kommune.example"), ("organization", "Stadt Leer"), ("consent", "true"));

        var sent = await session.Context.APIRequest.PostAsync($"/verwaltung/veranstaltungen/{eventId}/nachricht", new() { Form = message, MaxRedirects = 0 });
        var entered = await session.Context.APIRequest.PostAsync($"/verwaltung/veranstaltungen/{eventId}/anmeldungen/neu", new() { Form = registration, MaxRedirects = 0 });

        Assert.Equal(403, sent.Status);
        Assert.Equal(403, entered.Status);
        Assert.Contains("nichts geändert", await sent.TextAsync(), StringComparison.Ordinal);
        await session.Page.GotoAsync($"/verwaltung/veranstaltungen/{eventId}");
        var all = await session.Page.TextContentAsync("table:has(caption:text('Alle Anmeldungen'))");
        Assert.DoesNotContain("Zoe", all, StringComparison.Ordinal);
        Assert.DoesNotContain("Nachricht an Teilnehmende", await session.Page.TextContentAsync("table:has(caption:text('E-Mail-Versand'))"), StringComparison.Ordinal);
        await session.CheckAccessibleAsync();
    }

    private static async Task SignInAsync(BrowserSession session)
    {
        await session.Page.GotoAsync("/verwaltung");
        await session.Page.FillAsync("#f-key", FunctionAppProcess.AdminKey);
        await session.NavigatesAsync(() => session.Page.ClickAsync("button:has-text('Anmelden')"));
    }

    private static IFormData FormWith(IAPIRequestContext request, params (string Name, string Value)[] fields)
    {
        var form = request.CreateFormData();
        foreach (var (name, value) in fields)
        {
            form.Set(name, value);
        }
        return form;
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}

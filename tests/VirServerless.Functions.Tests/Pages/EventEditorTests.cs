using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using VirServerless.Functions.Tests.Support;
using VirServerless.Testing;

namespace VirServerless.Functions.Tests.Pages;

public class EventEditorTests(BrowserAppFixture fixture) : IClassFixture<BrowserAppFixture>
{
    private FunctionAppProcess App => fixture.App;

    private static async Task SignInAsync(BrowserSession session)
    {
        await session.Page.GotoAsync("/verwaltung");
        await session.Page.FillAsync("#f-key", FunctionAppProcess.AdminKey);
        await session.NavigatesAsync(() => session.Page.ClickAsync("button:has-text('Anmelden')"));
    }

    private static async Task AddSessionAsync(BrowserSession session, int index, string title, string start, string end, int capacity)
    {
        var page = session.Page;
        await session.NavigatesAsync(() => page.ClickAsync("button:has-text('Programmpunkt hinzufügen')"));
        Assert.Equal($"f-sessions-{index}-title", await session.FocusedIdAsync());
        await page.FillAsync($"#f-sessions-{index}-title", title);
        await page.SelectOptionAsync($"#f-sessions-{index}-kind", "workshop");
        await page.FillAsync($"#f-sessions-{index}-start", start);
        await page.FillAsync($"#f-sessions-{index}-end", end);
        await page.FillAsync($"#f-sessions-{index}-room", $"Raum {index + 1}");
        await page.CheckAsync($"#f-sessions-{index}-choosable");
        await page.FillAsync($"#f-sessions-{index}-capacity", capacity.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static bool IsChangeNotice(ReceivedMail mail, string email) =>
        mail.To.Contains(email, StringComparison.Ordinal) && mail.Subject.StartsWith("Änderung:", StringComparison.Ordinal);

    [Fact(Timeout = 300_000)]
    public async Task OrganiserCreatesPublishesChangesExportsImportsAndCancelsAnEventInTheBrowser()
    {
        var eventId = TestEvents.NewId("editor");
        var title = $"Editor-Tagung {eventId}";
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await SignInAsync(session);

        await session.NavigatesAsync(() => page.ClickAsync("a:has-text('Neue Veranstaltung')"));
        Assert.Equal("Neue Veranstaltung", await page.TextContentAsync("h1"));
        await session.CheckAccessibleAsync("40-editor-leer");
        await page.FillAsync("#f-title", title);
        await page.FillAsync("#f-id", eventId);
        await page.SelectOptionAsync("#f-kind", "conference");
        await page.FillAsync("#f-motto", "Gemeinsam digital");
        await page.FillAsync("#f-summary", "Zwei Tage Austausch.");
        await page.FillAsync("#f-start", "2030-09-09T10:00");
        await page.FillAsync("#f-end", "2030-09-10T16:00");
        await page.FillAsync("#f-topics", "E-Akte\nOZG");
        await page.FillAsync("#f-venue-name", "Kreishaus");
        await page.FillAsync("#f-venue-street", "Fischteichweg 7");
        await page.FillAsync("#f-venue-postalCode", "26603");
        await page.FillAsync("#f-venue-city", "Aurich");
        await page.FillAsync("#f-venue-directions", "Bus 411 bis Kreishaus.");
        await page.FillAsync("#f-venue-accessibility", "Stufenloser Zugang, Aufzug.");
        await page.FillAsync("#f-host", "Landkreis Aurich");
        await page.FillAsync("#f-contact-name", "Geschäftsstelle");
        await page.FillAsync("#f-contact-email", "geschaeftsstelle@vir-nordwest.example");
        await page.FillAsync("#f-registration-opens", "2026-01-01T00:00");
        await page.FillAsync("#f-registration-closes", "2030-09-01T00:00");
        await page.FillAsync("#f-registration-capacity", "20");
        await page.FillAsync("#f-registration-fee", "kostenlos");
        await page.FillAsync("#f-registration-maxPerOrganization", "5");
        await page.FillAsync("#f-reminders", "P7D");
        await page.FillAsync("#f-retentionDays", "90");
        await AddSessionAsync(session, 0, "Workshop A", "2030-09-09T13:00", "2030-09-09T15:00", 1);
        await AddSessionAsync(session, 1, "Workshop B", "2030-09-10T10:00", "2030-09-10T12:00", 2);
        await AddSessionAsync(session, 2, "Wird entfernt", "2030-09-10T13:00", "2030-09-10T14:00", 3);
        await session.NavigatesAsync(() => page.ClickAsync("button:has-text('Entfernen (Programmpunkt 3)')"));
        await session.NavigatesAsync(() => page.ClickAsync("button:has-text('Nach oben (Programmpunkt 2)')"));
        Assert.Equal("Workshop B", await page.InputValueAsync("#f-sessions-0-title"));
        Assert.Equal("f-sessions-0-aktion-runter", await session.FocusedIdAsync());
        await session.NavigatesAsync(() => page.ClickAsync("button:has-text('Nach unten (Programmpunkt 1)')"));
        Assert.Equal("Workshop A", await page.InputValueAsync("#f-sessions-0-title"));
        Assert.Equal(0, await page.Locator("#f-sessions-2-title").CountAsync());
        await session.NavigatesAsync(() => page.ClickAsync("button:has-text('Frage hinzufügen')"));
        await page.FillAsync("#f-faq-0-question", "Gibt es Parkplätze?");
        await page.FillAsync("#f-faq-0-answer", "Ja, hinter dem Kreishaus.");
        Assert.Equal("Kreishaus", await page.InputValueAsync("#f-venue-name"));
        await session.CheckAccessibleAsync("41-editor-ausgefuellt");
        await session.NavigatesAsync(() => page.ClickAsync("button:has-text('Als Entwurf speichern') >> nth=0"));

        Assert.EndsWith($"/verwaltung/veranstaltungen/{eventId}", page.Url, StringComparison.Ordinal);
        var publicList = await App.Client.GetStringAsync("veranstaltungen");
        Assert.DoesNotContain(title, publicList, StringComparison.Ordinal);
        using (var draftPage = await App.Client.GetAsync($"veranstaltungen/{eventId}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, draftPage.StatusCode);
        }

        await session.NavigatesAsync(() => page.ClickAsync("a:has-text('Vorschau')"));
        var preview = await page.TextContentAsync("main");
        Assert.Contains("Entwurf", preview, StringComparison.Ordinal);
        Assert.Contains("Workshop B", preview, StringComparison.Ordinal);
        Assert.Contains("Stufenloser Zugang", preview, StringComparison.Ordinal);
        Assert.Contains("Gibt es Parkplätze?", preview, StringComparison.Ordinal);
        await session.CheckAccessibleAsync("42-vorschau");
        await session.NavigatesAsync(() => page.ClickAsync("a:has-text('Zurück zur Verwaltung der Veranstaltung')"));
        await session.NavigatesAsync(() => page.ClickAsync("button:has-text('Veröffentlichen')"));
        Assert.Contains(title, await App.Client.GetStringAsync("veranstaltungen"), StringComparison.Ordinal);

        // A member registers through the form and confirms through the mail link; two more through the API, one left unconfirmed.
        var memberEmail = $"mitglied.{Guid.NewGuid():N}@kommune.example";
        await using (var member = await fixture.NewSessionAsync(javaScript: false))
        {
            var form = member.Page;
            await form.GotoAsync($"/veranstaltungen/{eventId}");
            await form.FillAsync("#f-firstName", "Mira");
            await form.FillAsync("#f-lastName", "Mitglied");
            await form.FillAsync("#f-email", memberEmail);
            await form.FillAsync("#f-organization", "Stadt Aurich");
            Assert.Equal("workshop-a", await form.GetAttributeAsync("#f-sessions", "value"));
            await form.CheckAsync("#f-sessions");
            await form.CheckAsync("#f-consent");
            await member.NavigatesAsync(() => form.ClickAsync("button:has-text('Verbindlich anmelden')"));
            var mail = (await App.Mail.WaitForAsync(all => all.Any(m => m.To.Contains(memberEmail, StringComparison.Ordinal)))).First(m => m.To.Contains(memberEmail, StringComparison.Ordinal));
            await form.GotoAsync(mail.Link("/anmeldung/bestaetigen")!);
            await member.NavigatesAsync(() => form.ClickAsync("button:has-text('Anmeldung bestätigen')"));
            Assert.Equal("Anmeldung bestätigt", await form.TextContentAsync("h1"));
        }
        var bernd = new Attendee(App, eventId, "Bernd", "Gemeinde Ihlow");
        Assert.Equal("confirmed", await bernd.RegisterAndConfirmAsync("workshop-b"));
        var paula = new Attendee(App, eventId, "Paula", "Stadt Norden");
        using (var pending = await paula.RegisterAsync("workshop-a"))
        {
            Assert.Equal(HttpStatusCode.Accepted, pending.StatusCode);
        }

        // The venue changes: the editor names the two confirmed people, and exactly they get the notice.
        await page.GotoAsync($"/verwaltung/veranstaltungen/{eventId}/bearbeiten");
        await page.FillAsync("#f-venue-name", "Stadthalle");
        await session.NavigatesAsync(() => page.ClickAsync("button:has-text('Änderungen speichern') >> nth=0"));
        Assert.Equal("Diese Änderung benachrichtigt 2 Personen per E-Mail. Speichern?", await page.TextContentAsync("#benachrichtigung"));
        Assert.Contains("Stadthalle", await page.TextContentAsync("main ul"), StringComparison.Ordinal);
        await session.CheckAccessibleAsync("43-bestaetigung");
        await session.NavigatesAsync(() => page.ClickAsync("button:has-text('Ja, speichern')"));
        Assert.EndsWith($"/verwaltung/veranstaltungen/{eventId}", page.Url, StringComparison.Ordinal);
        await App.Mail.WaitForAsync(all => all.Any(m => IsChangeNotice(m, memberEmail)) && all.Any(m => IsChangeNotice(m, bernd.Email)));
        await Task.Delay(1000);
        Assert.Equal(2, App.Mail.All().Count(m => m.Subject.StartsWith("Änderung:", StringComparison.Ordinal) && m.Subject.Contains(eventId, StringComparison.Ordinal)));
        Assert.DoesNotContain(App.Mail.To(paula.Email), m => m.Subject.StartsWith("Änderung:", StringComparison.Ordinal));

        // Only the people of a workshop hear about its new room.
        await page.GotoAsync($"/verwaltung/veranstaltungen/{eventId}/bearbeiten");
        await page.FillAsync("#f-sessions-0-room", "Raum 9");
        await session.NavigatesAsync(() => page.ClickAsync("button:has-text('Änderungen speichern') >> nth=0"));
        Assert.Equal("Diese Änderung benachrichtigt 1 Person per E-Mail. Speichern?", await page.TextContentAsync("#benachrichtigung"));
        await session.NavigatesAsync(() => page.ClickAsync("button:has-text('Ja, speichern')"));
        await App.Mail.WaitForAsync(all => all.Count(m => IsChangeNotice(m, memberEmail)) == 2);
        Assert.Single(App.Mail.To(bernd.Email), m => m.Subject.StartsWith("Änderung:", StringComparison.Ordinal));

        // Export, then import the document under a new id: it opens in the editor and is saved as a new draft.
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("a:has-text('Als JSON exportieren')"));
        Assert.Equal($"veranstaltung-{eventId}.json", download.SuggestedFilename);
        var exported = JsonNode.Parse(await File.ReadAllTextAsync((await download.PathAsync())!))!.AsObject();
        Assert.Equal("Stadthalle", (string?)exported["venue"]!["name"]);
        Assert.Equal(2, exported["sessions"]!.AsArray().Count);
        Assert.Equal("Ja, hinter dem Kreishaus.", (string?)exported["faq"]![0]!["answer"]);
        var copyId = TestEvents.NewId("kopie");
        exported["id"] = copyId;
        exported["title"] = $"Kopie {copyId}";
        await page.GotoAsync("/verwaltung/import");
        await session.CheckAccessibleAsync("44-import");
        await page.SetInputFilesAsync("#f-datei", new FilePayload { Name = "kopie.json", MimeType = "application/json", Buffer = Encoding.UTF8.GetBytes(exported.ToJsonString()) });
        await session.NavigatesAsync(() => page.ClickAsync("button:has-text('Prüfen und im Editor öffnen')"));
        Assert.Equal("Neue Veranstaltung", await page.TextContentAsync("h1"));
        Assert.Equal("Stadthalle", await page.InputValueAsync("#f-venue-name"));
        Assert.Equal("Raum 9", await page.InputValueAsync("#f-sessions-0-room"));
        await session.NavigatesAsync(() => page.ClickAsync("button:has-text('Als Entwurf speichern') >> nth=0"));
        Assert.EndsWith($"/verwaltung/veranstaltungen/{copyId}", page.Url, StringComparison.Ordinal);
        Assert.DoesNotContain(copyId, await App.Client.GetStringAsync("veranstaltungen"), StringComparison.Ordinal);

        // Cancelling names the people it mails and mails them.
        await page.GotoAsync($"/verwaltung/veranstaltungen/{eventId}");
        await session.NavigatesAsync(() => page.ClickAsync("a:has-text('Absagen')"));
        Assert.Contains("Die Absage benachrichtigt 2 Personen per E-Mail.", await page.TextContentAsync("#benachrichtigung"), StringComparison.Ordinal);
        await session.CheckAccessibleAsync("45-absagen");
        await session.NavigatesAsync(() => page.ClickAsync("button:has-text('Veranstaltung verbindlich absagen')"));
        await bernd.WaitForMailAsync("Abgesagt:");
        await App.Mail.WaitForAsync(all => all.Any(m => m.To.Contains(memberEmail, StringComparison.Ordinal) && m.Subject.StartsWith("Abgesagt:", StringComparison.Ordinal)));
        Assert.Equal("cancelled", (await AdminQueries.EventAsync(App, eventId)).GetProperty("status").GetString());

        await page.GotoAsync($"/verwaltung/protokoll?veranstaltung={eventId}");
        var audit = await page.TextContentAsync("table");
        foreach (var action in new[] { "Veranstaltung im Editor angelegt (Fassung 1)", "Veranstaltung veröffentlicht (Fassung 2)", "Veranstaltung im Editor geändert (Fassung 3)", "Veranstaltung im Editor geändert (Fassung 4)", "Veranstaltung als JSON exportiert", "Veranstaltung abgesagt (Fassung 5)" })
        {
            Assert.Contains(action, audit, StringComparison.Ordinal);
        }
        Assert.Contains("Verwaltung (Zugangsschlüssel)", audit, StringComparison.Ordinal);
        Assert.DoesNotContain(memberEmail, audit, StringComparison.Ordinal);
    }

    [Theory(Timeout = 120_000)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task EditorShowsTheCatalogRulesMessagesAtTheFieldsAndKeepsTheInput(bool javaScript)
    {
        await using var session = await fixture.NewSessionAsync(javaScript);
        var page = session.Page;
        await SignInAsync(session);
        await page.GotoAsync("/verwaltung/neue-veranstaltung");
        await page.FillAsync("#f-title", "Fehlerhafte Tagung");
        await page.FillAsync("#f-start", "2030-09-09T10:00");
        await page.FillAsync("#f-end", "2030-09-09T09:00");
        await page.FillAsync("#f-venue-name", "Rathaus");
        await page.FillAsync("#f-venue-postalCode", "2660");

        var response = await session.NavigatesAsync(() => page.ClickAsync("button:has-text('Als Entwurf speichern') >> nth=0"));

        Assert.Equal(400, response.Status);
        Assert.Equal("fehlerliste", await session.FocusedIdAsync());
        var links = await Task.WhenAll((await page.Locator("#fehlerliste a").AllAsync()).Select(a => a.GetAttributeAsync("href")));
        Assert.Contains("#f-end", links);
        Assert.Contains("#f-venue-postalCode", links);
        Assert.Contains("Das Ende der Veranstaltung muss nach ihrem Beginn liegen.", await page.TextContentAsync("#f-end-fehler"), StringComparison.Ordinal);
        Assert.Contains("„2660“ ist keine Postleitzahl", await page.TextContentAsync("#f-venue-postalCode-fehler"), StringComparison.Ordinal);
        Assert.Equal("true", await page.GetAttributeAsync("#f-end", "aria-invalid"));
        Assert.Contains("f-end-fehler", await page.GetAttributeAsync("#f-end", "aria-describedby"), StringComparison.Ordinal);
        Assert.Equal("Fehlerhafte Tagung", await page.InputValueAsync("#f-title"));
        await session.CheckAccessibleAsync(javaScript ? null : "46-editor-fehler");
        Assert.DoesNotContain("fehlerhafte-tagung", await App.Client.GetStringAsync("veranstaltungen"), StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task EditorPostsWithoutTheFormTokenAreRefusedAndChangeNothing()
    {
        var eventId = TestEvents.NewId("token");
        await TestEvents.PublishAsync(App.Admin, TestEvents.Create(eventId));
        await using var session = await fixture.NewSessionAsync();
        await SignInAsync(session);
        var request = session.Context.APIRequest;

        var cancel = request.CreateFormData();
        cancel.Set("token", "gefaelscht");
        var cancelled = await request.PostAsync($"/verwaltung/veranstaltungen/{eventId}/absagen", new() { Form = cancel });
        var create = request.CreateFormData();
        create.Set("neu", "true");
        create.Set("aktion", "speichern");
        create.Set("title", "Ohne Token");
        create.Set("id", eventId + "-neu");
        create.Set("start", "2030-09-09T10:00");
        create.Set("end", "2030-09-09T12:00");
        var created = await request.PostAsync("/verwaltung/bearbeiten", new() { Form = create });
        var published = await request.PostAsync($"/verwaltung/veranstaltungen/{eventId}/veroeffentlichen", new() { Form = request.CreateFormData() });

        foreach (var response in new[] { cancelled, created, published })
        {
            Assert.Equal(403, response.Status);
            Assert.Contains("Es wurde nichts geändert", await response.TextAsync(), StringComparison.Ordinal);
        }
        Assert.Equal("published", (await AdminQueries.EventAsync(App, eventId)).GetProperty("status").GetString());
        using var missing = await App.Client.GetAsync($"api/events/{eventId}-neu");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}

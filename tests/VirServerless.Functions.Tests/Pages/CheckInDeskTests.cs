using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using VirServerless.Core.Registrations.Mails;
using VirServerless.Functions.Pages;
using VirServerless.Functions.Tests.Support;
using VirServerless.Testing;

namespace VirServerless.Functions.Tests.Pages;

public class CheckInDeskTests(BrowserAppFixture fixture) : IClassFixture<BrowserAppFixture>
{
    private FunctionAppProcess App => fixture.App;

    [Fact(Timeout = 600_000)]
    public async Task OnTheDayTheDeskPrintsTheAttendanceListChecksInTwoPeopleBySearchAndOneByTheQrCodeOfHerConfirmationMailAndASecondDeviceSeesThem()
    {
        var eventId = TestEvents.NewId("einlass");
        await TestEvents.PublishAsync(App.Admin, TestEvents.Create(eventId, capacity: 10));
        var anna = new Attendee(App, eventId, "Anna", "Stadt Oldenburg");
        var bernd = new Attendee(App, eventId, "Bernd", "Gemeinde Wardenburg");
        var carla = new Attendee(App, eventId, "Carla", "Landkreis Ammerland");
        foreach (var person in new[] { anna, bernd, carla })
        {
            Assert.Equal("confirmed", await person.RegisterAndConfirmAsync());
        }
        var mail = await carla.WaitForMailAsync("Anmeldung bestätigt");
        var code = await DecodeQrAsync(mail.InlineParts[CheckInQrCode.ContentId]);

        Assert.Matches("^[ACDEFHJKMNPRTUVWXY]{5}-[ACDEFHJKMNPRTUVWXY]{5}$", code);
        Assert.Contains($"Ihr persönlicher Code für den Einlass: {code}", mail.PlainText, StringComparison.Ordinal);
        Assert.Contains($"<img src=\"cid:{CheckInQrCode.ContentId}\" alt=\"{WebUtility.HtmlEncode($"QR-Code für den Einlass mit Ihrem Code {code}")}\"", mail.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(code, (await anna.WaitForMailAsync("Anmeldung bestätigt")).PlainText, StringComparison.Ordinal);

        // The tablet at the entrance, without JavaScript.
        await using var tablet = await fixture.NewSessionAsync(javaScript: false);
        var page = tablet.Page;
        await SignInAsync(tablet);
        await page.GotoAsync($"/verwaltung/veranstaltungen/{eventId}");

        // Before the doors open: the day's attendance list, printed with the print styles.
        await tablet.NavigatesAsync(() => page.ClickAsync("a:has-text('Anwesenheitsliste zum Ausdrucken')"));
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        Assert.Equal("none", await page.EvalOnSelectorAsync<string>("header.site", "e => getComputedStyle(e).display"));
        Assert.Equal("table-header-group", await page.EvalOnSelectorAsync<string>("table.attendance thead", "e => getComputedStyle(e).display"));
        var printed = await page.PdfAsync(new PagePdfOptions { PreferCSSPageSize = true });
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Screen });
        Assert.Equal("%PDF-"u8.ToArray(), printed[..5]);
        Assert.Equal(3, await page.Locator("table.attendance tbody tr").CountAsync());

        await page.GotoAsync($"/verwaltung/veranstaltungen/{eventId}");
        await tablet.NavigatesAsync(() => page.ClickAsync("a:has-text('Einlass (Check-in)')"));

        Assert.StartsWith("Einlass: ", await page.TextContentAsync("h1"), StringComparison.Ordinal);
        Assert.Contains("0 von 3", await page.TextContentAsync("#einlass-zahlen"), StringComparison.Ordinal);
        Assert.Equal("f-code", await tablet.FocusedIdAsync());
        await tablet.CheckAccessibleAsync("60-einlass-leer");

        await page.FillAsync("#f-suche", "oldenburg");
        await tablet.NavigatesAsync(() => page.ClickAsync("button:has-text('Suchen')"));

        var found = await page.TextContentAsync("#einlass-liste");
        Assert.Contains("Anna Muster", found, StringComparison.Ordinal);
        Assert.DoesNotContain("Bernd", found, StringComparison.Ordinal);
        await tablet.CheckAccessibleAsync("61-einlass-suche");

        await tablet.NavigatesAsync(() => page.ClickAsync("button[aria-label='Anna Muster einchecken']"));

        Assert.Contains("Anna Muster (Stadt Oldenburg) ist eingecheckt", await page.TextContentAsync("p[role=status]"), StringComparison.Ordinal);
        Assert.Contains("1 von 3", await page.TextContentAsync("#einlass-zahlen"), StringComparison.Ordinal);
        Assert.Contains("eingecheckt um", await page.TextContentAsync("#einlass-liste tr:has-text('Anna Muster')"), StringComparison.Ordinal);
        await tablet.CheckAccessibleAsync("62-einlass-eingecheckt");

        await page.FillAsync("#f-suche", "Bernd");
        await tablet.NavigatesAsync(() => page.PressAsync("#f-suche", "Enter"));
        await tablet.NavigatesAsync(() => page.ClickAsync("button[aria-label='Bernd Muster einchecken']"));

        Assert.Contains("2 von 3", await page.TextContentAsync("#einlass-zahlen"), StringComparison.Ordinal);

        // A mistyped code, then the one the scanner reads from the mail (it types the code and presses Enter).
        await page.FillAsync("#f-code", "KMPTX-ARWHC");
        var refused = await tablet.NavigatesAsync(() => page.PressAsync("#f-code", "Enter"));

        Assert.Equal(404, refused.Status);
        Assert.Contains("keine Anmeldung für diese Veranstaltung", await page.TextContentAsync("[role=alert]"), StringComparison.Ordinal);
        Assert.Equal("true", await page.GetAttributeAsync("#f-code", "aria-invalid"));
        Assert.Contains("2 von 3", await page.TextContentAsync("#einlass-zahlen"), StringComparison.Ordinal);
        await tablet.CheckAccessibleAsync("63-einlass-fehler");

        await page.FillAsync("#f-code", code.ToLowerInvariant());
        await tablet.NavigatesAsync(() => page.PressAsync("#f-code", "Enter"));

        var checkedIn = await page.TextContentAsync("p[role=status]");
        Assert.Contains("Carla Muster (Landkreis Ammerland) ist eingecheckt", checkedIn, StringComparison.Ordinal);
        Assert.Contains("3 von 3", await page.TextContentAsync("#einlass-zahlen"), StringComparison.Ordinal);
        Assert.Equal("f-code", await tablet.FocusedIdAsync());

        await page.FillAsync("#f-code", code);
        await tablet.NavigatesAsync(() => page.PressAsync("#f-code", "Enter"));

        var time = Regex.Match(checkedIn!, @"\d\d:\d\d").Value;
        Assert.Contains($"Carla Muster (Landkreis Ammerland) ist bereits eingecheckt um {time} Uhr", await page.TextContentAsync("p[role=status]"), StringComparison.Ordinal);

        // A phone at the same door: its own session sees all three after a reload, and takes one back.
        await using var phone = await fixture.NewSessionAsync();
        await SignInAsync(phone);
        await phone.Page.GotoAsync($"/verwaltung/veranstaltungen/{eventId}/einlass?alle=1");
        await phone.Page.ReloadAsync();

        Assert.Contains("3 von 3", await phone.Page.TextContentAsync("#einlass-zahlen"), StringComparison.Ordinal);
        Assert.Equal(3, await phone.Page.Locator("#einlass-liste tbody tr:has-text('eingecheckt um')").CountAsync());
        await phone.CheckAccessibleAsync("64-einlass-zweites-geraet");

        await phone.NavigatesAsync(() => phone.Page.ClickAsync("button[aria-label='Check-in von Anna Muster zurücknehmen']"));
        await page.GotoAsync($"/verwaltung/veranstaltungen/{eventId}/einlass?suche=Anna");

        Assert.Contains("Der Check-in von Anna Muster ist zurückgenommen.", await phone.Page.TextContentAsync("p[role=status]"), StringComparison.Ordinal);
        Assert.Contains("2 von 3", await page.TextContentAsync("#einlass-zahlen"), StringComparison.Ordinal);
        Assert.Contains("nicht eingecheckt", await page.TextContentAsync("#einlass-liste tr:has-text('Anna Muster')"), StringComparison.Ordinal);

        await page.GotoAsync($"/verwaltung/veranstaltungen/{eventId}");
        var audit = await page.TextContentAsync("table:has(caption:text('Protokoll dieser Veranstaltung'))");
        Assert.Equal(2, CountOf(audit!, "Beim Einlass eingecheckt (Suche)"));
        Assert.Equal(1, CountOf(audit!, "Beim Einlass eingecheckt (Code)"));
        Assert.Equal(1, CountOf(audit!, "Check-in beim Einlass zurückgenommen"));
        Assert.Contains(OrganiserLogin.AdminKeyActor, audit, StringComparison.Ordinal);
        Assert.DoesNotContain(code, audit, StringComparison.Ordinal);
        Assert.DoesNotContain("Carla", audit, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task ACheckInPostedWithoutTheFormTokenIsRefusedAndChangesNothing()
    {
        var eventId = TestEvents.NewId("einlass-csrf");
        await TestEvents.PublishAsync(App.Admin, TestEvents.Create(eventId));
        var anna = new Attendee(App, eventId, "Anna");
        Assert.Equal("confirmed", await anna.RegisterAndConfirmAsync());
        var code = Regex.Match((await anna.WaitForMailAsync("Anmeldung bestätigt")).PlainText, "Einlass: ([A-Z]{5}-[A-Z]{5})").Groups[1].Value;
        await using var session = await fixture.NewSessionAsync();
        await SignInAsync(session);
        var request = session.Context.APIRequest;

        var forged = await request.PostAsync($"/verwaltung/veranstaltungen/{eventId}/einlass/code", new() { Form = request.CreateFormData().Set("token", "falsch").Set("code", code), MaxRedirects = 0 });
        var withoutToken = await request.PostAsync($"/verwaltung/veranstaltungen/{eventId}/einlass/code", new() { Form = request.CreateFormData().Set("code", code), MaxRedirects = 0 });

        Assert.Equal(403, forged.Status);
        Assert.Equal(403, withoutToken.Status);
        await session.Page.GotoAsync($"/verwaltung/veranstaltungen/{eventId}/einlass");
        Assert.Contains("0 von 1", await session.Page.TextContentAsync("#einlass-zahlen"), StringComparison.Ordinal);
    }

    /// <summary>
    /// Reads the QR code with jsQR, an outside decoder, in Chromium: the PNG from the mail is drawn onto a canvas and
    /// its pixels handed to jsQR, so the test checks the image a mail program shows, not our own idea of it.
    /// </summary>
    private async Task<string> DecodeQrAsync(byte[] png)
    {
        await using var context = await fixture.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SetContentAsync("<!DOCTYPE html><html lang=\"de\"><head><title>QR</title></head><body><canvas id=\"c\"></canvas></body></html>");
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = Path.Combine(RepositoryRoot.Path, "node_modules", "jsqr", "dist", "jsQR.js") });
        var decoded = await page.EvaluateAsync<string?>("""
            async dataUrl => {
              const image = new Image();
              image.src = dataUrl;
              await image.decode();
              const canvas = document.getElementById('c');
              canvas.width = image.width;
              canvas.height = image.height;
              const context = canvas.getContext('2d');
              context.drawImage(image, 0, 0);
              const pixels = context.getImageData(0, 0, image.width, image.height);
              const result = jsQR(pixels.data, image.width, image.height);
              return result ? result.data : null;
            }
            """, "data:image/png;base64," + Convert.ToBase64String(png));
        Assert.NotNull(decoded);
        return decoded;
    }

    private static async Task SignInAsync(BrowserSession session)
    {
        await session.Page.GotoAsync("/verwaltung");
        await session.Page.FillAsync("#f-key", FunctionAppProcess.AdminKey);
        await session.NavigatesAsync(() => session.Page.ClickAsync("button:has-text('Anmelden')"));
    }

    private static int CountOf(string text, string part) =>
        (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}

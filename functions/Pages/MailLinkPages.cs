using System.Text;
using VirServerless.Core.Events;
using VirServerless.Core.Registrations;
using VirServerless.Core.Storage.Events;

namespace VirServerless.Functions.Pages;

/// <summary>
/// The confirmation and manage pages behind the links in mails. A GET only shows a button: mail scanners open
/// every link, so state changes happen on POST alone. Every form posts the token and an <c>action</c>.
/// </summary>
public static class MailLinkPages
{
    public static IEndpointRouteBuilder MapMailLinkPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/anmeldung/bestaetigen", (string? token) => Layout.Page("Anmeldung bestätigen", $"""
            <p>Bitte bestätigen Sie Ihre Anmeldung mit einem Klick auf die Schaltfläche.</p>
            <form method="post" action="/anmeldung/bestaetigen">
            <input type="hidden" name="token" value="{Layout.E(token)}">
            <button type="submit">Anmeldung bestätigen</button>
            </form>
            """));
        app.MapPost("/anmeldung/bestaetigen", ConfirmAsync).DisableAntiforgery();
        app.MapGet("/anmeldung/verwalten", (string? token) => Layout.Page("Anmeldung verwalten", $"""
            <p>Hier können Sie Ihre Anmeldung ansehen, Programmpunkte ändern oder absagen.</p>
            <form method="post" action="/anmeldung/verwalten">
            <input type="hidden" name="token" value="{Layout.E(token)}">
            <button type="submit" name="action" value="view">Meine Anmeldung anzeigen</button>
            </form>
            """));
        app.MapPost("/anmeldung/verwalten", ManageAsync).DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> ConfirmAsync(HttpRequest request, RegistrationService registrations, CancellationToken cancellationToken)
    {
        var read = await PageForms.ReadAsync(request, cancellationToken);
        if (read.Form is not { } form)
        {
            return read.Problem!;
        }
        var outcome = await registrations.ConfirmAsync(form["token"], cancellationToken);
        return outcome switch
        {
            ConfirmOutcome.Done { Registration: var r } => Layout.Page(
                r.Status == RegistrationStatus.Confirmed ? "Anmeldung bestätigt" : "Sie stehen auf der Warteliste",
                $"<p role=\"status\">{Layout.E(StatusTexts.Sentence(r.Status))}</p><p>Sie erhalten gleich eine E-Mail mit allen Angaben und Ihrem persönlichen Link zum Verwalten der Anmeldung.</p>"),
            ConfirmOutcome.Closed closed => Layout.Page("Bestätigung nicht möglich", $"<p role=\"alert\">{Layout.E(closed.Detail)}</p>", 409),
            ConfirmOutcome.Full full => Layout.Page("Ausgebucht", $"<p role=\"alert\">{Layout.E(full.Detail)}</p>", 409),
            _ => InvalidLink(),
        };
    }

    private static async Task<IResult> ManageAsync(HttpRequest request, RegistrationService registrations, EventStore events, CancellationToken cancellationToken)
    {
        var read = await PageForms.ReadAsync(request, cancellationToken);
        if (read.Form is not { } form)
        {
            return read.Problem!;
        }
        var token = form["token"].ToString();
        var action = form["action"].ToString();
        if (action == "delete")
        {
            return await registrations.DeleteAsync(token, cancellationToken) is ManageOutcome.Done
                ? Layout.Page("Daten gelöscht", "<p role=\"status\">Ihre Anmeldung und alle gespeicherten Angaben zu Ihrer Person wurden gelöscht. Ein belegter Platz wurde freigegeben.</p><p><a href=\"/veranstaltungen\">Zur Übersicht der Veranstaltungen</a></p>")
                : InvalidLink();
        }
        var outcome = action switch
        {
            "cancel" => await registrations.CancelAsync(token, cancellationToken),
            "sessions" => await registrations.ChangeSessionsAsync(token, SessionChoices.FromForm(form), cancellationToken),
            _ => await registrations.ViewAsync(token, cancellationToken),
        };
        if (outcome is ManageOutcome.Done { Registration.Status: RegistrationStatus.Cancelled })
        {
            return Layout.Page("Abmeldung bestätigt", "<p role=\"status\">Sie sind abgemeldet. Ihr Platz wurde freigegeben und Ihre persönlichen Angaben wurden gelöscht. Sie erhalten eine Bestätigung per E-Mail.</p><p><a href=\"/veranstaltungen\">Zur Übersicht der Veranstaltungen</a></p>");
        }
        switch (outcome)
        {
            case ManageOutcome.Done { Registration: var r }:
                var ev = (await events.GetAsync(r.EventId, cancellationToken))?.Event;
                var seats = await registrations.GetSeatsAsync(r.EventId, cancellationToken);
                var message = action == "sessions" ? "Ihre Auswahl wurde gespeichert." : null;
                return Layout.Page("Ihre Anmeldung", Render(r, ev, seats, token, message, null));
            case ManageOutcome.Invalid invalid when await registrations.ViewAsync(token, cancellationToken) is ManageOutcome.Done { Registration: var current }:
                var currentEvent = (await events.GetAsync(current.EventId, cancellationToken))?.Event;
                var currentSeats = await registrations.GetSeatsAsync(current.EventId, cancellationToken);
                return Layout.Page("Fehler: Ihre Anmeldung", Render(current, currentEvent, currentSeats, token, null, invalid.Errors), 400,
                    errorSummary: RegistrationFormView.ErrorSummary(invalid.Errors));
            case ManageOutcome.Closed closed:
                return Layout.Page("Änderung nicht möglich", $"<p role=\"alert\">{Layout.E(closed.Detail)}</p>", 409);
            default:
                return InvalidLink();
        }
    }

    /// <summary>The person's registration with the forms to change sessions and to cancel.</summary>
    public static string Render(Registration r, CatalogEvent? ev, SeatCounters seats, string token, string? message, IReadOnlyDictionary<string, string[]>? errors)
    {
        var body = new StringBuilder();
        if (message is not null)
        {
            body.Append($"<p role=\"status\" class=\"notice\">{Layout.E(message)}</p>\n");
        }
        body.Append($"<p>{Layout.E(StatusTexts.Sentence(r.Status))}</p>\n");
        body.Append("<dl class=\"facts\">");
        body.Append($"<dt>Veranstaltung</dt><dd>{(ev is null ? "" : $"<a href=\"/veranstaltungen/{Layout.E(Uri.EscapeDataString(ev.Id))}\">{Layout.E(ev.Title)}</a>, {Layout.E(BerlinTime.Range(ev.Start, ev.End))}")}</dd>");
        body.Append($"<dt>Name</dt><dd>{Layout.E(r.FullName)}</dd><dt>E-Mail</dt><dd>{Layout.E(r.Email)}</dd><dt>Organisation</dt><dd>{Layout.E(r.Organization)}</dd>");
        if (r.Role is not null) body.Append($"<dt>Funktion</dt><dd>{Layout.E(r.Role)}</dd>");
        if (r.Dietary is not null) body.Append($"<dt>Ernährung</dt><dd>{Layout.E(r.Dietary)}</dd>");
        if (r.AccessibilityNeeds is not null) body.Append($"<dt>Unterstützungsbedarf</dt><dd>{Layout.E(r.AccessibilityNeeds)}</dd>");
        body.Append($"<dt>Einwilligung</dt><dd>Fassung vom {Layout.E(r.ConsentVersion)}, erteilt am {Layout.E(BerlinTime.DateTime(r.ConsentGivenAt))}</dd>");
        body.Append("</dl>\n");
        var hidden = $"<input type=\"hidden\" name=\"token\" value=\"{Layout.E(token)}\">";
        if (ev is not null && ev.ChoosableSessions.Any())
        {
            var chosen = r.Sessions.ToDictionary(c => c.Id, c => c.Status switch
            {
                SessionSeatStatus.Booked => "– Ihr Platz ist gebucht",
                SessionSeatStatus.Waitlisted => "– Sie stehen auf der Warteliste",
                _ => "– gewünscht, wird mit Ihrer Bestätigung gebucht",
            }, StringComparer.Ordinal);
            var sessionErrors = errors is not null && errors.ContainsKey("sessions") ? errors : new Dictionary<string, string[]>();
            body.Append($"""
                <h2>Programmpunkte ändern</h2>
                <form method="post" action="/anmeldung/verwalten">{hidden}
                <fieldset class="sessions"><legend>Ihre Programmpunkte</legend>
                {(sessionErrors.TryGetValue("sessions", out var messages) ? $"<p class=\"field-error\" id=\"f-sessions-fehler\"><span class=\"visually-hidden\">Fehler: </span>{Layout.E(string.Join(" ", messages))}</p>" : "")}
                {SessionChoices.Render(ev, seats, chosen, sessionErrors.Count > 0 ? "f-sessions-fehler" : null)}
                </fieldset>
                <button type="submit" name="action" value="sessions">Auswahl speichern</button>
                </form>
                """);
        }
        body.Append($"""
            <h2>Ihre Daten</h2>
            <p>Sie können alle Angaben, die wir zu Ihrer Anmeldung speichern, herunterladen (DSGVO Art. 15) oder sofort löschen lassen (Art. 17). Beim Löschen geben Sie auch Ihren Platz frei.</p>
            <form method="post" action="/api/registrations/manage/export">{hidden}
            <button type="submit" class="secondary">Meine Daten herunterladen (JSON)</button>
            </form>
            <form method="post" action="/anmeldung/verwalten">{hidden}
            <button type="submit" name="action" value="delete" class="secondary">Anmeldung und alle Daten löschen</button>
            </form>
            """);
        body.Append($"""
            <h2>Teilnahme absagen</h2>
            <p>Wenn Sie absagen, geben Sie Ihren Platz frei und wir löschen Ihre persönlichen Angaben.</p>
            <form method="post" action="/anmeldung/verwalten">{hidden}
            <button type="submit" name="action" value="cancel" class="secondary">Teilnahme absagen</button>
            </form>
            """);
        return body.ToString();
    }

    private static IResult InvalidLink() =>
        Layout.Page("Link ungültig", "<p role=\"alert\">Der Link ist ungültig oder abgelaufen. Bitte melden Sie sich erneut an oder nutzen Sie den Link aus Ihrer letzten E-Mail.</p>", 404);

}

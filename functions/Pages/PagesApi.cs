using System.Text;
using VirServerless.Core.Events;
using VirServerless.Core.Registrations;

namespace VirServerless.Functions.Pages;

/// <summary>
/// The confirmation and manage pages behind the links in mails. A GET only shows a button: mail scanners open
/// every link, so state changes happen on POST alone.
/// </summary>
public static class PagesApi
{
    public static IEndpointRouteBuilder MapPages(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("").ExcludeFromDescription().AddEndpointFilter(async (context, next) =>
        {
            context.HttpContext.Response.Headers.CacheControl = "no-store";
            return await next(context);
        });
        pages.MapGet("/anmeldung/bestaetigen", (string? token) => Layout.Page("Anmeldung bestätigen", $"""
            <p>Bitte bestätigen Sie Ihre Anmeldung mit einem Klick auf die Schaltfläche.</p>
            <form method="post" action="/anmeldung/bestaetigen">
            <input type="hidden" name="token" value="{Layout.E(token)}">
            <button type="submit">Anmeldung bestätigen</button>
            </form>
            """));
        pages.MapPost("/anmeldung/bestaetigen", ConfirmAsync).DisableAntiforgery();
        pages.MapGet("/anmeldung/verwalten", (string? token) => Layout.Page("Anmeldung verwalten", $"""
            <p>Hier können Sie Ihre Anmeldung ansehen, Programmpunkte ändern oder absagen.</p>
            <form method="post" action="/anmeldung/verwalten">
            <input type="hidden" name="token" value="{Layout.E(token)}">
            <button type="submit">Meine Anmeldung anzeigen</button>
            </form>
            """));
        pages.MapPost("/anmeldung/verwalten", ManageAsync).DisableAntiforgery();
        app.MapGet("/", () => Results.Redirect("/veranstaltungen")).ExcludeFromDescription();
        app.MapGet("/static/site.css", () => Results.Text(SiteCss, "text/css; charset=utf-8")).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> ConfirmAsync(HttpRequest request, RegistrationService registrations, EventStore events, CancellationToken cancellationToken)
    {
        var form = await request.ReadFormAsync(cancellationToken);
        var outcome = await registrations.ConfirmAsync(form["token"], cancellationToken);
        return outcome switch
        {
            ConfirmOutcome.Done { Registration: var r } => Layout.Page(
                r.Status == RegistrationStatus.Confirmed ? "Anmeldung bestätigt" : "Sie stehen auf der Warteliste",
                $"<p role=\"status\">{Layout.E(StatusSentence(r))}</p><p>Sie erhalten gleich eine E-Mail mit allen Angaben und Ihrem persönlichen Link zum Verwalten der Anmeldung.</p>"),
            ConfirmOutcome.Closed closed => Layout.Page("Bestätigung nicht möglich", $"<p>{Layout.E(closed.Detail)}</p>", 409),
            ConfirmOutcome.Full full => Layout.Page("Ausgebucht", $"<p>{Layout.E(full.Detail)}</p>", 409),
            _ => Layout.Page("Link ungültig", "<p>Der Link ist ungültig oder abgelaufen. Bitte melden Sie sich erneut an.</p>", 404),
        };
    }

    private static async Task<IResult> ManageAsync(HttpRequest request, RegistrationService registrations, EventStore events, CancellationToken cancellationToken)
    {
        var form = await request.ReadFormAsync(cancellationToken);
        var token = form["token"].ToString();
        if (form["action"] == "delete")
        {
            return await registrations.DeleteAsync(token, cancellationToken) is ManageOutcome.Done
                ? Layout.Page("Daten gelöscht", "<p role=\"status\">Ihre Anmeldung und alle gespeicherten Angaben zu Ihrer Person wurden gelöscht. Ein belegter Platz wurde freigegeben.</p>")
                : Layout.Page("Anmeldung verwalten", "<p role=\"alert\">Der Link ist ungültig oder abgelaufen.</p>", 404);
        }
        var outcome = form["action"].ToString() switch
        {
            "cancel" => await registrations.CancelAsync(token, cancellationToken),
            "sessions" => await registrations.ChangeSessionsAsync(token, [.. form["sessions"].OfType<string>()], cancellationToken),
            _ => await registrations.ViewAsync(token, cancellationToken),
        };
        if (outcome is ManageOutcome.Done { Registration.Status: RegistrationStatus.Cancelled })
        {
            return Layout.Page("Abmeldung bestätigt", "<p role=\"status\">Sie sind abgemeldet. Ihr Platz wurde freigegeben und Ihre persönlichen Angaben wurden gelöscht.</p>");
        }
        if (outcome is not ManageOutcome.Done { Registration: var r })
        {
            var detail = outcome switch
            {
                ManageOutcome.Closed closed => closed.Detail,
                ManageOutcome.Invalid invalid => string.Join(" ", invalid.Errors.Values.SelectMany(v => v)),
                _ => "Der Link ist ungültig oder abgelaufen.",
            };
            return Layout.Page("Anmeldung verwalten", $"<p role=\"alert\">{Layout.E(detail)}</p>", outcome is ManageOutcome.InvalidToken ? 404 : 400);
        }
        var ev = (await events.GetAsync(r.EventId, cancellationToken))?.Event;
        var body = new StringBuilder();
        body.Append($"<p role=\"status\">{Layout.E(StatusSentence(r))}</p>");
        body.Append($"<dl><dt>Veranstaltung</dt><dd>{Layout.E(ev?.Title)}</dd><dt>Name</dt><dd>{Layout.E(r.FullName)}</dd><dt>E-Mail</dt><dd>{Layout.E(r.Email)}</dd><dt>Organisation</dt><dd>{Layout.E(r.Organization)}</dd></dl>");
        if (ev is not null && ev.ChoosableSessions.Any())
        {
            body.Append("<form method=\"post\" action=\"/anmeldung/verwalten\"><fieldset><legend>Programmpunkte</legend>");
            foreach (var session in ev.ChoosableSessions)
            {
                var chosen = r.Sessions.FirstOrDefault(c => c.Id == session.Id);
                var state = chosen?.Status switch { SessionSeatStatus.Booked => " (gebucht)", SessionSeatStatus.Waitlisted => " (Warteliste)", SessionSeatStatus.Requested => " (gewünscht)", _ => "" };
                body.Append($"<div><input type=\"checkbox\" id=\"s-{session.Id}\" name=\"sessions\" value=\"{session.Id}\"{(chosen is null ? "" : " checked")}> <label for=\"s-{session.Id}\">{Layout.E(session.Title)}, {Layout.E(BerlinTime.DateTime(session.Start))}{state}</label></div>");
            }
            body.Append($"</fieldset><input type=\"hidden\" name=\"token\" value=\"{Layout.E(token)}\"><input type=\"hidden\" name=\"action\" value=\"sessions\"><button type=\"submit\">Auswahl speichern</button></form>");
        }
        body.Append($"<form method=\"post\" action=\"/anmeldung/verwalten\"><input type=\"hidden\" name=\"token\" value=\"{Layout.E(token)}\"><input type=\"hidden\" name=\"action\" value=\"cancel\"><button type=\"submit\">Teilnahme absagen</button></form>");
        body.Append($"<form method=\"post\" action=\"/api/registrations/manage/export\"><input type=\"hidden\" name=\"token\" value=\"{Layout.E(token)}\"><button type=\"submit\">Meine Daten herunterladen (JSON)</button></form>");
        body.Append($"<form method=\"post\" action=\"/anmeldung/verwalten\"><input type=\"hidden\" name=\"token\" value=\"{Layout.E(token)}\"><input type=\"hidden\" name=\"action\" value=\"delete\"><button type=\"submit\">Anmeldung und alle Daten löschen</button></form>");
        return Layout.Page("Ihre Anmeldung", body.ToString());
    }

    private static string StatusSentence(Registration r) => r.Status switch
    {
        RegistrationStatus.Confirmed => "Ihre Anmeldung ist bestätigt.",
        RegistrationStatus.Waitlisted => "Ihre Anmeldung ist bestätigt. Alle Plätze sind vergeben; Sie stehen auf der Warteliste und rücken automatisch nach.",
        RegistrationStatus.Pending => "Ihre Anmeldung ist noch nicht bestätigt. Bitte nutzen Sie den Link in der E-Mail.",
        _ => "Diese Anmeldung ist nicht mehr aktiv.",
    };

    private const string SiteCss = """
        body{font-family:system-ui,Arial,sans-serif;font-size:1.05rem;line-height:1.5;color:#1a1a1a;background:#fff;margin:0}
        main{max-width:48rem;margin:0 auto;padding:1rem}
        header.site,footer.site{background:#00385e;color:#fff;padding:.75rem 1rem}
        header.site a,footer.site a{color:#fff}
        a{color:#00507f}
        button{font:inherit;padding:.5rem 1rem;background:#00507f;color:#fff;border:2px solid #00507f;border-radius:4px;cursor:pointer}
        :focus-visible{outline:3px solid #c05600;outline-offset:2px}
        .skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;color:#00507f;padding:.5rem}
        """;
}

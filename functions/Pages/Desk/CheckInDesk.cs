using System.Globalization;
using System.Text;
using VirServerless.Core.Events;
using VirServerless.Core.Registrations;
using VirServerless.Core.Storage.Events;

namespace VirServerless.Functions.Pages.Desk;

/// <summary>
/// The check-in at the entrance, for a tablet or phone: a code field (typed, or sent with Enter by a scanner that acts
/// as a keyboard), a search by name or organisation, and a button per person to check in or take it back. Each change
/// is a form post with the session's form token, is written to the audit log, and answers with a redirect, so a
/// reload posts nothing twice. The state lives on the registration, so two devices see the same.
/// </summary>
public static class CheckInDesk
{
    public static IEndpointRouteBuilder MapCheckInDesk(this IEndpointRouteBuilder app)
    {
        const string page = "/verwaltung/veranstaltungen/{id}/einlass";
        app.MapGet(page, ShowAsync);
        app.MapPost(page + "/code", CheckInByCodeAsync).DisableAntiforgery();
        app.MapPost(page + "/{registrationId}", ChangeAsync).DisableAntiforgery();
        return app;
    }

    public static string Url(string eventId) => OrganiserForms.EventUrl(eventId) + "/einlass";

    private const int MaxQueryLength = 100;

    private static async Task<IResult> ShowAsync(string id, string? suche, string? alle, string? ergebnis, string? anmeldung, HttpContext context, EventStore events,
        RegistrationService registrations, CancellationToken cancellationToken)
    {
        if (!OrganiserLogin.IsSignedIn(context))
        {
            return Results.Redirect("/verwaltung");
        }
        if (await OrganiserForms.EventAsync(events, id, cancellationToken) is not { } ev)
        {
            return EventPages.NotFound();
        }
        var all = await registrations.ListAsync(ev.Id, cancellationToken);
        var person = anmeldung is null ? null : all.FirstOrDefault(r => r.Id == anmeldung);
        // The page shows the stored state: another device may have taken the check-in back since the redirect.
        var status = person is null ? null : (ergebnis, person.CheckedInAt) switch
        {
            ("eingecheckt", { } at) => $"{person.FullName} ({person.Organization}) ist eingecheckt, {Time(at)} Uhr.",
            ("bereits", { } at) => $"{person.FullName} ({person.Organization}) ist bereits eingecheckt um {Time(at)} Uhr.",
            ("zurueckgenommen", null) => $"Der Check-in von {person.FullName} ist zurückgenommen.",
            ("nicht-eingecheckt", null) => $"{person.FullName} war nicht eingecheckt.",
            _ => null,
        };
        return Page(context, ev, all, Query(suche), alle == "1", status, error: null, code: "");
    }

    private static async Task<IResult> CheckInByCodeAsync(string id, HttpContext context, EventStore events, RegistrationService registrations, CancellationToken cancellationToken)
    {
        var posted = await OrganiserForms.ReadAsync(context, cancellationToken);
        if (posted.Form is not { } form)
        {
            return posted.Refusal!;
        }
        if (await OrganiserForms.EventAsync(events, id, cancellationToken) is not { } ev)
        {
            return EventPages.NotFound();
        }
        var code = form["code"].ToString();
        var outcome = await registrations.CheckInByCodeAsync(ev.Id, code, cancellationToken);
        if (await RedirectAfterAsync(context, ev.Id, outcome, "Code", Query(form["suche"]), cancellationToken) is { } done)
        {
            return done;
        }
        var all = await registrations.ListAsync(ev.Id, cancellationToken);
        var error = outcome is CheckInOutcome.NoSeat { Registration: var r }
            ? $"{r.FullName} hat keinen bestätigten Platz ({StatusTexts.Label(r.Status)}) und kann nicht eingecheckt werden."
            : CheckInCodes.Normalize(code) is null
                ? "Das ist kein gültiger Code. Ein Code hat zehn Buchstaben, zum Beispiel KMPTX-ARWHC. Bitte prüfen Sie die Eingabe."
                : "Zu diesem Code gibt es keine Anmeldung für diese Veranstaltung. Bitte prüfen Sie die Eingabe oder suchen Sie die Person nach Namen.";
        return Page(context, ev, all, Query(form["suche"]), showAll: false, status: null, error, code,
            outcome is CheckInOutcome.NoSeat ? StatusCodes.Status409Conflict : StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> ChangeAsync(string id, string registrationId, HttpContext context, EventStore events, RegistrationService registrations, CancellationToken cancellationToken)
    {
        var posted = await OrganiserForms.ReadAsync(context, cancellationToken);
        if (posted.Form is not { } form)
        {
            return posted.Refusal!;
        }
        if (await OrganiserForms.EventAsync(events, id, cancellationToken) is not { } ev)
        {
            return EventPages.NotFound();
        }
        var outcome = form["aktion"].ToString() == "zuruecknehmen"
            ? await registrations.UndoCheckInAsync(ev.Id, registrationId, cancellationToken)
            : await registrations.CheckInAsync(ev.Id, registrationId, cancellationToken);
        if (await RedirectAfterAsync(context, ev.Id, outcome, "Suche", Query(form["suche"]), cancellationToken) is { } done)
        {
            return done;
        }
        var all = await registrations.ListAsync(ev.Id, cancellationToken);
        var error = outcome is CheckInOutcome.NoSeat { Registration: var r }
            ? $"{r.FullName} hat keinen bestätigten Platz ({StatusTexts.Label(r.Status)}) und kann nicht eingecheckt werden."
            : "Diese Anmeldung gibt es nicht (mehr).";
        return Page(context, ev, all, Query(form["suche"]), showAll: false, status: null, error, code: "",
            outcome is CheckInOutcome.NoSeat ? StatusCodes.Status409Conflict : StatusCodes.Status404NotFound);
    }

    /// <summary>Writes the audit entry of a change and answers 303 to the page with the result; null for a refusal.</summary>
    private static async Task<IResult?> RedirectAfterAsync(HttpContext context, string eventId, CheckInOutcome outcome, string how, string query, CancellationToken cancellationToken)
    {
        (string Result, Registration Person)? shown = outcome switch
        {
            CheckInOutcome.CheckedIn { Registration: var r } => ("eingecheckt", r),
            CheckInOutcome.AlreadyCheckedIn { Registration: var r } => ("bereits", r),
            CheckInOutcome.Undone { Registration: var r } => ("zurueckgenommen", r),
            CheckInOutcome.NotCheckedIn { Registration: var r } => ("nicht-eingecheckt", r),
            _ => null,
        };
        if (shown is not { } result)
        {
            return null;
        }
        if (outcome is CheckInOutcome.CheckedIn)
        {
            await OrganiserAudit.RecordAsync(context, "checkin.done", eventId, result.Person.Id, $"Beim Einlass eingecheckt ({how})", cancellationToken);
        }
        else if (outcome is CheckInOutcome.Undone)
        {
            await OrganiserAudit.RecordAsync(context, "checkin.undone", eventId, result.Person.Id, "Check-in beim Einlass zurückgenommen", cancellationToken);
        }
        var location = $"{Url(eventId)}?ergebnis={result.Result}&anmeldung={Uri.EscapeDataString(result.Person.Id)}"
            + (query.Length > 0 ? "&suche=" + Uri.EscapeDataString(query) : "");
        return OrganiserForms.SeeOther(location);
    }

    private static IResult Page(HttpContext context, CatalogEvent ev, IReadOnlyList<Registration> all, string query, bool showAll, string? status, string? error, string code,
        int statusCode = StatusCodes.Status200OK)
    {
        var confirmed = all.Where(r => r.HoldsSeat).ToList();
        var url = Url(ev.Id);
        var body = new StringBuilder(OrganiserForms.BackLink(ev));
        if (status is not null)
        {
            body.Append($"<p role=\"status\" class=\"notice\" id=\"einlass-meldung\">{Layout.E(status)}</p>\n");
        }
        body.Append(CultureInfo.InvariantCulture, $"""
            <p id="einlass-zahlen"><strong>{confirmed.Count(r => r.CheckedInAt is not null)} von {confirmed.Count}</strong> Personen mit bestätigtem Platz sind eingecheckt.</p>
            <form method="post" action="{Layout.E(url)}/code" class="desk checkin-code">
            {OrganiserLogin.TokenField(context)}
            <input type="hidden" name="suche" value="{Layout.E(query)}">
            <div class="field{(error is null ? "" : " invalid")}">
            <label for="f-code">Code aus der Bestätigungs-E-Mail</label>
            <p class="hint" id="f-code-hinweis">Tippen Sie den Code ein oder scannen Sie den QR-Code; ein Scanner schickt ihn mit der Eingabetaste ab.</p>
            {(error is null ? "" : $"<p class=\"field-error\" id=\"f-code-fehler\" role=\"alert\">{Layout.E(error)}</p>")}
            <input type="text" id="f-code" name="code" value="{Layout.E(code)}" autocomplete="off" autocapitalize="characters" spellcheck="false" autofocus
              aria-describedby="f-code-hinweis{(error is null ? "" : " f-code-fehler")}"{(error is null ? "" : " aria-invalid=\"true\"")}>
            </div>
            <button type="submit">Mit Code einchecken</button>
            </form>
            <h2>Personen suchen</h2>
            <form method="get" action="{Layout.E(url)}" class="desk" role="search">
            <div class="field">
            <label for="f-suche">Name oder Organisation</label>
            <input type="text" id="f-suche" name="suche" value="{Layout.E(query)}" autocomplete="off">
            </div>
            <button type="submit">Suchen</button>
            </form>
            """);
        var shown = showAll ? confirmed : query.Length == 0 ? [] : confirmed.Where(r => Matches(r, query)).ToList();
        if (!showAll && query.Length == 0)
        {
            body.Append($"<p><a href=\"{Layout.E(url)}?alle=1\">Alle {confirmed.Count} Personen mit bestätigtem Platz anzeigen</a></p>\n");
        }
        else
        {
            body.Append(ResultTable(context, url, shown, query, showAll));
        }
        return Layout.Page("Einlass: " + ev.Title, body.ToString(), statusCode);
    }

    private static string ResultTable(HttpContext context, string url, List<Registration> shown, string query, bool showAll)
    {
        var caption = showAll
            ? $"Alle Personen mit bestätigtem Platz ({shown.Count})"
            : $"Treffer für „{query}“ ({shown.Count})";
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<table id=\"einlass-liste\"><caption>{Layout.E(caption)}</caption><thead><tr><th scope=\"col\">Name</th><th scope=\"col\">Organisation</th><th scope=\"col\">Einlass</th><th scope=\"col\">Aktion</th></tr></thead><tbody>");
        foreach (var r in shown.OrderBy(r => r.LastName, StringComparer.CurrentCulture).ThenBy(r => r.FirstName, StringComparer.CurrentCulture))
        {
            (string State, string Action, string Text, string Name, string Class) row = r.CheckedInAt is { } at
                ? ($"eingecheckt um {Time(at)} Uhr", "zuruecknehmen", "Zurücknehmen", $"Check-in von {r.FullName} zurücknehmen", " class=\"secondary\"")
                : ("nicht eingecheckt", "einchecken", "Einchecken", $"{r.FullName} einchecken", "");
            sb.Append($"""
                <tr><th scope="row">{Layout.E(r.FullName)}</th><td>{Layout.E(r.Organization)}</td><td>{Layout.E(row.State)}</td><td><form method="post" action="{Layout.E(url)}/{Layout.E(Uri.EscapeDataString(r.Id))}" class="inline">{OrganiserLogin.TokenField(context)}<input type="hidden" name="aktion" value="{row.Action}"><input type="hidden" name="suche" value="{Layout.E(query)}"><button type="submit"{row.Class} aria-label="{Layout.E(row.Name)}">{row.Text}</button></form></td></tr>
                """);
        }
        sb.Append(shown.Count == 0 ? "<tr><td colspan=\"4\">Niemand mit bestätigtem Platz passt zu dieser Suche.</td></tr>" : "").Append("</tbody></table>\n");
        return sb.ToString();
    }

    /// <summary>Case and accents do not matter: "muller" finds Müller.</summary>
    private static bool Matches(Registration r, string query) =>
        CultureInfo.InvariantCulture.CompareInfo.IndexOf(r.FullName, query, CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace) >= 0
        || CultureInfo.InvariantCulture.CompareInfo.IndexOf(r.Organization, query, CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace) >= 0;

    private static string Query(string? value)
    {
        var trimmed = (value ?? "").Trim();
        return trimmed.Length > MaxQueryLength ? trimmed[..MaxQueryLength] : trimmed;
    }

    private static string Time(DateTimeOffset? at) =>
        at is { } value ? BerlinTime.ToBerlin(value).ToString("HH:mm", CultureInfo.InvariantCulture) : "";
}

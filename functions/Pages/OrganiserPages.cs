using System.Globalization;
using System.Text;
using VirServerless.Core.Events;
using VirServerless.Core.Organisers;
using VirServerless.Core.Outbox;
using VirServerless.Core.Registrations;
using VirServerless.Core.Storage.Audit;
using VirServerless.Core.Storage.Events;
using VirServerless.Core.Storage.Outbox;
using VirServerless.Core.Messages;
using VirServerless.Functions.Admin;
using VirServerless.Functions.Pages.Desk;

namespace VirServerless.Functions.Pages;

/// <summary>The organiser view: registrations per event, waiting lists, counts per organisation, CSV export and outbox state.</summary>
public static class OrganiserPages
{
    public static IEndpointRouteBuilder MapOrganiserPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/verwaltung", OverviewAsync);
        app.MapPost("/verwaltung/anmelden", SignInAsync).DisableAntiforgery();
        app.MapPost("/verwaltung/abmelden", SignOutAsync).DisableAntiforgery();
        app.MapGet("/verwaltung/veranstaltungen/{id}", EventAsync);
        app.MapGet("/verwaltung/veranstaltungen/{id}/teilnehmende.csv", ExportAsync);
        return app;
    }

    /// <summary>Sign-out needs the form token of the session (see <see cref="OrganiserLogin.FormToken"/>) and revokes the session server-side.</summary>
    private static async Task<IResult> SignOutAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var form = await PageForms.ReadAsync(context.Request, cancellationToken);
        if (form.Problem is { } problem)
        {
            return problem;
        }
        if (!OrganiserLogin.IsSignedIn(context))
        {
            return Results.Redirect("/verwaltung");
        }
        if (!OrganiserLogin.IsValidFormToken(context, form.Form!["token"]))
        {
            return Layout.Page("Abmelden nicht möglich", "<p role=\"alert\">Die Abmeldung kam nicht von einer Seite der Verwaltung. Bitte melden Sie sich über die Schaltfläche „Abmelden“ ab.</p><p><a href=\"/verwaltung\">Zur Verwaltung</a></p>", 403);
        }
        await OrganiserAudit.RecordAsync(context, "signout", null, null, "Von der Verwaltung abgemeldet", cancellationToken);
        await OrganiserLogin.SignOutAsync(context);
        return Results.Redirect("/verwaltung");
    }

    private static IResult LoginForm(HttpContext context, string? error = null, int status = 200)
    {
        var summary = error is null ? null : $"""
            <div class="error-summary" id="fehlerliste" role="alert" tabindex="-1" autofocus aria-labelledby="fehlerliste-titel">
            <h2 id="fehlerliste-titel">Anmeldung fehlgeschlagen</h2><ul><li><a href="#f-key">{Layout.E(error)}</a></li></ul></div>
            """;
        var body = $"""
            <p>Dieser Bereich ist für das Organisationsteam der Geschäftsstelle. Bitte melden Sie sich {(EntraSignIn.IsConfigured(context) ? "mit Ihrem Microsoft-365-Konto oder mit dem Zugangsschlüssel" : "mit dem Zugangsschlüssel")} an.</p>
            {(EntraSignIn.IsConfigured(context) ? $"<p><a class=\"button\" href=\"{EntraSignIn.StartPath}\">Mit Microsoft 365 anmelden</a></p>\n<h2>Mit dem Zugangsschlüssel anmelden</h2>" : "")}
            <form method="post" action="/verwaltung/anmelden" class="login">
            <div class="field{(error is null ? "" : " invalid")}">
            <label for="f-key">Zugangsschlüssel</label>
            {(error is null ? "" : $"<p class=\"field-error\" id=\"f-key-fehler\"><span class=\"visually-hidden\">Fehler: </span>{Layout.E(error)}</p>")}
            <input type="password" id="f-key" name="key" autocomplete="current-password" required{(error is null ? "" : " aria-invalid=\"true\" aria-describedby=\"f-key-fehler\"")}>
            </div>
            <button type="submit">Anmelden</button>
            </form>
            """;
        return Layout.Page("Verwaltung: Anmeldung", body, status, errorSummary: summary);
    }

    private static async Task<IResult> SignInAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var form = await PageForms.ReadAsync(context.Request, cancellationToken);
        if (form.Problem is { } problem)
        {
            return problem;
        }
        switch (AdminKey.Check(context, form.Form!["key"].ToString()))
        {
            case KeyCheck.Blocked:
                context.Response.Headers.RetryAfter = AdminKey.RetryAfterSeconds(context);
                return LoginForm(context, "Es kamen zu viele falsche Zugangsschlüssel von Ihrer Adresse. Bitte warten Sie einige Minuten und versuchen Sie es dann erneut.", 429);
            case KeyCheck.Wrong:
                // RFC 9110 wants a challenge with every 401; browsers show the page for a scheme they do not know.
                context.Response.Headers.WWWAuthenticate = "Form realm=\"VirServerless Verwaltung\"";
                return LoginForm(context, "Der Zugangsschlüssel ist falsch. Bitte prüfen Sie Ihre Eingabe.", 401);
        }
        await OrganiserLogin.SignInAsync(context, OrganiserLogin.AdminKeyActor, SignInMethod.AdminKey);
        await OrganiserAudit.RecordAsync(context, "signin", null, null, "In der Verwaltung angemeldet", cancellationToken);
        return Results.Redirect("/verwaltung");
    }

    private static async Task<IResult> OverviewAsync(HttpContext context, EventStore events, RegistrationService registrations, OutboxStore outboxStore, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        if (!OrganiserLogin.IsSignedIn(context))
        {
            return LoginForm(context);
        }
        var all = (await events.ListAsync(cancellationToken)).Select(s => s.Event).OrderByDescending(e => e.Start).ToList();
        var rows = new StringBuilder();
        foreach (var ev in all)
        {
            var list = await registrations.ListAsync(ev.Id, cancellationToken);
            var outbox = await outboxStore.ListAsync(ev.Id, cancellationToken: cancellationToken);
            rows.Append($"""
                <tr><th scope="row"><a href="/verwaltung/veranstaltungen/{Layout.E(Uri.EscapeDataString(ev.Id))}">{Layout.E(ev.Title)}</a></th>
                <td>{Layout.E(BerlinTime.Date(ev.Start))}</td><td>{Layout.E(StatusText(ev.Status))}</td>
                <td>{list.Count(r => r.Status == RegistrationStatus.Confirmed)}</td><td>{list.Count(r => r.Status == RegistrationStatus.Waitlisted)}</td><td>{list.Count(r => r.Status == RegistrationStatus.Pending)}</td>
                <td>{outbox.Count(o => o.State is OutboxState.Failed or OutboxState.Dead)}</td></tr>
                """);
        }
        var body = $"""
            {SignOutForm(context)}
            {EventEditor.OverviewLinks}
            <p><a href="/verwaltung/protokoll">Protokoll der Verwaltungsaktionen</a></p>
            <table><caption>Veranstaltungen</caption>
            <thead><tr><th scope="col">Veranstaltung</th><th scope="col">Beginn</th><th scope="col">Status</th><th scope="col">Bestätigt</th><th scope="col">Warteliste</th><th scope="col">Unbestätigt</th><th scope="col">Fehlgeschlagene E-Mails</th></tr></thead>
            <tbody>{rows}</tbody></table>
            {MailBacklog(await outboxStore.StatusesAsync(cancellationToken), timeProvider.GetUtcNow())}
            """;
        return Layout.Page("Verwaltung", body);
    }

    /// <summary>How many mails wait to go out and since when (no addresses): mails past the ACS quota wait here, none is lost.</summary>
    private static string MailBacklog(IReadOnlyList<OutboxStatus> mails, DateTimeOffset now)
    {
        var waiting = mails.Where(m => m.State is OutboxState.Pending or OutboxState.Sending or OutboxState.Failed).ToList();
        if (waiting.Count == 0)
        {
            return """<h2>E-Mail-Warteschlange</h2><p id="mail-warteschlange">Keine E-Mails warten auf den Versand.</p>""";
        }
        var text = new StringBuilder($"""<h2>E-Mail-Warteschlange</h2><p id="mail-warteschlange">{waiting.Count} {(waiting.Count == 1 ? "E-Mail wartet" : "E-Mails warten")} auf den Versand, die älteste seit {Layout.E(Short(waiting.Min(m => m.CreatedAt)))}.""");
        if (waiting.Where(m => m.State == OutboxState.Pending && m.NextAttemptAt > now).Select(m => (DateTimeOffset?)m.NextAttemptAt).Min() is { } next)
        {
            text.Append($" Das Versandkontingent ist im Moment ausgeschöpft; die E-Mails bleiben in der Warteschlange und gehen ab {Layout.E(Short(next))} Uhr von selbst hinaus.");
        }
        return text.Append("</p>").ToString();
    }

    internal static string SignOutForm(HttpContext context) =>
        $"""<form method="post" action="/verwaltung/abmelden" class="signout">{OrganiserLogin.TokenField(context)}<button type="submit" class="secondary">Abmelden</button></form>""";

    private static async Task<IResult> EventAsync(string id, HttpContext context, EventStore events, RegistrationService registrations, OutboxStore outboxStore, AuditLog audit, CancellationToken cancellationToken)
    {
        if (!OrganiserLogin.IsSignedIn(context))
        {
            return LoginForm(context);
        }
        if ((await events.GetAsync(id, cancellationToken))?.Event is not { } ev)
        {
            return EventPages.NotFound();
        }
        var all = await registrations.ListAsync(ev.Id, cancellationToken);
        var seats = await registrations.GetSeatsAsync(ev.Id, cancellationToken);
        var outbox = await outboxStore.ListAsync(ev.Id, cancellationToken: cancellationToken);
        var sb = new StringBuilder();
        sb.Append(SignOutForm(context));
        sb.Append($"<p><a href=\"/verwaltung\">Zurück zur Übersicht</a> · <a href=\"/veranstaltungen/{Layout.E(Uri.EscapeDataString(ev.Id))}\">Öffentliche Seite</a></p>\n");
        sb.Append(EventEditor.Links(context, ev));
        sb.Append($"<p><a class=\"button\" href=\"/verwaltung/veranstaltungen/{Layout.E(Uri.EscapeDataString(ev.Id))}/teilnehmende.csv\" download>Teilnehmendenliste als CSV herunterladen</a></p>\n");
        sb.Append(DeskLinks(ev));
        sb.Append(AttendanceListPage.Link(ev));

        int Count(RegistrationStatus status) => all.Count(r => r.Status == status);
        sb.Append($"""
            <h2>Zahlen</h2>
            <dl class="facts"><dt>Bestätigt</dt><dd>{Count(RegistrationStatus.Confirmed)}</dd><dt>Warteliste</dt><dd>{Count(RegistrationStatus.Waitlisted)}</dd>
            <dt>Unbestätigt</dt><dd>{Count(RegistrationStatus.Pending)}</dd><dt>Abgesagt</dt><dd>{Count(RegistrationStatus.Cancelled)}</dd><dt>Abgelehnt</dt><dd>{Count(RegistrationStatus.Declined)}</dd>
            <dt>Freie Plätze</dt><dd>{(seats.EventFree(ev) is { } free ? $"{free} von {ev.Registration?.Capacity}" : "ohne Begrenzung")}</dd></dl>
            """);

        if (ev.ChoosableSessions.Any())
        {
            sb.Append("<table><caption>Programmpunkte zur Auswahl</caption><thead><tr><th scope=\"col\">Programmpunkt</th><th scope=\"col\">Plätze</th><th scope=\"col\">Gebucht</th><th scope=\"col\">Warteliste</th><th scope=\"col\">Gewünscht (unbestätigt)</th></tr></thead><tbody>");
            foreach (var session in ev.ChoosableSessions)
            {
                int Choices(SessionSeatStatus status) => all.Count(r => r.IsActive && r.Sessions.Any(c => c.Id == session.Id && c.Status == status));
                sb.Append($"<tr><th scope=\"row\">{Layout.E(session.Title)}</th><td>{(session.Capacity?.ToString(CultureInfo.InvariantCulture) ?? "ohne Begrenzung")}</td><td>{seats.SessionBooked(session.Id)}</td><td>{Choices(SessionSeatStatus.Waitlisted)}</td><td>{Choices(SessionSeatStatus.Requested)}</td></tr>");
            }
            sb.Append("</tbody></table>\n");
        }

        var organizations = Organization.Names(all.Select(r => r.Organization));
        var perOrganization = all.Where(r => r.Status is RegistrationStatus.Confirmed or RegistrationStatus.Waitlisted)
            .GroupBy(r => organizations.Of(r.Organization), StringComparer.Ordinal).OrderBy(g => g.Key, Organization.NameOrder).ToList();
        sb.Append("<table><caption>Anmeldungen je Organisation</caption><thead><tr><th scope=\"col\">Organisation</th><th scope=\"col\">Bestätigt</th><th scope=\"col\">Warteliste</th></tr></thead><tbody>");
        foreach (var group in perOrganization)
        {
            sb.Append($"<tr><th scope=\"row\">{Layout.E(group.Key)}</th><td>{group.Count(r => r.Status == RegistrationStatus.Confirmed)}</td><td>{group.Count(r => r.Status == RegistrationStatus.Waitlisted)}</td></tr>");
        }
        sb.Append(perOrganization.Count == 0 ? "<tr><td colspan=\"3\">Noch keine bestätigten Anmeldungen.</td></tr>" : "").Append("</tbody></table>\n");

        var waitlist = all.Where(r => r.Status == RegistrationStatus.Waitlisted).OrderBy(r => r.ConfirmedAt).ToList();
        var movable = await registrations.MovableByHandAsync(ev, cancellationToken);
        sb.Append("<table><caption>Warteliste der Veranstaltung (in Nachrückreihenfolge)</caption><thead><tr><th scope=\"col\">Platz</th><th scope=\"col\">Name</th><th scope=\"col\">Organisation</th><th scope=\"col\">Bestätigt am</th><th scope=\"col\">Nachrücken</th></tr></thead><tbody>");
        for (var i = 0; i < waitlist.Count; i++)
        {
            var r = waitlist[i];
            sb.Append($"<tr><td>{i + 1}</td><th scope=\"row\">{RegistrationLink(r)}</th><td>{Layout.E(organizations.Of(r.Organization))}</td><td>{Layout.E(r.ConfirmedAt is { } c ? Short(c) : "")}</td><td>{MoveUpButton(context, r, movable)}</td></tr>");
        }
        sb.Append(waitlist.Count == 0 ? "<tr><td colspan=\"5\">Niemand steht auf der Warteliste.</td></tr>" : "").Append("</tbody></table>\n");

        sb.Append("<table><caption>Alle Anmeldungen</caption><thead><tr><th scope=\"col\">Name</th><th scope=\"col\">Organisation</th><th scope=\"col\">E-Mail</th><th scope=\"col\">Status</th><th scope=\"col\">Programmpunkte</th><th scope=\"col\">Angemeldet am</th><th scope=\"col\">Eingang</th></tr></thead><tbody>");
        foreach (var r in all.OrderBy(r => r.Status).ThenBy(r => r.CreatedAt))
        {
            var sessions = string.Join(", ", r.Sessions.Select(c => $"{ev.FindSession(c.Id)?.Title ?? c.Id} ({StatusTexts.Label(c.Status)})"));
            sb.Append($"<tr><th scope=\"row\">{RegistrationLink(r)}</th><td>{Layout.E(organizations.Of(r.Organization))}</td><td>{Layout.E(r.Email)}</td><td>{Layout.E(StatusTexts.Label(r.Status))}</td><td>{Layout.E(sessions)}</td><td>{Layout.E(Short(r.CreatedAt))}</td><td>{Layout.E(RegistrationDesk.SourceText(r.Source))}</td></tr>");
        }
        sb.Append(all.Count == 0 ? "<tr><td colspan=\"7\">Noch keine Anmeldungen.</td></tr>" : "").Append("</tbody></table>\n");

        sb.Append("<table><caption>E-Mail-Versand</caption><thead><tr><th scope=\"col\">Art</th><th scope=\"col\">Empfänger</th><th scope=\"col\">Zustand</th><th scope=\"col\">Versuche</th><th scope=\"col\">Erstellt</th><th scope=\"col\">Gesendet</th><th scope=\"col\">Letzter Fehler</th></tr></thead><tbody>");
        foreach (var entry in outbox.OrderByDescending(o => o.CreatedAt))
        {
            sb.Append($"<tr><th scope=\"row\">{Layout.E(MailKindText(entry.Kind))}</th><td>{Layout.E(entry.Mail.To.Address)}</td><td>{Layout.E(OutboxStateText(entry.State))}</td><td>{entry.Attempts}</td><td>{Layout.E(Short(entry.CreatedAt))}</td><td>{Layout.E(entry.SentAt is { } s ? Short(s) : "")}</td><td>{Layout.E(entry.LastError)}</td></tr>");
        }
        sb.Append(outbox.Count == 0 ? "<tr><td colspan=\"7\">Keine E-Mails.</td></tr>" : "").Append("</tbody></table>\n");
        sb.Append(OrganiserAudit.Table(await audit.ListAsync(ev.Id, 50, cancellationToken), "Protokoll dieser Veranstaltung (neueste zuerst)"));
        return Layout.Page($"Verwaltung: {ev.Title}", sb.ToString());
    }

    private static string DeskLinks(CatalogEvent ev) =>
        $"<p><a href=\"{Layout.E(OrganiserForms.EventUrl(ev.Id))}/anmeldungen/neu\">Anmeldung eintragen (Telefon oder E-Mail)</a> · <a href=\"{Layout.E(OrganiserForms.EventUrl(ev.Id))}/nachricht\">Nachricht an Teilnehmende schreiben</a> · <a href=\"{Layout.E(CheckInDesk.Url(ev.Id))}\">Einlass (Check-in)</a></p>\n";

    private static string RegistrationLink(Registration r) =>
        $"<a href=\"{Layout.E(OrganiserForms.RegistrationUrl(r.EventId, r.Id))}\">{Layout.E(r.Status == RegistrationStatus.Cancelled ? "(gelöscht)" : r.FullName)}</a>";

    private static string MoveUpButton(HttpContext context, Registration r, IReadOnlySet<string> movable) => movable.Contains(r.Id)
        ? $"<form method=\"post\" action=\"{Layout.E(OrganiserForms.RegistrationUrl(r.EventId, r.Id))}/nachruecken\">{OrganiserLogin.TokenField(context)}<button type=\"submit\" class=\"secondary\" aria-label=\"{Layout.E(r.FullName)} nachrücken lassen\">Nachrücken lassen</button></form>"
        : "kein Platz frei";

    private static async Task<IResult> ExportAsync(string id, HttpContext context, EventStore events, RegistrationService registrations, CancellationToken cancellationToken)
    {
        if (!OrganiserLogin.IsSignedIn(context))
        {
            return LoginForm(context);
        }
        if ((await events.GetAsync(id, cancellationToken))?.Event is not { } ev)
        {
            return EventPages.NotFound();
        }
        var all = await registrations.ListAsync(ev.Id, cancellationToken);
        var rows = AttendeeRows.Of(all, Organization.Names(all.Select(r => r.Organization)));
        return Results.File(AttendeeCsv.Write(rows), "text/csv; charset=utf-8", $"teilnehmende-{ev.Id}.csv");
    }

    /// <summary>"22.11.2026, 06:59" in Berlin time: tables need the short form.</summary>
    private static string Short(DateTimeOffset value) =>
        BerlinTime.ToBerlin(value).ToString("dd.MM.yyyy, HH:mm", CultureInfo.InvariantCulture);

    private static string MailKindText(string kind) => kind switch
    {
        "ConfirmationRequest" => "Bitte bestätigen",
        "AlreadyRegistered" => "Bereits angemeldet",
        "Confirmed" => "Anmeldung bestätigt",
        "Waitlisted" => "Warteliste",
        "MovedUp" => "Nachgerückt",
        "SessionMovedUp" => "Nachgerückt (Programmpunkt)",
        "Cancelled" => "Abmeldung bestätigt",
        AttendeeMessage.MailKind => "Nachricht an Teilnehmende",
        _ => kind,
    };

    private static string StatusText(EventStatus status) => status switch
    {
        EventStatus.Published => "veröffentlicht",
        EventStatus.Cancelled => "abgesagt",
        _ => "Entwurf",
    };



    private static string OutboxStateText(OutboxState state) => state switch
    {
        OutboxState.Sent => "gesendet",
        OutboxState.Sending => "wird gesendet",
        OutboxState.Failed => "fehlgeschlagen, neuer Versuch folgt",
        OutboxState.Dead => "aufgegeben",
        _ => "wartet",
    };
}

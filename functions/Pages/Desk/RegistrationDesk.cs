using System.Globalization;
using System.Text;
using VirServerless.Core.Events;
using VirServerless.Core.Registrations;
using VirServerless.Core.Storage.Events;
using VirServerless.Functions.Registrations;

namespace VirServerless.Functions.Pages.Desk;

/// <summary>
/// The Geschäftsstelle's registration desk: enter a registration taken by phone or e-mail, change a person's
/// sessions, cancel for them, move a waiting person up by hand. Every change is a form post with the session's form
/// token, goes through the same service paths as a member's own action and is written to the audit log.
/// </summary>
public static class RegistrationDesk
{
    private static readonly (string Name, string Label)[] EntryFields = [("channel", "Eingang"), .. RegistrationFormView.Fields];

    public static IEndpointRouteBuilder MapRegistrationDesk(this IEndpointRouteBuilder app)
    {
        const string entry = "/verwaltung/veranstaltungen/{id}/anmeldungen/neu";
        const string registration = "/verwaltung/veranstaltungen/{id}/anmeldungen/{registrationId}";
        app.MapGet(entry, EntryFormAsync);
        app.MapPost(entry, EnterAsync).DisableAntiforgery();
        app.MapGet(registration, ShowAsync);
        app.MapPost(registration + "/programmpunkte", ChangeSessionsAsync).DisableAntiforgery();
        app.MapGet(registration + "/absagen", CancelQuestionAsync);
        app.MapPost(registration + "/absagen", CancelAsync).DisableAntiforgery();
        app.MapPost(registration + "/nachruecken", MoveUpAsync).DisableAntiforgery();
        return app;
    }

    /// <summary>Where a registration came from, in German, for the organiser list.</summary>
    public static string SourceText(string source) => source switch
    {
        "web" => "Anmeldeformular",
        "api" => "Schnittstelle",
        "bot" => "Teams",
        "geschaeftsstelle-telefon" => "Geschäftsstelle (Telefon)",
        "geschaeftsstelle-email" => "Geschäftsstelle (E-Mail)",
        _ => source,
    };

    private static async Task<IResult> EntryFormAsync(string id, HttpContext context, EventStore events, RegistrationService registrations, CancellationToken cancellationToken)
    {
        if (!OrganiserLogin.IsSignedIn(context))
        {
            return Results.Redirect("/verwaltung");
        }
        if (await OrganiserForms.EventAsync(events, id, cancellationToken) is not { } ev)
        {
            return EventPages.NotFound();
        }
        var seats = await registrations.GetSeatsAsync(ev.Id, cancellationToken);
        return Layout.Page("Anmeldung eintragen", EntryForm(context, ev, seats, registrations.WhyClosed(ev), new RegistrationRequest(), "telefon", new Dictionary<string, string[]>()));
    }

    private static async Task<IResult> EnterAsync(string id, HttpContext context, EventStore events, RegistrationService registrations, CancellationToken cancellationToken)
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
        var values = RegistrationForm.ToRequest(form) with { Sessions = SessionChoices.FromForm(form), Website = null };
        var channelValue = form["channel"].ToString();
        OfficeChannel? channel = channelValue switch { "telefon" => OfficeChannel.Phone, "email" => OfficeChannel.Email, _ => null };
        var outcome = channel is { } known
            ? await registrations.EnterForAsync(ev.Id, values, known, cancellationToken)
            : new OfficeEntryOutcome.Invalid(RegistrationRequestValidator.Validate(values, ev));
        if (channel is null && outcome is OfficeEntryOutcome.Invalid { Errors: var errors })
        {
            errors["channel"] = ["Bitte wählen Sie, wie die Anmeldung eingegangen ist."];
        }

        switch (outcome)
        {
            case OfficeEntryOutcome.Entered { Registration: var r }:
                await OrganiserAudit.RecordAsync(context, "registration.entered", ev.Id, r.Id,
                    $"Anmeldung eingetragen ({SourceText(r.Source)}), Stand: {StatusTexts.Label(r.Status)}", cancellationToken);
                return OrganiserForms.SeeOther(OrganiserForms.RegistrationUrl(ev.Id, r.Id) + "?erfolg=eingetragen");
            case OfficeEntryOutcome.AlreadyRegistered { Registration: var existing }:
                Dictionary<string, string[]> duplicate = new() { ["email"] = [$"Für diese E-Mail-Adresse besteht bereits eine Anmeldung ({StatusTexts.Label(existing.Status)}). Eine zweite ist nicht nötig."] };
                var link = $"<p><a href=\"{Layout.E(OrganiserForms.RegistrationUrl(ev.Id, existing.Id))}\">Zur bestehenden Anmeldung</a></p>\n";
                return await EntryErrorPageAsync(context, ev, registrations, values, channelValue, duplicate, StatusCodes.Status409Conflict, link, cancellationToken);
            case OfficeEntryOutcome.Invalid invalid:
                return await EntryErrorPageAsync(context, ev, registrations, values, channelValue, invalid.Errors, StatusCodes.Status400BadRequest, "", cancellationToken);
            case OfficeEntryOutcome.Closed closed:
                return Layout.Page("Eintragen nicht möglich", $"<p role=\"alert\">{Layout.E(closed.Detail)}</p>{OrganiserForms.BackLink(ev)}", StatusCodes.Status409Conflict);
            default:
                return Layout.Page("Eintragen nicht möglich", $"<p role=\"alert\">Die Veranstaltung ist noch ein Entwurf. Anmeldungen können Sie erst nach der Veröffentlichung eintragen.</p>{OrganiserForms.BackLink(ev)}", StatusCodes.Status409Conflict);
        }
    }

    private static async Task<IResult> EntryErrorPageAsync(HttpContext context, CatalogEvent ev, RegistrationService registrations, RegistrationRequest values, string channel,
        Dictionary<string, string[]> errors, int status, string extra, CancellationToken cancellationToken)
    {
        var seats = await registrations.GetSeatsAsync(ev.Id, cancellationToken);
        return Layout.Page("Fehler: Anmeldung eintragen", extra + EntryForm(context, ev, seats, registrations.WhyClosed(ev), values, channel, errors), status,
            errorSummary: RegistrationFormView.ErrorSummaryOf(errors, EntryFields));
    }

    private static string EntryForm(HttpContext context, CatalogEvent ev, SeatCounters seats, EventClosed? closed, RegistrationRequest values, string channel, Dictionary<string, string[]> errors)
    {
        var sb = new StringBuilder(OrganiserForms.BackLink(ev));
        sb.Append($"""
            <p>Tragen Sie hier eine Anmeldung zu „{Layout.E(ev.Title)}“ ein, die telefonisch oder per E-Mail bei der Geschäftsstelle eingegangen ist. Sie gilt sofort als bestätigt, ohne Bestätigungslink: Die Person bekommt einen freien Platz oder kommt auf die Warteliste, nach denselben Regeln wie bei einer eigenen Anmeldung. Sie erhält dieselbe E-Mail mit ihrem persönlichen Link zum Verwalten der Anmeldung.</p>
            <p>Freie Plätze: {Layout.E(seats.EventFree(ev) is { } free ? $"{free} von {ev.Registration?.Capacity}" : "ohne Begrenzung")}.</p>
            {(closed is null ? "" : $"<p class=\"notice\">{Layout.E(closed.Detail)}</p>")}
            <form method="post" action="{Layout.E(OrganiserForms.EventUrl(ev.Id))}/anmeldungen/neu" class="desk" novalidate>
            {OrganiserLogin.TokenField(context)}
            <p>Pflichtfelder sind mit „(Pflichtfeld)“ gekennzeichnet.</p>
            <fieldset class="channel{(errors.ContainsKey("channel") ? " invalid" : "")}"><legend>Eingang der Anmeldung (Pflichtfeld)</legend>
            {RegistrationFormView.FieldError("channel", errors)}
            <div class="choice"><input type="radio" id="f-channel" name="channel" value="telefon"{(channel == "email" ? "" : " checked")}{RegistrationFormView.Describe("channel", errors, null)}> <label for="f-channel">Telefon</label></div>
            <div class="choice"><input type="radio" id="f-channel-email" name="channel" value="email"{(channel == "email" ? " checked" : "")}> <label for="f-channel-email">E-Mail</label></div>
            </fieldset>
            <fieldset><legend>Angaben der Person</legend>
            {RegistrationFormView.Input("firstName", "Vorname", values.FirstName, errors, required: true, autocomplete: "off")}
            {RegistrationFormView.Input("lastName", "Nachname", values.LastName, errors, required: true, autocomplete: "off")}
            {RegistrationFormView.Input("email", "E-Mail-Adresse", values.Email, errors, required: true, autocomplete: "off", type: "email", hint: "An diese Adresse geht die Bestätigung mit dem persönlichen Link.")}
            {RegistrationFormView.Input("organization", "Kommune oder Behörde", values.Organization, errors, required: true, autocomplete: "off")}
            {RegistrationFormView.Input("role", "Funktion", values.Role, errors, required: false, autocomplete: "off")}
            </fieldset>
            """);
        if (ev.ChoosableSessions.Any())
        {
            var chosen = (values.Sessions ?? []).ToDictionary(s => s, _ => "", StringComparer.Ordinal);
            sb.Append($"""
                <fieldset class="sessions{(errors.ContainsKey("sessions") ? " invalid" : "")}"><legend>Programmpunkte zur Auswahl</legend>
                <p class="hint">Ist ein Programmpunkt ausgebucht, kommt die Person auf seine Warteliste.</p>
                {RegistrationFormView.FieldError("sessions", errors)}
                {SessionChoices.Render(ev, seats, chosen, errors.ContainsKey("sessions") ? "f-sessions-fehler" : null)}
                </fieldset>
                """);
        }
        sb.Append($"""
            <fieldset><legend>Weitere Angaben</legend>
            {RegistrationFormView.TextArea("dietary", "Ernährung (optional)", values.Dietary, errors, "Zum Beispiel vegetarisch, vegan oder Unverträglichkeiten.")}
            {RegistrationFormView.TextArea("accessibilityNeeds", "Unterstützungsbedarf (optional)", values.AccessibilityNeeds, errors, "Zum Beispiel Gebärdensprachdolmetschung oder ein stufenloser Zugang.")}
            </fieldset>
            <div class="field consent{(errors.ContainsKey("consent") ? " invalid" : "")}">
            {RegistrationFormView.FieldError("consent", errors)}
            <input type="checkbox" id="f-consent" name="consent" value="true"{(values.Consent ? " checked" : "")}{RegistrationFormView.Describe("consent", errors, "f-consent-text")}>
            <label for="f-consent">Die Person hat zugestimmt (Pflichtfeld)</label>
            <p class="hint" id="f-consent-text">Bitte lesen Sie der Person diesen Text vor oder senden Sie ihn ihr: „{Layout.E(ConsentText.Current)}“ (Datenschutzhinweise, Fassung vom {Layout.E(ConsentText.CurrentVersion)}).</p>
            </div>
            <input type="hidden" name="consentVersion" value="{Layout.E(ConsentText.CurrentVersion)}">
            <input type="hidden" name="requestKey" value="{Layout.E(string.IsNullOrEmpty(values.RequestKey) ? Guid.NewGuid().ToString("N") : values.RequestKey)}">
            <button type="submit">Anmeldung eintragen</button>
            </form>
            """);
        return sb.ToString();
    }

    private static async Task<IResult> ShowAsync(string id, string registrationId, string? erfolg, HttpContext context, EventStore events, RegistrationService registrations, CancellationToken cancellationToken)
    {
        if (!OrganiserLogin.IsSignedIn(context))
        {
            return Results.Redirect("/verwaltung");
        }
        return await RegistrationPageAsync(context, events, registrations, id, registrationId, Success(erfolg), null, cancellationToken);
    }

    private static string? Success(string? erfolg) => erfolg switch
    {
        "eingetragen" => "Die Anmeldung ist eingetragen. Die Person erhält eine E-Mail mit ihrem persönlichen Link.",
        "gespeichert" => "Die Programmpunkte sind gespeichert.",
        "abgesagt" => "Die Anmeldung ist abgesagt. Die Person erhält eine Bestätigung per E-Mail; ein freier Platz ging an die Warteliste.",
        "nachgerueckt" => "Die Person ist nachgerückt und erhält eine E-Mail.",
        _ => null,
    };

    private static async Task<IResult> RegistrationPageAsync(HttpContext context, EventStore events, RegistrationService registrations, string eventId, string registrationId,
        string? message, IReadOnlyDictionary<string, string[]>? errors, CancellationToken cancellationToken)
    {
        if (await OrganiserForms.EventAsync(events, eventId, cancellationToken) is not { } ev
            || await registrations.GetAsync(ev.Id, registrationId, cancellationToken) is not { } r)
        {
            return NotFound();
        }
        var seats = await registrations.GetSeatsAsync(ev.Id, cancellationToken);
        var url = OrganiserForms.RegistrationUrl(ev.Id, r.Id);
        var body = new StringBuilder(OrganiserForms.BackLink(ev));
        if (message is not null)
        {
            body.Append($"<p role=\"status\" class=\"notice\">{Layout.E(message)}</p>\n");
        }
        string Date(DateTimeOffset? value) => value is { } v ? BerlinTime.DateTime(v) : "";
        body.Append("<dl class=\"facts\">");
        body.Append($"<dt>Stand</dt><dd>{Layout.E(StatusTexts.Label(r.Status))}</dd>");
        body.Append($"<dt>Name</dt><dd>{Layout.E(r.Status == RegistrationStatus.Cancelled ? "(gelöscht)" : r.FullName)}</dd><dt>E-Mail</dt><dd>{Layout.E(r.Email)}</dd><dt>Organisation</dt><dd>{Layout.E(r.Organization)}</dd>");
        if (r.Role is not null) body.Append($"<dt>Funktion</dt><dd>{Layout.E(r.Role)}</dd>");
        if (r.Dietary is not null) body.Append($"<dt>Ernährung</dt><dd>{Layout.E(r.Dietary)}</dd>");
        if (r.AccessibilityNeeds is not null) body.Append($"<dt>Unterstützungsbedarf</dt><dd>{Layout.E(r.AccessibilityNeeds)}</dd>");
        body.Append($"<dt>Eingang</dt><dd>{Layout.E(SourceText(r.Source))}</dd><dt>Angemeldet am</dt><dd>{Layout.E(Date(r.CreatedAt))}</dd><dt>Bestätigt am</dt><dd>{Layout.E(Date(r.ConfirmedAt))}</dd>");
        if (r.CancelledAt is { } cancelledAt) body.Append($"<dt>Abgesagt am</dt><dd>{Layout.E(Date(cancelledAt))}</dd>");
        body.Append($"<dt>Kennung</dt><dd>{Layout.E(r.Id)}</dd></dl>\n");

        if (r.Status == RegistrationStatus.Waitlisted)
        {
            var waiting = (await registrations.ListAsync(ev.Id, cancellationToken)).Where(w => w.Status == RegistrationStatus.Waitlisted).OrderBy(w => w.ConfirmedAt).ToList();
            var place = waiting.FindIndex(w => w.Id == r.Id) + 1;
            body.Append($"<h2>Warteliste</h2>\n<p>Die Person steht auf Platz {place.ToString(CultureInfo.InvariantCulture)} der Warteliste.</p>\n");
            body.Append((await registrations.MovableByHandAsync(ev, cancellationToken)).Contains(r.Id)
                ? $"""
                    <p>Für diese Person ist jetzt ein Platz frei. Sie können sie von Hand nachrücken lassen; sie erhält dann dieselbe E-Mail wie beim automatischen Nachrücken.</p>
                    <form method="post" action="{Layout.E(url)}/nachruecken" class="desk">{OrganiserLogin.TokenField(context)}<button type="submit">Jetzt nachrücken lassen</button></form>
                    """
                : "<p>Zurzeit ist für diese Person kein Platz frei. Sie rückt automatisch nach, sobald einer frei wird.</p>\n");
        }

        if (r.IsActive && ev.ChoosableSessions.Any())
        {
            var chosen = r.Sessions.ToDictionary(c => c.Id, c => "– " + StatusTexts.Label(c.Status), StringComparer.Ordinal);
            var sessionErrors = errors ?? new Dictionary<string, string[]>();
            body.Append($"""
                <h2>Programmpunkte ändern</h2>
                <form method="post" action="{Layout.E(url)}/programmpunkte" class="desk">{OrganiserLogin.TokenField(context)}
                <fieldset class="sessions{(sessionErrors.ContainsKey("sessions") ? " invalid" : "")}"><legend>Programmpunkte der Person</legend>
                {RegistrationFormView.FieldError("sessions", sessionErrors)}
                {SessionChoices.Render(ev, seats, chosen, sessionErrors.ContainsKey("sessions") ? "f-sessions-fehler" : null)}
                </fieldset>
                <button type="submit">Programmpunkte speichern</button>
                </form>
                """);
        }
        if (r.IsActive)
        {
            body.Append($"<h2>Absagen</h2>\n<p><a href=\"{Layout.E(url)}/absagen\">Anmeldung für die Person absagen</a></p>\n");
        }
        var title = errors is null ? "Anmeldung" : "Fehler: Anmeldung";
        return Layout.Page(title, body.ToString(), errors is null ? 200 : StatusCodes.Status400BadRequest,
            errorSummary: errors is null ? null : RegistrationFormView.ErrorSummary(errors));
    }

    private static async Task<IResult> ChangeSessionsAsync(string id, string registrationId, HttpContext context, EventStore events, RegistrationService registrations, CancellationToken cancellationToken)
    {
        var posted = await OrganiserForms.ReadAsync(context, cancellationToken);
        if (posted.Form is not { } form)
        {
            return posted.Refusal!;
        }
        var outcome = await registrations.ChangeSessionsForAsync(id, registrationId, SessionChoices.FromForm(form), cancellationToken);
        switch (outcome)
        {
            case ManageOutcome.Done:
                await OrganiserAudit.RecordAsync(context, "registration.sessions", id, registrationId, "Programmpunkte einer Anmeldung geändert", cancellationToken);
                return OrganiserForms.SeeOther(OrganiserForms.RegistrationUrl(id, registrationId) + "?erfolg=gespeichert");
            case ManageOutcome.Invalid invalid:
                return await RegistrationPageAsync(context, events, registrations, id, registrationId, null, invalid.Errors, cancellationToken);
            case ManageOutcome.Closed closed:
                return Layout.Page("Änderung nicht möglich", $"<p role=\"alert\">{Layout.E(closed.Detail)}</p>", StatusCodes.Status409Conflict);
            default:
                return NotFound();
        }
    }

    private static async Task<IResult> CancelQuestionAsync(string id, string registrationId, HttpContext context, EventStore events, RegistrationService registrations, CancellationToken cancellationToken)
    {
        if (!OrganiserLogin.IsSignedIn(context))
        {
            return Results.Redirect("/verwaltung");
        }
        if (await OrganiserForms.EventAsync(events, id, cancellationToken) is not { } ev
            || await registrations.GetAsync(ev.Id, registrationId, cancellationToken) is not { IsActive: true } r)
        {
            return NotFound();
        }
        var url = OrganiserForms.RegistrationUrl(ev.Id, r.Id);
        return Layout.Page("Anmeldung absagen", $"""
            <p>Möchten Sie die Anmeldung von {Layout.E(r.FullName)} ({Layout.E(r.Organization)}) zu „{Layout.E(ev.Title)}“ absagen?</p>
            <ul>
            <li>Ein belegter Platz wird frei; die erste passende Person der Warteliste rückt nach.</li>
            <li>Die Person erhält eine Bestätigung der Abmeldung per E-Mail.</li>
            <li>Ihre persönlichen Angaben werden gelöscht. Das lässt sich nicht rückgängig machen.</li>
            </ul>
            <form method="post" action="{Layout.E(url)}/absagen" class="desk">{OrganiserLogin.TokenField(context)}<button type="submit">Ja, Anmeldung absagen</button></form>
            <p><a href="{Layout.E(url)}">Nein, zurück zur Anmeldung</a></p>
            """);
    }

    private static async Task<IResult> CancelAsync(string id, string registrationId, HttpContext context, RegistrationService registrations, CancellationToken cancellationToken)
    {
        var posted = await OrganiserForms.ReadAsync(context, cancellationToken);
        if (posted.Form is null)
        {
            return posted.Refusal!;
        }
        if (await registrations.CancelForAsync(id, registrationId, cancellationToken) is not ManageOutcome.Done)
        {
            return Layout.Page("Absagen nicht möglich", "<p role=\"alert\">Diese Anmeldung gibt es nicht oder sie ist nicht mehr aktiv.</p><p><a href=\"/verwaltung\">Zur Verwaltung</a></p>", StatusCodes.Status409Conflict);
        }
        await OrganiserAudit.RecordAsync(context, "registration.cancelled", id, registrationId, "Anmeldung für die Person abgesagt", cancellationToken);
        return OrganiserForms.SeeOther(OrganiserForms.RegistrationUrl(id, registrationId) + "?erfolg=abgesagt");
    }

    private static async Task<IResult> MoveUpAsync(string id, string registrationId, HttpContext context, RegistrationService registrations, CancellationToken cancellationToken)
    {
        var posted = await OrganiserForms.ReadAsync(context, cancellationToken);
        if (posted.Form is null)
        {
            return posted.Refusal!;
        }
        var back = $"<p><a href=\"{Layout.E(OrganiserForms.RegistrationUrl(id, registrationId))}\">Zurück zur Anmeldung</a></p>";
        switch (await registrations.MoveUpByHandAsync(id, registrationId, cancellationToken))
        {
            case MoveUpByHandOutcome.MovedUp:
                await OrganiserAudit.RecordAsync(context, "registration.movedup", id, registrationId, "Von Hand von der Warteliste nachgerückt", cancellationToken);
                return OrganiserForms.SeeOther(OrganiserForms.RegistrationUrl(id, registrationId) + "?erfolg=nachgerueckt");
            case MoveUpByHandOutcome.NoSeat noSeat:
                return Layout.Page("Nachrücken nicht möglich", $"<p role=\"alert\">{Layout.E(noSeat.Detail)}</p>{back}", StatusCodes.Status409Conflict);
            default:
                return Layout.Page("Nachrücken nicht möglich", $"<p role=\"alert\">Diese Person steht nicht (mehr) auf der Warteliste.</p>{back}", StatusCodes.Status409Conflict);
        }
    }

    private static IResult NotFound() =>
        Layout.Page("Anmeldung nicht gefunden", "<p>Diese Anmeldung oder Veranstaltung gibt es nicht. <a href=\"/verwaltung\">Zur Verwaltung</a></p>", StatusCodes.Status404NotFound);
}

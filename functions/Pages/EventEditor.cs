using System.Text;
using VirServerless.Core.Events;
using VirServerless.Core.Events.Changes;
using VirServerless.Core.Registrations;
using VirServerless.Core.Storage.Events;

using VirServerless.Functions.Pages.Desk;

namespace VirServerless.Functions.Pages;

/// <summary>
/// Creating, changing, previewing, publishing, cancelling, importing and exporting events in the organiser view.
/// Every save goes through <see cref="EventService.PublishAsync"/>, the path of <c>PUT /api/admin/events/{id}</c>, so
/// validation and change notices are the API's; a save that will mail people asks first, with their number.
/// </summary>
public static class EventEditor
{
    /// <summary>The error key of the document as a whole (EventDocument's).</summary>
    private const string DocumentKey = "$";

    public static IEndpointRouteBuilder MapEventEditor(this IEndpointRouteBuilder app)
    {
        app.MapGet("/verwaltung/neue-veranstaltung", NewAsync);
        app.MapGet("/verwaltung/veranstaltungen/{id}/bearbeiten", EditAsync);
        app.MapPost(EventEditorView.Action, PostAsync).DisableAntiforgery();
        app.MapGet("/verwaltung/veranstaltungen/{id}/vorschau", PreviewAsync);
        app.MapPost("/verwaltung/veranstaltungen/{id}/veroeffentlichen", PublishAsync).DisableAntiforgery();
        app.MapGet("/verwaltung/veranstaltungen/{id}/absagen", CancelPageAsync);
        app.MapPost("/verwaltung/veranstaltungen/{id}/absagen", CancelAsync).DisableAntiforgery();
        app.MapGet("/verwaltung/veranstaltungen/{id}/veranstaltung.json", ExportAsync);
        app.MapGet("/verwaltung/import", ImportPage);
        app.MapPost("/verwaltung/import", ImportAsync).DisableAntiforgery();
        return app;
    }

    /// <summary>The editor's links and the publish button on an event's organiser page.</summary>
    public static string Links(HttpContext context, CatalogEvent ev)
    {
        var path = $"/verwaltung/veranstaltungen/{Layout.E(Uri.EscapeDataString(ev.Id))}";
        var publish = ev.Status == EventStatus.Draft
            ? $"<form method=\"post\" action=\"{path}/veroeffentlichen\" class=\"inline\">{OrganiserLogin.TokenField(context)}<button type=\"submit\">Veröffentlichen</button></form>"
            : "";
        var cancel = ev.Status == EventStatus.Cancelled ? "" : $" · <a href=\"{path}/absagen\">Absagen</a>";
        return $"""
            <nav aria-label="Veranstaltung bearbeiten" class="editor-links"><p><a href="{path}/bearbeiten">Bearbeiten</a> · <a href="{path}/vorschau">Vorschau</a>{cancel} · <a href="{path}/veranstaltung.json" download>Als JSON exportieren</a></p>
            {publish}</nav>
            """;
    }

    /// <summary>The links of the overview: a new event, or one from a JSON document.</summary>
    public const string OverviewLinks = "<p><a class=\"button\" href=\"/verwaltung/neue-veranstaltung\">Neue Veranstaltung</a> <a href=\"/verwaltung/import\">Veranstaltung aus JSON importieren</a></p>";

    private static IResult NewAsync(HttpContext context) =>
        OrganiserLogin.IsSignedIn(context) ? Editor(context, new EventEditorModel(), new Dictionary<string, string[]>()) : Results.Redirect("/verwaltung");

    private static async Task<IResult> EditAsync(string id, HttpContext context, EventStore events, CancellationToken cancellationToken)
    {
        if (!OrganiserLogin.IsSignedIn(context))
        {
            return Results.Redirect("/verwaltung");
        }
        return await events.GetAsync(id, cancellationToken) is { } stored
            ? Editor(context, EventEditorModel.FromEvent(stored.Event, isNew: false), new Dictionary<string, string[]>())
            : EventPages.NotFound();
    }

    private static IResult Editor(HttpContext context, EventEditorModel model, IReadOnlyDictionary<string, string[]> errors, string? notice = null)
    {
        var view = new EventEditorView(model, errors, OrganiserLogin.TokenField(context));
        var back = model.IsNew ? "/verwaltung" : $"/verwaltung/veranstaltungen/{Uri.EscapeDataString(model.Id)}";
        var body = $"<p><a href=\"{Layout.E(back)}\">Zurück ohne zu speichern</a></p>\n{(notice is null ? "" : $"<p class=\"notice\" role=\"status\">{Layout.E(notice)}</p>")}\n{view.Form()}";
        var title = model.IsNew ? "Neue Veranstaltung" : $"Veranstaltung bearbeiten: {model.Title}";
        return errors.Count == 0
            ? Layout.Page(title, body)
            : Layout.Page("Fehler: " + title, body, StatusCodes.Status400BadRequest, errorSummary: view.ErrorSummary());
    }

    /// <summary>Every post of the editor: a row button, save, the confirmation step's yes, or its way back.</summary>
    private static async Task<IResult> PostAsync(HttpContext context, EventStore events, EventService publisher, RegistrationService registrations, CancellationToken cancellationToken)
    {
        var posted = await OrganiserForms.ReadAsync(context, cancellationToken);
        if (posted.Form is not { } form)
        {
            return posted.Refusal!;
        }
        var action = form["aktion"].ToString();
        if (action is "bestaetigen" or "zurueck")
        {
            if (!EventDocument.TryParse(form["dokument"].ToString(), out var confirmed, out _) || confirmed is null)
            {
                return Layout.Page("Ungültige Anfrage", "<p role=\"alert\">Die Änderung kam beschädigt an. Bitte bearbeiten Sie die Veranstaltung erneut.</p><p><a href=\"/verwaltung\">Zur Verwaltung</a></p>", 400);
            }
            var isNew = form["neu"].ToString() == "true";
            return action == "zurueck"
                ? Editor(context, EventEditorModel.FromEvent(confirmed, isNew), new Dictionary<string, string[]>())
                : await SaveAsync(context, EventEditorModel.FromEvent(confirmed, isNew), int.TryParse(form["anzahl"], out var count) ? count : null, events, publisher, registrations, cancellationToken);
        }
        var model = EventEditorModel.FromForm(form);
        if (model.TryApplyRowAction(action, out var changed))
        {
            return Editor(context, changed, new Dictionary<string, string[]>());
        }
        return await SaveAsync(context, model, null, events, publisher, registrations, cancellationToken);
    }

    private static async Task<IResult> SaveAsync(HttpContext context, EventEditorModel model, int? confirmedCount, EventStore events, EventService publisher, RegistrationService registrations, CancellationToken cancellationToken)
    {
        var (draft, errors) = model.ToEvent(EventStatus.Draft);
        var stored = EventIds.IsValid(draft.Id) ? await events.GetAsync(draft.Id, cancellationToken) : null;
        if (model.IsNew && stored is not null)
        {
            errors.TryAdd("id", [$"Es gibt bereits eine Veranstaltung mit der Kennung „{draft.Id}“. Bitte wählen Sie eine andere."]);
        }
        // The editor never changes the status: publishing and cancelling are their own actions.
        var ev = draft with { Status = stored?.Event.Status ?? EventStatus.Draft };
        foreach (var (key, messages) in EventValidator.Validate(ev))
        {
            errors.TryAdd(key, messages);
        }
        if (errors.Count > 0)
        {
            return Editor(context, model, errors);
        }
        if (stored is not null)
        {
            var next = ev with { Version = stored.Version + 1 };
            var count = await registrations.CountChangeNoticesAsync(stored.Event, next, cancellationToken);
            if (count > 0 && confirmedCount != count)
            {
                return Confirmation(context, model.IsNew, stored.Event, ev, count);
            }
        }
        return await SaveAndRecordAsync(context, ev, publisher, invalid => Editor(context, model, invalid), null, null, cancellationToken);
    }

    private static async Task<IResult> SaveAndRecordAsync(HttpContext context, CatalogEvent ev, EventService publisher,
        Func<IReadOnlyDictionary<string, string[]>, IResult> onInvalid, string? action, string? summary, CancellationToken cancellationToken)
    {
        switch (await publisher.PublishAsync(ev, cancellationToken))
        {
            case PublishOutcome.Invalid invalid:
                return onInvalid(invalid.Errors);
            case PublishOutcome.Saved { Event: var saved, Created: var created }:
                await OrganiserAudit.RecordAsync(context, action ?? (created ? "event.created" : "event.changed"), ev.Id, null,
                    $"{summary ?? (created ? "Veranstaltung im Editor angelegt" : "Veranstaltung im Editor geändert")} (Fassung {saved.Version})", cancellationToken);
                return new EventPages.SeeOther($"/verwaltung/veranstaltungen/{Uri.EscapeDataString(ev.Id)}");
            default:
                throw new InvalidOperationException("Unknown publish outcome.");
        }
    }

    private static string People(int count) => count == 1 ? "1 Person" : $"{count} Personen";

    private static IResult Confirmation(HttpContext context, bool isNew, CatalogEvent previous, CatalogEvent ev, int count)
    {
        var changes = EventChanges.Compare(previous, ev).Changes;
        var body = $"""
            <p role="status" id="benachrichtigung"><strong>Diese Änderung benachrichtigt {People(count)} per E-Mail. Speichern?</strong></p>
            <p>Die E-Mail nennt die folgenden Änderungen; jede Person erfährt nur, was sie betrifft:</p>
            <ul>{string.Concat(changes.Select(c => $"<li>{Layout.E(c.Description)}</li>"))}</ul>
            <form method="post" action="{EventEditorView.Action}">
            {OrganiserLogin.TokenField(context)}
            <input type="hidden" name="neu" value="{(isNew ? "true" : "false")}">
            <input type="hidden" name="anzahl" value="{count}">
            <input type="hidden" name="dokument" value="{Layout.E(EventJson.Serialize(ev))}">
            <button type="submit" name="aktion" value="bestaetigen">Ja, speichern und {People(count)} benachrichtigen</button>
            <button type="submit" name="aktion" value="zurueck" class="secondary">Nein, zurück zum Bearbeiten</button>
            </form>
            """;
        return Layout.Page($"Änderung speichern: {ev.Title}", body);
    }

    private static async Task<IResult> PreviewAsync(string id, HttpContext context, EventStore events, RegistrationService registrations, CancellationToken cancellationToken)
    {
        if (!OrganiserLogin.IsSignedIn(context))
        {
            return Results.Redirect("/verwaltung");
        }
        if (await events.GetAsync(id, cancellationToken) is not { Event: var ev })
        {
            return EventPages.NotFound();
        }
        var seats = await registrations.GetSeatsAsync(ev.Id, cancellationToken);
        var state = ev.Status switch
        {
            EventStatus.Draft => "Diese Veranstaltung ist ein Entwurf und noch nicht öffentlich; Anmeldungen sind erst nach der Veröffentlichung möglich.",
            EventStatus.Cancelled => "Diese Veranstaltung ist abgesagt.",
            _ => "Diese Veranstaltung ist veröffentlicht.",
        };
        var body = $"""
            <div class="notice"><p><strong>Vorschau für das Organisationsteam.</strong> So sieht die öffentliche Seite aus. {state}</p>
            <p><a href="/verwaltung/veranstaltungen/{Layout.E(Uri.EscapeDataString(ev.Id))}">Zurück zur Verwaltung der Veranstaltung</a></p></div>
            {EventPages.Body(ev, seats, registrations.WhyClosed(ev), embedded: false)}
            """;
        return Layout.Page($"Vorschau: {ev.Title}", body);
    }

    private static Task<IResult> PublishAsync(string id, HttpContext context, EventStore events, EventService publisher, CancellationToken cancellationToken) =>
        ChangeStatusAsync(id, EventStatus.Published, "event.published", "Veranstaltung veröffentlicht", context, events, publisher, cancellationToken);

    /// <summary>Publishing (only a draft) or cancelling (anything not yet cancelled) from a button with the form token.</summary>
    private static async Task<IResult> ChangeStatusAsync(string id, EventStatus status, string action, string summary, HttpContext context, EventStore events, EventService publisher, CancellationToken cancellationToken)
    {
        var posted = await OrganiserForms.ReadAsync(context, cancellationToken);
        if (posted.Form is not { } form)
        {
            return posted.Refusal!;
        }
        if (await events.GetAsync(id, cancellationToken) is not { Event: var ev })
        {
            return EventPages.NotFound();
        }
        if (ev.Status == EventStatus.Cancelled || (status == EventStatus.Published && ev.Status != EventStatus.Draft))
        {
            return new EventPages.SeeOther($"/verwaltung/veranstaltungen/{Uri.EscapeDataString(id)}");
        }
        return await SaveAndRecordAsync(context, ev with { Status = status }, publisher, invalid => Invalid(ev, invalid), action, summary, cancellationToken);
    }

    private static async Task<IResult> CancelPageAsync(string id, HttpContext context, EventStore events, RegistrationService registrations, CancellationToken cancellationToken)
    {
        if (!OrganiserLogin.IsSignedIn(context))
        {
            return Results.Redirect("/verwaltung");
        }
        if (await events.GetAsync(id, cancellationToken) is not { } stored)
        {
            return EventPages.NotFound();
        }
        var ev = stored.Event;
        var path = $"/verwaltung/veranstaltungen/{Layout.E(Uri.EscapeDataString(ev.Id))}";
        if (ev.Status == EventStatus.Cancelled)
        {
            return Layout.Page($"Absagen: {ev.Title}", $"<p>Diese Veranstaltung ist bereits abgesagt.</p><p><a href=\"{path}\">Zurück zur Veranstaltung</a></p>");
        }
        var count = await registrations.CountChangeNoticesAsync(ev, ev with { Status = EventStatus.Cancelled, Version = stored.Version + 1 }, cancellationToken);
        var body = $"""
            <p role="status" id="benachrichtigung"><strong>Die Absage benachrichtigt {People(count)} per E-Mail.</strong> Die Veranstaltung bleibt als abgesagt in der Übersicht; neue Anmeldungen sind nicht mehr möglich.</p>
            <form method="post" action="{path}/absagen">
            {OrganiserLogin.TokenField(context)}
            <button type="submit">Veranstaltung verbindlich absagen</button>
            </form>
            <p><a href="{path}">Nein, zurück zur Veranstaltung</a></p>
            """;
        return Layout.Page($"Absagen: {ev.Title}", body);
    }

    private static Task<IResult> CancelAsync(string id, HttpContext context, EventStore events, EventService publisher, CancellationToken cancellationToken) =>
        ChangeStatusAsync(id, EventStatus.Cancelled, "event.cancelled", "Veranstaltung abgesagt", context, events, publisher, cancellationToken);

    private static async Task<IResult> ExportAsync(string id, HttpContext context, EventStore events, CancellationToken cancellationToken)
    {
        if (!OrganiserLogin.IsSignedIn(context))
        {
            return Results.Redirect("/verwaltung");
        }
        if (await events.GetAsync(id, cancellationToken) is not { Event: var ev })
        {
            return EventPages.NotFound();
        }
        await OrganiserAudit.RecordAsync(context, "event.exported", ev.Id, null, "Veranstaltung als JSON exportiert", cancellationToken);
        return Results.File(Encoding.UTF8.GetBytes(EventJson.Serialize(ev)), "application/json; charset=utf-8", $"veranstaltung-{ev.Id}.json");
    }

    private static IResult ImportPage(HttpContext context) =>
        OrganiserLogin.IsSignedIn(context) ? ImportForm(context, "", null) : Results.Redirect("/verwaltung");

    private static IResult ImportForm(HttpContext context, string document, IReadOnlyDictionary<string, string[]>? errors)
    {
        var invalid = errors is { Count: > 0 };
        var messages = invalid ? string.Join(" ", errors!.SelectMany(e => e.Value.Select(m => e.Key == DocumentKey ? m : $"{e.Key}: {m}"))) : "";
        var summary = invalid ? $"""
            <div class="error-summary" id="fehlerliste" role="alert" tabindex="-1" autofocus aria-labelledby="fehlerliste-titel">
            <h2 id="fehlerliste-titel">Das Dokument lässt sich nicht lesen</h2>
            <ul>{string.Concat(errors!.SelectMany(e => e.Value.Select(m => $"<li><a href=\"#f-dokument\">{Layout.E(e.Key == DocumentKey ? m : $"{e.Key}: {m}")}</a></li>")))}</ul></div>
            """ : null;
        var body = $"""
            <p><a href="/verwaltung">Zurück zur Übersicht</a></p>
            <p>Laden Sie ein Dokument im Katalogformat (catalog/event.schema.json) hoch oder fügen Sie es ein. Es wird geprüft und im Editor geöffnet; gespeichert wird erst dort.</p>
            <form method="post" action="/verwaltung/import" enctype="multipart/form-data" class="editor" novalidate>
            {OrganiserLogin.TokenField(context)}
            <div class="field"><label for="f-datei">JSON-Datei</label><input type="file" id="f-datei" name="datei" accept=".json,application/json"></div>
            <div class="field{(invalid ? " invalid" : "")}"><label for="f-dokument">Oder das Dokument einfügen</label>
            {(invalid ? $"<p class=\"field-error\" id=\"f-dokument-fehler\"><span class=\"visually-hidden\">Fehler: </span>{Layout.E(messages)}</p>" : "")}
            <textarea id="f-dokument" name="dokument" rows="12"{(invalid ? " aria-invalid=\"true\" aria-describedby=\"f-dokument-fehler\"" : "")}>{Layout.E(document)}</textarea></div>
            <button type="submit">Prüfen und im Editor öffnen</button>
            </form>
            """;
        return Layout.Page(invalid ? "Fehler: Veranstaltung importieren" : "Veranstaltung importieren", body, invalid ? 400 : 200, errorSummary: summary);
    }

    private static async Task<IResult> ImportAsync(HttpContext context, EventStore events, CancellationToken cancellationToken)
    {
        var posted = await OrganiserForms.ReadAsync(context, cancellationToken);
        if (posted.Form is not { } form)
        {
            return posted.Refusal!;
        }
        var document = form["dokument"].ToString();
        if (form.Files.GetFile("datei") is { Length: > 0 } file)
        {
            using var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8);
            document = await reader.ReadToEndAsync(cancellationToken);
        }
        if (document.Trim().Length == 0)
        {
            return ImportForm(context, document, new Dictionary<string, string[]> { [DocumentKey] = ["Bitte wählen Sie eine Datei aus oder fügen Sie ein Dokument ein."] });
        }
        // A document that breaks only catalog rules still opens in the editor, with the messages at the fields.
        if (!EventDocument.TryParse(document, out var parsed, out var errors) && parsed is null)
        {
            return ImportForm(context, document, errors);
        }
        var ev = parsed!;
        var isNew = await events.GetAsync(ev.Id, cancellationToken) is null;
        var notice = isNew
            ? "Das Dokument wurde gelesen. Bitte prüfen Sie die Angaben und speichern Sie die neue Veranstaltung."
            : "Das Dokument wurde gelesen und ersetzt beim Speichern die bestehende Veranstaltung mit dieser Kennung. Bitte prüfen Sie die Angaben.";
        return Editor(context, EventEditorModel.FromEvent(ev, isNew), errors, notice);
    }

    private static IResult Invalid(CatalogEvent ev, IReadOnlyDictionary<string, string[]> errors) =>
        Layout.Page($"Fehler: {ev.Title}", $"""
            <p role="alert">Die Veranstaltung verletzt Regeln des Katalogs. Bitte korrigieren Sie sie im Editor:</p>
            <ul>{string.Concat(errors.SelectMany(e => e.Value.Select(m => $"<li>{Layout.E(m)}</li>")))}</ul>
            <p><a href="/verwaltung/veranstaltungen/{Layout.E(Uri.EscapeDataString(ev.Id))}/bearbeiten">Bearbeiten</a></p>
            """, 400);
}

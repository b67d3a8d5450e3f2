using System.Text;
using VirServerless.Core.Events;
using VirServerless.Core.Registrations;

namespace VirServerless.Functions.Pages;

/// <summary>
/// The registration form. Errors show twice: in a summary at the top (<see cref="ErrorSummary"/>) and at each
/// field, tied to it with aria-describedby. site.js enhances the same markup and posts to the JSON API.
/// </summary>
public static class RegistrationFormView
{
    /// <summary>Field names in the order they appear, with the German label used in the summary.</summary>
    public static readonly (string Name, string Label)[] Fields =
    [
        ("firstName", "Vorname"), ("lastName", "Nachname"), ("email", "E-Mail-Adresse"), ("organization", "Kommune oder Behörde"),
        ("role", "Funktion"), ("sessions", "Programmpunkte"), ("dietary", "Ernährung"), ("accessibilityNeeds", "Unterstützungsbedarf"),
        ("consent", "Einwilligung"),
    ];

    public static string ErrorSummary(IReadOnlyDictionary<string, string[]> errors) => ErrorSummaryOf(errors, Fields);

    /// <summary>The summary of another form: <paramref name="fields"/> are its field names in order (each control's id is <c>f-{name}</c>).</summary>
    public static string ErrorSummaryOf(IReadOnlyDictionary<string, string[]> errors, (string Name, string Label)[] fields)
    {
        var items = new StringBuilder();
        foreach (var (field, messages) in errors.OrderBy(e => Array.FindIndex(fields, f => f.Name == e.Key) is var i && i < 0 ? int.MaxValue : i))
        {
            var known = fields.Any(f => f.Name == field);
            foreach (var message in messages)
            {
                items.Append(known ? $"<li><a href=\"#f-{field}\">{Layout.E(message)}</a></li>" : $"<li>{Layout.E(message)}</li>");
            }
        }
        // autofocus moves focus here without script; site.js does the same after a fetch.
        return $"""
            <div class="error-summary" id="fehlerliste" role="alert" tabindex="-1" autofocus aria-labelledby="fehlerliste-titel">
            <h2 id="fehlerliste-titel">Bitte prüfen Sie Ihre Angaben</h2>
            <ul>{items}</ul>
            </div>
            """;
    }

    public static string Render(CatalogEvent ev, SeatCounters seats, RegistrationRequest? values, IReadOnlyDictionary<string, string[]> errors, bool embedded)
    {
        values ??= new RegistrationRequest();
        var chosen = (values.Sessions ?? []).ToDictionary(id => id, _ => "", StringComparer.Ordinal);
        var action = $"/veranstaltungen/{Uri.EscapeDataString(ev.Id)}/anmelden{(embedded ? "?einbetten=1" : "")}";
        var eventFull = seats.EventFree(ev) is 0;
        var sb = new StringBuilder();
        sb.Append($"""
            <form method="post" action="{Layout.E(action)}" class="registration" novalidate{(eventFull ? " data-event-full=\"true\"" : "")} data-api="/api/events/{Layout.E(Uri.EscapeDataString(ev.Id))}/registrations" data-success="{Layout.E(SuccessUrl(ev.Id, embedded))}">
            <div class="error-summary-slot"></div>
            <p>Pflichtfelder sind mit „(Pflichtfeld)“ gekennzeichnet.</p>
            {(eventFull ? "<p class=\"notice\">Alle Plätze sind vergeben. Wenn Sie sich jetzt anmelden und bestätigen, kommen Sie auf die Warteliste und rücken automatisch nach, sobald ein Platz frei wird.</p>" : "")}
            <fieldset><legend>Ihre Angaben</legend>
            {Input("firstName", "Vorname", values.FirstName, errors, required: true, autocomplete: "given-name")}
            {Input("lastName", "Nachname", values.LastName, errors, required: true, autocomplete: "family-name")}
            {Input("email", "E-Mail-Adresse", values.Email, errors, required: true, autocomplete: "email", type: "email", hint: "An diese Adresse senden wir den Link zur Bestätigung.")}
            {Input("organization", "Kommune oder Behörde", values.Organization, errors, required: true, autocomplete: "organization")}
            {Input("role", "Funktion", values.Role, errors, required: false, autocomplete: "organization-title")}
            </fieldset>
            """);
        if (ev.ChoosableSessions.Any())
        {
            var errorId = errors.ContainsKey("sessions") ? "f-sessions-fehler" : null;
            sb.Append($"""
                <fieldset class="sessions{(errorId is null ? "" : " invalid")}"><legend>Programmpunkte zur Auswahl</legend>
                <p class="hint">Wählen Sie, woran Sie teilnehmen möchten. Ist ein Programmpunkt ausgebucht, kommen Sie auf seine Warteliste.</p>
                {FieldError("sessions", errors)}
                {SessionChoices.Render(ev, seats, chosen, errorId)}
                </fieldset>
                """);
        }
        sb.Append($"""
            <fieldset><legend>Weitere Angaben</legend>
            {TextArea("dietary", "Ernährung (optional)", values.Dietary, errors, "Zum Beispiel vegetarisch, vegan oder Unverträglichkeiten.")}
            {TextArea("accessibilityNeeds", "Unterstützungsbedarf (optional)", values.AccessibilityNeeds, errors, "Was brauchen Sie, um gut teilnehmen zu können? Zum Beispiel Gebärdensprachdolmetschung oder einen stufenlosen Zugang.")}
            </fieldset>
            <div class="field consent{(errors.ContainsKey("consent") ? " invalid" : "")}">
            {FieldError("consent", errors)}
            <input type="checkbox" id="f-consent" name="consent" value="true" required{(values.Consent ? " checked" : "")}{Describe("consent", errors, "f-consent-text")}>
            <label for="f-consent">Ich stimme zu (Pflichtfeld)</label>
            <p class="hint" id="f-consent-text">{Layout.E(ConsentText.Current)} <a href="/datenschutz"{(embedded ? " target=\"_blank\" rel=\"noopener\"" : "")}>Datenschutzhinweise{(embedded ? " (neues Fenster)" : "")}</a>, Fassung vom {Layout.E(ConsentText.CurrentVersion)}.</p>
            </div>
            <input type="hidden" name="consentVersion" value="{Layout.E(ConsentText.CurrentVersion)}">
            <input type="hidden" name="requestKey" value="{Layout.E(string.IsNullOrEmpty(values.RequestKey) ? Guid.NewGuid().ToString("N") : values.RequestKey)}">
            <div class="hp" aria-hidden="true"><label for="f-website">Website (bitte leer lassen)</label><input type="text" id="f-website" name="website" value="" tabindex="-1" autocomplete="off"></div>
            <button type="submit">Verbindlich anmelden</button>
            </form>
            <div class="success" id="anmeldung-erfolg" hidden>
            <h2 tabindex="-1">Fast geschafft: Bitte prüfen Sie Ihr Postfach</h2>
            <p>Wir haben Ihnen eine E-Mail geschickt. Bitte bestätigen Sie Ihre Anmeldung über den Link darin. Erst dann ist Ihre Anmeldung gültig.</p>
            <ul class="waitlist-notes"></ul>
            </div>
            """);
        return sb.ToString();
    }

    public static string SuccessUrl(string eventId, bool embedded) =>
        $"/veranstaltungen/{Uri.EscapeDataString(eventId)}/angemeldet{(embedded ? "?einbetten=1" : "")}";

    internal static string Input(string name, string label, string? value, IReadOnlyDictionary<string, string[]> errors, bool required, string autocomplete, string type = "text", string? hint = null)
    {
        var hintId = hint is null ? null : $"f-{name}-hinweis";
        return $"""
            <div class="field{(errors.ContainsKey(name) ? " invalid" : "")}">
            <label for="f-{name}">{Layout.E(label)}{(required ? " (Pflichtfeld)" : " (optional)")}</label>
            {(hint is null ? "" : $"<p class=\"hint\" id=\"{hintId}\">{Layout.E(hint)}</p>")}
            {FieldError(name, errors)}
            <input type="{type}" id="f-{name}" name="{name}" value="{Layout.E(value)}" autocomplete="{autocomplete}"{(required ? " required" : "")} maxlength="{MaxLength(name)}"{Describe(name, errors, hintId)}>
            </div>
            """;
    }

    private static int MaxLength(string name) => name switch
    {
        "organization" => RegistrationRequestValidator.MaxOrganizationLength,
        "role" => RegistrationRequestValidator.MaxRoleLength,
        _ => RegistrationRequestValidator.MaxNameLength,
    };

    internal static string TextArea(string name, string label, string? value, IReadOnlyDictionary<string, string[]> errors, string hint) => $"""
        <div class="field{(errors.ContainsKey(name) ? " invalid" : "")}">
        <label for="f-{name}">{Layout.E(label)}</label>
        <p class="hint" id="f-{name}-hinweis">{Layout.E(hint)}</p>
        {FieldError(name, errors)}
        <textarea id="f-{name}" name="{name}" rows="3" maxlength="{RegistrationRequestValidator.MaxTextLength}"{Describe(name, errors, $"f-{name}-hinweis")}>{Layout.E(value)}</textarea>
        </div>
        """;

    internal static string FieldError(string name, IReadOnlyDictionary<string, string[]> errors) =>
        errors.TryGetValue(name, out var messages)
            ? $"<p class=\"field-error\" id=\"f-{name}-fehler\"><span class=\"visually-hidden\">Fehler: </span>{Layout.E(string.Join(" ", messages))}</p>"
            : "";

    internal static string Describe(string name, IReadOnlyDictionary<string, string[]> errors, string? hintId)
    {
        List<string> ids = [.. hintId is null ? [] : new[] { hintId }];
        if (errors.ContainsKey(name))
        {
            ids.Add($"f-{name}-fehler");
        }
        var describedBy = ids.Count > 0 ? $" aria-describedby=\"{string.Join(' ', ids)}\"" : "";
        return describedBy + (errors.ContainsKey(name) ? " aria-invalid=\"true\"" : "");
    }
}

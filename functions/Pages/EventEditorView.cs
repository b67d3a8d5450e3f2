using System.Text;
using System.Text.RegularExpressions;

namespace VirServerless.Functions.Pages;

/// <summary>
/// The event editor form. Without JavaScript every list (programme, FAQ) is edited with submit buttons that post the
/// whole form and get it back changed. Errors show in a summary below the h1 (<see cref="ErrorSummary"/>) and at each
/// field, tied to it with aria-invalid and aria-describedby, as in the registration form.
/// </summary>
public sealed partial class EventEditorView(EventEditorModel model, IReadOnlyDictionary<string, string[]> errors, string tokenField)
{
    public const string Action = "/verwaltung/bearbeiten";

    private readonly Dictionary<string, string[]> byField = Group(errors);
    private readonly HashSet<string> rendered = new(StringComparer.Ordinal);

    private static readonly (string Value, string Label)[] EventKinds =
        [("plenum", "Plenum"), ("marktplatz", "Marktplatz"), ("conference", "Konferenz"), ("workshop", "Workshop"), ("other", "Sonstiges")];

    private static readonly (string Value, string Label)[] SessionKinds =
        [("talk", "Vortrag"), ("panel", "Podiumsgespräch"), ("workshop", "Workshop"), ("excursion", "Exkursion"), ("meal", "Essen"), ("break", "Pause"), ("station", "Station"), ("other", "Sonstiges")];

    /// <summary>The field id of a form name: <c>sessions[2].title</c> → <c>f-sessions-2-title</c>.</summary>
    public static string FieldId(string name) => "f-" + NonWord().Replace(name, "-").Trim('-');

    public string Form()
    {
        var m = model;
        var sb = new StringBuilder();
        sb.Append($"""
            <form method="post" action="{Action}" class="editor" novalidate>
            {tokenField}
            <input type="hidden" name="neu" value="{(m.IsNew ? "true" : "false")}">
            <p>Pflichtfelder sind mit „(Pflichtfeld)“ gekennzeichnet. Zeiten gelten in deutscher Ortszeit.</p>
            <button type="submit" name="aktion" value="speichern">{(m.IsNew ? "Als Entwurf speichern" : "Änderungen speichern")}</button>
            <fieldset><legend>Allgemeines</legend>
            {Input("title", "Titel (Pflichtfeld)", m.Title, required: true)}
            {(m.IsNew
                ? Input("id", "Kennung", m.Id, hint: "Teil der Adresse, z. B. plenum-2027-aurich: Kleinbuchstaben, Ziffern und Bindestriche. Bleibt das Feld leer, wird sie aus dem Titel gebildet. Sie lässt sich später nicht mehr ändern.")
                : Input("id", "Kennung", m.Id, hint: "Die Kennung ist Teil der Adresse und lässt sich nicht mehr ändern.", readOnly: true))}
            {Select("kind", "Art der Veranstaltung", m.Kind, EventKinds)}
            {Input("motto", "Motto", m.Motto)}
            {TextArea("summary", "Kurzbeschreibung", m.Summary, "Ein bis zwei Sätze für Übersichten und den Bot.", 2)}
            {TextArea("description", "Beschreibung", m.Description, "Absätze durch eine Leerzeile trennen; **so** wird Text fett.", 6)}
            {Input("start", "Beginn (Pflichtfeld)", m.Start, type: "datetime-local", required: true)}
            {Input("end", "Ende (Pflichtfeld)", m.End, type: "datetime-local", required: true, hint: "Bei mehrtägigen Veranstaltungen das Ende am letzten Tag.")}
            {TextArea("topics", "Themen", m.Topics, "Ein Thema je Zeile, z. B. E-Akte.", 3)}
            </fieldset>
            <fieldset><legend>Veranstaltungsort</legend>
            {Input("venue.name", "Name des Orts", m.VenueName, hint: "Pflicht, sobald Sie Angaben zum Ort machen.")}
            {Input("venue.street", "Straße und Hausnummer", m.VenueStreet, autocomplete: "off")}
            {Input("venue.postalCode", "Postleitzahl", m.VenuePostalCode, inputMode: "numeric")}
            {Input("venue.city", "Ort", m.VenueCity)}
            {TextArea("venue.directions", "Anreise", m.VenueDirections, "Mit öffentlichen Verkehrsmitteln und mit dem Auto, Parken.", 3)}
            {TextArea("venue.accessibility", "Barrierefreiheit vor Ort", m.VenueAccessibility, "Zum Beispiel stufenloser Zugang, Aufzug, Induktionsschleife.", 3)}
            </fieldset>
            <fieldset><legend>Gastgeber und Kontakt</legend>
            {Input("host", "Gastgebende Kommune oder Einrichtung", m.Host)}
            {Input("contact.name", "Ansprechperson oder -stelle", m.ContactName, hint: "Pflicht, sobald Sie Kontaktangaben machen.")}
            {Input("contact.email", "E-Mail-Adresse", m.ContactEmail, type: "email")}
            {Input("contact.phone", "Telefon", m.ContactPhone, type: "tel")}
            </fieldset>
            <fieldset><legend>Anmeldung</legend>
            {Checkbox("registration.enabled", "Anmeldung über die Website möglich", m.HasRegistration)}
            {Input("registration.opens", "Anmeldebeginn", m.Opens, type: "datetime-local", hint: "Leer: sofort nach der Veröffentlichung.")}
            {Input("registration.closes", "Anmeldeschluss", m.Closes, type: "datetime-local", hint: "Leer: bis zum Ende der Veranstaltung.")}
            {Input("registration.capacity", "Plätze", m.Capacity, type: "number", hint: "Leer: ohne Begrenzung.")}
            {Checkbox("registration.waitlist", "Warteliste, wenn alle Plätze vergeben sind", m.Waitlist)}
            {Input("registration.fee", "Kosten", m.Fee, hint: "Zum Beispiel „kostenlos“ oder „25 Euro, Rechnung an die Kommune“.")}
            {Input("registration.maxPerOrganization", "Höchstzahl an Anmeldungen je Organisation", m.MaxPerOrganization, type: "number", hint: "Leer: ohne Begrenzung.")}
            </fieldset>
            <fieldset><legend>Erinnerungen und Datenschutz</legend>
            {TextArea("reminders", "Erinnerungsmails vor dem Beginn", m.Reminders, "Eine Angabe je Zeile als ISO-8601-Dauer: P7D = sieben Tage, P1W = eine Woche, PT12H = zwölf Stunden.", 2)}
            {Input("retentionDays", "Aufbewahrungsfrist der Anmeldedaten in Tagen nach dem Ende", m.RetentionDays, type: "number", hint: "Zwischen 1 und 3650; leer: die Voreinstellung der Plattform.")}
            </fieldset>
            """);

        sb.Append("<h2 id=\"programm\">Programm</h2>\n");
        sb.Append(m.Sessions.Count == 0 ? "<p>Noch keine Programmpunkte.</p>\n" : "");
        for (var i = 0; i < m.Sessions.Count; i++)
        {
            var s = m.Sessions[i];
            var p = $"sessions[{i}].";
            sb.Append($"""
                <fieldset class="row{RowInvalid(p)}"><legend>Programmpunkt {i + 1}{(s.Title.Trim().Length == 0 ? "" : ": " + Layout.E(s.Title))}</legend>
                {Input(p + "title", "Titel (Pflichtfeld)", s.Title, required: true)}
                {Input(p + "id", "Kennung", s.Id, hint: "Leer: wird aus dem Titel gebildet. Nach der ersten Anmeldung nicht mehr ändern, die Anmeldungen verweisen darauf.")}
                {Select(p + "kind", "Art", s.Kind, SessionKinds)}
                {Input(p + "start", "Beginn (Pflichtfeld)", s.Start, type: "datetime-local", required: true)}
                {Input(p + "end", "Ende (Pflichtfeld)", s.End, type: "datetime-local", required: true)}
                {Input(p + "room", "Raum", s.Room)}
                {TextArea(p + "speakers", "Mitwirkende", s.Speakers, "Ein Name je Zeile.", 2)}
                {TextArea(p + "description", "Beschreibung", s.Description, null, 2)}
                {Checkbox(p + "choosable", "Bei der Anmeldung wählbar", s.Choosable)}
                {Input(p + "capacity", "Plätze dieses Programmpunkts", s.Capacity, type: "number", hint: "Nur für wählbare Programmpunkte; leer: ohne Begrenzung.")}
                {RowButtons("programmpunkt", p, i, m.Sessions.Count, $"Programmpunkt {i + 1}")}
                </fieldset>
                """);
        }
        sb.Append("<button type=\"submit\" name=\"aktion\" value=\"programmpunkt-neu\" class=\"secondary\">Programmpunkt hinzufügen</button>\n");

        sb.Append("<h2 id=\"fragen\">Häufige Fragen</h2>\n");
        sb.Append(m.Faq.Count == 0 ? "<p>Noch keine Fragen.</p>\n" : "");
        for (var i = 0; i < m.Faq.Count; i++)
        {
            var p = $"faq[{i}].";
            sb.Append($"""
                <fieldset class="row{RowInvalid(p)}"><legend>Frage {i + 1}</legend>
                {Input(p + "question", "Frage (Pflichtfeld)", m.Faq[i].Question, required: true)}
                {TextArea(p + "answer", "Antwort (Pflichtfeld)", m.Faq[i].Answer, null, 3, required: true)}
                {RowButtons("frage", p, i, m.Faq.Count, $"Frage {i + 1}")}
                </fieldset>
                """);
        }
        sb.Append("<button type=\"submit\" name=\"aktion\" value=\"frage-neu\" class=\"secondary\">Frage hinzufügen</button>\n");
        sb.Append($"<p><button type=\"submit\" name=\"aktion\" value=\"speichern\">{(m.IsNew ? "Als Entwurf speichern" : "Änderungen speichern")}</button></p>\n</form>\n");
        return sb.ToString();
    }

    /// <summary>The summary below the h1; call after <see cref="Form"/>, which records the fields that exist to link to.</summary>
    public string? ErrorSummary()
    {
        if (byField.Count == 0)
        {
            return null;
        }
        var items = new StringBuilder();
        foreach (var (field, messages) in byField)
        {
            foreach (var message in messages)
            {
                items.Append(rendered.Contains(field) ? $"<li><a href=\"#{FieldId(field)}\">{Layout.E(message)}</a></li>" : $"<li>{Layout.E(message)}</li>");
            }
        }
        return $"""
            <div class="error-summary" id="fehlerliste" role="alert" tabindex="-1" autofocus aria-labelledby="fehlerliste-titel">
            <h2 id="fehlerliste-titel">Bitte prüfen Sie Ihre Angaben</h2>
            <ul>{items}</ul>
            </div>
            """;
    }

    /// <summary>List entries (<c>topics[2]</c>, <c>sessions[0].speakers[1]</c>) belong to their one-per-line field.</summary>
    private static Dictionary<string, string[]> Group(IReadOnlyDictionary<string, string[]> errors)
    {
        var grouped = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (key, messages) in errors)
        {
            var field = ListEntry().Match(key) is { Success: true } match ? match.Groups["field"].Value : key;
            grouped[field] = [.. (grouped.GetValueOrDefault(field) ?? []).Concat(messages).Distinct()];
        }
        return grouped;
    }

    private string RowInvalid(string prefix) => byField.ContainsKey(prefix.TrimEnd('.')) ? " invalid" : "";

    private string RowButtons(string list, string prefix, int index, int count, string what)
    {
        // A row moved to the top or bottom loses the button just pressed; focus then goes to the one in the other direction.
        var focus = model.Focus;
        if ((focus == prefix + "aktion-hoch" && index == 0) || (focus == prefix + "aktion-runter" && index == count - 1))
        {
            focus = prefix + (count == 1 ? "aktion-entfernen" : index == 0 ? "aktion-runter" : "aktion-hoch");
        }
        string Button(string verb, string label, bool enabled) => enabled
            ? $"<button type=\"submit\" name=\"aktion\" value=\"{list}-{verb}-{index}\" id=\"{FieldId(prefix + "aktion-" + verb)}\" class=\"secondary\"{(focus == prefix + "aktion-" + verb ? " autofocus" : "")}>{label}<span class=\"visually-hidden\"> ({what})</span></button>"
            : "";
        var rowError = byField.TryGetValue(prefix.TrimEnd('.'), out var messages)
            ? string.Concat(messages.Select(msg => $"<p class=\"field-error\"><span class=\"visually-hidden\">Fehler: </span>{Layout.E(msg)}</p>"))
            : "";
        return $"{rowError}<div class=\"row-actions\">{Button("hoch", "Nach oben", index > 0)}{Button("runter", "Nach unten", index < count - 1)}{Button("entfernen", "Entfernen", true)}</div>";
    }

    private string Autofocus(string name) => model.Focus == name ? " autofocus" : "";

    private (string Css, string Error, string Describe) State(string name, string? hintId)
    {
        rendered.Add(name);
        var id = FieldId(name);
        if (!byField.TryGetValue(name, out var messages))
        {
            return ("", "", hintId is null ? "" : $" aria-describedby=\"{hintId}\"");
        }
        var error = $"<p class=\"field-error\" id=\"{id}-fehler\"><span class=\"visually-hidden\">Fehler: </span>{Layout.E(string.Join(" ", messages))}</p>";
        return (" invalid", error, $" aria-invalid=\"true\" aria-describedby=\"{id}-fehler{(hintId is null ? "" : " " + hintId)}\"");
    }

    private static string Hint(string id, string? hint) => hint is null ? "" : $"<p class=\"hint\" id=\"{id}-hinweis\">{Layout.E(hint)}</p>";

    private string Input(string name, string label, string value, string type = "text", bool required = false, string? hint = null,
        bool readOnly = false, string? autocomplete = null, string? inputMode = null)
    {
        var id = FieldId(name);
        var (css, error, describe) = State(name, hint is null ? null : id + "-hinweis");
        var attributes = (required ? " required" : "") + (readOnly ? " readonly" : "") + (type == "number" ? " inputmode=\"numeric\"" : "")
            + (inputMode is null ? "" : $" inputmode=\"{inputMode}\"") + (autocomplete is null ? "" : $" autocomplete=\"{autocomplete}\"") + Autofocus(name);
        return $"<div class=\"field{css}\"><label for=\"{id}\">{label}</label>{Hint(id, hint)}{error}<input type=\"{type}\" id=\"{id}\" name=\"{Layout.E(name)}\" value=\"{Layout.E(value)}\"{attributes}{describe}></div>";
    }

    private string TextArea(string name, string label, string value, string? hint, int rows, bool required = false)
    {
        var id = FieldId(name);
        var (css, error, describe) = State(name, hint is null ? null : id + "-hinweis");
        return $"<div class=\"field{css}\"><label for=\"{id}\">{label}</label>{Hint(id, hint)}{error}<textarea id=\"{id}\" name=\"{Layout.E(name)}\" rows=\"{rows}\"{(required ? " required" : "")}{Autofocus(name)}{describe}>{Layout.E(value)}</textarea></div>";
    }

    private string Select(string name, string label, string value, (string Value, string Label)[] options)
    {
        var id = FieldId(name);
        var (css, error, describe) = State(name, null);
        var items = string.Concat(options.Select(o => $"<option value=\"{o.Value}\"{(o.Value == value ? " selected" : "")}>{o.Label}</option>"));
        return $"<div class=\"field{css}\"><label for=\"{id}\">{label}</label>{error}<select id=\"{id}\" name=\"{Layout.E(name)}\"{describe}>{items}</select></div>";
    }

    private string Checkbox(string name, string label, bool isChecked)
    {
        var id = FieldId(name);
        var (css, error, describe) = State(name, null);
        return $"<div class=\"field choice{css}\">{error}<input type=\"checkbox\" id=\"{id}\" name=\"{Layout.E(name)}\" value=\"true\"{(isChecked ? " checked" : "")}{describe}><label for=\"{id}\">{label}</label></div>";
    }

    [GeneratedRegex("[^A-Za-z0-9]+", RegexOptions.CultureInvariant)]
    private static partial Regex NonWord();

    [GeneratedRegex(@"^(?<field>topics|reminders|sessions\[[0-9]+\]\.speakers)\[[0-9]+\]\z", RegexOptions.CultureInvariant)]
    private static partial Regex ListEntry();
}

using System.Globalization;
using System.Text;
using VirServerless.Core.Events;
using VirServerless.Core.Messages;
using VirServerless.Core.Outbox;
using VirServerless.Core.Registrations;
using VirServerless.Core.Storage.Events;

namespace VirServerless.Functions.Pages.Desk;

/// <summary>
/// Messages to attendees: write (subject and text), check the number of recipients, send. The message id is
/// created with the form and travels with it through every step, so a double submit queues nobody twice.
/// </summary>
public static class AttendeeMessagePages
{
    private static readonly (string Name, string Label)[] Fields = [("audience", "Empfänger"), ("subject", "Betreff"), ("text", "Text")];

    public static IEndpointRouteBuilder MapAttendeeMessages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/verwaltung/veranstaltungen/{id}/nachricht", ComposeAsync);
        app.MapPost("/verwaltung/veranstaltungen/{id}/nachricht", PostAsync).DisableAntiforgery();
        app.MapGet("/verwaltung/veranstaltungen/{id}/nachricht/{messageId}", ResultAsync);
        return app;
    }

    private sealed record Draft(string Id, string? Audience, string? Subject, string? Text);

    private static async Task<IResult> ComposeAsync(string id, HttpContext context, EventStore events, RegistrationService registrations, CancellationToken cancellationToken)
    {
        if (!OrganiserLogin.IsSignedIn(context))
        {
            return Results.Redirect("/verwaltung");
        }
        if (await OrganiserForms.EventAsync(events, id, cancellationToken) is not { } ev)
        {
            return EventPages.NotFound();
        }
        var draft = new Draft(AttendeeMessage.NewId(), null, null, null);
        return Layout.Page("Nachricht an Teilnehmende", ComposeForm(context, ev, await registrations.ListAsync(ev.Id, cancellationToken), draft, new Dictionary<string, string[]>()));
    }

    private static async Task<IResult> PostAsync(string id, HttpContext context, EventStore events, RegistrationService registrations, AttendeeMessageService messages, CancellationToken cancellationToken)
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
        var draft = new Draft(form["id"].ToString(), form["audience"], form["subject"], form["text"]);
        var all = await registrations.ListAsync(ev.Id, cancellationToken);
        var errors = AttendeeMessage.Validate(draft.Id, draft.Audience, draft.Subject, draft.Text, ev, out var message);
        var step = form["schritt"].ToString();
        if (step == "bearbeiten" || message is null)
        {
            return errors.Count == 0
                ? Layout.Page("Nachricht an Teilnehmende", ComposeForm(context, ev, all, draft, errors))
                : ComposeErrorPage(context, ev, all, draft, errors);
        }
        var recipients = message.RecipientsAmong(all);
        if (step != "senden")
        {
            return Layout.Page("Nachricht prüfen", Confirmation(context, ev, message, recipients.Count));
        }
        if (recipients.Count == 0)
        {
            return ComposeErrorPage(context, ev, all, draft, new() { ["audience"] = ["An diese Auswahl geht die Nachricht an niemanden. Bitte wählen Sie andere Empfänger."] });
        }
        var sent = await messages.SendAsync(ev, message, cancellationToken);
        if (sent.Queued > 0)
        {
            await OrganiserAudit.RecordAsync(context, "message.sent", ev.Id, null,
                $"Nachricht an {AudienceText(ev, message.Audience, message.SessionId)} geschickt: {sent.Queued.ToString(CultureInfo.InvariantCulture)} E-Mails (Nachricht {message.Id})", cancellationToken);
        }
        return OrganiserForms.SeeOther($"{OrganiserForms.EventUrl(ev.Id)}/nachricht/{message.Id}");
    }

    private static IResult ComposeErrorPage(HttpContext context, CatalogEvent ev, IReadOnlyList<Registration> all, Draft draft, Dictionary<string, string[]> errors) =>
        Layout.Page("Fehler: Nachricht an Teilnehmende", ComposeForm(context, ev, all, draft with { Id = AttendeeMessage.IsId(draft.Id) ? draft.Id : AttendeeMessage.NewId() }, errors),
            StatusCodes.Status400BadRequest, errorSummary: RegistrationFormView.ErrorSummaryOf(errors, Fields));

    private static string AudienceText(CatalogEvent ev, MessageAudience audience, string? sessionId) => audience switch
    {
        MessageAudience.Confirmed => "alle mit bestätigtem Platz",
        MessageAudience.Waitlisted => "alle auf der Warteliste",
        _ => $"alle mit gebuchtem Platz in „{ev.FindSession(sessionId ?? "")?.Title ?? sessionId}“",
    };

    private static string ComposeForm(HttpContext context, CatalogEvent ev, IReadOnlyList<Registration> all, Draft draft, Dictionary<string, string[]> errors)
    {
        List<(MessageAudience Audience, string? SessionId)> audiences = [(MessageAudience.Confirmed, null), (MessageAudience.Waitlisted, null), .. ev.ChoosableSessions.Select(s => (MessageAudience.Session, (string?)s.Id))];
        var options = new StringBuilder();
        for (var i = 0; i < audiences.Count; i++)
        {
            var (audience, sessionId) = audiences[i];
            var value = AttendeeMessage.AudienceValue(audience, sessionId);
            var count = AttendeeMessage.Recipients(all, audience, sessionId).Count;
            var controlId = i == 0 ? "f-audience" : $"f-audience-{i + 1}";
            var label = $"{char.ToUpperInvariant(AudienceText(ev, audience, sessionId)[0])}{AudienceText(ev, audience, sessionId)[1..]} ({Persons(count)})";
            options.Append($"<div class=\"choice\"><input type=\"radio\" id=\"{controlId}\" name=\"audience\" value=\"{Layout.E(value)}\"{(draft.Audience == value ? " checked" : "")}{(i == 0 ? RegistrationFormView.Describe("audience", errors, null) : "")}> <label for=\"{controlId}\">{Layout.E(label)}</label></div>\n");
        }
        return $"""
            {OrganiserForms.BackLink(ev)}
            <p>Schreiben Sie den Angemeldeten von „{Layout.E(ev.Title)}“ eine E-Mail. Im nächsten Schritt sehen Sie, wie viele Personen sie erhalten, und senden sie erst dann ab.</p>
            <form method="post" action="{Layout.E(OrganiserForms.EventUrl(ev.Id))}/nachricht" class="desk" novalidate>
            {OrganiserLogin.TokenField(context)}
            <input type="hidden" name="id" value="{Layout.E(draft.Id)}">
            <p>Alle Felder sind Pflichtfelder.</p>
            <fieldset class="audience{(errors.ContainsKey("audience") ? " invalid" : "")}"><legend>Wer soll die Nachricht erhalten? (Pflichtfeld)</legend>
            {RegistrationFormView.FieldError("audience", errors)}
            {options}
            </fieldset>
            {RegistrationFormView.Input("subject", "Betreff", draft.Subject, errors, required: true, autocomplete: "off")}
            <div class="field{(errors.ContainsKey("text") ? " invalid" : "")}">
            <label for="f-text">Text (Pflichtfeld)</label>
            <p class="hint" id="f-text-hinweis">Anrede („Guten Tag …,“) und Grußformel der Geschäftsstelle setzen wir selbst ein. Trennen Sie Absätze mit einer Leerzeile. Die E-Mail enthält Ihren Text genau so, ohne Formatierung.</p>
            {RegistrationFormView.FieldError("text", errors)}
            <textarea id="f-text" name="text" rows="10" maxlength="{AttendeeMessage.MaxTextLength}"{RegistrationFormView.Describe("text", errors, "f-text-hinweis")}>{Layout.E(draft.Text)}</textarea>
            </div>
            <button type="submit" name="schritt" value="pruefen">Weiter: Empfänger prüfen</button>
            </form>
            """;
    }

    private static string Confirmation(HttpContext context, CatalogEvent ev, AttendeeMessage message, int recipients)
    {
        var preview = string.Concat(message.Text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => $"<p>{Layout.E(p).Replace("\n", "<br>", StringComparison.Ordinal)}</p>"));
        var hidden = $"""
            {OrganiserLogin.TokenField(context)}
            <input type="hidden" name="id" value="{Layout.E(message.Id)}">
            <input type="hidden" name="audience" value="{Layout.E(AttendeeMessage.AudienceValue(message.Audience, message.SessionId))}">
            <input type="hidden" name="subject" value="{Layout.E(message.Subject)}">
            <input type="hidden" name="text" value="{Layout.E(message.Text)}">
            """;
        var send = recipients == 0
            ? "<p class=\"notice\">An diese Auswahl geht die Nachricht an niemanden. Bitte wählen Sie andere Empfänger.</p>"
            : $"<button type=\"submit\" name=\"schritt\" value=\"senden\">Jetzt an {Persons(recipients)} senden</button>";
        return $"""
            {OrganiserForms.BackLink(ev)}
            <p role="status">Diese Nachricht geht an <strong>{Persons(recipients)}</strong>: {Layout.E(AudienceText(ev, message.Audience, message.SessionId))}.</p>
            <h2>Vorschau</h2>
            <dl class="facts"><dt>Betreff</dt><dd>{Layout.E(message.Subject)}</dd></dl>
            <blockquote><p>Guten Tag …,</p>{preview}<p>Mit freundlichen Grüßen<br>Ihre Geschäftsstelle der ViR-Nordwest</p></blockquote>
            <form method="post" action="{Layout.E(OrganiserForms.EventUrl(ev.Id))}/nachricht" class="desk">
            {hidden}
            {send}
            <button type="submit" name="schritt" value="bearbeiten" class="secondary">Zurück und ändern</button>
            </form>
            """;
    }

    private static async Task<IResult> ResultAsync(string id, string messageId, HttpContext context, EventStore events, AttendeeMessageService messages, CancellationToken cancellationToken)
    {
        if (!OrganiserLogin.IsSignedIn(context))
        {
            return Results.Redirect("/verwaltung");
        }
        if (await OrganiserForms.EventAsync(events, id, cancellationToken) is not { } ev || !AttendeeMessage.IsId(messageId))
        {
            return EventPages.NotFound();
        }
        var mails = await messages.MailsOfAsync(ev.Id, messageId, cancellationToken);
        if (mails.Count == 0)
        {
            return EventPages.NotFound();
        }
        var sent = mails.Count(m => m.State == OutboxState.Sent);
        var failed = mails.Count(m => m.State is OutboxState.Failed or OutboxState.Dead);
        return Layout.Page("Nachricht verschickt", $"""
            {OrganiserForms.BackLink(ev)}
            <p role="status">Die Nachricht „{Layout.E(mails[0].Mail.Subject)}“ geht an {Persons(mails.Count)}. Der E-Mail-Versand verschickt sie, so schnell es das Versandkontingent erlaubt; jede Person erhält sie genau einmal.</p>
            <dl class="facts"><dt>Gesendet</dt><dd>{sent.ToString(CultureInfo.InvariantCulture)}</dd><dt>Wartet</dt><dd>{(mails.Count - sent - failed).ToString(CultureInfo.InvariantCulture)}</dd><dt>Fehlgeschlagen</dt><dd>{failed.ToString(CultureInfo.InvariantCulture)}</dd></dl>
            <p>Den Stand jeder E-Mail zeigt die Tabelle „E-Mail-Versand“ der Veranstaltung.</p>
            """);
    }

    private static string Persons(int count) => count == 1 ? "1 Person" : $"{count.ToString(CultureInfo.InvariantCulture)} Personen";
}

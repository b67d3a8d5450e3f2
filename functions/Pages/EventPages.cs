using System.Text;
using VirServerless.Core.Events;
using VirServerless.Core.Registrations;
using VirServerless.Functions.Registrations;
using VirServerless.Core.Storage.Events;

namespace VirServerless.Functions.Pages;

/// <summary>The public pages: event list, event page with the registration form, its embeddable variant and the success page.</summary>
public static class EventPages
{
    public static IEndpointRouteBuilder MapEventPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => Results.Redirect("/veranstaltungen"));
        app.MapGet("/veranstaltungen", ListAsync);
        app.MapGet("/veranstaltungen/{id}", (string id, EventStore events, RegistrationService registrations, CancellationToken ct) => EventAsync(id, embedded: false, events, registrations, ct));
        app.MapGet("/veranstaltungen/{id}/einbetten", (string id, EventStore events, RegistrationService registrations, CancellationToken ct) => EventAsync(id, embedded: true, events, registrations, ct));
        app.MapPost("/veranstaltungen/{id}/anmelden", RegisterAsync).DisableAntiforgery();
        app.MapGet("/veranstaltungen/{id}/angemeldet", SuccessAsync);
        return app;
    }

    private static async Task<IResult> ListAsync(EventStore events, RegistrationService registrations, TimeProvider time, CancellationToken cancellationToken)
    {
        var all = await events.ListPublishedAsync(cancellationToken);
        var now = time.GetUtcNow();
        var body = new StringBuilder();
        body.Append("<p>Veranstaltungen der Virtuellen Region Nordwest für die Beschäftigten der Mitgliedskommunen.</p>\n");
        body.Append("<h2>Kommende Veranstaltungen</h2>\n");
        var upcoming = all.Where(e => e.End >= now).ToList();
        if (upcoming.Count == 0)
        {
            body.Append("<p>Zurzeit sind keine Veranstaltungen geplant.</p>\n");
        }
        else
        {
            body.Append("<ul class=\"events\">\n");
            foreach (var ev in upcoming)
            {
                var seats = await registrations.GetSeatsAsync(ev.Id, cancellationToken);
                body.Append(Card(ev, Availability(ev, seats, registrations.WhyClosed(ev))));
            }
            body.Append("</ul>\n");
        }
        var past = all.Where(e => e.End < now).ToList();
        if (past.Count > 0)
        {
            body.Append("<h2>Vergangene Veranstaltungen</h2>\n<ul class=\"events past\">\n");
            foreach (var ev in past)
            {
                body.Append(Card(ev, null));
            }
            body.Append("</ul>\n");
        }
        return Layout.Page("Veranstaltungen", body.ToString());
    }

    private static string Card(CatalogEvent ev, string? availability) => $"""
        <li><h3><a href="/veranstaltungen/{Layout.E(Uri.EscapeDataString(ev.Id))}">{Layout.E(ev.Title)}</a></h3>
        <p class="meta">{Layout.E(BerlinTime.Range(ev.Start, ev.End))}{(ev.Venue is null ? "" : ", " + Layout.E(ev.Venue.City ?? ev.Venue.Name))}{(ev.Status == EventStatus.Cancelled ? " – <strong>abgesagt</strong>" : "")}</p>
        {(ev.Summary is null ? "" : $"<p>{Layout.E(ev.Summary)}</p>")}
        {(availability is null ? "" : $"<p class=\"availability\">{Layout.E(availability)}</p>")}
        </li>
        """;

    private static string Availability(CatalogEvent ev, SeatCounters seats, EventClosed? closed) =>
        closed is not null ? closed.Detail : seats.EventFree(ev) switch
        {
            null => "Anmeldung geöffnet.",
            0 => "Anmeldung geöffnet – ausgebucht, Anmeldung auf die Warteliste möglich.",
            1 => "Anmeldung geöffnet – noch 1 Platz frei.",
            var free => $"Anmeldung geöffnet – noch {free} von {ev.Registration?.Capacity} Plätzen frei.",
        };

    private static async Task<IResult> EventAsync(string id, bool embedded, EventStore events, RegistrationService registrations, CancellationToken cancellationToken)
    {
        var ev = await PublishedAsync(events, id, cancellationToken);
        if (ev is null)
        {
            return NotFound(embedded);
        }
        var seats = await registrations.GetSeatsAsync(ev.Id, cancellationToken);
        var closed = registrations.WhyClosed(ev);
        var body = new StringBuilder();
        body.Append(Intro(ev, seats, closed));
        if (!embedded)
        {
            body.Append("<nav aria-label=\"Auf dieser Seite\" class=\"toc\"><ul>");
            if (ev.Programme.Count > 0) body.Append("<li><a href=\"#programm\">Programm</a></li>");
            if (ev.Venue is not null) body.Append("<li><a href=\"#ort\">Veranstaltungsort und Anreise</a></li>");
            if (closed is null) body.Append("<li><a href=\"#anmeldung\">Anmeldung</a></li>");
            body.Append("</ul></nav>\n");
            body.Append(Layout.Paragraphs(ev.Description));
            body.Append(Programme(ev));
            body.Append(VenueSection(ev));
            body.Append(ContactSection(ev));
            body.Append(FaqSection(ev));
        }
        body.Append("<section aria-labelledby=\"anmeldung\"><h2 id=\"anmeldung\">Anmeldung</h2>\n");
        body.Append(closed is null
            ? RegistrationFormView.Render(ev, seats, null, new Dictionary<string, string[]>(), embedded)
            : $"<p>{Layout.E(closed.Detail)}</p>");
        body.Append("</section>\n");
        return Layout.Page(ev.Title, body.ToString(), embedded: embedded);
    }

    private static string Intro(CatalogEvent ev, SeatCounters seats, EventClosed? closed)
    {
        var sb = new StringBuilder();
        if (ev.Motto is not null)
        {
            sb.Append($"<p class=\"motto\">{Layout.E(ev.Motto)}</p>\n");
        }
        if (ev.Status == EventStatus.Cancelled)
        {
            sb.Append("<p class=\"notice\"><strong>Diese Veranstaltung wurde abgesagt.</strong></p>\n");
        }
        sb.Append("<dl class=\"facts\">");
        sb.Append($"<dt>Wann</dt><dd>{Layout.E(BerlinTime.Range(ev.Start, ev.End))}</dd>");
        if (ev.Venue is { } venue)
        {
            sb.Append($"<dt>Wo</dt><dd>{Layout.E(venue.Name)}{(venue.City is null ? "" : ", " + Layout.E(venue.City))}</dd>");
        }
        if (ev.Registration?.Fee is { } fee)
        {
            sb.Append($"<dt>Kosten</dt><dd>{Layout.E(fee)}</dd>");
        }
        if (ev.Registration is { } registration)
        {
            var free = seats.EventFree(ev);
            var text = free switch
            {
                null => "ohne Begrenzung",
                0 => "ausgebucht – Warteliste",
                _ => $"{free} von {registration.Capacity} frei",
            };
            sb.Append($"<dt>Plätze</dt><dd>{Layout.E(text)}</dd>");
            if (registration.Closes is { } closes && closed is null)
            {
                sb.Append($"<dt>Anmeldeschluss</dt><dd>{Layout.E(BerlinTime.DateTime(closes))}</dd>");
            }
        }
        sb.Append("</dl>\n");
        if (ev.Summary is not null)
        {
            sb.Append($"<p>{Layout.E(ev.Summary)}</p>\n");
        }
        return sb.ToString();
    }

    private static string Programme(CatalogEvent ev)
    {
        if (ev.Programme.Count == 0)
        {
            return "";
        }
        var sb = new StringBuilder("<section aria-labelledby=\"programm\"><h2 id=\"programm\">Programm</h2>\n");
        foreach (var day in ev.Programme.OrderBy(s => s.Start).GroupBy(s => BerlinTime.ToBerlin(s.Start).Date))
        {
            sb.Append($"<h3>{Layout.E(BerlinTime.Date(day.First().Start))}</h3>\n<ul class=\"programme\">\n");
            foreach (var s in day)
            {
                var start = BerlinTime.ToBerlin(s.Start);
                var end = BerlinTime.ToBerlin(s.End);
                sb.Append($"<li><span class=\"time\">{start:HH\\:mm} bis {end:HH\\:mm} Uhr</span> <span class=\"title\">{Layout.E(s.Title)}</span>");
                if (s.Room is not null) sb.Append($"<br><span class=\"meta\">Ort: {Layout.E(s.Room)}</span>");
                if (s.Speakers is { Count: > 0 }) sb.Append($"<br><span class=\"meta\">Mit: {Layout.E(string.Join(", ", s.Speakers))}</span>");
                if (s.Choosable) sb.Append("<br><span class=\"meta\">Bei der Anmeldung wählbar.</span>");
                if (s.Description is not null) sb.Append($"<br>{Layout.E(s.Description)}");
                sb.Append("</li>\n");
            }
            sb.Append("</ul>\n");
        }
        return sb.Append("</section>\n").ToString();
    }

    private static string VenueSection(CatalogEvent ev)
    {
        if (ev.Venue is not { } v)
        {
            return "";
        }
        var address = string.Join("<br>", new[] { v.Name, v.Street, $"{v.PostalCode} {v.City}".Trim() }.Where(p => !string.IsNullOrWhiteSpace(p)).Select(Layout.E));
        return $"""
            <section aria-labelledby="ort"><h2 id="ort">Veranstaltungsort und Anreise</h2>
            <address>{address}</address>
            {(v.Directions is null ? "" : $"<h3>Anreise</h3><p>{Layout.E(v.Directions)}</p>")}
            {(v.Accessibility is null ? "" : $"<h3>Barrierefreiheit vor Ort</h3><p>{Layout.E(v.Accessibility)}</p>")}
            </section>
            """;
    }

    private static string ContactSection(CatalogEvent ev)
    {
        if (ev.Contact is not { } c)
        {
            return "";
        }
        var parts = new List<string> { Layout.E(c.Name) };
        if (c.Email is not null) parts.Add($"E-Mail: <a href=\"mailto:{Layout.E(c.Email)}\">{Layout.E(c.Email)}</a>");
        if (c.Phone is not null) parts.Add($"Telefon: {Layout.E(c.Phone)}");
        return $"<section aria-labelledby=\"kontakt\"><h2 id=\"kontakt\">Kontakt</h2><p>{string.Join("<br>", parts)}</p></section>\n";
    }

    private static string FaqSection(CatalogEvent ev)
    {
        if (ev.Faq is not { Count: > 0 } faq)
        {
            return "";
        }
        var sb = new StringBuilder("<section aria-labelledby=\"fragen\"><h2 id=\"fragen\">Häufige Fragen</h2>\n");
        foreach (var entry in faq)
        {
            sb.Append($"<h3>{Layout.E(entry.Question)}</h3><p>{Layout.E(entry.Answer)}</p>\n");
        }
        return sb.Append("</section>\n").ToString();
    }

    private static async Task<IResult> RegisterAsync(string id, HttpRequest request, EventStore events, RegistrationService registrations, CancellationToken cancellationToken)
    {
        var embedded = request.Query.ContainsKey("einbetten");
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        var ev = await PublishedAsync(events, id, cancellationToken);
        if (ev is null)
        {
            return NotFound(embedded);
        }
        var read = await PageForms.ReadAsync(request, cancellationToken, embedded);
        if (read.Form is not { } form)
        {
            return read.Problem!;
        }
        var values = RegistrationForm.ToRequest(form) with { Sessions = SessionChoices.FromForm(form) };
        var outcome = await registrations.RegisterAsync(ev.Id, values, "web", cancellationToken: cancellationToken);
        switch (outcome)
        {
            case RegisterOutcome.Accepted:
                var full = await FullSessionsAsync(ev, values.Sessions ?? [], registrations, cancellationToken);
                var query = full.Count == 0 ? "" : (embedded ? "&" : "?") + "warteliste=" + Uri.EscapeDataString(string.Join(",", full));
                return new SeeOther(RegistrationFormView.SuccessUrl(ev.Id, embedded) + query);
            case RegisterOutcome.Invalid invalid:
                var seats = await registrations.GetSeatsAsync(ev.Id, cancellationToken);
                var body = $"<p>Anmeldung zu „{Layout.E(ev.Title)}“ am {Layout.E(BerlinTime.Date(ev.Start))}.</p>\n"
                    + RegistrationFormView.Render(ev, seats, values with { Website = null }, invalid.Errors, embedded);
                return Layout.Page($"Fehler: Anmeldung zu {ev.Title}", body, 400, embedded, RegistrationFormView.ErrorSummary(invalid.Errors));
            case RegisterOutcome.Closed closed:
                return Layout.Page("Anmeldung nicht möglich", $"<p role=\"alert\">{Layout.E(closed.Detail)}</p>", 409, embedded);
            default:
                return NotFound(embedded);
        }
    }

    private static async Task<List<string>> FullSessionsAsync(CatalogEvent ev, IReadOnlyList<string> chosen, RegistrationService registrations, CancellationToken cancellationToken)
    {
        var seats = await registrations.GetSeatsAsync(ev.Id, cancellationToken);
        return [.. chosen.Select(ev.FindSession).OfType<Session>().Where(s => seats.SessionFree(s) is 0).Select(s => s.Id)];
    }

    private static async Task<IResult> SuccessAsync(string id, string? warteliste, HttpRequest request, EventStore events, RegistrationService registrations, CancellationToken cancellationToken)
    {
        var embedded = request.Query.ContainsKey("einbetten");
        var ev = await PublishedAsync(events, id, cancellationToken);
        if (ev is null)
        {
            return NotFound(embedded);
        }
        var seats = await registrations.GetSeatsAsync(ev.Id, cancellationToken);
        var notes = new StringBuilder();
        if (seats.EventFree(ev) is 0)
        {
            notes.Append("<li>Die Veranstaltung ist ausgebucht. Nach Ihrer Bestätigung stehen Sie auf der Warteliste und rücken automatisch nach, sobald ein Platz frei wird.</li>");
        }
        foreach (var session in (warteliste ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(ev.FindSession).OfType<Session>())
        {
            notes.Append($"<li>„{Layout.E(session.Title)}“ ist ausgebucht. Sie kommen dort auf die Warteliste und rücken automatisch nach, sobald ein Platz frei wird.</li>");
        }
        var body = $"""
            <p role="status">Vielen Dank für Ihre Anmeldung zu „{Layout.E(ev.Title)}“.</p>
            <p>Wir haben Ihnen eine E-Mail geschickt. Bitte bestätigen Sie Ihre Anmeldung über den Link darin. Erst dann ist Ihre Anmeldung gültig. Kommt keine E-Mail an, sehen Sie bitte auch im Spam-Ordner nach.</p>
            {(notes.Length == 0 ? "" : $"<ul>{notes}</ul>")}
            <p><a href="/veranstaltungen/{Layout.E(Uri.EscapeDataString(ev.Id))}{(embedded ? "/einbetten" : "")}">Zurück zur Veranstaltung</a></p>
            """;
        return Layout.Page("Bitte prüfen Sie Ihr Postfach", body, embedded: embedded);
    }

    private static async Task<CatalogEvent?> PublishedAsync(EventStore events, string id, CancellationToken cancellationToken) =>
        (await events.GetAsync(id, cancellationToken))?.Event is { Status: not EventStatus.Draft } ev ? ev : null;

    public static IResult NotFound(bool embedded = false) =>
        Layout.Page("Seite nicht gefunden", "<p>Diese Veranstaltung oder Seite gibt es nicht. <a href=\"/veranstaltungen\">Zur Übersicht der Veranstaltungen</a></p>", 404, embedded);

    /// <summary>303, so the browser fetches the success page with GET and a reload does not post again.</summary>
    internal sealed class SeeOther(string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            httpContext.Response.Headers.Location = location;
            return Task.CompletedTask;
        }
    }
}

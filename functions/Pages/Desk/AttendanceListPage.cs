using System.Globalization;
using System.Text;
using VirServerless.Core.Events;
using VirServerless.Core.Registrations;
using VirServerless.Core.Storage.Events;

namespace VirServerless.Functions.Pages.Desk;

/// <summary>
/// The printable attendance list of one event day (<see cref="AttendanceList"/>): a read-only page, so no form token;
/// like the CSV export it is not written to the audit log, which records changes.
/// </summary>
public static class AttendanceListPage
{
    private const string DayParameter = "tag";

    public static IEndpointRouteBuilder MapAttendanceList(this IEndpointRouteBuilder app)
    {
        app.MapGet("/verwaltung/veranstaltungen/{id}/anwesenheit", ShowAsync);
        return app;
    }

    public static string Url(string eventId, DateOnly? day = null) =>
        $"{OrganiserForms.EventUrl(eventId)}/anwesenheit{(day is { } d ? $"?{DayParameter}={d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}" : "")}";

    /// <summary>The link on the event's organiser page.</summary>
    public static string Link(CatalogEvent ev) =>
        $"<p><a href=\"{Layout.E(Url(ev.Id))}\">Anwesenheitsliste zum Ausdrucken</a></p>\n";

    private static async Task<IResult> ShowAsync(string id, string? tag, HttpContext context, EventStore events, RegistrationService registrations, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        if (!OrganiserLogin.IsSignedIn(context))
        {
            return Results.Redirect("/verwaltung");
        }
        if (await OrganiserForms.EventAsync(events, id, cancellationToken) is not { } ev)
        {
            return EventPages.NotFound();
        }
        var days = AttendanceList.Days(ev);
        DateOnly day;
        if (string.IsNullOrEmpty(tag))
        {
            var today = AttendanceList.DayOf(timeProvider.GetUtcNow());
            day = days.Contains(today) ? today : days[0];
        }
        else if (!DateOnly.TryParseExact(tag, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day) || !days.Contains(day))
        {
            var body = $"""
                {OrganiserForms.BackLink(ev)}
                <p role="alert">An diesem Tag findet die Veranstaltung nicht statt. Bitte wählen Sie einen ihrer Tage:</p>
                {DayLinks(ev, days, null)}
                """;
            return Layout.Page("Anwesenheitsliste: Tag nicht gefunden", body, StatusCodes.Status404NotFound);
        }
        var list = AttendanceList.For(ev, day, await registrations.ListAsync(ev.Id, cancellationToken));
        return Layout.Page($"Anwesenheitsliste: {ev.Title}", Render(context, ev, days, list));
    }

    private static string Render(HttpContext context, CatalogEvent ev, IReadOnlyList<DateOnly> days, AttendanceList list)
    {
        var date = DateText(list.Day);
        var dayNumber = days.Count > 1 ? $" (Tag {days.TakeWhile(d => d != list.Day).Count() + 1} von {days.Count})" : "";
        var sb = new StringBuilder();
        sb.Append(OrganiserPages.SignOutForm(context));
        sb.Append("<div class=\"no-print\">\n").Append(OrganiserForms.BackLink(ev));
        if (days.Count > 1)
        {
            sb.Append(DayLinks(ev, days, list.Day));
        }
        sb.Append($"""
            <p class="hint">Die Liste ist für DIN A4 hochkant eingerichtet; Navigation und Schaltflächen erscheinen nicht im Ausdruck. Zum Drucken nutzen Sie die Druckfunktion Ihres Browsers (Strg + P).</p>
            <button type="button" class="print-button" data-print hidden>Drucken</button>
            </div>
            <dl class="facts">
            <dt>Datum</dt><dd>{Layout.E(date + dayNumber)}</dd>
            <dt>Ort</dt><dd>{Layout.E(VenueText(ev.Venue))}</dd>
            <dt>Bestätigte Anmeldungen</dt><dd>{list.People.Count.ToString(CultureInfo.InvariantCulture)}</dd>
            </dl>
            <table class="attendance"><caption>Anwesenheitsliste für {Layout.E(date)}</caption>
            <thead><tr><th scope="col" class="number">Nr.</th><th scope="col">Name</th><th scope="col">Organisation</th><th scope="col">Programmpunkte an diesem Tag</th><th scope="col" class="signature">Unterschrift</th></tr></thead>
            <tbody>
            """);
        for (var i = 0; i < list.People.Count; i++)
        {
            var person = list.People[i];
            sb.Append(CultureInfo.InvariantCulture, $"<tr><td class=\"number\">{i + 1}</td><th scope=\"row\">{Layout.E(NameText(person))}</th><td>{Layout.E(person.Organization)}</td><td>{SessionsCell(person.Sessions)}</td><td class=\"signature\"></td></tr>\n");
        }
        sb.Append(list.People.Count == 0 ? "<tr><td colspan=\"5\">Noch keine bestätigten Anmeldungen.</td></tr>\n" : "").Append("</tbody></table>\n");
        return sb.ToString();
    }

    /// <summary>Links, not a form, so the day changes without script and every day has an address to bookmark.</summary>
    private static string DayLinks(CatalogEvent ev, IReadOnlyList<DateOnly> days, DateOnly? current)
    {
        var sb = new StringBuilder("<nav class=\"days\" aria-label=\"Tage der Veranstaltung\"><ul>");
        for (var i = 0; i < days.Count; i++)
        {
            var label = $"Tag {i + 1}: {DateText(days[i])}";
            sb.Append(CultureInfo.InvariantCulture, $"<li><a href=\"{Layout.E(Url(ev.Id, days[i]))}\"{(days[i] == current ? " aria-current=\"page\"" : "")}>{Layout.E(label)}</a></li>");
        }
        return sb.Append("</ul></nav>\n").ToString();
    }

    /// <summary>"Mittwoch, 5. Juni 2030": noon UTC falls on the same calendar day in Berlin.</summary>
    private static string DateText(DateOnly day) => BerlinTime.Date(new DateTimeOffset(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero));

    private static string NameText(AttendanceEntry person) =>
        person.FirstName.Length == 0 && person.LastName.Length == 0 ? "(Daten gelöscht)" : $"{person.LastName}, {person.FirstName}";

    private static string SessionsCell(IReadOnlyList<ChosenSession> sessions)
    {
        if (sessions.Count == 0)
        {
            return "<span aria-hidden=\"true\">—</span><span class=\"visually-hidden\">keine</span>";
        }
        var sb = new StringBuilder("<ul class=\"cell-list\">");
        foreach (var chosen in sessions)
        {
            var (start, end) = (BerlinTime.ToBerlin(chosen.Session.Start), BerlinTime.ToBerlin(chosen.Session.End));
            var status = chosen.Status == SessionSeatStatus.Booked ? "" : $" ({StatusTexts.Label(chosen.Status)})";
            sb.Append(CultureInfo.InvariantCulture, $"<li>{start:HH:mm}–{end:HH:mm} Uhr: {Layout.E(chosen.Session.Title)}{Layout.E(status)}</li>");
        }
        return sb.Append("</ul>").ToString();
    }

    private static string VenueText(Venue? venue) => venue is null
        ? "nicht angegeben"
        : string.Join(", ", new[] { venue.Name, venue.Street, string.Join(' ', new[] { venue.PostalCode, venue.City }.Where(p => !string.IsNullOrWhiteSpace(p))) }
            .Where(p => !string.IsNullOrWhiteSpace(p)));
}

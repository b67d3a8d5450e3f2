using System.Globalization;
using System.Text;
using VirServerless.Core.Audit;
using VirServerless.Core.Events;
using VirServerless.Core.Storage.Audit;

namespace VirServerless.Functions.Pages;

/// <summary>Writing organiser actions to the audit log, and the page that shows it.</summary>
public static class OrganiserAudit
{
    /// <summary>Who acted: the signed-in organiser's name (or the admin-key sign-in), otherwise the JSON API with the key.</summary>
    public static string Actor(HttpContext context) =>
        OrganiserLogin.Current(context)?.Name ?? "JSON-API (Zugangsschlüssel)";

    public static Task RecordAsync(HttpContext context, string action, string? eventId, string? registrationId, string summary, CancellationToken cancellationToken = default)
    {
        var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        return context.RequestServices.GetRequiredService<AuditLog>()
            .AppendAsync(new AuditEntry(now, Actor(context), action, eventId, registrationId, summary), cancellationToken);
    }

    public static IEndpointRouteBuilder MapOrganiserAudit(this IEndpointRouteBuilder app)
    {
        app.MapGet("/verwaltung/protokoll", ListAsync);
        return app;
    }

    private static async Task<IResult> ListAsync(HttpContext context, AuditLog log, string? veranstaltung, CancellationToken cancellationToken)
    {
        if (!OrganiserLogin.IsSignedIn(context))
        {
            return Results.Redirect("/verwaltung");
        }
        var entries = await log.ListAsync(string.IsNullOrEmpty(veranstaltung) ? null : veranstaltung, cancellationToken: cancellationToken);
        var sb = new StringBuilder(OrganiserPages.SignOutForm(context));
        sb.Append("<p><a href=\"/verwaltung\">Zurück zur Übersicht</a></p>\n");
        sb.Append(Table(entries, veranstaltung is { Length: > 0 } ? $"Protokoll der Veranstaltung {veranstaltung} (neueste zuerst)" : "Protokoll aller Verwaltungsaktionen (neueste zuerst)"));
        return Layout.Page("Verwaltung: Protokoll", sb.ToString());
    }

    /// <summary>The audit table, also shown on an event's organiser page.</summary>
    public static string Table(IReadOnlyList<AuditEntry> entries, string caption)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<table><caption>{Layout.E(caption)}</caption><thead><tr><th scope=\"col\">Zeitpunkt</th><th scope=\"col\">Wer</th><th scope=\"col\">Aktion</th><th scope=\"col\">Veranstaltung</th><th scope=\"col\">Anmeldung</th></tr></thead><tbody>");
        foreach (var entry in entries)
        {
            var at = BerlinTime.ToBerlin(entry.At).ToString("dd.MM.yyyy, HH:mm:ss", CultureInfo.InvariantCulture);
            sb.Append(CultureInfo.InvariantCulture, $"<tr><td>{Layout.E(at)}</td><td>{Layout.E(entry.Actor)}</td><th scope=\"row\">{Layout.E(entry.Summary)}</th><td>{Layout.E(entry.EventId)}</td><td>{Layout.E(entry.RegistrationId)}</td></tr>");
        }
        sb.Append(entries.Count == 0 ? "<tr><td colspan=\"5\">Noch keine Einträge.</td></tr>" : "").Append("</tbody></table>\n");
        return sb.ToString();
    }
}

using VirServerless.Core.Events;
using VirServerless.Core.Storage.Events;

namespace VirServerless.Functions.Pages.Desk;

/// <summary>What every organiser page (editor, desk, messages) needs: the session, the form token and the event.</summary>
public static class OrganiserForms
{
    public sealed record Posted(IFormCollection? Form, IResult? Refusal);

    /// <summary>
    /// Reads an organiser form post. Without a session it redirects to the sign-in; without this session's form token
    /// it answers 403 with a German page, before anything is read or changed.
    /// </summary>
    public static async Task<Posted> ReadAsync(HttpContext context, CancellationToken cancellationToken)
    {
        if (!OrganiserLogin.IsSignedIn(context))
        {
            return new(null, Results.Redirect("/verwaltung"));
        }
        var read = await PageForms.ReadAsync(context.Request, cancellationToken);
        if (read.Problem is { } problem)
        {
            return new(null, problem);
        }
        return OrganiserLogin.IsValidFormToken(context, read.Form!["token"])
            ? new(read.Form, null)
            : new(null, Layout.Page("Aktion nicht möglich", "<p role=\"alert\">Das Formular kam nicht von einer Seite Ihrer Sitzung in der Verwaltung. Es wurde nichts geändert. Bitte öffnen Sie die Seite in der Verwaltung neu und versuchen Sie es dort noch einmal.</p><p><a href=\"/verwaltung\">Zur Verwaltung</a></p>", StatusCodes.Status403Forbidden));
    }

    /// <summary>The event, any status: organisers work on drafts and cancelled events too.</summary>
    public static async Task<CatalogEvent?> EventAsync(EventStore events, string id, CancellationToken cancellationToken) =>
        (await events.GetAsync(id, cancellationToken))?.Event;

    public static string EventUrl(string eventId) => $"/verwaltung/veranstaltungen/{Uri.EscapeDataString(eventId)}";

    public static string RegistrationUrl(string eventId, string registrationId) =>
        $"{EventUrl(eventId)}/anmeldungen/{Uri.EscapeDataString(registrationId)}";

    public static string BackLink(CatalogEvent ev) =>
        $"<p><a href=\"{Layout.E(EventUrl(ev.Id))}\">Zurück zu „{Layout.E(ev.Title)}“ in der Verwaltung</a></p>\n";

    /// <summary>303, so the browser fetches the result with GET and a reload posts nothing again.</summary>
    public static IResult SeeOther(string location) => new EventPages.SeeOther(location);
}

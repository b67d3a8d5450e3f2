using VirServerless.Functions.Pages.Desk;

namespace VirServerless.Functions.Pages;

/// <summary>The web pages: public event pages, the pages behind mail links, the organiser view and their assets.</summary>
public static class PagesApi
{
    public static WebApplication MapPages(this WebApplication app)
    {
        var pages = app.MapGroup("").ExcludeFromDescription();
        pages.MapStaticAssets();
        pages.MapInfoPages();
        pages.MapEventPages();

        // Pages that show personal data must never sit in a shared or back-button cache.
        var personal = app.MapGroup("").ExcludeFromDescription().AddEndpointFilter(async (context, next) =>
        {
            context.HttpContext.Response.Headers.CacheControl = "no-store";
            return await next(context);
        });
        personal.MapMailLinkPages();
        personal.MapOrganiserPages();
        personal.MapOrganiserAudit();
        personal.MapEntraSignIn();
        personal.MapEventEditor();
        personal.MapRegistrationDesk();
        personal.MapAttendeeMessages();
        personal.MapAttendanceList();
        personal.MapCheckInDesk();
        return app;
    }
}

using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace VirServerless.Functions.Hosting;

public static class ApiDefaults
{
    private const string OpenApiRoute = "/api/openapi.json";

    private const string OpenApiDocumentName = "v1";

    public static WebApplicationBuilder AddApiDefaults(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi(OpenApiDocumentName, options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "VirServerless – Veranstaltungen der ViR-Nordwest";
            document.Info.Description = "Anmeldungen zu Plenen, Marktplätzen und Abschlussveranstaltungen. Fehler kommen als RFC 9457 problem+json mit deutschem detail.";
            document.Info.Version = "v1";
            return Task.CompletedTask;
        }).AddApiContract());
        return builder;
    }

    /// <summary>One place that logs unexpected errors once and answers with a German problem.</summary>
    public static WebApplication UseApiDefaults(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = ex => ex switch
            {
                BadHttpRequestException bad => bad.StatusCode,
                _ when DependencyOutage.IsOutage(ex) => StatusCodes.Status503ServiceUnavailable,
                OperationCanceledException => 499,
                _ => StatusCodes.Status500InternalServerError,
            },
            ExceptionHandler = async context =>
            {
                var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
                var status = context.Response.StatusCode;
                var (title, detail) = status switch
                {
                    413 => ("Anfrage zu groß", $"Der Inhalt der Anfrage ist größer als {RequestBody.MaxBytes / 1024} KiB."),
                    >= 400 and < 500 => ("Ungültige Anfrage", "Die Anfrage konnte nicht gelesen werden."),
                    503 => ("Vorübergehend nicht erreichbar", "Ein benötigter Dienst ist gerade nicht erreichbar. Bitte versuchen Sie es in einigen Sekunden erneut."),
                    _ => ("Interner Fehler", "Es ist ein unerwarteter Fehler aufgetreten. Bitte versuchen Sie es später erneut."),
                };
                if (status == 503)
                {
                    context.Response.Headers.RetryAfter = DependencyOutage.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    app.Logger.LogWarning(error, "A dependency was unavailable on {Method} {Path}", context.Request.Method, context.Request.Path);
                }
                else if (status >= 500)
                {
                    app.Logger.LogError(error, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
                }
                await Results.Problem(detail: detail, statusCode: status, title: title).ExecuteAsync(context);
            },
        });
        app.MapGet(OpenApiRoute, WriteOpenApiAsync).ExcludeFromDescription();
        app.UseStatusCodePages(async statusContext =>
        {
            // The framework answers some errors itself (unknown route, wrong method, content type the endpoint does
            // not accept) with an empty body; give them the same German problem shape as our own.
            var context = statusContext.HttpContext;
            var (title, detail) = context.Response.StatusCode switch
            {
                404 => ("Nicht gefunden", "Diese Adresse gibt es nicht."),
                405 => ("Methode nicht erlaubt", "Diese Methode ist für diese Adresse nicht erlaubt."),
                413 => ("Anfrage zu groß", $"Der Inhalt der Anfrage ist größer als {RequestBody.MaxBytes / 1024} KiB."),
                415 => ("Format nicht unterstützt", "Bitte senden Sie die Daten als application/json oder application/x-www-form-urlencoded."),
                _ => (null, null),
            };
            if (title is not null && !context.Response.HasStarted)
            {
                await Results.Problem(detail: detail, statusCode: context.Response.StatusCode, title: title).ExecuteAsync(context);
            }
        });
        return app;
    }

    /// <summary>
    /// What MapOpenApi serves, from our own (source-generated) endpoint: MapOpenApi's handler is a lambda inside the
    /// framework, built by reflection and expression trees when routing first runs, about 20 ms of every cold start.
    /// Without a request the document has no <c>servers</c>; clients resolve paths against the address they used.
    /// </summary>
    private static async Task WriteOpenApiAsync(HttpContext context, [FromKeyedServices(OpenApiDocumentName)] IOpenApiDocumentProvider documents)
    {
        var document = await documents.GetOpenApiDocumentAsync(context.RequestAborted);
        // The writer is synchronous and Kestrel allows no synchronous body writes: the document is written to memory first.
        using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        document.SerializeAsV31(new OpenApiJsonWriter(text));
        context.Response.ContentType = "application/json;charset=utf-8";
        await context.Response.WriteAsync(text.ToString(), context.RequestAborted);
    }
}

using Microsoft.AspNetCore.Diagnostics;

namespace VirServerless.Functions.Hosting;

public static class ApiDefaults
{
    public static WebApplicationBuilder AddApiDefaults(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi("v1", options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "VirServerless – Veranstaltungen der ViR-Nordwest";
            document.Info.Description = "Anmeldungen zu Plenen, Marktplätzen und Abschlussveranstaltungen. Fehler kommen als RFC 9457 problem+json mit deutschem detail.";
            document.Info.Version = "v1";
            return Task.CompletedTask;
        }));
        return builder;
    }

    /// <summary>One place that logs unexpected errors once and answers with a German problem; plus security headers.</summary>
    public static WebApplication UseApiDefaults(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = ex => ex switch
            {
                BadHttpRequestException bad => bad.StatusCode,
                _ when StorageOutage.IsOutage(ex) => StatusCodes.Status503ServiceUnavailable,
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
                    503 => ("Vorübergehend nicht erreichbar", "Der Speicher ist gerade nicht erreichbar. Ihre Anfrage wurde nicht ausgeführt; bitte versuchen Sie es in einigen Sekunden erneut."),
                    _ => ("Interner Fehler", "Es ist ein unerwarteter Fehler aufgetreten. Bitte versuchen Sie es später erneut."),
                };
                if (status == 503)
                {
                    context.Response.Headers.RetryAfter = StorageOutage.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    app.Logger.LogWarning(error, "Storage unavailable on {Method} {Path}", context.Request.Method, context.Request.Path);
                }
                else if (status >= 500)
                {
                    app.Logger.LogError(error, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
                }
                await Results.Problem(detail: detail, statusCode: status, title: title).ExecuteAsync(context);
            },
        });
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            await next();
        });
        app.MapOpenApi("/api/openapi.json");
        app.UseStatusCodePages(async statusContext =>
        {
            var context = statusContext.HttpContext;
            if (context.Response.StatusCode == 404 && !context.Response.HasStarted)
            {
                await Problems.NotFound("Diese Adresse gibt es nicht.").ExecuteAsync(context);
            }
            else if (context.Response.StatusCode == 405 && !context.Response.HasStarted)
            {
                await Results.Problem(detail: "Diese Methode ist für diese Adresse nicht erlaubt.", statusCode: 405, title: "Methode nicht erlaubt").ExecuteAsync(context);
            }
        });
        return app;
    }
}

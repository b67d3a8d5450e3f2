namespace VirServerless.Functions.Bench;

/// <summary>
/// <c>POST /api/bench/echo</c>: returns the request body unchanged. Mapped only with the setting
/// <c>Bench:EchoEndpoint=true</c> (default off, so never in a deployed app), as the baseline the benchmark compares the bot
/// endpoint with: same host, same pipeline, no work behind it.
/// </summary>
public static class BenchEchoApi
{
    public const string Route = "/api/bench/echo";

    public static IEndpointRouteBuilder MapBenchEcho(this IEndpointRouteBuilder app)
    {
        var configuration = app.ServiceProvider.GetRequiredService<IConfiguration>();
        if (configuration.GetValue<bool>("Bench:EchoEndpoint"))
        {
            app.MapPost(Route, EchoAsync).ExcludeFromDescription();
        }
        return app;
    }

    private static async Task EchoAsync(HttpContext context)
    {
        context.Response.ContentType = context.Request.ContentType ?? "application/octet-stream";
        await context.Request.Body.CopyToAsync(context.Response.Body, context.RequestAborted);
    }
}

namespace VirServerless.Functions.Bench;

/// <summary>
/// <c>POST /api/bench/echo</c>: returns the request body unchanged. Mapped only with the setting
/// <c>Bench:EchoEndpoint=true</c> (default off, so never in a deployed app), as the baseline the benchmark compares the bot
/// endpoint with: same host, same pipeline, no work behind it. <c>GET /api/bench/jit</c> beside it reports how much the
/// JIT has compiled, so the benchmark can measure after warm-up has ended rather than during it.
/// </summary>
public static class BenchEchoApi
{
    public const string Route = "/api/bench/echo";

    public const string JitRoute = "/api/bench/jit";

    /// <summary>What the JIT has done in this process so far (all threads).</summary>
    public sealed record JitReport(long CompiledMethods, double CompilationMilliseconds);

    public static IEndpointRouteBuilder MapBenchEcho(this IEndpointRouteBuilder app)
    {
        var configuration = app.ServiceProvider.GetRequiredService<IConfiguration>();
        if (configuration.GetValue<bool>("Bench:EchoEndpoint"))
        {
            app.MapPost(Route, EchoAsync).ExcludeFromDescription();
            app.MapGet(JitRoute, () => TypedResults.Ok(new JitReport(
                System.Runtime.JitInfo.GetCompiledMethodCount(), System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds))).ExcludeFromDescription();
        }
        return app;
    }

    private static async Task EchoAsync(HttpContext context)
    {
        context.Response.ContentType = context.Request.ContentType ?? "application/octet-stream";
        await context.Request.Body.CopyToAsync(context.Response.Body, context.RequestAborted);
    }
}

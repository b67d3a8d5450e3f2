using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using VirServerless.Functions.Admin;
using VirServerless.Functions.Hosting;

namespace VirServerless.Functions.Timers;

/// <summary>The custom-handler invocation response: <c>{"Outputs":{},"Logs":[…],"ReturnValue":null}</c>.</summary>
public sealed record InvocationResponse(
    [property: JsonPropertyName("Outputs")] JsonObject Outputs,
    [property: JsonPropertyName("Logs")] IReadOnlyList<string> Logs,
    [property: JsonPropertyName("ReturnValue")] object? ReturnValue);

public static class TimersApi
{
    public static WebApplicationBuilder AddTimers(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<TimerOptions>().BindConfiguration(TimerOptions.SectionName);
        if (!FunctionsHost.IsUnderFunctionsHost && builder.Configuration.GetValue(TimerOptions.SectionName + ":RunInProcess", true))
        {
            builder.Services.AddHostedService<TimerScheduler>();
        }
        return builder;
    }

    /// <summary>Under the Functions host each timer arrives as <c>POST /{FunctionName}</c> with the invocation payload.</summary>
    public static IEndpointRouteBuilder MapTimers(this IEndpointRouteBuilder app)
    {
        foreach (var timer in TimerFunctions.All)
        {
            app.MapPost("/" + timer.Name, (HttpRequest request, IServiceProvider services, CancellationToken cancellationToken) =>
                InvokeAsync(timer, request, services, cancellationToken)).ExcludeFromDescription().AddEndpointFilter(async (context, next) =>
                {
                    var http = context.HttpContext;
                    if (FunctionsHost.IsUnderFunctionsHost)
                    {
                        return IsHostInvocation(http) ? await next(context) : TypedResults.Problem(
                            detail: "Zeitgesteuerte Funktionen ruft nur der Functions-Host auf.", statusCode: StatusCodes.Status403Forbidden, title: "Nicht erlaubt");
                    }
                    return AdminKey.Refusal(http) ?? await next(context);
                });
        }
        return app;
    }

    /// <summary>
    /// The host invokes timers over loopback with its invocation headers. A forwarded HTTP request never reaches these
    /// routes (the host forwards only its HTTP functions' <c>api/</c> routes), and one that carried X-Forwarded-For would
    /// no longer count as loopback after the forwarded-headers middleware.
    /// </summary>
    private static bool IsHostInvocation(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } remote && System.Net.IPAddress.IsLoopback(remote)
        && context.Request.Headers.ContainsKey("X-Azure-Functions-InvocationId");

    private static async Task<Results<Ok<InvocationResponse>, ProblemHttpResult>> InvokeAsync(TimerFunction timer, HttpRequest request, IServiceProvider services, CancellationToken cancellationToken)
    {
        var isPastDue = false;
        try
        {
            using var payload = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
            if (payload.RootElement.TryGetProperty("Data", out var data) && data.ValueKind == JsonValueKind.Object)
            {
                foreach (var binding in data.EnumerateObject())
                {
                    isPastDue |= binding.Value.ValueKind == JsonValueKind.Object
                        && binding.Value.TryGetProperty("IsPastDue", out var pastDue) && pastDue.ValueKind == JsonValueKind.True;
                }
            }
        }
        catch (JsonException)
        {
            return Problems.BadRequest("Die Aufrufdaten des Timers sind kein gültiges JSON.");
        }
        var result = await timer.Run(services, isPastDue, cancellationToken);
        return TypedResults.Ok(new InvocationResponse([], [$"{timer.Name}: {result.Summary}"], null));
    }
}

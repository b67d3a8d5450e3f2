using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Microsoft.AspNetCore.Http.HttpResults;
using VirServerless.Core.Mail;
using VirServerless.Core.Storage.Events;
using VirServerless.Functions.Admin;

namespace VirServerless.Functions.Health;

/// <summary>
/// What <c>GET /api/health</c> answers: German status lines, never connection strings or keys. Anonymous callers get
/// the status alone; the details (mail folder, build commit) only come with the admin key.
/// </summary>
public sealed record HealthReport(string Status, DateTimeOffset CheckedAt)
{
    // Not constructor parameters: the OpenAPI document must not list them as required, since anonymous callers lack them.
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? StorageReachable { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Storage { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? MailSender { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Version { get; init; }
}

public static class HealthApi
{
    public const string Route = "/api/health";

    /// <summary>Long enough for one storage round trip with a retry, short enough for a monitor's probe.</summary>
    private static readonly TimeSpan StorageTimeout = TimeSpan.FromSeconds(5);

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet(Route, CheckAsync).WithTags("Betrieb").Produces<HealthReport>().Produces<HealthReport>(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static async Task<JsonHttpResult<HealthReport>> CheckAsync(
        HttpContext context, EventStore events, IMailSender sender, TimeProvider timeProvider, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var (reachable, storage) = await CheckStorageAsync(events, loggerFactory.CreateLogger(typeof(HealthApi).FullName!), cancellationToken);
        var status = reachable ? "in Ordnung" : "gestört";
        var report = AdminKey.Check(context, context.Request.Headers[AdminKey.HeaderName].FirstOrDefault()) == KeyCheck.Valid
            ? new HealthReport(status, timeProvider.GetUtcNow())
            {
                StorageReachable = reachable,
                Storage = storage,
                MailSender = sender.Description,
                Version = typeof(HealthApi).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unbekannt",
            }
            : new HealthReport(status, timeProvider.GetUtcNow());
        return TypedResults.Json(report, HealthJsonContext.Default.HealthReport, statusCode: reachable ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary>One point read of a row that never exists: the cheapest call that proves account, auth and table.</summary>
    private static async Task<(bool Reachable, string Detail)> CheckStorageAsync(EventStore events, ILogger logger, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StorageTimeout);
        try
        {
            await events.ProbeAsync(timeout.Token);
            return (true, "Table Storage erreichbar");
        }
        catch (RequestFailedException ex) when (ex.Status > 0)
        {
            logger.LogWarning(ex, "Health check: storage answered {Status} {ErrorCode}", ex.Status, ex.ErrorCode);
            return (false, $"Table Storage antwortet mit Fehler {ex.Status}");
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Connection failures arrive as RequestFailedException with status 0, or as AggregateException once the
            // retries are used up, or as our own timeout.
            logger.LogWarning(ex, "Health check: storage not reachable");
            return (false, "Table Storage nicht erreichbar");
        }
    }
}

/// <summary>
/// Generated metadata for the health report: the first probe after a cold start would otherwise build it by reflection,
/// and a monitor's probe is exactly the request that start-up time is measured by.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(HealthReport))]
internal sealed partial class HealthJsonContext : JsonSerializerContext;

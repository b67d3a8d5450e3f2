using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing.Patterns;
using VirServerless.Functions.Admin;
using VirServerless.Functions.Timers;

namespace VirServerless.Functions.Deployment;

/// <summary>One HTTP function of the package: forwarded by the Functions host to the same path in this app.</summary>
public sealed record HttpFunction(string Name, string Route, IReadOnlyList<string> Methods, string AuthLevel);

/// <summary>
/// The Functions host's view of this app (<c>function.json</c> per function), generated from the app's own endpoint
/// table and <see cref="TimerFunctions.All"/> so that the package can never drift from the code.
/// </summary>
public static class FunctionMetadata
{
    public const string EmitSwitch = "--emit-function-metadata";

    /// <summary>
    /// host.json sets routePrefix "": the confirm/manage pages that mails link to live outside /api, and the host
    /// rejects function routes that start with "admin" ("conflicts with one or more built in routes"), which with
    /// prefix "api" would hit every /api/admin route. With an empty prefix the function route is the app's path.
    /// </summary>
    public const string RoutePrefix = "";

    /// <summary>Route starts the Functions host keeps for itself.</summary>
    public static IReadOnlyList<string> HostReservedRouteStarts { get; } = ["admin", "runtime"];

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Handles <c>--emit-function-metadata &lt;dir&gt;</c>: writes the function folders and tells the caller to exit.</summary>
    public static async Task<bool> EmitIfAskedAsync(this WebApplication app, string[] args)
    {
        var index = Array.IndexOf(args, EmitSwitch);
        if (index < 0)
        {
            return false;
        }
        if (index + 1 >= args.Length)
        {
            throw new ArgumentException($"{EmitSwitch} needs a target directory.");
        }
        var written = await WriteAsync(app, args[index + 1]);
        await Console.Out.WriteLineAsync($"Wrote {written.Count} function folders to {Path.GetFullPath(args[index + 1])}: {string.Join(", ", written)}");
        return true;
    }

    public static IReadOnlyList<HttpFunction> DescribeHttpFunctions(IEndpointRouteBuilder app)
    {
        var timerRoutes = TimerFunctions.All.Select(t => t.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var byRoute = new SortedDictionary<string, (SortedSet<string> Methods, bool NeedsKey)>(StringComparer.Ordinal);
        foreach (var endpoint in app.DataSources.SelectMany(source => source.Endpoints).OfType<RouteEndpoint>())
        {
            var route = ToFunctionRoute(endpoint.RoutePattern);
            // "/" belongs to the host's own home page; timer routes are invoked by the host, not by HTTP callers.
            if (route.Length == 0 || timerRoutes.Contains(route))
            {
                continue;
            }
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [];
            var entry = byRoute.TryGetValue(route, out var existing) ? existing : (new SortedSet<string>(StringComparer.Ordinal), false);
            entry.Item1.UnionWith(methods.Select(m => m.ToLowerInvariant()));
            entry.Item2 |= endpoint.Metadata.GetMetadata<AdminKeyRequired>() is not null;
            byRoute[route] = entry;
        }
        return [.. byRoute.Select(pair => new HttpFunction(FunctionName(pair.Key), pair.Key, [.. pair.Value.Methods], pair.Value.NeedsKey ? "function" : "anonymous"))];
    }

    public static JsonObject HttpFunctionJson(HttpFunction function) => new()
    {
        ["bindings"] = new JsonArray(
            new JsonObject
            {
                ["type"] = "httpTrigger",
                ["direction"] = "in",
                ["name"] = "req",
                ["authLevel"] = function.AuthLevel,
                ["methods"] = new JsonArray([.. function.Methods.Select(m => JsonValue.Create(m))]),
                ["route"] = function.Route,
            },
            new JsonObject { ["type"] = "http", ["direction"] = "out", ["name"] = "res" }),
    };

    public static JsonObject TimerFunctionJson(TimerFunction timer) => new()
    {
        ["bindings"] = new JsonArray(new JsonObject
        {
            ["type"] = "timerTrigger",
            ["direction"] = "in",
            ["name"] = "timer",
            ["schedule"] = $"%{timer.ScheduleSetting}%",
            ["runOnStartup"] = false,
            ["useMonitor"] = true,
        }),
    };

    /// <summary>Writes one folder with a function.json per function and returns the function names.</summary>
    public static async Task<IReadOnlyList<string>> WriteAsync(IEndpointRouteBuilder app, string directory)
    {
        var functions = DescribeHttpFunctions(app);
        var reserved = functions.Where(f => HostReservedRouteStarts.Any(r => f.Route.Split('/')[0].StartsWith(r, StringComparison.OrdinalIgnoreCase))).ToList();
        if (reserved.Count > 0)
        {
            throw new InvalidOperationException("The Functions host reserves these routes: " + string.Join(", ", reserved.Select(f => f.Route)));
        }
        var documents = functions.Select(f => (f.Name, Json: HttpFunctionJson(f)))
            .Concat(TimerFunctions.All.Select(t => (t.Name, Json: TimerFunctionJson(t))))
            .ToList();
        var duplicates = documents.GroupBy(d => d.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
        {
            throw new InvalidOperationException("Function names must be unique: " + string.Join(", ", duplicates));
        }
        foreach (var (name, json) in documents)
        {
            var folder = Path.Combine(directory, name);
            Directory.CreateDirectory(folder);
            await File.WriteAllTextAsync(Path.Combine(folder, "function.json"), json.ToJsonString(Indented) + "\n");
        }
        return [.. documents.Select(d => d.Name)];
    }

    /// <summary>The app's route pattern as a Functions route: same template syntax, no leading or trailing slash.</summary>
    public static string ToFunctionRoute(RoutePattern pattern) => (pattern.RawText ?? "").Trim('/');

    /// <summary><c>api/events/{id}/registrations</c> becomes <c>api-events-id-registrations</c>: a valid, readable folder name.</summary>
    public static string FunctionName(string route)
    {
        var parts = route.Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Select(segment => new string([.. segment.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-')]).Trim('-'))
            .Where(segment => segment.Length > 0);
        return string.Join('-', parts);
    }
}

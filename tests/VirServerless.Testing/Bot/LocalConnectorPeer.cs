using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace VirServerless.Testing;

/// <summary>One call the bot made to the connector, as received (path still URL-escaped).</summary>
public sealed record ConnectorRequest(string Method, string RawPath, string? Authorization, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
}

/// <summary>
/// Stands in for the Teams Connector (<c>{serviceUrl}/v3/...</c>) on loopback: records every call, answers sends with
/// 201 <c>{"id":..}</c>, serves members added by the test, plays scripted failures, and when
/// <see cref="ExpectedBearerToken"/> is set answers 401 to calls without exactly that token.
/// </summary>
public sealed class LocalConnectorPeer : IAsyncDisposable
{
    private readonly ConcurrentQueue<ConnectorRequest> requests = new();
    private readonly ConcurrentQueue<ConnectorRequest> delivered = new();
    private readonly ConcurrentQueue<(int Status, TimeSpan? RetryAfter)> scriptedFailures = new();
    private readonly ConcurrentDictionary<(string Conversation, string Member), string> members = new();
    private readonly WebApplication app;
    private readonly string prefix;
    private int nextId;

    private LocalConnectorPeer(WebApplication app, Uri baseAddress, string prefix)
    {
        this.app = app;
        this.prefix = prefix;
        ServiceUrl = new Uri(baseAddress, prefix);
    }

    /// <summary>The serviceUrl to put into activities; it has a region path like Teams (<c>/amer/</c>).</summary>
    public Uri ServiceUrl { get; }

    public string? ExpectedBearerToken { get; set; }

    public IReadOnlyList<ConnectorRequest> Requests => [.. requests];

    /// <summary>The activities the peer accepted (201), without the calls it answered with a scripted failure.</summary>
    public IReadOnlyList<ConnectorRequest> Delivered => [.. delivered];

    public static async Task<LocalConnectorPeer> StartAsync(string regionPath = "/amer/")
    {
        LocalConnectorPeer? peer = null;
        var (app, baseAddress) = await LoopbackWebApp.StartAsync(_ => { }, app => app.Run(context => peer!.HandleAsync(context)));
        peer = new LocalConnectorPeer(app, baseAddress, regionPath);
        return peer;
    }

    /// <summary>The next call gets this status (and Retry-After in seconds) instead of being served.</summary>
    public void FailNext(int status, TimeSpan? retryAfter = null) => scriptedFailures.Enqueue((status, retryAfter));

    public void AddMember(string conversationId, string memberId, string memberJson) =>
        members[(conversationId, memberId)] = memberJson;

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var rawPath = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        var authorization = context.Request.Headers.Authorization.ToString();
        var request = new ConnectorRequest(context.Request.Method, rawPath, authorization.Length == 0 ? null : authorization, body);
        requests.Enqueue(request);

        if (scriptedFailures.TryDequeue(out var failure))
        {
            if (failure.RetryAfter is { } retryAfter)
            {
                context.Response.Headers.RetryAfter = ((int)retryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            await WriteError(context, failure.Status, "Throttled", "Scripted failure");
            return;
        }

        if (ExpectedBearerToken is not null && authorization != $"Bearer {ExpectedBearerToken}")
        {
            await WriteError(context, 401, "Unauthorized", "Missing or wrong bearer token");
            return;
        }

        if (!rawPath.StartsWith(prefix + "v3/conversations", StringComparison.Ordinal))
        {
            await WriteError(context, 404, "NotFound", "Unknown path");
            return;
        }

        var segments = rawPath[(prefix.Length + "v3/conversations".Length)..].Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Select(Uri.UnescapeDataString).ToArray();
        switch (context.Request.Method, segments)
        {
            case ("POST", []):
                await WriteJson(context, 201, new { id = $"a:created-{Interlocked.Increment(ref nextId)}" });
                break;
            case ("POST", [_, "activities"] or [_, "activities", _]):
                delivered.Enqueue(request);
                await WriteJson(context, 201, new { id = $"activity-{Interlocked.Increment(ref nextId)}" });
                break;
            case ("GET", [var conversation, "members", var member]) when members.TryGetValue((conversation, member), out var json):
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(json);
                break;
            default:
                await WriteError(context, 404, "NotFound", "Unknown conversation, member or operation");
                break;
        }
    }

    private static Task WriteError(HttpContext context, int status, string code, string message) =>
        WriteJson(context, status, new { error = new { code, message } });

    private static Task WriteJson(HttpContext context, int status, object body)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(body);
    }
}

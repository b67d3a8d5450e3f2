using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Azure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace VirServerless.Bot.Protocol;

/// <summary>
/// Bot → channel calls of the Connector REST API v3. Sends the bot token to the serviceUrl it is given:
/// callers must pass only serviceUrls taken from authenticated activities (or stored from them), never user input.
/// Retries 429, 412, 502 and 504 with exponential backoff honouring Retry-After, and spaces sends per conversation.
/// </summary>
public class ConnectorClient(
    HttpClient http,
    BotTokenProvider tokens,
    ConversationRateLimiter rateLimiter,
    IOptions<ConnectorClientOptions> options,
    TimeProvider timeProvider,
    ILogger<ConnectorClient> logger)
{
    public virtual Task<ResourceResponse?> SendToConversationAsync(
        Uri serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        return SendAsync<ResourceResponse>(
            HttpMethod.Post, Endpoint(serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities"),
            activity, conversationId, cancellationToken);
    }

    public virtual Task<ResourceResponse?> ReplyToActivityAsync(
        Uri serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        ArgumentException.ThrowIfNullOrEmpty(activityId);
        return SendAsync<ResourceResponse>(
            HttpMethod.Post,
            Endpoint(serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities/{Escape(activityId)}"),
            activity, conversationId, cancellationToken);
    }

    public virtual Task<TeamsChannelAccount?> GetConversationMemberAsync(
        Uri serviceUrl, string conversationId, string memberId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        ArgumentException.ThrowIfNullOrEmpty(memberId);
        return SendAsync<TeamsChannelAccount>(
            HttpMethod.Get, Endpoint(serviceUrl, $"v3/conversations/{Escape(conversationId)}/members/{Escape(memberId)}"),
            body: null, rateLimitKey: null, cancellationToken);
    }

    private async Task<T?> SendAsync<T>(HttpMethod method, Uri uri, object? body, string? rateLimitKey, CancellationToken ct)
        where T : class
    {
        var payload = body is null ? null : JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), BotJson.Options);
        var settings = options.Value;
        for (var attempt = 1; ; attempt++)
        {
            if (rateLimitKey is not null)
            {
                await rateLimiter.WaitAsync(rateLimitKey, ct);
            }

            var token = await tokens.GetTokenAsync(ct);
            if (token is not null && uri.Scheme != Uri.UriSchemeHttps && !ActivityAuthenticator.IsLoopback(uri.AbsoluteUri))
            {
                throw new InvalidOperationException("The bot token is only sent over HTTPS (or to loopback).");
            }

            using var request = new HttpRequestMessage(method, uri);
            if (token is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            if (payload is not null)
            {
                request.Content = new ByteArrayContent(payload);
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            }

            using var response = await http.SendAsync(request, ct);
            if (response.IsSuccessStatusCode)
            {
                return response.Content.Headers.ContentLength == 0
                    ? null
                    : await ReadBodyAsync<T>(response, ct);
            }

            var delay = RetryDelay(response, attempt, settings);
            if (delay is null || attempt >= settings.MaxAttempts)
            {
                throw await CreateFailureAsync(response, ct);
            }

            logger.LogWarning(
                "Connector answered {Status} for {Method} {Path}; retry {Attempt} in {DelayMs} ms",
                (int)response.StatusCode, method.Method, uri.AbsolutePath, attempt, (int)delay.Value.TotalMilliseconds);
            await Task.Delay(delay.Value, timeProvider, ct);
        }
    }

    private TimeSpan? RetryDelay(HttpResponseMessage response, int attempt, ConnectorClientOptions settings)
    {
        if (response.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.PreconditionFailed
            or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout))
        {
            return null;
        }

        var retryAfter = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - timeProvider.GetUtcNow(),
            _ => (TimeSpan?)null,
        };
        if (retryAfter is { } honoured)
        {
            return honoured > settings.MaxRetryDelay ? null : honoured < TimeSpan.Zero ? TimeSpan.Zero : honoured;
        }

        // Exponential backoff with ±20 % jitter so parallel senders do not retry in lockstep.
#pragma warning disable CA5394 // Jitter needs no cryptographic randomness.
        var jitter = 0.8 + (Random.Shared.NextDouble() * 0.4);
#pragma warning restore CA5394
        var backoff = settings.BaseRetryDelay * Math.Pow(2, attempt - 1) * jitter;
        return backoff > settings.MaxRetryDelay ? settings.MaxRetryDelay : backoff;
    }

    private static async Task<T?> ReadBodyAsync<T>(HttpResponseMessage response, CancellationToken ct)
        where T : class
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(BotJson.Options, ct);
        }
        catch (JsonException ex)
        {
            throw new RequestFailedException((int)response.StatusCode, "The Connector returned malformed JSON.", ex);
        }
    }

    private static async Task<RequestFailedException> CreateFailureAsync(HttpResponseMessage response, CancellationToken ct)
    {
        string? code = null;
        string? message = null;
        try
        {
            var body = await response.Content.ReadFromJsonAsync<ConnectorErrorBody>(BotJson.Options, ct);
            code = body?.Error?.Code;
            message = body?.Error?.Message;
        }
        catch (JsonException)
        {
            // Error bodies are not always JSON (gateways); the status alone is enough then.
        }

        var status = (int)response.StatusCode;
        return new RequestFailedException(status, $"Connector call failed with {status}: {message ?? response.ReasonPhrase}", code, null);
    }

    private static Uri Endpoint(Uri serviceUrl, string relativePath)
    {
        ArgumentNullException.ThrowIfNull(serviceUrl);
        if (!serviceUrl.IsAbsoluteUri)
        {
            throw new ArgumentException("The serviceUrl must be absolute.", nameof(serviceUrl));
        }

        return new Uri($"{serviceUrl.GetLeftPart(UriPartial.Path).TrimEnd('/')}/{relativePath}");
    }

    private static string Escape(string id) => Uri.EscapeDataString(id);

    private sealed record ConnectorErrorBody(ConnectorError? Error);

    private sealed record ConnectorError(string? Code, string? Message);
}

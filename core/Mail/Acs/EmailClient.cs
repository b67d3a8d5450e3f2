using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace VirServerless.Core.Mail.Acs;

/// <summary>
/// Sends mail through the Azure Communication Services Email REST API, shaped like Azure.Communication.Email.
/// Thread-safe; use one instance per app so the send throttle sees every message.
/// </summary>
public class EmailClient
{
    public const string TokenScope = "https://communication.azure.com//.default";

    private readonly HttpPipeline pipeline = null!;
    private readonly EmailClientOptions options = null!;
    private readonly string endpoint = null!;

    /// <summary>Key auth from <c>endpoint=https://...;accesskey=...</c>.</summary>
    public EmailClient(string connectionString, EmailClientOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var (endpointUri, key) = ParseConnectionString(connectionString);
        this.options = options ?? new EmailClientOptions();
        endpoint = endpointUri.AbsoluteUri.TrimEnd('/');
        pipeline = BuildPipeline(new AcsHmacAuthenticationPolicy(key, this.options.TimeProvider));
    }

    /// <summary>Entra ID auth (managed identity).</summary>
    public EmailClient(Uri endpoint, TokenCredential credential, EmailClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(credential);
        this.options = options ?? new EmailClientOptions();
        this.endpoint = endpoint.AbsoluteUri.TrimEnd('/');
        pipeline = BuildPipeline(new BearerTokenAuthenticationPolicy(credential, TokenScope));
    }

    /// <summary>For test doubles.</summary>
    protected EmailClient()
    {
    }

    internal TimeProvider TimeProvider => options.TimeProvider;

    internal TimeSpan DefaultPollInterval => options.DefaultPollInterval;

    /// <summary>
    /// A UUID that is always the same for <paramref name="stableKey"/> (e.g. an outbox row key), so that a resend after
    /// a crash carries the same <c>Operation-Id</c>.
    /// </summary>
    public static string CreateOperationId(string stableKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(stableKey);
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes("VirServerless.Mail:" + stableKey)).AsSpan(0, 16).ToArray();

        // RFC 9562 version 8 (custom) with the RFC variant bits, so the result is a well-formed UUID.
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true).ToString();
    }

    /// <summary>
    /// Queues the message. With <see cref="WaitUntil.Completed"/> it also polls until the operation ends and throws a
    /// <see cref="RequestFailedException"/> carrying the service's error code (e.g. <c>EmailDropped</c>) if it failed.
    /// </summary>
    /// <remarks>
    /// <paramref name="operationId"/> must be a UUID; pass the same one when resending the same mail (a new one is made when
    /// null). Azure.Core's retries of this call reuse it.
    /// </remarks>
    public virtual async Task<EmailSendOperation> SendAsync(
        WaitUntil waitUntil, EmailMessage message, string? operationId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Recipients.To.Count == 0)
        {
            throw new ArgumentException("A mail needs at least one To recipient.", nameof(message));
        }

        if (operationId is not null && !Guid.TryParse(operationId, out _))
        {
            throw new ArgumentException("The Operation-Id must be a UUID; see CreateOperationId.", nameof(operationId));
        }

        // Fixed before the pipeline runs, so Azure.Core's retries resend the same Operation-Id.
        operationId ??= Guid.NewGuid().ToString();

        // Not disposed: the buffered response stays with the returned operation.
        var httpMessage = pipeline.CreateMessage();
        var request = httpMessage.Request;
        request.Method = RequestMethod.Post;
        request.Uri.Reset(new Uri($"{endpoint}/emails:send?api-version={Uri.EscapeDataString(options.ApiVersion)}"));
        request.Headers.SetValue("Operation-Id", operationId);
        request.Headers.SetValue(HttpHeader.Names.ContentType, "application/json");
        request.Headers.SetValue(HttpHeader.Names.Accept, "application/json");
        request.Content = RequestContent.Create(EmailMessageJson.Serialize(message));

        await pipeline.SendAsync(httpMessage, cancellationToken).ConfigureAwait(false);
        var response = httpMessage.Response;
        if (response.Status != 202)
        {
            throw new RequestFailedException(response);
        }

        var result = EmailMessageJson.ReadResult(response.Content);
        var operation = new EmailSendOperation(this, result.Id ?? operationId, result, response);
        if (waitUntil == WaitUntil.Completed)
        {
            await operation.WaitForCompletionAsync(cancellationToken).ConfigureAwait(false);
        }

        return operation;
    }

    internal async Task<Response> GetSendResultAsync(string operationId, CancellationToken cancellationToken)
    {
        // Built from our endpoint, not from Operation-Location: the key signs every request, so it only goes to our host.
        var httpMessage = pipeline.CreateMessage();
        httpMessage.Request.Method = RequestMethod.Get;
        httpMessage.Request.Uri.Reset(new Uri(
            $"{endpoint}/emails/operations/{Uri.EscapeDataString(operationId)}?api-version={Uri.EscapeDataString(options.ApiVersion)}"));
        httpMessage.Request.Headers.SetValue(HttpHeader.Names.Accept, "application/json");

        await pipeline.SendAsync(httpMessage, cancellationToken).ConfigureAwait(false);
        var response = httpMessage.Response;
        if (response.Status != 200)
        {
            throw new RequestFailedException(response);
        }

        return response;
    }

    private HttpPipeline BuildPipeline(HttpPipelinePolicy authentication) =>
        HttpPipelineBuilder.Build(
            options,
            perCallPolicies: [],
            perRetryPolicies:
            [
                new SendThrottle(options.MessagesPerMinute, options.MessagesPerHour, options.MaxThrottleWait, options.TimeProvider),
                authentication,
            ],
            new ResponseClassifier());

    private static (Uri Endpoint, byte[] Key) ParseConnectionString(string connectionString)
    {
        string? endpointText = null, keyText = null;
        foreach (var part in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                continue;
            }

            // Split at the first '=' only: base64 keys end in '=' padding.
            var (name, value) = (part[..equals].Trim(), part[(equals + 1)..].Trim());
            if (name.Equals("endpoint", StringComparison.OrdinalIgnoreCase))
            {
                endpointText = value;
            }
            else if (name.Equals("accesskey", StringComparison.OrdinalIgnoreCase))
            {
                keyText = value;
            }
        }

        if (endpointText is null || keyText is null || !Uri.TryCreate(endpointText, UriKind.Absolute, out var endpointUri))
        {
            throw new FormatException("The ACS connection string needs 'endpoint=https://...;accesskey=...'.");
        }

        try
        {
            return (endpointUri, Convert.FromBase64String(keyText));
        }
        catch (FormatException error)
        {
            throw new FormatException("The ACS access key in the connection string is not base64.", error);
        }
    }
}

internal static class EmailMessageJson
{
    public sealed record SendResult(string? Id, EmailSendStatus Status, ResponseError? Error);

    public static byte[] Serialize(EmailMessage message)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (message.Headers.Count > 0)
            {
                json.WriteStartObject("headers");
                foreach (var (name, value) in message.Headers)
                {
                    json.WriteString(name, value);
                }

                json.WriteEndObject();
            }

            json.WriteString("senderAddress", message.SenderAddress);
            json.WriteStartObject("content");
            json.WriteString("subject", message.Content.Subject);
            WriteIfPresent(json, "plainText", message.Content.PlainText);
            WriteIfPresent(json, "html", message.Content.Html);
            json.WriteEndObject();

            json.WriteStartObject("recipients");
            WriteAddresses(json, "to", message.Recipients.To);
            WriteAddresses(json, "cc", message.Recipients.Cc);
            WriteAddresses(json, "bcc", message.Recipients.Bcc);
            json.WriteEndObject();

            if (message.Attachments.Count > 0)
            {
                json.WriteStartArray("attachments");
                foreach (var attachment in message.Attachments)
                {
                    json.WriteStartObject();
                    json.WriteString("name", attachment.Name);
                    json.WriteString("contentType", attachment.ContentType);
                    json.WriteBase64String("contentInBase64", attachment.Content.ToMemory().Span);
                    if (attachment.ContentId is { } contentId)
                    {
                        json.WriteString("contentId", contentId);
                    }
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            WriteAddresses(json, "replyTo", message.ReplyTo);
            if (message.UserEngagementTrackingDisabled)
            {
                json.WriteBoolean("userEngagementTrackingDisabled", true);
            }

            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    public static SendResult ReadResult(BinaryData body)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        var id = root.TryGetProperty("id", out var idElement) ? idElement.GetString() : null;
        var statusText = root.TryGetProperty("status", out var statusElement) ? statusElement.GetString() : null;
        if (!Enum.TryParse<EmailSendStatus>(statusText, ignoreCase: true, out var status))
        {
            throw new InvalidOperationException($"ACS reported the unknown send status '{statusText}'.");
        }

        ResponseError? error = null;
        if (root.TryGetProperty("error", out var errorElement) && errorElement.ValueKind == JsonValueKind.Object)
        {
            error = new ResponseError(
                errorElement.TryGetProperty("code", out var code) ? code.GetString() : null,
                errorElement.TryGetProperty("message", out var text) ? text.GetString() : null);
        }

        return new SendResult(id, status, error);
    }

    private static void WriteIfPresent(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }

    private static void WriteAddresses(Utf8JsonWriter json, string name, IReadOnlyList<EmailAddress>? addresses)
    {
        if (addresses is null || addresses.Count == 0)
        {
            return;
        }

        json.WriteStartArray(name);
        foreach (var address in addresses)
        {
            json.WriteStartObject();
            json.WriteString("address", address.Address);
            WriteIfPresent(json, "displayName", address.DisplayName);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}

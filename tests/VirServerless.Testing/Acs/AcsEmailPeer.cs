using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace VirServerless.Testing;

/// <summary>
/// A local stand-in for ACS Email (api-version 2025-09-01) on a free loopback port. It checks every request the way the
/// service does (HMAC signature, body hash, date skew, api-version, body shape and limits), accepts sends with 202 and
/// reports operations Running once, then Succeeded (or a scripted final status).
/// </summary>
public sealed class AcsEmailPeer : IAsyncDisposable
{
    public const string ApiVersion = "2025-09-01";
    private const int MaxRecipients = 50;
    private const int MaxRequestBytes = 10 * 1024 * 1024;
    private static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(15);

    private readonly HttpListener listener = new();
    private readonly byte[] key = RandomNumberGenerator.GetBytes(32);
    private readonly ConcurrentQueue<ScriptedResponse> faults = new();
    private readonly ConcurrentDictionary<string, Operation> operations = new();
    private readonly ConcurrentQueue<AcceptedMail> accepted = new();
    private readonly ConcurrentQueue<string> repeatedOperationIds = new();
    private readonly ConcurrentQueue<string> requestLog = new();
    private readonly ConcurrentQueue<DateTimeOffset> acceptedAt = new();
    private readonly Lock quotaGate = new();
    private readonly Task loop;

    private AcsEmailPeer(int port)
    {
        Port = port;
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public string AccessKey => Convert.ToBase64String(key);

    public string ConnectionString => $"endpoint=http://127.0.0.1:{Port}/;accesskey={AccessKey}";

    /// <summary>Seconds in the <c>retry-after</c> of running operations.</summary>
    public int PollRetryAfterSeconds { get; set; } = 1;

    /// <summary>How a finished operation ends; set to Failed to simulate a dropped mail.</summary>
    public string FinalStatus { get; set; } = "Succeeded";

    /// <summary>
    /// Sends accepted per sliding hour before the peer answers 429 with <c>Retry-After</c>, as ACS does past a resource's
    /// quota (a repeated Operation-Id is not a new send); null: no quota.
    /// </summary>
    public int? MessagesPerHour { get; set; }

    /// <summary>Seconds in the <c>Retry-After</c> of a 429 past <see cref="MessagesPerHour"/>.</summary>
    public int QuotaRetryAfterSeconds { get; set; } = 1;

    /// <summary>Every mail accepted once, in order.</summary>
    public IReadOnlyList<AcceptedMail> Accepted => [.. accepted];

    /// <summary>Operation-Ids that arrived again after being accepted (answered with the existing operation).</summary>
    public IReadOnlyList<string> RepeatedOperationIds => [.. repeatedOperationIds];

    /// <summary>"METHOD path -> status" for every request, for diagnosing a failing test.</summary>
    public IReadOnlyList<string> RequestLog => [.. requestLog];

    public static AcsEmailPeer Start()
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = Ports.Free();
            try
            {
                return new AcsEmailPeer(port);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                // Another process took the port between probe and bind; try another.
            }
        }
    }

    /// <summary>The next send requests get these answers instead of being processed (e.g. 429 with Retry-After: 1).</summary>
    public void EnqueueFault(int status, string errorCode, int? retryAfterSeconds = null, bool acceptFirst = false) =>
        faults.Enqueue(new ScriptedResponse(status, errorCode, retryAfterSeconds, acceptFirst));

    public async ValueTask DisposeAsync()
    {
        listener.Stop();
        listener.Close();
        try
        {
            await loop.ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception error) when (error is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var response = context.Response;
        try
        {
            using var buffer = new MemoryStream();
            await request.InputStream.CopyToAsync(buffer).ConfigureAwait(false);
            var body = buffer.ToArray();
            var pathAndQuery = request.RawUrl ?? "/";
            var path = pathAndQuery.Split('?')[0];

            var reply = Authenticate(request, pathAndQuery, body)
                ?? CheckApiVersion(request)
                ?? (request.HttpMethod, path) switch
                {
                    ("POST", "/emails:send") => Send(request, body),
                    ("GET", var p) when p.StartsWith("/emails/operations/", StringComparison.Ordinal) =>
                        GetOperation(Uri.UnescapeDataString(p["/emails/operations/".Length..])),
                    _ => Error(404, "NotFound", $"No route {request.HttpMethod} {path}."),
                };

            requestLog.Enqueue($"{request.HttpMethod} {path} -> {reply.Status}");
            response.StatusCode = reply.Status;
            foreach (var (name, value) in reply.Headers)
            {
                response.Headers[name] = value;
            }

            var bytes = Encoding.UTF8.GetBytes(reply.Body.ToJsonString());
            response.ContentType = "application/json";
            response.ContentLength64 = bytes.Length;
            await response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
        }
        finally
        {
            response.Close();
        }
    }

    private Reply? Authenticate(HttpListenerRequest request, string pathAndQuery, byte[] body)
    {
        var date = request.Headers["x-ms-date"];
        var hash = request.Headers["x-ms-content-sha256"];
        var authorization = request.Headers["Authorization"];
        var host = request.Headers["Host"];
        if (date is null || hash is null || authorization is null || host is null)
        {
            return Error(401, "Denied", "Missing x-ms-date, x-ms-content-sha256, Host or Authorization.");
        }

        if (!DateTimeOffset.TryParseExact(date, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var sentAt) ||
            (DateTimeOffset.UtcNow - sentAt).Duration() > MaxClockSkew)
        {
            return Error(401, "Denied", $"x-ms-date '{date}' is not an RFC 1123 date within 15 minutes of now.");
        }

        if (hash != Convert.ToBase64String(SHA256.HashData(body)))
        {
            return Error(401, "Denied", "x-ms-content-sha256 does not match the body.");
        }

        const string prefix = "HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=";
        var stringToSign = $"{request.HttpMethod}\n{pathAndQuery}\n{date};{host};{hash}";
        var expected = prefix + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(stringToSign)));
        return authorization == expected ? null : Error(401, "Denied", "Denied by the resource provider: the signature is wrong.");
    }

    private static Reply? CheckApiVersion(HttpListenerRequest request) =>
        request.QueryString["api-version"] == ApiVersion
            ? null
            : Error(400, "UnsupportedApiVersion", $"api-version '{request.QueryString["api-version"]}' is not supported.");

    private Reply Send(HttpListenerRequest request, byte[] body)
    {
        var operationId = request.Headers["Operation-Id"] ?? Guid.NewGuid().ToString();
        if (!Guid.TryParse(operationId, out _))
        {
            return Error(400, "InvalidOperationId", "Operation-Id must be a UUID.");
        }

        if (faults.TryDequeue(out var fault))
        {
            if (fault.AcceptFirst)
            {
                _ = Accept(operationId, body);
            }

            var reply = Error(fault.Status, fault.ErrorCode, $"Scripted {fault.Status}.");
            return fault.RetryAfterSeconds is { } seconds
                ? reply with { Headers = [.. reply.Headers, ("Retry-After", seconds.ToString(CultureInfo.InvariantCulture))] }
                : reply;
        }

        if (body.Length > MaxRequestBytes)
        {
            return Error(413, "RequestTooLarge", "The request exceeds 10 MB.");
        }

        if (Validate(body) is { } invalid)
        {
            return Error(400, "InvalidRequest", invalid);
        }

        Operation operation;
        lock (quotaGate)
        {
            if (MessagesPerHour is { } quota && !operations.ContainsKey(operationId) && acceptedAt.Count(at => at > DateTimeOffset.UtcNow.AddHours(-1)) >= quota)
            {
                var throttled = Error(429, "TooManyRequests", "The hourly email quota of this resource is used up.");
                return throttled with { Headers = [.. throttled.Headers, ("Retry-After", QuotaRetryAfterSeconds.ToString(CultureInfo.InvariantCulture))] };
            }
            operation = Accept(operationId, body);
        }
        return new Reply(202, Json(operation.Id, "Running", null), [
            ("Operation-Location", $"http://127.0.0.1:{Port}/emails/operations/{operation.Id}?api-version={ApiVersion}"),
            ("retry-after", PollRetryAfterSeconds.ToString(CultureInfo.InvariantCulture)),
        ]);
    }

    private Operation Accept(string operationId, byte[] body)
    {
        var isNew = false;
        var operation = operations.GetOrAdd(operationId, id =>
        {
            isNew = true;
            return new Operation(id);
        });
        if (isNew)
        {
            acceptedAt.Enqueue(DateTimeOffset.UtcNow);
            accepted.Enqueue(new AcceptedMail(operationId, JsonNode.Parse(body)!.AsObject()));
        }
        else
        {
            repeatedOperationIds.Enqueue(operationId);
        }

        return operation;
    }

    private static string? Validate(byte[] body)
    {
        JsonObject message;
        try
        {
            message = JsonNode.Parse(body)?.AsObject() ?? throw new JsonException("null");
        }
        catch (Exception error) when (error is JsonException or InvalidOperationException)
        {
            return "The body is not a JSON object.";
        }

        if (message["senderAddress"]?.GetValueKind() != JsonValueKind.String)
        {
            return "senderAddress is required.";
        }

        if (message["content"]?["subject"]?.GetValueKind() != JsonValueKind.String)
        {
            return "content.subject is required.";
        }

        if (message["recipients"]?["to"] is not JsonArray to || to.Count == 0)
        {
            return "recipients.to needs at least one address.";
        }

        var all = new[] { "to", "cc", "bcc" }.SelectMany(kind => message["recipients"]?[kind] as JsonArray ?? []).ToList();
        if (all.Count > MaxRecipients)
        {
            return $"At most {MaxRecipients} recipients per mail.";
        }

        if (all.Any(address => address?["address"]?.GetValueKind() != JsonValueKind.String))
        {
            return "Every recipient needs an address.";
        }

        foreach (var attachment in message["attachments"] as JsonArray ?? [])
        {
            var content = attachment?["contentInBase64"]?.GetValueKind() == JsonValueKind.String
                ? attachment["contentInBase64"]!.GetValue<string>()
                : null;
            if (attachment?["name"] is null || attachment["contentType"] is null || content is null ||
                !Convert.TryFromBase64String(content, new byte[content.Length], out _))
            {
                return "Every attachment needs name, contentType and base64 contentInBase64.";
            }
            if (attachment["contentId"] is { } contentId && contentId.GetValueKind() != JsonValueKind.String)
            {
                return "An attachment's contentId must be a string.";
            }
        }

        return null;
    }

    private Reply GetOperation(string id)
    {
        if (!operations.TryGetValue(id, out var operation))
        {
            return Error(404, "NotFound", $"Operation {id} is unknown.");
        }

        if (Interlocked.Increment(ref operation.Polls) == 1)
        {
            return new Reply(200, Json(id, "Running", null), [("retry-after", PollRetryAfterSeconds.ToString(CultureInfo.InvariantCulture))]);
        }

        var error = FinalStatus == "Failed"
            ? new JsonObject { ["code"] = "EmailDropped", ["message"] = "Email was dropped after several attempts to deliver." }
            : null;
        return new Reply(200, Json(id, FinalStatus, error), []);
    }

    private static JsonObject Json(string id, string status, JsonObject? error)
    {
        var json = new JsonObject { ["id"] = id, ["status"] = status };
        if (error is not null)
        {
            json["error"] = error;
        }

        return json;
    }

    private static Reply Error(int status, string code, string message) =>
        new(status, new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } }, [("x-ms-error-code", code)]);

    private sealed record Reply(int Status, JsonObject Body, IReadOnlyList<(string Name, string Value)> Headers);

    private sealed record ScriptedResponse(int Status, string ErrorCode, int? RetryAfterSeconds, bool AcceptFirst);

    private sealed class Operation(string id)
    {
        public string Id { get; } = id;

        public int Polls;
    }
}

/// <summary>A mail the peer accepted, with the Operation-Id it came with and its JSON body.</summary>
public sealed record AcceptedMail(string OperationId, JsonObject Message);

using System.Net.Sockets;
using Azure;

namespace VirServerless.Functions.Hosting;

/// <summary>
/// Tells an outage of a service we depend on (Table Storage, the Bot Connector: refused connections, timeouts, 5xx,
/// retries exhausted) from a bug, so that clients get 503 with Retry-After instead of 500. Storage transactions are
/// atomic, so nothing was half-written.
/// </summary>
public static class DependencyOutage
{
    public const int RetryAfterSeconds = 5;

    public static bool IsOutage(Exception exception) => exception switch
    {
        RequestFailedException failed => failed.Status is 0 or >= 500,
        HttpRequestException or SocketException or IOException => true,
        TaskCanceledException canceled => canceled.InnerException is TimeoutException,
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(IsOutage),
        _ => false,
    };
}

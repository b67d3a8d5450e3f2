using Azure.Core;

namespace VirServerless.Core.Mail.Acs;

/// <summary>
/// Options for <see cref="EmailClient"/>. Retries are Azure.Core's: <c>Retry.MaxRetries</c> (default 3) and
/// <c>Retry.Delay</c>; 408, 429, 500, 502, 503 and 504 are retried and a <c>Retry-After</c> header sets the delay.
/// </summary>
public class EmailClientOptions : ClientOptions
{
    /// <summary>2025-09-01 is the first stable version with inline attachments (<c>contentId</c>); the shape is otherwise that of 2023-03-31.</summary>
    public string ApiVersion { get; set; } = "2025-09-01";

    /// <summary>Client-side cap on send requests (retries included) per sliding minute; 0 turns it off.</summary>
    /// <remarks>The default is the ACS quota for custom domains; the cap holds per client instance, not per app.</remarks>
    public int MessagesPerMinute { get; set; } = 30;

    /// <summary>Client-side cap on send requests per sliding hour; 0 turns it off.</summary>
    public int MessagesPerHour { get; set; } = 100;

    /// <summary>
    /// The longest a send waits for the throttle. Beyond it the send fails at once with a 429
    /// <see cref="Azure.RequestFailedException"/> (error code <c>ClientThrottled</c>) so an outbox can retry later
    /// instead of blocking a function invocation for most of an hour.
    /// </summary>
    public TimeSpan MaxThrottleWait { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Poll interval when the service sends no <c>retry-after</c>.</summary>
    public TimeSpan DefaultPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Clock for request signing, throttling and polling delays.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}

using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using VirServerless.Functions.Hosting;

namespace VirServerless.Functions.Pages;

public sealed class RateLimitingOptions
{
    public const string SectionName = "RateLimiting";

    /// <summary>
    /// Registration posts (API and form together) per client address: a bucket of this many, so that a whole town
    /// hall behind one gateway can register right after the invitation mail.
    /// </summary>
    public int RegistrationBurst { get; set; } = 60;

    /// <summary>Tokens added to the registration bucket every minute: what a script from one address gets after the burst.</summary>
    public int RegistrationsPerMinute { get; set; } = 10;

    /// <summary>Organiser login posts per client address: the bucket size.</summary>
    public int LoginBurst { get; set; } = 10;

    /// <summary>Tokens added to the login bucket every minute.</summary>
    public int LoginsPerMinute { get; set; } = 2;

    /// <summary>Wrong admin keys (JSON API header and login form together) per client address and <see cref="FailedKeyWindow"/>; then 429.</summary>
    public int FailedKeyLimit { get; set; } = 10;

    public TimeSpan FailedKeyWindow { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>
/// Which proxies may tell us the client address and scheme (X-Forwarded-For, X-Forwarded-Proto). Nothing is trusted
/// unless listed; under the Functions host, which is the only peer of a handler listening on 127.0.0.1, loopback is.
/// </summary>
public sealed class ForwardedHeadersSettings
{
    public const string SectionName = "ForwardedHeaders";

    /// <summary>Addresses of trusted proxies, e.g. <c>10.0.0.4</c>.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks of trusted proxies in CIDR notation, e.g. <c>10.0.0.0/24</c>.</summary>
    public string[] KnownNetworks { get; set; } = [];
}

public sealed class SecurityOptions
{
    public const string SectionName = "Security";

    /// <summary>
    /// Sources allowed to frame the embeddable registration form (CSP frame-ancestors), e.g. <c>'self'</c> and
    /// <c>https://www.vir-nordwest.de</c>. Empty means <c>'self'</c>. Every other page refuses all framing. (No default in the array: configuration binding appends to it.)
    /// </summary>
    public string[] FrameAncestors { get; set; } = [];
}

public sealed class CorsOriginsOptions
{
    public const string SectionName = "Cors";

    /// <summary>Origins whose pages may call the public JSON API from a browser.</summary>
    public string[] AllowedOrigins { get; set; } = [];
}

/// <summary>
/// What protects the public pages without a CAPTCHA (rate limits per client address and route; the honeypot lives in
/// the form), plus the headers every response carries and CORS for the public API.
/// </summary>
public static class PageSecurity
{
    private const string CorsPolicy = "public-api";

    /// <summary>Sensors and features no page of ours uses; a framed or injected script cannot ask for them either.</summary>
    private const string PermissionsPolicy = "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=(), interest-cohort=()";

    public static WebApplicationBuilder AddPages(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<RateLimitingOptions>().BindConfiguration(RateLimitingOptions.SectionName)
            .Validate(o => o is { RegistrationBurst: > 0, RegistrationsPerMinute: > 0, LoginBurst: > 0, LoginsPerMinute: > 0, FailedKeyLimit: > 0 } && o.FailedKeyWindow > TimeSpan.Zero,
                "RateLimiting: every limit must be positive.").ValidateOnStart();
        services.AddOptions<SecurityOptions>().BindConfiguration(SecurityOptions.SectionName);
        services.AddOptions<CorsOriginsOptions>().BindConfiguration(CorsOriginsOptions.SectionName);
        services.AddOptions<ForwardedHeadersSettings>().BindConfiguration(ForwardedHeadersSettings.SectionName);
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ForwardedHeadersSettings>>((options, settings) =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The framework trusts loopback by default; here only what the settings (or the Functions host) say.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            var proxies = settings.Value.KnownProxies.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => IPAddress.Parse(p.Trim())).ToList();
            if (FunctionsHost.IsUnderFunctionsHost && proxies.Count == 0 && settings.Value.KnownNetworks.Length == 0)
            {
                proxies = [IPAddress.Loopback, IPAddress.IPv6Loopback];
            }
            proxies.ForEach(options.KnownProxies.Add);
            foreach (var network in settings.Value.KnownNetworks.Where(n => !string.IsNullOrWhiteSpace(n)))
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network.Trim()));
            }
        });

        var origins = AllowedOrigins(builder.Configuration);
        services.AddCors(cors => cors.AddPolicy(CorsPolicy, policy => policy
            .WithOrigins(origins)
            .WithMethods("GET", "POST")
            .WithHeaders("Content-Type", "Idempotency-Key")));

        services.AddSingleton<PostRateLimiter>();
        services.AddSingleton<FailedKeyGuard>();
        return builder;
    }

    /// <summary>Forwarded headers, headers on every response, CORS for the public API, and the rate limiter.</summary>
    public static WebApplication UsePageSecurity(this WebApplication app)
    {
        var forwarded = app.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;
        if (forwarded.KnownProxies.Count > 0 || forwarded.KnownIPNetworks.Count > 0)
        {
            app.UseForwardedHeaders();
        }

        var embeddable = string.Join(' ', app.Services.GetRequiredService<IOptions<SecurityOptions>>().Value.FrameAncestors
            .Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a.Trim()).Distinct(StringComparer.Ordinal).DefaultIfEmpty("'self'"));
        const string policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
            + "form-action 'self'; base-uri 'none'; object-src 'none'; frame-ancestors ";
        var embeddableCsp = policy + embeddable;
        // No page of ours frames another: everything but the embeddable form refuses to be framed at all.
        const string closedCsp = policy + "'none'";
        // Synchronous where nothing is awaited: every request passes here, and an async lambda costs a state machine
        // (JIT-compiled at start: the cold start is mostly JIT on two cores).
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = IsEmbeddable(context.Request) ? embeddableCsp : closedCsp;
            headers.XContentTypeOptions = "nosniff";
            // Tokens sit in mail links; another site must never see them in a Referer.
            headers["Referrer-Policy"] = "no-referrer";
            headers["Permissions-Policy"] = PermissionsPolicy;
            if (context.Request.IsHttps)
            {
                // Only over HTTPS (RFC 6797 8.1): on plain http a browser ignores it, and localhost must stay reachable.
                headers.StrictTransportSecurity = "max-age=31536000";
            }
            return next(context);
        });
        // Without allowed origins there is nothing to answer a cross-origin request with; the middleware is then left out.
        if (AllowedOrigins(app.Configuration).Length > 0)
        {
            app.UseWhen(context => context.Request.Path.StartsWithSegments("/api/events"), branch => branch.UseCors(CorsPolicy));
        }

        app.Use((context, next) => LimitedKind(context) is { } kind ? LimitAsync(kind, context, next) : next(context));
        return app;
    }

    private static async Task LimitAsync(PostKind kind, HttpContext context, RequestDelegate next)
    {
        // Resolved at the first limited post, not at start: its partitions over (kind, address) are JIT-compiled generics.
        var limiter = context.RequestServices.GetRequiredService<PostRateLimiter>();
        using var lease = limiter.AttemptAcquire(kind, ClientAddress(context));
        if (!lease.IsAcquired)
        {
            var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
            await WriteRejectionAsync(context, retryAfter);
            return;
        }
        await next(context);
    }

    /// <summary>
    /// The embeddable form and what it leads to inside the frame (its post and the success page carry <c>?einbetten</c>).
    /// Routing ignores letter case, so this does too.
    /// </summary>
    private static bool IsEmbeddable(HttpRequest request)
    {
        var segments = request.Path.Value?.Trim('/').Split('/') ?? [];
        return segments.Length == 3 && segments[0].Equals("veranstaltungen", StringComparison.OrdinalIgnoreCase)
            && (segments[2].Equals("einbetten", StringComparison.OrdinalIgnoreCase) || request.Query.ContainsKey("einbetten"));
    }

    /// <summary>
    /// Limits go by the route the request was matched to, never by the raw path: routing ignores case and
    /// percent-encoding, so a path comparison could be walked around (<c>/API/Events/x/Registrations</c>).
    /// </summary>
    private static PostKind? LimitedKind(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method) && context.GetEndpoint() is RouteEndpoint endpoint
            ? LimitedRoutes.GetValueOrDefault(endpoint.RoutePattern.RawText?.TrimStart('/') ?? "")
            : null;

    private static readonly Dictionary<string, PostKind?> LimitedRoutes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["api/events/{id}/registrations"] = PostKind.Registration,
        ["veranstaltungen/{id}/anmelden"] = PostKind.Registration,
        ["verwaltung/anmelden"] = PostKind.Login,
    };

    /// <summary>
    /// The client's address: the connection's, or what a trusted proxy (<see cref="ForwardedHeadersSettings"/>) put
    /// into X-Forwarded-For; the forwarded-headers middleware has already replaced the remote address then, and it
    /// drops the <c>:port</c> that Azure's front ends append.
    /// </summary>
    public static string ClientAddress(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } remote ? (remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote).ToString() : "unknown";

    private static string[] AllowedOrigins(IConfiguration configuration) =>
        [.. (configuration.GetSection(CorsOriginsOptions.SectionName).Get<CorsOriginsOptions>()?.AllowedOrigins ?? [])
            .Where(o => !string.IsNullOrWhiteSpace(o)).Select(o => o.TrimEnd('/'))];

    public static async Task WriteRejectionAsync(HttpContext context, TimeSpan retryAfter)
    {
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        const string detail = "Sie haben zu viele Anfragen in kurzer Zeit gesendet. Bitte warten Sie einen Moment und versuchen Sie es dann erneut.";
        IResult result = context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
            ? TypedResults.Problem(detail: detail, statusCode: 429, title: "Zu viele Anfragen")
            : Layout.Page("Zu viele Anfragen", $"<p role=\"alert\">{Layout.E(detail)}</p><p><a href=\"/veranstaltungen\">Zur Übersicht der Veranstaltungen</a></p>", 429);
        await result.ExecuteAsync(context);
    }
}

public enum PostKind
{
    Registration,
    Login,
}

/// <summary>
/// A token bucket per route kind and client address for the posts that <c>LimitedKind</c> picks: a burst that a
/// whole office behind one gateway fits into, then a steady refill that holds a script down. Called from our own
/// middleware rather than AddRateLimiter: the framework's middleware is built at every start (options, metrics,
/// partition machinery) and then visited by every request, for three routes.
/// </summary>
public sealed class PostRateLimiter(IOptions<RateLimitingOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<(PostKind Kind, string Address)> limiter =
        PartitionedRateLimiter.Create<(PostKind Kind, string Address), (PostKind Kind, string Address)>(key =>
            RateLimitPartition.GetTokenBucketLimiter(key, k => Bucket(options.Value, k.Kind)));

    public RateLimitLease AttemptAcquire(PostKind kind, string clientAddress) => limiter.AttemptAcquire((kind, clientAddress));

    public static TokenBucketRateLimiterOptions Bucket(RateLimitingOptions options, PostKind kind) => new()
    {
        TokenLimit = kind == PostKind.Registration ? options.RegistrationBurst : options.LoginBurst,
        TokensPerPeriod = kind == PostKind.Registration ? options.RegistrationsPerMinute : options.LoginsPerMinute,
        ReplenishmentPeriod = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    public void Dispose() => limiter.Dispose();
}

/// <summary>
/// Counts wrong admin keys per client address, from the JSON API's <c>x-functions-key</c> and the login form alike.
/// Past the limit every attempt of that client is refused with 429 until the window ends, the right key included,
/// so that guessing never learns anything from the answer.
/// </summary>
public sealed class FailedKeyGuard(IOptions<RateLimitingOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> failures = PartitionedRateLimiter.Create<string, string>(client =>
        RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.FailedKeyLimit,
            Window = options.Value.FailedKeyWindow,
            QueueLimit = 0,
        }));

    public TimeSpan Window => options.Value.FailedKeyWindow;

    public bool IsBlocked(string client) => failures.GetStatistics(client) is { CurrentAvailablePermits: <= 0 };

    public void RecordFailure(string client)
    {
        using var _ = failures.AttemptAcquire(client);
    }

    public void Dispose() => failures.Dispose();
}

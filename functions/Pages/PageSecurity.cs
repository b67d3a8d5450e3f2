using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace VirServerless.Functions.Pages;

public sealed class RateLimitingOptions
{
    public const string SectionName = "RateLimiting";

    /// <summary>Registration and login posts per client address and minute.</summary>
    public int PermitsPerMinute { get; set; } = 10;
}

public sealed class SecurityOptions
{
    public const string SectionName = "Security";

    /// <summary>
    /// Sources allowed to frame our pages (CSP frame-ancestors), e.g. <c>'self'</c> and <c>https://www.vir-nordwest.de</c>.
    /// Empty means <c>'self'</c>. (No default in the array: configuration binding appends to it.)
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
/// What protects the public pages without a CAPTCHA (rate limit per client address; the honeypot lives in the form),
/// plus the headers every response carries and CORS for the public API.
/// </summary>
public static class PageSecurity
{
    private const string CorsPolicy = "public-api";

    public static WebApplicationBuilder AddPages(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<RateLimitingOptions>().BindConfiguration(RateLimitingOptions.SectionName)
            .Validate(o => o.PermitsPerMinute > 0, "RateLimiting:PermitsPerMinute must be positive.").ValidateOnStart();
        services.AddOptions<SecurityOptions>().BindConfiguration(SecurityOptions.SectionName);
        services.AddOptions<CorsOriginsOptions>().BindConfiguration(CorsOriginsOptions.SectionName);

        var origins = AllowedOrigins(builder.Configuration);
        services.AddCors(cors => cors.AddPolicy(CorsPolicy, policy => policy
            .WithOrigins(origins)
            .WithMethods("GET", "POST")
            .WithHeaders("Content-Type", "Idempotency-Key")));

        services.AddSingleton<PostRateLimiter>();
        return builder;
    }

    /// <summary>Headers on every response, CORS for the public API, and the rate limiter.</summary>
    public static WebApplication UsePageSecurity(this WebApplication app)
    {
        var frameAncestors = string.Join(' ', app.Services.GetRequiredService<IOptions<SecurityOptions>>().Value.FrameAncestors
            .Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a.Trim()).Distinct(StringComparer.Ordinal).DefaultIfEmpty("'self'"));
        var csp = $"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
            + $"form-action 'self'; base-uri 'none'; object-src 'none'; frame-ancestors {frameAncestors}";
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = csp;
            headers.XContentTypeOptions = "nosniff";
            // Tokens sit in mail links; another site must never see them in a Referer.
            headers["Referrer-Policy"] = "no-referrer";
            await next();
        });
        // Without allowed origins there is nothing to answer a cross-origin request with; the middleware is then left out.
        if (AllowedOrigins(app.Configuration).Length > 0)
        {
            app.UseWhen(context => context.Request.Path.StartsWithSegments("/api/events"), branch => branch.UseCors(CorsPolicy));
        }

        var limiter = app.Services.GetRequiredService<PostRateLimiter>();
        app.Use(async (context, next) =>
        {
            if (!IsLimited(context.Request))
            {
                await next();
                return;
            }
            using var lease = limiter.AttemptAcquire(ClientAddress(context));
            if (!lease.IsAcquired)
            {
                await WriteRejectionAsync(context);
                return;
            }
            await next();
        });
        return app;
    }

    private static bool IsLimited(HttpRequest request)
    {
        if (!HttpMethods.IsPost(request.Method))
        {
            return false;
        }
        var segments = request.Path.Value?.Trim('/').Split('/') ?? [];
        return segments switch
        {
            ["api", "events", _, "registrations"] => true,
            ["veranstaltungen", _, "anmelden"] => true,
            ["verwaltung", "anmelden"] => true,
            _ => false,
        };
    }

    /// <summary>
    /// The client's address. Behind the Functions host every request comes from loopback, and Azure's front end
    /// appends the real client to X-Forwarded-For, so there the last entry is the one to trust.
    /// </summary>
    public static string ClientAddress(HttpContext context)
    {
        var remote = context.Connection.RemoteIpAddress;
        if (remote is not null && IPAddress.IsLoopback(remote)
            && context.Request.Headers["X-Forwarded-For"].ToString().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) is [.., var last])
        {
            return last;
        }
        return remote?.ToString() ?? "unknown";
    }

    private static string[] AllowedOrigins(IConfiguration configuration) =>
        [.. (configuration.GetSection(CorsOriginsOptions.SectionName).Get<CorsOriginsOptions>()?.AllowedOrigins ?? [])
            .Where(o => !string.IsNullOrWhiteSpace(o)).Select(o => o.TrimEnd('/'))];

    private static async Task WriteRejectionAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = "60";
        const string detail = "Sie haben zu viele Anfragen in kurzer Zeit gesendet. Bitte warten Sie eine Minute und versuchen Sie es dann erneut.";
        IResult result = context.Request.Path.StartsWithSegments("/api")
            ? TypedResults.Problem(detail: detail, statusCode: 429, title: "Zu viele Anfragen")
            : Layout.Page("Zu viele Anfragen", $"<p role=\"alert\">{Layout.E(detail)}</p><p><a href=\"/veranstaltungen\">Zur Übersicht der Veranstaltungen</a></p>", 429);
        await result.ExecuteAsync(context);
    }
}

/// <summary>
/// A fixed window of <see cref="RateLimitingOptions.PermitsPerMinute"/> per client address for the posts that
/// <c>IsLimited</c> picks. Called from our own middleware rather than AddRateLimiter: the framework's middleware is built
/// at every start (options, metrics, partition machinery) and then visited by every request, for three routes.
/// </summary>
public sealed class PostRateLimiter(IOptions<RateLimitingOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.PermitsPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    public RateLimitLease AttemptAcquire(string clientAddress) => limiter.AttemptAcquire(clientAddress);

    public void Dispose() => limiter.Dispose();
}

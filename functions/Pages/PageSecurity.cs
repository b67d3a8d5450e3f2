using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
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

public sealed class CorsSettings
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
        services.AddOptions<CorsSettings>().BindConfiguration(CorsSettings.SectionName);

        var origins = builder.Configuration.GetSection(CorsSettings.SectionName).Get<CorsSettings>()?.AllowedOrigins ?? [];
        services.AddCors(cors => cors.AddPolicy(CorsPolicy, policy => policy
            .WithOrigins([.. origins.Where(o => !string.IsNullOrWhiteSpace(o)).Select(o => o.TrimEnd('/'))])
            .WithMethods("GET", "POST")
            .WithHeaders("Content-Type", "Idempotency-Key")));

        services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                if (!IsLimited(context.Request))
                {
                    return RateLimitPartition.GetNoLimiter("unlimited");
                }
                var permits = context.RequestServices.GetRequiredService<IOptions<RateLimitingOptions>>().Value.PermitsPerMinute;
                return RateLimitPartition.GetFixedWindowLimiter(ClientAddress(context), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = permits,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            });
            limiter.OnRejected = WriteRejectionAsync;
        });
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
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/api/events"), branch => branch.UseCors(CorsPolicy));
        app.UseRateLimiter();
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

    private static async ValueTask WriteRejectionAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = "60";
        const string detail = "Sie haben zu viele Anfragen in kurzer Zeit gesendet. Bitte warten Sie eine Minute und versuchen Sie es dann erneut.";
        IResult result = context.Request.Path.StartsWithSegments("/api")
            ? TypedResults.Problem(detail: detail, statusCode: 429, title: "Zu viele Anfragen")
            : Layout.Page("Zu viele Anfragen", $"<p role=\"alert\">{Layout.E(detail)}</p><p><a href=\"/veranstaltungen\">Zur Übersicht der Veranstaltungen</a></p>", 429);
        await result.ExecuteAsync(context);
    }
}

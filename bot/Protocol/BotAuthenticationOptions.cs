using Microsoft.Extensions.Options;

namespace VirServerless.Bot.Protocol;

public enum BotAppType
{
    MultiTenant,
    SingleTenant,
    UserAssignedMSI,
}

/// <summary>Configuration section "Bot". An empty <see cref="MicrosoftAppId"/> means a local run without authentication.</summary>
public sealed class BotAuthenticationOptions
{
    public const string SectionName = "Bot";
    public const string BotFrameworkIssuer = "https://api.botframework.com";
    public const string ConnectorScope = "https://api.botframework.com/.default";

    public string? MicrosoftAppId { get; set; }

    /// <summary>Client secret; not needed for <see cref="BotAppType.UserAssignedMSI"/>.</summary>
    public string? MicrosoftAppPassword { get; set; }

    public string? MicrosoftAppTenantId { get; set; }

    public BotAppType MicrosoftAppType { get; set; } = BotAppType.MultiTenant;

    public string OpenIdMetadataUrl { get; set; } = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    /// <summary>Metadata of the Entra tenant for single-tenant bots; <c>{tenant}</c> is replaced by the tenant id.</summary>
    public string EntraOpenIdMetadataUrl { get; set; } = "https://login.microsoftonline.com/{tenant}/v2.0/.well-known/openid-configuration";

    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Entra tenants whose Teams roster e-mail addresses count as verified for personal actions (register, cancel).
    /// Users of other tenants get the general answers only. A local run without app id trusts its loopback roster.
    /// </summary>
    public string[] AllowedTenants { get; set; } = [];

    public bool IsAuthenticationEnabled => !string.IsNullOrWhiteSpace(MicrosoftAppId);

    public bool TrustsRosterOf(string? tenantId) =>
        !IsAuthenticationEnabled
        || (!string.IsNullOrWhiteSpace(tenantId) && AllowedTenants.Any(t => string.Equals(t.Trim(), tenantId, StringComparison.OrdinalIgnoreCase)));

    public bool AcceptsEntraIssuers =>
        MicrosoftAppType is BotAppType.SingleTenant or BotAppType.UserAssignedMSI
        && !string.IsNullOrWhiteSpace(MicrosoftAppTenantId);
}

internal sealed class BotAuthenticationOptionsValidator : IValidateOptions<BotAuthenticationOptions>
{
    public ValidateOptionsResult Validate(string? name, BotAuthenticationOptions options)
    {
        List<string> failures = [];
        if (!Uri.TryCreate(options.OpenIdMetadataUrl, UriKind.Absolute, out _))
        {
            failures.Add("Bot:OpenIdMetadataUrl must be an absolute URL.");
        }

        if (!options.EntraOpenIdMetadataUrl.Contains("{tenant}", StringComparison.Ordinal))
        {
            failures.Add("Bot:EntraOpenIdMetadataUrl must contain the placeholder {tenant}.");
        }

        if (options.ClockSkew < TimeSpan.Zero || options.ClockSkew > TimeSpan.FromMinutes(10))
        {
            failures.Add("Bot:ClockSkew must be between 0 and 10 minutes.");
        }

        if (options.IsAuthenticationEnabled)
        {
            if (options.MicrosoftAppType != BotAppType.UserAssignedMSI && string.IsNullOrWhiteSpace(options.MicrosoftAppPassword))
            {
                failures.Add("Bot:MicrosoftAppPassword is required unless Bot:MicrosoftAppType is UserAssignedMSI.");
            }

            if (options.MicrosoftAppType != BotAppType.MultiTenant && string.IsNullOrWhiteSpace(options.MicrosoftAppTenantId))
            {
                failures.Add("Bot:MicrosoftAppTenantId is required for SingleTenant and UserAssignedMSI bots.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

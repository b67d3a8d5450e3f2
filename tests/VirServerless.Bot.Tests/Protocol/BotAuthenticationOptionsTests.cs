using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VirServerless.Bot.Protocol;

namespace VirServerless.Bot.Tests.Protocol;

public sealed class BotAuthenticationOptionsTests
{
    [Fact]
    public void RejectsAppIdWithoutSecretForMultiTenantBot()
    {
        using var services = Build(new() { ["Bot:MicrosoftAppId"] = "app" });

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<BotAuthenticationOptions>>().Value);

        Assert.Contains(failure.Failures, f => f.Contains("MicrosoftAppPassword", StringComparison.Ordinal));
    }

    [Fact]
    public void RequiresTenantForUserAssignedManagedIdentity()
    {
        using var services = Build(new() { ["Bot:MicrosoftAppId"] = "app", ["Bot:MicrosoftAppType"] = "UserAssignedMSI" });

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<BotAuthenticationOptions>>().Value);

        Assert.Contains(failure.Failures, f => f.Contains("MicrosoftAppTenantId", StringComparison.Ordinal));
    }

    [Fact]
    public void BindsLocalRunWithDefaults()
    {
        using var services = Build([]);

        var options = services.GetRequiredService<IOptions<BotAuthenticationOptions>>().Value;

        Assert.False(options.IsAuthenticationEnabled);
        Assert.Equal("https://login.botframework.com/v1/.well-known/openidconfiguration", options.OpenIdMetadataUrl);
        Assert.Equal(TimeSpan.FromMinutes(5), options.ClockSkew);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddBotProtocol(configuration).BuildServiceProvider();
    }
}

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

    [Fact]
    public void TrustsTheRosterOnlyOfConfiguredTenantsOnceAuthenticationIsOn()
    {
        using var services = Build(new()
        {
            ["Bot:MicrosoftAppId"] = "app",
            ["Bot:MicrosoftAppPassword"] = "secret",
            ["Bot:AllowedTenants:0"] = "11111111-2222-3333-4444-555555555555",
        });

        var options = services.GetRequiredService<IOptions<BotAuthenticationOptions>>().Value;

        Assert.True(options.TrustsRosterOf("11111111-2222-3333-4444-555555555555"));
        Assert.True(options.TrustsRosterOf("11111111-2222-3333-4444-555555555555".ToUpperInvariant()));
        Assert.False(options.TrustsRosterOf("99999999-2222-3333-4444-555555555555"));
        Assert.False(options.TrustsRosterOf(null));
    }

    [Fact]
    public void TrustsNoTenantWhenNoneIsConfigured()
    {
        var options = new BotAuthenticationOptions { MicrosoftAppId = "app" };

        Assert.False(options.TrustsRosterOf("tenant-1"));
        Assert.True(new BotAuthenticationOptions().TrustsRosterOf(null));
    }

    [Fact]
    public void ReadsTheTenantFromConversationOrChannelData()
    {
        var fromConversation = new Activity { Conversation = new ConversationAccount("c") { TenantId = "t-1" } };
        var fromChannelData = new Activity { ChannelData = System.Text.Json.JsonDocument.Parse("""{"tenant":{"id":"t-2"}}""").RootElement };

        Assert.Equal("t-1", fromConversation.TenantId);
        Assert.Equal("t-2", fromChannelData.TenantId);
        Assert.Null(new Activity().TenantId);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddBotProtocol(configuration).BuildServiceProvider();
    }
}

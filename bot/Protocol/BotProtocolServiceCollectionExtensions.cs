using Azure.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace VirServerless.Bot.Protocol;

public static class BotProtocolServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Bot Framework protocol layer with options from section "Bot" (validated on start). The app
    /// registers its own <see cref="IActivityHandler"/>. A <see cref="TokenCredential"/> registered under
    /// <see cref="BotTokenProvider.CredentialServiceKey"/> replaces the one derived from the options.
    /// </summary>
    public static IServiceCollection AddBotProtocol(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<BotAuthenticationOptions>()
            .Bind(configuration.GetSection(BotAuthenticationOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BotAuthenticationOptions>, BotAuthenticationOptionsValidator>());
        services.AddOptions<ConnectorClientOptions>()
            .Bind(configuration.GetSection($"{BotAuthenticationOptions.SectionName}:Connector"));

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ActivityAuthenticator>();
        services.TryAddSingleton<ConversationRateLimiter>();
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<BotAuthenticationOptions>>();
            var credential = sp.GetKeyedService<TokenCredential>(BotTokenProvider.CredentialServiceKey)
                ?? BotTokenProvider.CreateCredential(options.Value);
            return new BotTokenProvider(options, credential, sp.GetRequiredService<TimeProvider>());
        });
        services.AddHttpClient<ConnectorClient>(client => client.Timeout = TimeSpan.FromSeconds(10));
        return services;
    }
}

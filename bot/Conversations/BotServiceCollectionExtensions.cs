using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using VirServerless.Bot.Protocol;
using VirServerless.Bot.Questions;
using VirServerless.Bot.Reminders;
using VirServerless.Core.Events;

namespace VirServerless.Bot.Conversations;

public static class BotServiceCollectionExtensions
{
    /// <summary>
    /// The Teams bot: the protocol layer (section "Bot"), <see cref="VirServerlessBot"/> as the activity handler, its
    /// conversation state and the chat reminders. Needs the core services (storage tables, events, registrations).
    /// </summary>
    public static IServiceCollection AddBot(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddBotProtocol(configuration);
        services.AddOptions<BotContactOptions>().Bind(configuration.GetSection(BotContactOptions.SectionName));
        services.AddOptions<BotCopiesOptions>().Bind(configuration.GetSection(BotCopiesOptions.SectionName));
        services.TryAddSingleton<CatalogChanges>();
        services.TryAddSingleton<QuestionAnswerer>();
        services.TryAddSingleton<LiveCatalog>();
        services.TryAddSingleton<ConversationStore>();
        services.AddHostedService<ConversationWriter>();
        services.TryAddSingleton<ChatReminders>();
        services.AddOptions<ChatReminderOptions>().Bind(configuration.GetSection(ChatReminderOptions.SectionName));
        services.TryAddSingleton<ChatReminderRun>();
        services.TryAddSingleton<IActivityHandler, VirServerlessBot>();
        return services;
    }
}

using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VirServerless.Core.Storage.Audit;
using VirServerless.Core.Outbox;
using VirServerless.Core.Storage.Conversations;
using VirServerless.Core.Storage.Events;
using VirServerless.Core.Storage.Outbox;
using VirServerless.Core.Storage.Registrations;
using VirServerless.Core.Storage.Reminders;
using VirServerless.Core.Storage.Retention;

namespace VirServerless.Core.Storage;

public static class StorageServices
{
    /// <summary>The table service client (settings <c>AzureWebJobsStorage</c>…, <c>Storage:</c>…), the tables and the stores.</summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.SectionName));
        services.AddOptions<RegistrationStoreOptions>().Configure(o => o.UnguardedSeatCounters = configuration.GetValue<bool>(RegistrationStoreOptions.UnguardedSeatCountersSetting));
        services.AddSingleton(sp => CreateTableService(configuration, sp.GetRequiredService<IOptions<StorageOptions>>().Value.ToClientOptions()));
        services.AddSingleton(sp => new StorageTables(sp.GetRequiredService<TableServiceClient>(), sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.AddSingleton(sp => OutboxBodyProtection.FromConfiguration(configuration, sp.GetRequiredService<ILoggerFactory>().CreateLogger<OutboxBodyProtection>()));
        services.AddSingleton<EventStore>();
        services.AddSingleton<RegistrationStore>();
        services.AddSingleton<OutboxStore>();
        services.AddSingleton<ReminderJobStore>();
        services.AddSingleton<BotConversationStore>();
        services.AddSingleton<DeletionLog>();
        services.AddSingleton<AuditLog>();
        return services;
    }

    /// <summary>A connection string (Azurite, account key) or, in Azure, the identity-based <c>AzureWebJobsStorage__tableServiceUri</c>.</summary>
    private static TableServiceClient CreateTableService(IConfiguration configuration, TableClientOptions options)
    {
        var connectionString = configuration["AzureWebJobsStorage"];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return new TableServiceClient(connectionString, options);
        }
        var section = configuration.GetSection("AzureWebJobsStorage");
        if (section["tableServiceUri"] is { Length: > 0 } uri)
        {
            return new TableServiceClient(new Uri(uri), AzureCredentials.From(section), options);
        }
        return new TableServiceClient("UseDevelopmentStorage=true", options);
    }
}

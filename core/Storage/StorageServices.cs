using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VirServerless.Core.Storage.Audit;
using VirServerless.Core.Outbox;
using VirServerless.Core.Storage.Conversations;
using VirServerless.Core.Storage.Events;
using VirServerless.Core.Storage.Organisers;
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
        // Building the client takes tens of milliseconds of type loading and JIT (pipeline, transport, diagnostics), and the
        // first thing the app resolves at start needs it: built on a pool thread from here on, it overlaps the rest of the
        // host's start. Its errors (a malformed connection string) still surface where it is resolved.
        var client = Task.Run(() => CreateTableService(configuration, StorageOptionsOf(configuration).ToClientOptions()));
        services.AddSingleton(_ => client.GetAwaiter().GetResult());
        services.AddSingleton(sp => new StorageTables(sp.GetRequiredService<TableServiceClient>(), sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.AddSingleton(sp => OutboxBodyProtection.FromConfiguration(configuration, sp.GetRequiredService<ILoggerFactory>().CreateLogger<OutboxBodyProtection>()));
        services.AddSingleton<EventStore>();
        services.AddSingleton<RegistrationStore>();
        services.AddSingleton<OutboxStore>();
        services.AddSingleton<ReminderJobStore>();
        services.AddSingleton<BotConversationStore>();
        services.AddSingleton<DeletionLog>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<OrganiserSessionStore>();
        return services;
    }

    private static StorageOptions StorageOptionsOf(IConfiguration configuration) =>
        configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();

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

using VirServerless.Core;
using VirServerless.Functions.Admin;
using VirServerless.Functions.Events;
using VirServerless.Functions.Outbox;

namespace VirServerless.Functions.Hosting;

public static class HostServices
{
    /// <summary>The core services (<see cref="CoreServices.AddCore"/>) and what only this host adds: admin key, catalog seeding, the outbox worker, storage preparation.</summary>
    public static WebApplicationBuilder AddAppServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddCore(builder.Configuration);
        services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.SectionName);
        services.AddOptions<CatalogSeedOptions>().BindConfiguration(CatalogSeedOptions.SectionName);
        services.AddSingleton<CatalogSeeder>();
        services.AddHostedService<OutboxWorker>();
        services.AddSingleton<StoragePreparation>();
        services.AddHostedService(sp => sp.GetRequiredService<StoragePreparation>());
        return builder;
    }
}

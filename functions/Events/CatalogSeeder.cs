using Microsoft.Extensions.Options;
using VirServerless.Core.Events;
using VirServerless.Core.Storage.Events;

namespace VirServerless.Functions.Events;

public sealed class CatalogSeedOptions
{
    public const string SectionName = "Catalog";

    /// <summary>Folder of event documents loaded at start; unchanged events are left alone.</summary>
    public string? SeedDirectory { get; set; }
}

public sealed class CatalogSeeder(EventStore events, IOptions<CatalogSeedOptions> options, ILogger<CatalogSeeder> logger)
{
    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(options.Value.SeedDirectory))
        {
            return;
        }
        int added = 0, updated = 0;
        foreach (var ev in SampleCatalog.Load(options.Value.SeedDirectory))
        {
            var existing = await events.GetAsync(ev.Id, cancellationToken);
            if (existing is not null && EventJson.Serialize(existing.Event) == EventJson.Serialize(ev))
            {
                continue;
            }
            await events.UpsertAsync(ev, cancellationToken: cancellationToken);
            if (existing is null) added++; else updated++;
        }
        logger.LogInformation("Catalog seeded from {Directory}: {Added} added, {Updated} updated", options.Value.SeedDirectory, added, updated);
    }
}

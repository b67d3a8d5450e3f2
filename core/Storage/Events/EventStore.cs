using Azure;
using Azure.Data.Tables;
using VirServerless.Core.Events;

namespace VirServerless.Core.Storage.Events;

/// <summary>The catalog in Table Storage: one row per event in partition <c>catalog</c>, the document as JSON.</summary>
public sealed class EventStore(StorageTables tables, TimeProvider timeProvider, CatalogChanges changes)
{
    private const string Partition = "catalog";

    public async Task<StoredEvent?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        if (!EventIds.IsValid(id))
        {
            return null;
        }
        var response = await tables.Events.GetEntityIfExistsAsync<TableEntity>(Partition, id, cancellationToken: cancellationToken);
        return response.HasValue ? FromEntity(response.Value!) : null;
    }

    public async Task<IReadOnlyList<StoredEvent>> ListAsync(CancellationToken cancellationToken = default)
    {
        var result = new List<StoredEvent>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition}");
        await foreach (var entity in tables.Events.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            result.Add(FromEntity(entity));
        }
        return result;
    }

    /// <summary>Published events, upcoming first (soonest first), then past ones (latest first).</summary>
    public async Task<IReadOnlyList<CatalogEvent>> ListPublishedAsync(CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        var all = (await ListAsync(cancellationToken)).Select(s => s.Event).Where(e => e.Status != EventStatus.Draft).ToList();
        return [.. all.Where(e => e.End >= now).OrderBy(e => e.Start), .. all.Where(e => e.End < now).OrderByDescending(e => e.Start)];
    }

    /// <summary>
    /// Writes <paramref name="ev"/> as the version after <paramref name="previous"/> (guarded by its revision; a new
    /// event when null). Null when a concurrent write came first: read again and apply on top.
    /// </summary>
    public async Task<StoredEvent?> TryWriteAsync(CatalogEvent ev, StoredEvent? previous, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ev);
        var version = (previous?.Version ?? 0) + 1;
        var now = timeProvider.GetUtcNow();
        var entity = new TableEntity(Partition, ev.Id)
        {
            ["Document"] = EventJson.Serialize(ev),
            ["Version"] = version,
            ["UpdatedAt"] = now,
        };
        try
        {
            var response = previous is null
                ? await tables.Events.AddEntityOnceAsync(entity, cancellationToken)
                : await tables.Events.UpdateEntityOnceAsync(entity, Revisions.ToETag(previous.Revision), TableUpdateMode.Replace, cancellationToken);
            changes.Changed();
            return new StoredEvent(ev with { Version = version }, version, now, Revisions.Of(response));
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return null;
        }
    }

    /// <summary>Inserts or replaces an event without telling anyone (seeding); returns the stored version.</summary>
    public async Task<StoredEvent> UpsertAsync(CatalogEvent ev, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            if (await TryWriteAsync(ev, await GetAsync(ev.Id, cancellationToken), cancellationToken) is { } saved)
            {
                return saved;
            }
        }
    }

    /// <summary>One point read of a row that never exists: the cheapest call that proves account, auth and table.</summary>
    public Task ProbeAsync(CancellationToken cancellationToken = default) =>
        tables.Events.GetEntityIfExistsAsync<TableEntity>("health", "probe", [TableWrites.StampProperty], cancellationToken);

    private static StoredEvent FromEntity(TableEntity entity)
    {
        var version = entity.GetInt32("Version") ?? 1;
        return new(
            EventJson.Deserialize(entity.GetString("Document") ?? "{}") with { Version = version },
            version,
            entity.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue,
            Revisions.Of(entity.ETag));
    }
}

using Azure;
using VirServerless.Core.Storage;
using Azure.Data.Tables;

namespace VirServerless.Core.Events;

public sealed record StoredEvent(CatalogEvent Event, int Version, DateTimeOffset UpdatedAt, ETag ETag);

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

    /// <summary>Inserts or replaces an event. Returns the previous version, if any, for change notices.</summary>
    /// <remarks>
    /// <paramref name="beforeWrite"/> runs with the previous version and the new one (its version number set) before
    /// the write. Change notices go there: written first, with ids derived from the new version, they are found again
    /// by a retried PUT after a crash instead of being lost.
    /// </remarks>
    public async Task<(StoredEvent Saved, StoredEvent? Previous)> UpsertAsync(CatalogEvent ev, Func<StoredEvent?, CatalogEvent, Task>? beforeWrite = null, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var previous = await GetAsync(ev.Id, cancellationToken);
            var version = (previous?.Version ?? 0) + 1;
            if (beforeWrite is not null)
            {
                await beforeWrite(previous, ev with { Version = version });
            }
            var now = timeProvider.GetUtcNow();
            var entity = new TableEntity(Partition, ev.Id)
            {
                ["Document"] = EventJson.Serialize(ev),
                ["Version"] = version,
                ["UpdatedAt"] = now,
            };
            try
            {
                Response response = previous is null
                    ? await tables.Events.AddEntityOnceAsync(entity, cancellationToken)
                    : await tables.Events.UpdateEntityOnceAsync(entity, previous.ETag, TableUpdateMode.Replace, cancellationToken);
                changes.Changed();
                return (new StoredEvent(ev with { Version = version }, version, now, response.Headers.ETag ?? default), previous);
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // A concurrent organiser write won; read again and apply ours on top.
            }
        }
    }

    private static StoredEvent FromEntity(TableEntity entity)
    {
        var version = entity.GetInt32("Version") ?? 1;
        return new(
            EventJson.Deserialize(entity.GetString("Document") ?? "{}") with { Version = version },
            version,
            entity.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue,
            entity.ETag);
    }
}

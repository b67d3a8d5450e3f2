using System.Globalization;
using Azure.Data.Tables;
using VirServerless.Core.Audit;

namespace VirServerless.Core.Storage.Audit;

/// <summary>The audit log in the Operations table: who did what and when, newest first.</summary>
public sealed class AuditLog(StorageTables tables)
{
    public const string Partition = "audit";

    public async Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        // Inverted ticks sort the newest first; the random tail keeps two actions in the same tick apart.
        var rowKey = (DateTimeOffset.MaxValue.UtcTicks - entry.At.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N");
        var row = new TableEntity(Partition, rowKey)
        {
            ["At"] = entry.At,
            ["Actor"] = entry.Actor,
            ["Action"] = entry.Action,
            ["EventId"] = entry.EventId,
            ["RegistrationId"] = entry.RegistrationId,
            ["Summary"] = entry.Summary,
        };
        await tables.Operations.AddEntityAsync(row, cancellationToken);
    }

    /// <summary>The newest <paramref name="take"/> entries, of one event when <paramref name="eventId"/> is given.</summary>
    public async Task<IReadOnlyList<AuditEntry>> ListAsync(string? eventId = null, int take = 200, CancellationToken cancellationToken = default)
    {
        var filter = eventId is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {Partition}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and EventId eq {eventId}");
        var entries = new List<AuditEntry>();
        await foreach (var row in tables.Operations.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            entries.Add(new AuditEntry(
                row.GetDateTimeOffset("At") ?? row.Timestamp ?? DateTimeOffset.MinValue,
                row.GetString("Actor") ?? "",
                row.GetString("Action") ?? "",
                row.GetString("EventId"),
                row.GetString("RegistrationId"),
                row.GetString("Summary") ?? ""));
            if (entries.Count == take)
            {
                break;
            }
        }
        return entries;
    }
}

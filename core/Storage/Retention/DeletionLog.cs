using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using VirServerless.Core.Retention;

namespace VirServerless.Core.Storage.Retention;

/// <summary>The deletion log in the Operations table: one row per purge run with dates and counts, never personal data.</summary>
public sealed class DeletionLog(StorageTables tables)
{
    public const string Partition = "deletion-log";

    public async Task AppendAsync(DateTimeOffset ranAt, PurgeResult total, IReadOnlyDictionary<string, PurgeResult> perEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(total);
        var row = new TableEntity(Partition, ranAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfffffff'Z'", CultureInfo.InvariantCulture))
        {
            ["RanAt"] = ranAt,
            ["EventsPurged"] = total.EventsPurged,
            ["RegistrationsAnonymised"] = total.RegistrationsAnonymised,
            ["ExpiredPendingDeleted"] = total.ExpiredPendingDeleted,
            ["IndexRowsDeleted"] = total.IndexRowsDeleted,
            ["MailRowsDeleted"] = total.MailRowsDeleted,
            ["MailRowsStripped"] = total.MailRowsStripped,
            ["BotRowsDeleted"] = total.BotRowsDeleted,
            // Event ids and counts only; event ids are public catalog slugs.
            ["PerEvent"] = JsonSerializer.Serialize(perEvent),
        };
        await tables.Operations.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
    }
}

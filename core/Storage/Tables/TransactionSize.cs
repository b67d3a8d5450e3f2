namespace VirServerless.Core.Storage.Tables;

/// <summary>
/// Packing rows into entity group transactions: a generous size estimate per action, against a budget below the
/// service's 4 MiB per transaction, so that the estimate may be off.
/// </summary>
internal static class TransactionSize
{
    public const int Budget = 3 * 1024 * 1024;

    /// <summary>Headers and boundaries around each action's JSON in the $batch body, generously counted.</summary>
    private const int PerActionOverhead = 1024;

    public static int Estimate(TableEntity entity) => TableEntityJson.Serialize(entity).Length + PerActionOverhead;
}

using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;

namespace VirServerless.Core.Storage;

/// <summary>
/// Conditional writes that recognise their own earlier attempt. Azure.Core resends a write whose answer was lost (a
/// timeout after the service had applied it); the resend then meets 409 (the insert exists) or 412 (the ETag moved
/// on) caused by our own write. Every write here therefore carries <see cref="StampProperty"/>, a new Guid per call.
/// When a resent write fails with 409/412 (a transaction: with any failure), the first written entity is read back;
/// if it carries our stamp, the write was applied (transactions are atomic) and the call succeeds. A first attempt's
/// 409/412 can only come from another writer, so only resent writes pay for the extra read.
/// </summary>
public static class TableWrites
{
    /// <summary>Marks which logical write call last wrote an entity. Readers ignore it.</summary>
    public const string StampProperty = "OperationStamp";

    private const string AttemptKey = "VirServerless.WriteAttempt";

    /// <summary>Per-retry policy of every table client (see <see cref="StorageOptions.ToClientOptions"/>).</summary>
    internal static HttpPipelinePolicy RetryMarker { get; } = new RetrySeen();

    public static async Task<Response> AddEntityOnceAsync(this TableClient table, TableEntity entity, CancellationToken cancellationToken = default)
    {
        var stamp = Stamp(entity);
        var attempt = new WriteAttempt();
        try
        {
            using (attempt.Scope())
            {
                return await table.AddEntityAsync(entity, cancellationToken);
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 409 && attempt.Resent)
        {
            if (await OwnWriteAsync(table, entity, stamp, cancellationToken) is { } own)
            {
                return own;
            }
            throw;
        }
    }

    public static async Task<Response> UpdateEntityOnceAsync(
        this TableClient table, TableEntity entity, ETag ifMatch, TableUpdateMode mode, CancellationToken cancellationToken = default)
    {
        var stamp = Stamp(entity);
        var attempt = new WriteAttempt();
        try
        {
            using (attempt.Scope())
            {
                return await table.UpdateEntityAsync(entity, ifMatch, mode, cancellationToken);
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 412 && attempt.Resent)
        {
            if (await OwnWriteAsync(table, entity, stamp, cancellationToken) is { } own)
            {
                return own;
            }
            throw;
        }
    }

    /// <summary>
    /// Submits a transaction. After a recognised earlier attempt, the responses are those of reading the written
    /// entities back (ETag headers included); a Delete's slot holds the first of them.
    /// </summary>
    public static async Task<Response<IReadOnlyList<Response>>> SubmitTransactionOnceAsync(
        this TableClient table, IEnumerable<TableTransactionAction> actions, CancellationToken cancellationToken = default)
    {
        var list = actions as IReadOnlyList<TableTransactionAction> ?? [.. actions];
        var stamp = Guid.NewGuid().ToString("N");
        foreach (var action in list)
        {
            if (action.ActionType != TableTransactionActionType.Delete && action.Entity is TableEntity entity)
            {
                entity[StampProperty] = stamp;
            }
        }
        var attempt = new WriteAttempt();
        try
        {
            using (attempt.Scope())
            {
                return await table.SubmitTransactionAsync(list, cancellationToken);
            }
        }
        catch (RequestFailedException ex) when (attempt.Resent && ex.Status is 404 or 409 or 412)
        {
            var written = list.Where(a => a.ActionType != TableTransactionActionType.Delete).Select(a => a.Entity).OfType<TableEntity>().ToList();
            if (written.Count == 0 || await OwnWriteAsync(table, written[0], stamp, cancellationToken) is null)
            {
                throw;
            }
            var responses = new List<Response>(written.Count);
            foreach (var entity in written)
            {
                responses.Add((await table.GetEntityAsync<TableEntity>(entity.PartitionKey, entity.RowKey, [StampProperty], cancellationToken)).GetRawResponse());
            }
            var index = 0;
            IReadOnlyList<Response> ordered = [.. list.Select(a => a.ActionType == TableTransactionActionType.Delete ? responses[0] : responses[index++])];
            return Response.FromValue(ordered, responses[0]);
        }
    }

    private static string Stamp(TableEntity entity)
    {
        var stamp = Guid.NewGuid().ToString("N");
        entity[StampProperty] = stamp;
        return stamp;
    }

    /// <summary>The read-back response when the stored entity carries <paramref name="stamp"/>, else null.</summary>
    private static async Task<Response?> OwnWriteAsync(TableClient table, TableEntity entity, string stamp, CancellationToken cancellationToken)
    {
        var stored = await table.GetEntityIfExistsAsync<TableEntity>(entity.PartitionKey, entity.RowKey, [StampProperty], cancellationToken);
        return stored.HasValue && stored.Value!.GetString(StampProperty) == stamp ? stored.GetRawResponse() : null;
    }

    /// <summary>Whether the pipeline resent this call's request; carried to the policy as a message property.</summary>
    private sealed class WriteAttempt
    {
        public bool Resent { get; set; }

        public IDisposable Scope() => HttpPipeline.CreateHttpMessagePropertiesScope(new Dictionary<string, object?> { [AttemptKey] = this });
    }

    private sealed class RetrySeen : HttpPipelineSynchronousPolicy
    {
        public override void OnSendingRequest(HttpMessage message)
        {
            if (message.ProcessingContext.RetryNumber > 0 && message.TryGetProperty(AttemptKey, out var value) && value is WriteAttempt attempt)
            {
                attempt.Resent = true;
            }
        }
    }
}

/// <summary>
/// Packing rows into entity group transactions: at most 100 actions, and a generous size estimate per action against a
/// budget below the service's 4 MiB per transaction, so that the estimate may be off.
/// </summary>
public static class TransactionSize
{
    public const int MaxActions = 100;

    public const int Budget = 3 * 1024 * 1024;

    /// <summary>Headers and boundaries around each action's JSON in the $batch body, and a type annotation per property.</summary>
    private const int PerActionOverhead = 1024;
    private const int PerPropertyOverhead = 64;

    public static int Estimate(TableEntity entity) => PerActionOverhead + entity.Sum(property => PerPropertyOverhead + property.Key.Length + property.Value switch
    {
        string text => System.Text.Json.JsonEncodedText.Encode(text).EncodedUtf8Bytes.Length,
        byte[] bytes => (bytes.Length + 2) / 3 * 4,
        _ => 40,
    });
}

/// <summary>Domain records carry the ETag they were read at as a plain string, their revision.</summary>
public static class Revisions
{
    public static string? Of(ETag etag) => etag == default ? null : etag.ToString();

    public static string? Of(Response response) => response.Headers.ETag is { } etag ? Of(etag) : null;

    public static ETag ToETag(string? revision) => revision is null ? default : new ETag(revision);
}

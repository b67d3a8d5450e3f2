using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;

namespace VirServerless.Core.Storage;

public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>Prepended to every table name, so several apps (or test runs) can share one account.</summary>
    public string TablePrefix { get; set; } = "";

    /// <summary>Retries of one storage call before the request fails with 503; each waits longer (exponential).</summary>
    public int MaxRetries { get; set; } = 3;

    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>SDK options with our retry settings and the policy that lets <see cref="TableWrites"/> see retries.</summary>
    public TableClientOptions ToClientOptions(HttpPipelineTransport? transport = null)
    {
        var options = new TableClientOptions();
        options.Retry.MaxRetries = MaxRetries;
        options.Retry.NetworkTimeout = NetworkTimeout;
        options.AddPolicy(TableWrites.RetryMarker, HttpPipelinePosition.PerRetry);
        if (transport is not null)
        {
            options.Transport = transport;
        }
        return options;
    }
}

/// <summary>The tables of the app, derived once from one service client.</summary>
public sealed class StorageTables(TableServiceClient service, StorageOptions options)
{
    public TableClient Events { get; } = service.GetTableClient(options.TablePrefix + "Events");

    /// <summary>Registrations, seat counters, token and e-mail index rows and outbox rows, partitioned by event.</summary>
    public TableClient Registrations { get; } = service.GetTableClient(options.TablePrefix + "Registrations");

    /// <summary>Bot conversation state and references, partitioned by user.</summary>
    public TableClient Conversations { get; } = service.GetTableClient(options.TablePrefix + "Conversations");

    /// <summary>Deletion log, audit log and job bookkeeping: dates, counts and ids, never names or addresses.</summary>
    public TableClient Operations { get; } = service.GetTableClient(options.TablePrefix + "Operations");

    private readonly TaskCompletionSource created = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IEnumerable<TableClient> All => [Events, Registrations, Conversations, Operations];

    /// <summary>
    /// Creates the tables that are missing. One query finds those that exist: every start but the first in an account
    /// finds all of them, and CreateIfNotExists would cost each table a request and a 409 that the SDK throws and catches.
    /// </summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        var filter = string.Join(" or ", All.Select(table => TableClient.CreateQueryFilter($"TableName eq {table.Name}")));
        var existing = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await foreach (var table in service.QueryAsync(filter, cancellationToken: cancellationToken))
        {
            existing.Add(table.Name);
        }
        await Task.WhenAll(All.Where(table => !existing.Contains(table.Name)).Select(table => table.CreateIfNotExistsAsync(cancellationToken)));
        created.TrySetResult();
    }

    /// <summary>
    /// Completes once <see cref="EnsureCreatedAsync"/> has succeeded in this process. Work that starts with the host
    /// waits for it, so that the first start in a new account does not read tables that are being created.
    /// </summary>
    public Task WhenCreatedAsync(CancellationToken cancellationToken) => created.Task.WaitAsync(cancellationToken);
}

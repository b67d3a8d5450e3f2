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

    /// <summary>Deletion log and job bookkeeping: dates and counts, never personal data.</summary>
    public TableClient Operations { get; } = service.GetTableClient(options.TablePrefix + "Operations");

    private readonly TaskCompletionSource created = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IEnumerable<TableClient> All => [Events, Registrations, Conversations, Operations];

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        await Task.WhenAll(All.Select(table => table.CreateIfNotExistsAsync(cancellationToken)));
        created.TrySetResult();
    }

    /// <summary>
    /// Completes once <see cref="EnsureCreatedAsync"/> has succeeded in this process. Work that starts with the host
    /// waits for it, so that the first start in a new account does not read tables that are being created.
    /// </summary>
    public Task WhenCreatedAsync(CancellationToken cancellationToken) => created.Task.WaitAsync(cancellationToken);
}

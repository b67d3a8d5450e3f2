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

    /// <summary>Deletion log, audit log, organiser sessions and job bookkeeping: dates, counts and ids, and organisers' names, never attendees' names or addresses.</summary>
    public TableClient Operations { get; } = service.GetTableClient(options.TablePrefix + "Operations");

    public IEnumerable<TableClient> All => [Events, Registrations, Conversations, Operations];

    public Task EnsureCreatedAsync(CancellationToken cancellationToken = default) =>
        Task.WhenAll(All.Select(table => table.CreateIfNotExistsAsync(cancellationToken)));
}

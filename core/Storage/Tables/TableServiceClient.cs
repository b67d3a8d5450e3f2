using Azure.Core;
using Azure.Core.Pipeline;

namespace VirServerless.Core.Storage.Tables;

/// <summary>Entry point for one storage account's Table endpoint. Thread-safe; create once and share.</summary>
public class TableServiceClient
{
    private readonly TableEndpoint endpoint;

    /// <summary>
    /// Accepts "UseDevelopmentStorage=true" or "DefaultEndpointsProtocol=..;AccountName=..;AccountKey=..;"
    /// with either EndpointSuffix or TableEndpoint. Requests are signed with SharedKeyLite.
    /// </summary>
    public TableServiceClient(string connectionString, TableClientOptions? options = null)
    {
        var account = TableAccount.Parse(connectionString);
        options ??= new TableClientOptions();
        endpoint = new TableEndpoint(
            account.Endpoint,
            BuildPipeline(options, new TableSharedKeyPolicy(account.AccountName, account.AccountKey, TimeProvider.System)),
            options.Version);
    }

    /// <summary>Uses Entra ID bearer tokens for scope https://storage.azure.com/.default.</summary>
    public TableServiceClient(Uri endpoint, TokenCredential credential, TableClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(credential);
        options ??= new TableClientOptions();
        this.endpoint = new TableEndpoint(
            new Uri(endpoint.AbsoluteUri.TrimEnd('/')),
            BuildPipeline(options, new BearerTokenAuthenticationPolicy(credential, TableConstants.DefaultScope)),
            options.Version);
    }

    /// <summary>For mocking.</summary>
    protected TableServiceClient()
    {
        endpoint = null!;
    }

    public virtual Uri Uri => endpoint.AccountUri;

    public virtual TableClient GetTableClient(string tableName)
    {
        TableNames.ValidateTableName(tableName);
        return new TableClient(tableName, endpoint);
    }

    private static HttpPipeline BuildPipeline(TableClientOptions options, HttpPipelinePolicy authentication)
    {
        var pipelineOptions = new HttpPipelineOptions(options) { RequestFailedDetailsParser = TableErrorParser.Instance };
        pipelineOptions.PerRetryPolicies.Add(authentication);
        return HttpPipelineBuilder.Build(pipelineOptions);
    }
}

internal sealed record TableEndpoint(Uri AccountUri, HttpPipeline Pipeline, string Version);

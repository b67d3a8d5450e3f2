using System.Text.Json;
using Azure;
using Azure.Core;

namespace VirServerless.Core.Storage.Tables;

/// <summary>
/// Operations on one table, shaped like Azure.Data.Tables' TableClient. Thread-safe; methods are virtual for tests.
/// Every non-success answer becomes a RequestFailedException with Status and ErrorCode.
/// </summary>
/// <remarks>
/// Ambiguous retries: Azure.Core may resend an insert whose first attempt did reach the service (say a timeout after
/// the server wrote). The resend then gets 409 EntityAlreadyExists for our own write. Every insert therefore carries
/// the hidden property <see cref="OperationStampProperty"/> with a new Guid per call. When a retried insert meets
/// 409, the client reads the entity back and reports success if the stamp is its own. The check runs only on retried
/// attempts: on a first attempt a 409 can only come from another writer, so the extra read would be wasted.
/// Entities returned by this client never contain the stamp; other readers should ignore it.
/// </remarks>
// CA1716: the parameter name "select" matches Azure.Data.Tables, so callers using named arguments can swap the SDK in.
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1716", Justification = "Same parameter names as Azure.Data.Tables.")]
public partial class TableClient
{
    /// <summary>Name of the hidden property that marks which logical insert call wrote an entity.</summary>
    public const string OperationStampProperty = "OperationStamp";

    private readonly TableEndpoint endpoint;

    internal TableClient(string name, TableEndpoint endpoint)
    {
        Name = name;
        this.endpoint = endpoint;
    }

    public TableClient(string connectionString, string tableName, TableClientOptions? options = null)
        : this(tableName, new TableServiceClient(connectionString, options).GetTableClient(tableName).endpoint)
    {
    }

    /// <summary>For mocking.</summary>
    protected TableClient()
    {
        Name = string.Empty;
        endpoint = null!;
    }

    public string Name { get; }

    public virtual Uri Uri => new($"{endpoint.AccountUri.AbsoluteUri.TrimEnd('/')}/{Name}");

    /// <summary>Creates the table; an existing table (409 TableAlreadyExists) counts as success and its response is returned.</summary>
    public virtual async Task<Response> CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        var message = CreateMessage(RequestMethod.Post, "Tables");
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        SetJsonContent(message, JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["TableName"] = Name }), "application/json;odata=nometadata");
        var response = await SendAsync(message, cancellationToken);
        return response.Status is 201 or 204 || (response.Status == 409 && ErrorCode(response) == "TableAlreadyExists")
            ? response
            : throw new RequestFailedException(response, null, TableErrorParser.Instance);
    }

    /// <summary>Deletes the table; a missing table (404) is returned, not thrown.</summary>
    public virtual async Task<Response> DeleteAsync(CancellationToken cancellationToken = default)
    {
        var message = CreateMessage(RequestMethod.Delete, $"Tables('{Name}')");
        var response = await SendAsync(message, cancellationToken);
        return response.Status is 204 or 404 ? response : throw new RequestFailedException(response, null, TableErrorParser.Instance);
    }

    /// <summary>Inserts a new entity; the response carries the new ETag header. 409 EntityAlreadyExists if the keys are taken.</summary>
    public virtual async Task<Response> AddEntityAsync(TableEntity entity, CancellationToken cancellationToken = default)
    {
        TableNames.ValidateEntityKeys(entity);
        var stamp = Guid.NewGuid().ToString("N");
        var message = CreateMessage(RequestMethod.Post, Name);
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        SetJsonContent(message, TableEntityJson.Serialize(entity, stamp), "application/json;odata=nometadata");
        var response = await SendAsync(message, cancellationToken);
        if (response.Status is 201 or 204)
        {
            return response;
        }

        if (response.Status == 409 && message.ProcessingContext.RetryNumber > 0 && ErrorCode(response) == "EntityAlreadyExists")
        {
            var (stored, storedResponse) = await ReadStampAsync(entity.PartitionKey, entity.RowKey, cancellationToken);
            if (stored == stamp)
            {
                return storedResponse;
            }
        }

        throw new RequestFailedException(response, null, TableErrorParser.Instance);
    }

    /// <summary>Inserts or updates without a condition (PUT for Replace, PATCH for Merge, no If-Match).</summary>
    public virtual Task<Response> UpsertEntityAsync(TableEntity entity, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default) =>
        WriteEntityAsync(entity, mode, ifMatch: null, cancellationToken);

    /// <summary>Updates an existing entity if its ETag still matches (default ETag means any version). 412 UpdateConditionNotSatisfied on a stale ETag, 404 if missing.</summary>
    public virtual Task<Response> UpdateEntityAsync(TableEntity entity, ETag ifMatch, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default) =>
        WriteEntityAsync(entity, mode, IfMatchValue(ifMatch), cancellationToken);

    /// <summary>Deletes an entity (default ETag means any version). A missing entity returns the 404 response without throwing, like the SDK.</summary>
    public virtual async Task<Response> DeleteEntityAsync(string partitionKey, string rowKey, ETag ifMatch = default, CancellationToken cancellationToken = default)
    {
        TableNames.ValidateKey(partitionKey, nameof(partitionKey));
        TableNames.ValidateKey(rowKey, nameof(rowKey));
        var message = CreateMessage(RequestMethod.Delete, EntityPath(partitionKey, rowKey));
        message.Request.Headers.SetValue(HttpHeader.Names.IfMatch, IfMatchValue(ifMatch));
        var response = await SendAsync(message, cancellationToken);
        return response.Status is 204 or 404 ? response : throw new RequestFailedException(response, null, TableErrorParser.Instance);
    }

    /// <summary>Point read; 404 ResourceNotFound throws.</summary>
    public virtual async Task<Response<TableEntity>> GetEntityAsync(
        string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
    {
        var (entity, response) = await GetEntityCoreAsync(partitionKey, rowKey, select, cancellationToken);
        return entity is null ? throw new RequestFailedException(response, null, TableErrorParser.Instance) : Response.FromValue(entity, response);
    }

    /// <summary>Point read; a missing entity gives HasValue == false.</summary>
    public virtual async Task<NullableResponse<TableEntity>> GetEntityIfExistsAsync(
        string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
    {
        var (entity, response) = await GetEntityCoreAsync(partitionKey, rowKey, select, cancellationToken);
        return new TableNullableResponse<TableEntity>(entity, response);
    }

    /// <summary>
    /// Queries entities, following x-ms-continuation-NextPartitionKey/NextRowKey until the end, across empty pages too.
    /// Build <paramref name="filter"/> with <see cref="CreateQueryFilter"/> when it contains values.
    /// </summary>
    public virtual AsyncPageable<TableEntity> QueryAsync(
        string? filter = null, int? maxPerPage = null, IEnumerable<string>? select = null, CancellationToken cancellationToken = default) =>
        new EntityPageable(this, filter, maxPerPage, select is null ? null : string.Join(',', select), cancellationToken);

    /// <summary>
    /// Builds an OData filter, turning every hole into a literal: strings quoted with ' doubled, long with L, Guid as
    /// guid'..', dates as datetime'..Z', byte[] as X'..', bool lower case, null as null.
    /// </summary>
    public static string CreateQueryFilter(FormattableString filter) => TableQueryFilter.Create(filter);

    private async Task<Response> WriteEntityAsync(TableEntity entity, TableUpdateMode mode, string? ifMatch, CancellationToken cancellationToken)
    {
        TableNames.ValidateEntityKeys(entity);
        var message = CreateMessage(mode == TableUpdateMode.Replace ? RequestMethod.Put : RequestMethod.Patch, EntityPath(entity.PartitionKey, entity.RowKey));
        if (ifMatch is not null)
        {
            message.Request.Headers.SetValue(HttpHeader.Names.IfMatch, ifMatch);
        }

        SetJsonContent(message, TableEntityJson.Serialize(entity), "application/json");
        var response = await SendAsync(message, cancellationToken);
        return response.Status == 204 ? response : throw new RequestFailedException(response, null, TableErrorParser.Instance);
    }

    private async Task<(TableEntity? Entity, Response Response)> GetEntityCoreAsync(
        string partitionKey, string rowKey, IEnumerable<string>? select, CancellationToken cancellationToken)
    {
        TableNames.ValidateKey(partitionKey, nameof(partitionKey));
        TableNames.ValidateKey(rowKey, nameof(rowKey));
        var message = CreateMessage(RequestMethod.Get, EntityPath(partitionKey, rowKey));
        if (select is not null)
        {
            message.Request.Uri.AppendQuery("$select", string.Join(',', select));
        }

        var response = await SendAsync(message, cancellationToken);
        if (response.Status == 404)
        {
            return (null, response);
        }

        if (response.Status != 200)
        {
            throw new RequestFailedException(response, null, TableErrorParser.Instance);
        }

        using var json = JsonDocument.Parse(response.Content);
        response.Headers.TryGetValue("ETag", out var etag);
        return (TableEntityJson.Deserialize(json.RootElement, etag is null ? default : new ETag(etag)), response);
    }

    /// <summary>The stamp stored on an entity (null if none or missing), with the read's response.</summary>
    private async Task<(string? Stamp, Response Response)> ReadStampAsync(string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        var message = CreateMessage(RequestMethod.Get, EntityPath(partitionKey, rowKey));
        var response = await SendAsync(message, cancellationToken);
        if (response.Status != 200)
        {
            return (null, response);
        }

        using var json = JsonDocument.Parse(response.Content);
        return (TableEntityJson.ReadOperationStamp(json.RootElement), response);
    }

    private async Task<(IReadOnlyList<TableEntity> Entities, string? Continuation, Response Response)> QueryPageAsync(
        string? filter, int? top, string? select, string? continuation, CancellationToken cancellationToken)
    {
        var message = CreateMessage(RequestMethod.Get, Name + "()");
        if (filter is not null)
        {
            message.Request.Uri.AppendQuery("$filter", filter);
        }

        if (top is not null)
        {
            message.Request.Uri.AppendQuery("$top", top.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (select is not null)
        {
            message.Request.Uri.AppendQuery("$select", select);
        }

        if (continuation is not null)
        {
            var parts = continuation.Split(' ');
            message.Request.Uri.AppendQuery("NextPartitionKey", parts[0]);
            if (parts.Length > 1)
            {
                message.Request.Uri.AppendQuery("NextRowKey", parts[1]);
            }
        }

        var response = await SendAsync(message, cancellationToken);
        if (response.Status != 200)
        {
            throw new RequestFailedException(response, null, TableErrorParser.Instance);
        }

        using var json = JsonDocument.Parse(response.Content);
        var entities = json.RootElement.TryGetProperty("value", out var values)
            ? values.EnumerateArray().Select(v => TableEntityJson.Deserialize(v)).ToList()
            : [];
        response.Headers.TryGetValue("x-ms-continuation-NextPartitionKey", out var nextPartitionKey);
        response.Headers.TryGetValue("x-ms-continuation-NextRowKey", out var nextRowKey);
        var next = string.IsNullOrEmpty(nextPartitionKey) ? null : string.IsNullOrEmpty(nextRowKey) ? nextPartitionKey : nextPartitionKey + " " + nextRowKey;
        return (entities, next, response);
    }

    private sealed class EntityPageable(TableClient client, string? filter, int? maxPerPage, string? select, CancellationToken cancellationToken)
        : AsyncPageable<TableEntity>(cancellationToken)
    {
        public override async IAsyncEnumerable<Page<TableEntity>> AsPages(string? continuationToken = null, int? pageSizeHint = null)
        {
            do
            {
                var (entities, next, response) = await client.QueryPageAsync(filter, pageSizeHint ?? maxPerPage, select, continuationToken, CancellationToken);
                yield return Page<TableEntity>.FromValues(entities, next, response);
                continuationToken = next;
            }
            while (continuationToken is not null);
        }
    }

    private HttpMessage CreateMessage(RequestMethod method, string pathBelowAccount)
    {
        var message = endpoint.Pipeline.CreateMessage();
        var request = message.Request;
        request.Method = method;
        request.Uri.Reset(endpoint.AccountUri);
        request.Uri.AppendPath("/" + pathBelowAccount, escape: false);
        request.Headers.SetValue(HttpHeader.Names.Accept, TableConstants.AcceptJson);
        request.Headers.SetValue("x-ms-version", endpoint.Version);
        request.Headers.SetValue("DataServiceVersion", TableConstants.DataServiceVersion);
        return message;
    }

    private static void SetJsonContent(HttpMessage message, byte[] body, string contentType)
    {
        message.Request.Headers.SetValue(HttpHeader.Names.ContentType, contentType);
        message.Request.Content = RequestContent.Create(body);
    }

    private async Task<Response> SendAsync(HttpMessage message, CancellationToken cancellationToken)
    {
        // The message is not disposed: that would dispose the buffered response handed to the caller.
        await endpoint.Pipeline.SendAsync(message, cancellationToken);
        return message.Response;
    }

    /// <summary>{table}(PartitionKey='..',RowKey='..') with ' doubled inside the literal and the result percent-encoded.</summary>
    internal string EntityPath(string partitionKey, string rowKey) =>
        $"{Name}(PartitionKey='{EscapeKey(partitionKey)}',RowKey='{EscapeKey(rowKey)}')";

    private static string EscapeKey(string key) => Uri.EscapeDataString(key.Replace("'", "''", StringComparison.Ordinal));

    private static string IfMatchValue(ETag etag) => etag == default ? "*" : etag.ToString();

    private static string? ErrorCode(Response response) =>
        TableErrorParser.Instance.TryParse(response, out var error, out _) ? error?.Code : null;
}

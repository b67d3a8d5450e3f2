using System.Net;
using Azure.Core;
using Azure.Core.Pipeline;
using VirServerless.Core.Storage.Tables;

namespace VirServerless.Core.Tests.Storage;

public class TableServiceClientTests
{
    [Fact]
    public async Task SendsABearerTokenForTheStorageScope()
    {
        var credential = new RecordingCredential();
        var handler = new RecordingHandler();
        var options = new TableClientOptions { Transport = new HttpClientTransport(new HttpClient(handler)) };
        var service = new TableServiceClient(new Uri("https://acct.table.core.windows.net/"), credential, options);

        await service.GetTableClient("events").CreateIfNotExistsAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["https://storage.azure.com/.default"], credential.Scopes);
        var request = Assert.Single(handler.Requests);
        Assert.Equal("Bearer token-123", request.Headers.Authorization?.ToString());
        Assert.Equal("2020-12-06", request.Headers.GetValues("x-ms-version").Single());
        Assert.Equal("https://acct.table.core.windows.net/Tables", request.RequestUri?.ToString());
    }

    [Fact]
    public void RejectsInvalidTableNames()
    {
        var service = new TableServiceClient("UseDevelopmentStorage=true");

        Assert.Throws<ArgumentException>(() => service.GetTableClient("1abc"));
        Assert.Throws<ArgumentException>(() => service.GetTableClient("ab"));
        Assert.Throws<ArgumentException>(() => service.GetTableClient("has-dash"));
        Assert.Throws<ArgumentException>(() => service.GetTableClient("tables"));
    }

    [Fact]
    public void ReadsEndpointFromConnectionStrings()
    {
        var development = new TableServiceClient("UseDevelopmentStorage=true");
        var production = new TableServiceClient("DefaultEndpointsProtocol=https;AccountName=vrnw;AccountKey=a2V5;EndpointSuffix=core.windows.net");
        var explicitEndpoint = new TableServiceClient("AccountName=devstoreaccount1;AccountKey=a2V5;TableEndpoint=http://127.0.0.1:4711/devstoreaccount1/");

        Assert.Equal("http://127.0.0.1:10002/devstoreaccount1", development.Uri.ToString());
        Assert.Equal("https://vrnw.table.core.windows.net/", production.Uri.ToString());
        Assert.Equal("https://vrnw.table.core.windows.net/events", production.GetTableClient("events").Uri.ToString());
        Assert.Equal("http://127.0.0.1:4711/devstoreaccount1", explicitEndpoint.Uri.ToString());
    }

    [Fact]
    public async Task QueryContinuesAcrossEmptyPages()
    {
        var handler = new RecordingHandler(
            ("""{"value":[]}""", "NextPartitionKey1", "NextRowKey1"),
            ("""{"value":[{"odata.etag":"W/\"x\"","PartitionKey":"p","RowKey":"r","Big":"5","Big@odata.type":"Edm.Int64"}]}""", null, null));
        var options = new TableClientOptions { Transport = new HttpClientTransport(new HttpClient(handler)) };
        var table = new TableServiceClient(new Uri("https://acct.table.core.windows.net"), new RecordingCredential(), options).GetTableClient("events");

        var entities = await table.QueryAsync(cancellationToken: TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);

        var entity = Assert.Single(entities);
        Assert.Equal(5L, entity["Big"]);
        Assert.Equal("W/\"x\"", entity.ETag.ToString());
        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal("?NextPartitionKey=NextPartitionKey1&NextRowKey=NextRowKey1", handler.Requests[1].RequestUri?.Query);
    }

    private sealed class RecordingCredential : TokenCredential
    {
        public List<string> Scopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Scopes.AddRange(requestContext.Scopes);
            return new AccessToken("token-123", DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }

    /// <summary>Answers with the given query pages in turn (body, NextPartitionKey, NextRowKey), or 204 when none are given.</summary>
    private sealed class RecordingHandler(params (string Body, string? NextPartitionKey, string? NextRowKey)[] pages) : HttpMessageHandler
    {
        public List<HttpRequestMessage> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(request);
            if (pages.Length == 0)
            {
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.NoContent));
            }

            var (body, nextPartitionKey, nextRowKey) = pages[Requests.Count - 1];
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body) };
            if (nextPartitionKey is not null)
            {
                response.Headers.Add("x-ms-continuation-NextPartitionKey", nextPartitionKey);
                response.Headers.Add("x-ms-continuation-NextRowKey", nextRowKey);
            }

            return Task.FromResult(response);
        }
    }
}

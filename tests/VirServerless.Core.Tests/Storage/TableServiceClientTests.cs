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
        Assert.Equal("http://127.0.0.1:4711/devstoreaccount1", explicitEndpoint.Uri.ToString());
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

    private sealed class RecordingHandler : HttpMessageHandler
    {
        public List<HttpRequestMessage> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(request);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.NoContent));
        }
    }
}

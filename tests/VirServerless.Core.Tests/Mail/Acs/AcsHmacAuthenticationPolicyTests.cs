using System.Security.Cryptography;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;
using VirServerless.Core.Mail.Acs;
using VirServerless.Testing;

namespace VirServerless.Core.Tests.Mail.Acs;

public class AcsHmacAuthenticationPolicyTests
{
    private static readonly DateTimeOffset FixedNow = new(2027, 3, 4, 5, 6, 7, TimeSpan.Zero);

    [Theory]
    [InlineData("https://vir-nordwest.germany.communication.azure.com/emails:send?api-version=2023-03-31",
        "vir-nordwest.germany.communication.azure.com")]
    [InlineData("http://127.0.0.1:5123/emails:send?api-version=2023-03-31", "127.0.0.1:5123")]
    [InlineData("https://acs.example:443/emails:send?api-version=2023-03-31", "acs.example")]
    public async Task SignsAsTheDocumentedAlgorithmSays(string url, string expectedHost)
    {
        var key = Enumerable.Range(1, 32).Select(i => (byte)(i * 7)).ToArray();
        var body = Encoding.UTF8.GetBytes("""{"senderAddress":"DoNotReply@vir-nordwest.de","content":{"subject":"Grüße"}}""");
        var policy = new AcsHmacAuthenticationPolicy(key, new ManualTimeProvider(FixedNow));
        var message = HttpPipelineBuilder.Build(new EmailClientOptions()).CreateMessage();
        message.Request.Method = RequestMethod.Post;
        message.Request.Uri.Reset(new Uri(url));
        message.Request.Content = RequestContent.Create(body);

        await policy.ProcessAsync(message, new HttpPipelinePolicy[] { new StopHere() });

        // Independent computation from PROTOCOLS.md 2.4.
        const string date = "Thu, 04 Mar 2027 05:06:07 GMT";
        var hash = Convert.ToBase64String(SHA256.HashData(body));
        var toSign = $"POST\n/emails:send?api-version=2023-03-31\n{date};{expectedHost};{hash}";
        using var hmac = new HMACSHA256(key);
        var signature = Convert.ToBase64String(hmac.ComputeHash(Encoding.ASCII.GetBytes(toSign)));
        Assert.Equal(date, Header(message, "x-ms-date"));
        Assert.Equal(hash, Header(message, "x-ms-content-sha256"));
        Assert.Equal($"HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature={signature}", Header(message, "Authorization"));
    }

    [Fact]
    public async Task HashesAnEmptyBodyAsTheEmptyString()
    {
        var policy = new AcsHmacAuthenticationPolicy([1, 2, 3], new ManualTimeProvider(FixedNow));
        var message = HttpPipelineBuilder.Build(new EmailClientOptions()).CreateMessage();
        message.Request.Method = RequestMethod.Get;
        message.Request.Uri.Reset(new Uri("https://acs.example/emails/operations/x?api-version=2023-03-31"));

        await policy.ProcessAsync(message, new HttpPipelinePolicy[] { new StopHere() });

        Assert.Equal("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=", Header(message, "x-ms-content-sha256"));
    }

    private static string Header(HttpMessage message, string name) =>
        message.Request.Headers.TryGetValue(name, out var value) ? value : throw new Xunit.Sdk.XunitException($"{name} missing");

    /// <summary>Ends the pipeline where the transport would send.</summary>
    private sealed class StopHere : HttpPipelinePolicy
    {
        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
        }

        public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) => ValueTask.CompletedTask;
    }
}

using System.Net;
using System.Text;
using System.Text.Json;
using VirServerless.Testing;

namespace VirServerless.Functions.Tests.Timers;

public class TimerInvocationTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [InlineData("DispatchOutbox")]
    [InlineData("MoveUpWaitlists")]
    public async Task TimerInvocationAnswersWithTheCustomHandlerPayload(string name)
    {
        var body = await fixture.App.RunTimerAsync(name, isPastDue: true);

        using var json = JsonDocument.Parse(body);
        Assert.Equal(JsonValueKind.Object, json.RootElement.GetProperty("Outputs").ValueKind);
        Assert.StartsWith(name + ":", json.RootElement.GetProperty("Logs")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("ReturnValue").ValueKind);
    }

    [Fact]
    public async Task MalformedTimerPayloadGets400()
    {
        using var content = new StringContent("{nope", Encoding.UTF8, "application/json");

        using var response = await fixture.App.Admin.PostAsync("DispatchOutbox", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("DispatchOutbox")]
    [InlineData("PurgePersonalData")]
    public async Task StandaloneTimerRoutesNeedTheAdminKey(string name)
    {
        using var content = new StringContent("{}", Encoding.UTF8, "application/json");

        using var response = await fixture.App.Client.PostAsync(name, content);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.StartsWith("FunctionsKey ", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}

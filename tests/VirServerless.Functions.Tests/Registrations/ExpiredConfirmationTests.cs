using System.Net;
using VirServerless.Functions.Tests.Mail;
using VirServerless.Functions.Tests.Support;
using VirServerless.Testing;

namespace VirServerless.Functions.Tests.Registrations;

public class ExpiredConfirmationTests(ShortConfirmationFixture fixture) : IClassFixture<ShortConfirmationFixture>
{
    private FunctionAppProcess App => fixture.App;

    [Fact]
    public async Task AnExpiredConfirmationLinkAnswersLikeAnUnknownOneOnTheApiAndThePage()
    {
        var eventId = TestEvents.NewId("expired");
        await TestEvents.PublishAsync(App.Admin, TestEvents.Create(eventId));
        var anna = new Attendee(App, eventId, "Anna");
        using (await anna.RegisterAsync())
        {
        }
        var expiredAfter = DateTimeOffset.UtcNow.AddSeconds(2.2);
        var token = await anna.ConfirmTokenAsync();
        var unknown = token[..^4] + (token[^4..] == "AAAA" ? "BBBB" : "AAAA");
        var expiresIn = expiredAfter - DateTimeOffset.UtcNow;
        if (expiresIn > TimeSpan.Zero)
        {
            await Task.Delay(expiresIn);
        }

        using var expired = await anna.ConfirmAsync(token);
        using var wrong = await anna.ConfirmAsync(unknown);
        using var expiredPage = await anna.ConfirmOnThePageAsync(token);
        using var wrongPage = await anna.ConfirmOnThePageAsync(unknown);

        Assert.Equal(HttpStatusCode.NotFound, expired.StatusCode);
        Assert.Equal(await Attendee.ProblemWithoutTraceAsync(wrong), await Attendee.ProblemWithoutTraceAsync(expired));
        Assert.Equal(HttpStatusCode.NotFound, expiredPage.StatusCode);
        Assert.Equal(await wrongPage.Content.ReadAsStringAsync(), await expiredPage.Content.ReadAsStringAsync());
        var list = await AdminQueries.RegistrationsAsync(App, eventId);
        Assert.Equal("pending", list.GetProperty("registrations")[0].GetProperty("status").GetString());
    }
}

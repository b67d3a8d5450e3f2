using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using VirServerless.Functions.Tests.Support;
using VirServerless.Testing;

namespace VirServerless.Functions.Tests.Mail;

/// <summary>The ACS hourly quota runs out while people register: their confirmation mails queue and go out later.</summary>
public sealed partial class MailQuotaTests(AcsAppFixture fixture) : IClassFixture<AcsAppFixture>
{
    private FunctionAppProcess App => fixture.App;

    private AcsEmailPeer Peer => fixture.Peer;

    [Fact]
    public async Task ConfirmationMailsPastTheHourlyQuotaQueueAndGoOutOnceTheQuotaAllows()
    {
        var eventId = TestEvents.NewId("quota");
        await TestEvents.PublishAsync(App.Admin, TestEvents.Create(eventId, capacity: 20));
        var people = Enumerable.Range(1, 5).Select(i => new Attendee(App, eventId, "Person" + i)).ToList();
        Peer.MessagesPerHour = Peer.Accepted.Count + 2;

        foreach (var person in people)
        {
            using var registered = await person.RegisterAsync();
            Assert.Equal(HttpStatusCode.Accepted, registered.StatusCode);
        }
        await WaitUntilAsync(async () => (await OutboxAsync()).GetProperty("counts").GetProperty("sent").GetInt32() >= 2
            && Peer.RequestLog.Any(r => r.EndsWith("429", StringComparison.Ordinal))
            && (await OutboxAsync()).GetProperty("counts").GetProperty("sending").GetInt32() == 0);
        var duringQuota = await OutboxAsync();
        var backlog = await BacklogTextAsync();
        Peer.MessagesPerHour = null;
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await App.RunTimerAsync("DispatchOutbox");
        await WaitUntilAsync(() => Task.FromResult(people.All(p => Peer.Accepted.Any(m => m.Message.ToJsonString().Contains(p.Email, StringComparison.Ordinal)))));
        var afterwards = await OutboxAsync();
        var emptyBacklog = await BacklogTextAsync();

        Assert.DoesNotContain(duringQuota.GetProperty("problems").EnumerateArray(), p => p.GetProperty("eventId").GetString() == eventId);
        Assert.Equal(3, duringQuota.GetProperty("counts").GetProperty("pending").GetInt32());
        Assert.Matches(@"^3 E-Mails warten auf den Versand, die älteste seit \d\d\.\d\d\.\d{4}, \d\d:\d\d\.", backlog);
        Assert.DoesNotContain("@", backlog, StringComparison.Ordinal);
        Assert.All(people, p => Assert.Single(Peer.Accepted, m => m.Message.ToJsonString().Contains(p.Email, StringComparison.Ordinal)));
        Assert.Equal(0, afterwards.GetProperty("counts").GetProperty("pending").GetInt32() + afterwards.GetProperty("counts").GetProperty("failed").GetInt32() + afterwards.GetProperty("counts").GetProperty("dead").GetInt32());
        Assert.Equal("Keine E-Mails warten auf den Versand.", emptyBacklog);
    }

    /// <summary>The backlog paragraph of the organiser overview, after signing in with the admin key.</summary>
    private async Task<string> BacklogTextAsync()
    {
        using var organiser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = App.BaseAddress };
        using var signedIn = await organiser.PostAsync("verwaltung/anmelden", new FormUrlEncodedContent([new("key", FunctionAppProcess.AdminKey)]));
        var html = await signedIn.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        return WebUtility.HtmlDecode(Backlog().Match(html).Groups[1].Value);
    }

    private async Task<JsonElement> OutboxAsync() => await App.Admin.GetFromJsonAsync<JsonElement>("api/admin/outbox");

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(45);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition never held.");
            await Task.Delay(200);
        }
    }

    [GeneratedRegex("""<p id="mail-warteschlange">([^<]*)</p>""")]
    private static partial Regex Backlog();
}

using System.Net.Http.Json;
using System.Text.Json;
using VirServerless.Functions.Tests.Support;
using VirServerless.Testing;

namespace VirServerless.Functions.Tests.Mail;

/// <summary>Azurite, the local ACS Email peer and the app configured with the peer's connection string.</summary>
public sealed class AcsAppFixture : IAsyncLifetime
{
    public AzuriteInstance Azurite { get; private set; } = null!;

    public AcsEmailPeer Peer { get; private set; } = null!;

    public FunctionAppProcess App { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Azurite = await AzuriteInstance.StartAsync();
        Peer = AcsEmailPeer.Start();
        App = await FunctionAppProcess.StartAsync(Azurite.ConnectionString, new Dictionary<string, string>
        {
            ["Mail__Acs__ConnectionString"] = Peer.ConnectionString,
            ["Mail__SenderAddress"] = "DoNotReply@vir-nordwest.example",
            ["Outbox__FirstRetryDelay"] = "00:00:01",
        });
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Peer.DisposeAsync();
        await Azurite.DisposeAsync();
    }
}

public class AcsDeliveryTests(AcsAppFixture fixture) : IClassFixture<AcsAppFixture>
{
    private FunctionAppProcess App => fixture.App;

    private AcsEmailPeer Peer => fixture.Peer;

    [Fact]
    public async Task ARegistrationMailGoesThroughAcsOnceDespite429And500()
    {
        var eventId = TestEvents.NewId("acs");
        await TestEvents.PublishAsync(App.Admin, TestEvents.Create(eventId));
        var anna = new Attendee(App, eventId, "Anna");
        Peer.EnqueueFault(429, "TooManyRequests", retryAfterSeconds: 1);
        Peer.EnqueueFault(500, "InternalServerError", acceptFirst: true);

        using var response = await anna.RegisterAsync();
        var mail = await WaitForAcceptedAsync(anna.Email);
        await App.RunTimerAsync("DispatchOutbox");
        await Task.Delay(TimeSpan.FromSeconds(2));
        await App.RunTimerAsync("DispatchOutbox");

        Assert.Single(Peer.Accepted, m => m.Message.ToJsonString().Contains(anna.Email, StringComparison.Ordinal));
        Assert.Equal("DoNotReply@vir-nordwest.example", mail.Message["senderAddress"]!.GetValue<string>());
        Assert.Contains("Bitte bestätigen", mail.Message["content"]!["subject"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(mail.Message["userEngagementTrackingDisabled"]!.GetValue<bool>());
        var overview = await OutboxAsync();
        Assert.Equal(0, overview.GetProperty("counts").GetProperty("pending").GetInt32() + overview.GetProperty("counts").GetProperty("failed").GetInt32());
        Assert.StartsWith("ACS Email", overview.GetProperty("sender").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThrottlingBeyondTheClientRetriesKeepsTheMailQueuedForALaterTryWithTheSameOperationId()
    {
        var eventId = TestEvents.NewId("thr");
        await TestEvents.PublishAsync(App.Admin, TestEvents.Create(eventId));
        var bernd = new Attendee(App, eventId, "Bernd");
        var throttledBefore = Peer.RequestLog.Count(r => r.EndsWith("-> 429", StringComparison.Ordinal));
        for (var i = 0; i < 4; i++)
        {
            Peer.EnqueueFault(429, "TooManyRequests", retryAfterSeconds: 1, acceptFirst: i == 3);
        }

        using var response = await bernd.RegisterAsync();
        var queued = await WaitForOutboxAsync(o => Peer.RequestLog.Count(r => r.EndsWith("-> 429", StringComparison.Ordinal)) >= throttledBefore + 4
            && o.GetProperty("counts").GetProperty("sending").GetInt32() == 0);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await App.RunTimerAsync("DispatchOutbox");
        var mail = await WaitForAcceptedAsync(bernd.Email);

        Assert.DoesNotContain(queued.GetProperty("problems").EnumerateArray(), p => p.GetProperty("eventId").GetString() == eventId);
        Assert.True(queued.GetProperty("counts").GetProperty("pending").GetInt32() >= 1);
        Assert.Contains(mail.OperationId, Peer.RepeatedOperationIds);
        Assert.Single(Peer.Accepted, m => m.Message.ToJsonString().Contains(bernd.Email, StringComparison.Ordinal));
    }

    private async Task<AcceptedMail> WaitForAcceptedAsync(string email)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (Peer.Accepted.FirstOrDefault(m => m.Message.ToJsonString().Contains(email, StringComparison.Ordinal)) is { } mail)
            {
                return mail;
            }
            Assert.True(DateTime.UtcNow < deadline, "ACS never accepted the mail: " + string.Join(", ", Peer.RequestLog));
            await Task.Delay(100);
        }
    }

    private async Task<JsonElement> WaitForOutboxAsync(Func<JsonElement, bool> predicate)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var overview = await OutboxAsync();
            if (predicate(overview))
            {
                return overview;
            }
            Assert.True(DateTime.UtcNow < deadline, "Outbox never matched: " + overview.GetRawText());
            await Task.Delay(200);
        }
    }

    private async Task<JsonElement> OutboxAsync() => await App.Admin.GetFromJsonAsync<JsonElement>("api/admin/outbox");
}

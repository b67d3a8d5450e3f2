using System.Diagnostics;
using System.Text;
using Azure;
using VirServerless.Core.Calendar;
using VirServerless.Core.Mail.Acs;
using VirServerless.Testing;

namespace VirServerless.Core.Tests.Mail.Acs;

public sealed class EmailClientTests : IAsyncLifetime
{
    private readonly AcsEmailPeer peer = AcsEmailPeer.Start();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await peer.DisposeAsync();

    private EmailClient Client(EmailClientOptions? options = null)
    {
        options ??= new EmailClientOptions();
        options.Retry.Delay = TimeSpan.FromMilliseconds(20);
        options.DefaultPollInterval = TimeSpan.FromMilliseconds(20);
        return new EmailClient(peer.ConnectionString, options);
    }

    private static EmailMessage Mail(string subject = "Anmeldebestätigung") =>
        new("DoNotReply@vir-nordwest.de",
            new EmailRecipients([new EmailAddress("erika@gemeinde.example", "Erika Mustermann")]),
            new EmailContent(subject) { PlainText = "Guten Tag, Sie sind angemeldet.", Html = "<p>Guten Tag, Sie sind angemeldet.</p>" });

    [Fact]
    public async Task SendsAndWaitsUntilTheServiceReportsSuccess()
    {
        peer.PollRetryAfterSeconds = 0;
        var operationId = EmailClient.CreateOperationId("outbox/reg-17/confirmation");

        var operation = await Client().SendAsync(WaitUntil.Completed, Mail(), operationId, TestContext.Current.CancellationToken);

        Assert.True(operation.HasCompleted);
        Assert.Equal(EmailSendStatus.Succeeded, operation.Value);
        Assert.Equal(operationId, operation.Id);
        var accepted = Assert.Single(peer.Accepted);
        Assert.Equal(operationId, accepted.OperationId);
        Assert.Equal("DoNotReply@vir-nordwest.de", (string?)accepted.Message["senderAddress"]);
        Assert.Equal("Anmeldebestätigung", (string?)accepted.Message["content"]!["subject"]);
        Assert.Equal("Erika Mustermann", (string?)accepted.Message["recipients"]!["to"]![0]!["displayName"]);
        Assert.Equal(["POST /emails:send -> 202", $"GET /emails/operations/{operationId} -> 200", $"GET /emails/operations/{operationId} -> 200"], peer.RequestLog);
    }

    [Fact]
    public async Task PollingHonoursRetryAfter()
    {
        peer.PollRetryAfterSeconds = 1;
        var stopwatch = Stopwatch.StartNew();

        var operation = await Client().SendAsync(WaitUntil.Completed, Mail(), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(EmailSendStatus.Succeeded, operation.Value);
        Assert.True(stopwatch.Elapsed >= TimeSpan.FromSeconds(1.9), $"two polls 1 s apart, took {stopwatch.Elapsed}");
    }

    [Fact]
    public async Task StartedReturnsAfterTheServiceAcceptedTheMail()
    {
        var operation = await Client().SendAsync(WaitUntil.Started, Mail(), cancellationToken: TestContext.Current.CancellationToken);

        Assert.False(operation.HasCompleted);
        Assert.Equal(EmailSendStatus.Running, operation.Value);
        Assert.True(Guid.TryParse(operation.Id, out _));
        Assert.Single(peer.Accepted);
    }

    [Fact]
    public async Task SendsAnIcsAttachmentAsBase64()
    {
        var ics = CalendarWriter.Write(
            [new CalendarEntry("plenum@vir-nordwest.de", 0, "Plenum", new DateTimeOffset(2027, 6, 10, 16, 0, 0, TimeSpan.Zero),
                new DateTimeOffset(2027, 6, 10, 18, 0, 0, TimeSpan.Zero), "Online", "Zugangsdaten folgen", null, null, null)],
            CalendarMethod.Request,
            new DateTimeOffset(2027, 5, 1, 0, 0, 0, TimeSpan.Zero));
        var mail = Mail() with
        {
            Attachments = [new EmailAttachment("plenum.ics", "text/calendar; method=REQUEST; charset=utf-8", BinaryData.FromString(ics))],
            ReplyTo = [new EmailAddress("kontakt@vir-nordwest.de")],
            Headers = new Dictionary<string, string> { ["x-priority"] = "3" },
            UserEngagementTrackingDisabled = true,
        };

        await Client().SendAsync(WaitUntil.Started, mail, cancellationToken: TestContext.Current.CancellationToken);

        var message = Assert.Single(peer.Accepted).Message;
        var attachment = message["attachments"]![0]!;
        Assert.Equal("plenum.ics", (string?)attachment["name"]);
        Assert.Equal(ics, Encoding.UTF8.GetString(Convert.FromBase64String((string)attachment["contentInBase64"]!)));
        Assert.Equal("kontakt@vir-nordwest.de", (string?)message["replyTo"]![0]!["address"]);
        Assert.Equal("3", (string?)message["headers"]!["x-priority"]);
        Assert.True((bool)message["userEngagementTrackingDisabled"]!);
    }

    [Fact]
    public async Task RetriesAfterTooManyRequestsHonouringRetryAfterAndSendsOnce()
    {
        peer.EnqueueFault(429, "TooManyRequests", retryAfterSeconds: 1);
        var stopwatch = Stopwatch.StartNew();

        var operation = await Client().SendAsync(WaitUntil.Started, Mail(), cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(stopwatch.Elapsed >= TimeSpan.FromSeconds(0.95), $"Retry-After: 1 was not honoured, took {stopwatch.Elapsed}");
        Assert.Equal(["POST /emails:send -> 429", "POST /emails:send -> 202"], peer.RequestLog);
        Assert.Equal(operation.Id, Assert.Single(peer.Accepted).OperationId);
    }

    [Fact]
    public async Task RetriesServerErrorsThenSucceeds()
    {
        peer.EnqueueFault(500, "InternalServerError");
        peer.EnqueueFault(503, "ServiceUnavailable");

        await Client().SendAsync(WaitUntil.Started, Mail(), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(["POST /emails:send -> 500", "POST /emails:send -> 503", "POST /emails:send -> 202"], peer.RequestLog);
        Assert.Single(peer.Accepted);
    }

    [Fact]
    public async Task LostAcceptanceIsResentWithTheSameOperationId()
    {
        peer.EnqueueFault(500, "InternalServerError", acceptFirst: true);

        var operation = await Client().SendAsync(WaitUntil.Started, Mail(), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(operation.Id, Assert.Single(peer.Accepted).OperationId);
        Assert.Equal([operation.Id], peer.RepeatedOperationIds);
    }

    [Fact]
    public async Task GivesUpAfterTheConfiguredRetries()
    {
        var options = new EmailClientOptions();
        options.Retry.MaxRetries = 1;
        peer.EnqueueFault(503, "ServiceUnavailable");
        peer.EnqueueFault(503, "ServiceUnavailable");
        peer.EnqueueFault(503, "ServiceUnavailable");

        var error = await Assert.ThrowsAsync<RequestFailedException>(() =>
            Client(options).SendAsync(WaitUntil.Started, Mail(), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(503, error.Status);
        Assert.Equal("ServiceUnavailable", error.ErrorCode);
        Assert.Equal(2, peer.RequestLog.Count);
    }

    [Fact]
    public async Task WrongKeyIsRejectedWithUnauthorized()
    {
        var wrongKey = Convert.ToBase64String(new byte[32]);
        var client = new EmailClient($"endpoint=http://127.0.0.1:{peer.Port}/;accesskey={wrongKey}", new EmailClientOptions());

        var error = await Assert.ThrowsAsync<RequestFailedException>(() =>
            client.SendAsync(WaitUntil.Started, Mail(), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(401, error.Status);
        Assert.Equal("Denied", error.ErrorCode);
        Assert.Empty(peer.Accepted);
    }

    [Fact]
    public async Task InvalidMessageIsRejectedWithTheServiceErrorCode()
    {
        var tooMany = Enumerable.Range(0, 51).Select(i => new EmailAddress($"p{i}@gemeinde.example")).ToList();

        var error = await Assert.ThrowsAsync<RequestFailedException>(() =>
            Client().SendAsync(WaitUntil.Started, Mail() with { Recipients = new EmailRecipients(tooMany) },
                cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(400, error.Status);
        Assert.Equal("InvalidRequest", error.ErrorCode);
    }

    [Fact]
    public async Task FailedFinalStatusThrowsWithTheServiceErrorCode()
    {
        peer.PollRetryAfterSeconds = 0;
        peer.FinalStatus = "Failed";
        var operation = await Client().SendAsync(WaitUntil.Started, Mail(), cancellationToken: TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => operation.WaitForCompletionAsync(TestContext.Current.CancellationToken));

        Assert.Equal("EmailDropped", error.ErrorCode);
        Assert.True(operation.HasCompleted);
        Assert.Equal(EmailSendStatus.Failed, operation.Value);
        Assert.Equal("EmailDropped", operation.SendError?.Code);
    }

    [Fact]
    public async Task ResumedOperationReadsItsStatusById()
    {
        peer.PollRetryAfterSeconds = 0;
        var client = Client();
        var sent = await client.SendAsync(WaitUntil.Started, Mail(), cancellationToken: TestContext.Current.CancellationToken);
        var resumed = new EmailSendOperation(sent.Id, client);

        var status = await resumed.WaitForCompletionAsync(TestContext.Current.CancellationToken);

        Assert.Equal(EmailSendStatus.Succeeded, status.Value);
        Assert.Equal(EmailSendStatus.Succeeded, resumed.Value);
    }

    [Fact]
    public async Task ThirtyFirstMailWithinAMinuteWaitsForTheWindow()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var client = Client(new EmailClientOptions { TimeProvider = clock, MessagesPerMinute = 30 });
        var ct = TestContext.Current.CancellationToken;
        for (var i = 0; i < 30; i++)
        {
            await client.SendAsync(WaitUntil.Started, Mail($"Mail {i}"), cancellationToken: ct);
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        var thirtyFirst = client.SendAsync(WaitUntil.Started, Mail("Mail 30"), cancellationToken: ct);
        await Task.Delay(300, ct);
        var acceptedBeforeWindow = peer.Accepted.Count;
        clock.Advance(TimeSpan.FromSeconds(29)); // t = 59 s: the first mail (t = 0) is still inside the minute
        await Task.Delay(300, ct);
        var acceptedAt59 = peer.Accepted.Count;
        clock.Advance(TimeSpan.FromSeconds(1)); // t = 60 s: it leaves the window
        await thirtyFirst.WaitAsync(TimeSpan.FromSeconds(10), ct);

        Assert.Equal(30, acceptedBeforeWindow);
        Assert.Equal(30, acceptedAt59);
        Assert.Equal(31, peer.Accepted.Count);
    }

    [Fact]
    public async Task ThrottleWaitLongerThanAllowedFailsFast()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var client = Client(new EmailClientOptions { TimeProvider = clock, MessagesPerMinute = 0, MessagesPerHour = 2 });
        var ct = TestContext.Current.CancellationToken;
        await client.SendAsync(WaitUntil.Started, Mail(), cancellationToken: ct);
        await client.SendAsync(WaitUntil.Started, Mail(), cancellationToken: ct);

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => client.SendAsync(WaitUntil.Started, Mail(), cancellationToken: ct));

        Assert.Equal(429, error.Status);
        Assert.Equal("ClientThrottled", error.ErrorCode);
        Assert.Equal(2, peer.Accepted.Count);
    }

    [Fact]
    public void OperationIdsForTheSameKeyAreTheSameUuid()
    {
        var first = EmailClient.CreateOperationId("outbox/reg-17/confirmation");
        var again = EmailClient.CreateOperationId("outbox/reg-17/confirmation");
        var other = EmailClient.CreateOperationId("outbox/reg-18/confirmation");

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.Equal('8', first[14]);
    }

    [Fact]
    public async Task RejectsAnOperationIdThatIsNoUuid()
    {
        await Assert.ThrowsAsync<ArgumentException>(() =>
            Client().SendAsync(WaitUntil.Started, Mail(), "outbox-row-17", TestContext.Current.CancellationToken));
    }
}

using VirServerless.Functions.Tests.Mail;
using VirServerless.Functions.Tests.Support;

namespace VirServerless.Functions.Tests.Faults;

/// <summary>
/// The ACS peer answers 429 and 500 (sometimes after accepting the mail) for a while during a burst of
/// registrations. Afterwards every mail is accepted exactly once, and an operation id never stands for two mails.
/// </summary>
public class MailPeerFaultTests(AcsAppFixture fixture) : IClassFixture<AcsAppFixture>
{
    [Fact]
    public async Task EveryMailIsSentOnceThroughAPeriodOfErrors()
    {
        var app = fixture.App;
        var peer = fixture.Peer;
        var eventId = TestEvents.NewId("peerfault");
        await TestEvents.PublishAsync(app.Admin, TestEvents.Create(eventId, capacity: 100));
        for (var i = 0; i < 12; i++)
        {
            peer.EnqueueFault(i % 3 == 0 ? 500 : 429, i % 3 == 0 ? "InternalServerError" : "TooManyRequests", retryAfterSeconds: 1, acceptFirst: i % 4 == 0);
        }
        var people = Enumerable.Range(0, 15).Select(i => new Attendee(app, eventId, $"Peer{i}")).ToList();

        foreach (var person in people)
        {
            using var response = await person.RegisterAsync();
        }
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (people.Any(p => !peer.Accepted.Any(m => m.Message.ToJsonString().Contains(p.Email, StringComparison.Ordinal))) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            await app.RunTimerAsync("DispatchOutbox");
        }
        await Task.Delay(TimeSpan.FromSeconds(2));
        await app.RunTimerAsync("DispatchOutbox");

        var mine = peer.Accepted.Where(m => people.Any(p => m.Message.ToJsonString().Contains(p.Email, StringComparison.Ordinal))).ToList();
        Assert.All(people, p => Assert.Single(mine, m => m.Message.ToJsonString().Contains(p.Email, StringComparison.Ordinal)));
        Assert.Equal(mine.Count, mine.Select(m => m.OperationId).Distinct().Count());
        var recipientsPerOperation = peer.Accepted.GroupBy(m => m.OperationId).Select(g => g.Select(m => m.Message["recipients"]!.ToJsonString()).Distinct().Count());
        Assert.All(recipientsPerOperation, count => Assert.Equal(1, count));
    }
}

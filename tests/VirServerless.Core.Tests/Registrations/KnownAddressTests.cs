using System.Globalization;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using VirServerless.Core.Registrations;
using VirServerless.Core.Tests.Reminders;
using VirServerless.Testing;

namespace VirServerless.Core.Tests.Registrations;

/// <summary>
/// Registering a known address must not be told apart from registering a new one: not by the id in the answer,
/// and not by the time the answer takes. Timing on a shared machine is too noisy to assert, so the test compares
/// what sets the time: the storage calls each path makes, recorded on the wire to Azurite.
/// </summary>
public class KnownAddressTests(AzuriteFixture azurite)
{
    private readonly CancellationToken ct = TestContext.Current.CancellationToken;

    private readonly CallRecorder recorder = new();

    [Fact]
    public async Task AKnownAddressGetsAFreshIdOfANewRegistrationThatMapsToNothing()
    {
        var (store, registrations, eventId) = await CreateAsync("ids");

        var first = await RegisterAsync(registrations, eventId, "anna@kommune.example");
        var again = await RegisterAsync(registrations, eventId, "Anna@Kommune.example");
        store.Clock.Advance(TimeSpan.FromMinutes(1));
        var later = await RegisterAsync(registrations, eventId, "anna@kommune.example");

        var now = store.Clock.GetUtcNow();
        Assert.All([first, again, later], id => Assert.Matches("^r[0-9a-f]{12}7[0-9a-f]{3}[89ab][0-9a-f]{15}$", id));
        Assert.Equal([now.AddMinutes(-1), now.AddMinutes(-1), now], new[] { first, again, later }.Select(CreatedAt));
        Assert.Equal(3, new[] { first, again, later }.Distinct(StringComparer.Ordinal).Count());
        Assert.NotNull(await registrations.GetAsync(eventId, first, ct));
        Assert.Null(await registrations.GetAsync(eventId, again, ct));
        Assert.Null(await registrations.GetAsync(eventId, later, ct));
        Assert.Single(await registrations.ListAsync(eventId, ct));
    }

    [Fact]
    public async Task AKnownAddressCostsTheSameStorageCallsAsANewOne()
    {
        var (store, registrations, eventId) = await CreateAsync("calls");

        var calls = new Dictionary<string, IReadOnlyList<string>>
        {
            ["new address"] = await CallsOfAsync(() => RegisterAsync(registrations, eventId, "bernd@kommune.example", requestKey: "k1")),
            ["known, just notified"] = await CallsOfAsync(() => RegisterAsync(registrations, eventId, "bernd@kommune.example", requestKey: "k2")),
            ["known, same request key"] = await CallsOfAsync(() => RegisterAsync(registrations, eventId, "bernd@kommune.example", requestKey: "k1")),
        };
        store.Clock.Advance(TimeSpan.FromHours(1));
        calls["known, notified with a new link"] = await CallsOfAsync(() => RegisterAsync(registrations, eventId, "bernd@kommune.example"));
        calls["another new address"] = await CallsOfAsync(() => RegisterAsync(registrations, eventId, "carla@kommune.example"));

        var expected = calls["new address"];
        Assert.Equal(["GET Events row", "GET Registrations row", "GET Registrations row", "POST batch"], expected);
        Assert.All(calls, pair => Assert.True(pair.Value.SequenceEqual(expected), $"{pair.Key}: {string.Join(", ", pair.Value)}"));
    }

    private async Task<(ReminderStore Store, RegistrationService Registrations, string EventId)> CreateAsync(string name)
    {
        var store = await ReminderStore.CreateAsync(azurite.ConnectionString, "known" + name, ct);
        var ev = await store.PublishEventWithDueReminderAsync("known-" + name, ct);
        var options = new TableClientOptions();
        options.AddPolicy(recorder, HttpPipelinePosition.PerCall);
        return (store, store.Registrations(options), ev.Id);
    }

    private async Task<string> RegisterAsync(RegistrationService registrations, string eventId, string email, string? requestKey = null)
    {
        var outcome = await registrations.RegisterAsync(eventId, new RegistrationRequest
        {
            FirstName = "Anna",
            LastName = "Muster",
            Email = email,
            Organization = "Stadt Oldenburg",
            Consent = true,
            RequestKey = requestKey,
        }, "api", cancellationToken: ct);
        return Assert.IsType<RegisterOutcome.Accepted>(outcome).RegistrationId;
    }

    private async Task<IReadOnlyList<string>> CallsOfAsync(Func<Task> action)
    {
        recorder.Calls.Clear();
        await action();
        return [.. recorder.Calls];
    }

    private static DateTimeOffset CreatedAt(string id) =>
        DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(id[1..13], NumberStyles.HexNumber, CultureInfo.InvariantCulture));

    /// <summary>Each request as method, table and kind (one row, a query or a batch), without keys or bodies.</summary>
    private sealed class CallRecorder : HttpPipelineSynchronousPolicy
    {
        public List<string> Calls { get; } = [];

        public override void OnSendingRequest(HttpMessage message)
        {
            var path = message.Request.Uri.Path;
            var table = path.Contains("Registrations", StringComparison.Ordinal) ? "Registrations " : path.Contains("Events", StringComparison.Ordinal) ? "Events " : "";
            var kind = path.EndsWith("$batch", StringComparison.Ordinal) ? "batch" : path.Contains("(PartitionKey=", StringComparison.Ordinal) ? "row" : "query";
            Calls.Add($"{message.Request.Method} {table}{kind}");
        }
    }
}

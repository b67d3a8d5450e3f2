using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VirServerless.Functions.Tests.Support;
using VirServerless.Testing;

namespace VirServerless.Functions.Tests.Registrations;

/// <summary>
/// Many people confirm at the same moment for few seats, through two app processes on the same storage (like two
/// scaled-out instances, so only the ETags, not the in-process seat gate, can keep the count). Like pretix's
/// concurrency tests, a negative control runs the same race through the same product code with the ETag guard on the
/// seat counters switched off (a testing-only setting of the registration store), to prove that this load really
/// produces races the guard must catch.
/// </summary>
public class ConcurrencyTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const int People = 200;
    private const int Capacity = 20;

    [Fact]
    public async Task ConcurrentConfirmationsNeverOverbook()
    {
        var app = fixture.App;
        var (eventId, statuses) = await RaceAsync(app, new Dictionary<string, string>());

        Assert.Equal(Capacity, statuses.Count(s => s == "confirmed"));
        Assert.Equal(People - Capacity, statuses.Count(s => s == "waitlisted"));
        var list = await AdminQueries.RegistrationsAsync(app, eventId);
        Assert.Equal(People, list.GetProperty("registrations").GetArrayLength());
        Assert.Equal(Capacity, list.GetProperty("counts").GetProperty("confirmed").GetInt32());
        var bookedWorkshop = list.GetProperty("registrations").EnumerateArray().Count(r => r.GetProperty("sessions").GetString()!.Contains("ag-ki (booked)", StringComparison.Ordinal));
        Assert.Equal(5, bookedWorkshop);
        var ev = await AdminQueries.EventAsync(app, eventId);
        Assert.Equal(0, AdminQueries.FreeSeats(ev));
        Assert.Equal(0, AdminQueries.FreeSeats(ev, "ag-ki"));
    }

    [Fact]
    public async Task WithoutTheETagGuardOnTheSeatCountersTheSameLoadOverbooks()
    {
        var unguarded = new Dictionary<string, string> { ["Testing__UnguardedSeatCounters"] = "true" };
        await using var app = await FunctionAppProcess.StartAsync(fixture.Azurite.ConnectionString, unguarded);

        // A race is likely, not certain: when one process happens to be slower (a cold connection pool, a busy CI
        // machine), the other may take every seat alone. Up to three races on fresh events; one overbooking proves it.
        List<int> confirmedPerRace = [];
        for (var race = 0; race < 3 && confirmedPerRace.All(c => c <= Capacity); race++)
        {
            var (_, statuses) = await RaceAsync(app, new Dictionary<string, string>(unguarded));
            confirmedPerRace.Add(statuses.Count(s => s == "confirmed"));
        }

        Assert.True(confirmedPerRace.Any(c => c > Capacity),
            $"No race overbooked ({string.Join(", ", confirmedPerRace)} confirmed for {Capacity} seats); the load is too weak to prove anything.");
    }

    /// <summary>
    /// Registers <see cref="People"/> people through <paramref name="app"/>, then fires all their confirmations at
    /// once, alternating between it and a second process on the same tables (with <paramref name="settings"/>).
    /// </summary>
    private async Task<(string EventId, string?[] Statuses)> RaceAsync(FunctionAppProcess app, Dictionary<string, string> settings)
    {
        var eventId = TestEvents.NewId("rush");
        await TestEvents.PublishAsync(app.Admin, TestEvents.Create(eventId, capacity: Capacity, workshopCapacity: 5));
        var attendees = Enumerable.Range(0, People).Select(i => new Attendee(app, eventId, $"Person{i}")).ToList();
        await Parallel.ForEachAsync(attendees, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (a, _) =>
        {
            using var response = await a.RegisterAsync("ag-ki");
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        });
        await app.Mail.WaitForAsync(all => all.Count(m => m.Subject.StartsWith("Bitte bestätigen", StringComparison.Ordinal)) >= People, TimeSpan.FromSeconds(120));
        var tokens = new List<string>();
        foreach (var a in attendees)
        {
            tokens.Add(await a.ConfirmTokenAsync());
        }
        settings["Storage__TablePrefix"] = app.TablePrefix;
        await using var second = await FunctionAppProcess.StartAsync(fixture.Azurite.ConnectionString, settings);
        // Each process confirms once on a warm-up event first. A fresh process answers its first confirmations
        // slowly (JIT, first connections): the warmer one could take every seat before the other joins, and then no
        // two confirmations race at all.
        var warmUpEvent = TestEvents.NewId("warm");
        await TestEvents.PublishAsync(app.Admin, TestEvents.Create(warmUpEvent, capacity: Capacity, workshopCapacity: 5));
        foreach (var process in (FunctionAppProcess[])[app, second])
        {
            var warm = new Attendee(app, warmUpEvent, "Warm");
            using var registered = await warm.RegisterAsync("ag-ki");
            using var warmedUp = await process.Client.PostAsJsonAsync("api/registrations/confirm", new { token = await warm.ConfirmTokenAsync() });
            Assert.Equal(HttpStatusCode.OK, warmedUp.StatusCode);
        }

        using var start = new SemaphoreSlim(0);
        var confirmations = tokens.Select(async (token, i) =>
        {
            await start.WaitAsync();
            var client = i % 2 == 0 ? app.Client : second.Client;
            using var response = await client.PostAsJsonAsync("api/registrations/confirm", new { token });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString();
        }).ToList();
        start.Release(People);
        return (eventId, await Task.WhenAll(confirmations));
    }
}

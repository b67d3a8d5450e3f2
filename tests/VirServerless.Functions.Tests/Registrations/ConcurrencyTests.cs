using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using VirServerless.Functions.Tests.Support;
using VirServerless.Testing;

namespace VirServerless.Functions.Tests.Registrations;

/// <summary>
/// Many people confirm at the same moment for few seats, through two app processes on the same storage (like two
/// scaled-out instances, so only the ETags, not the in-process seat gate, can keep the count). Like pretix's
/// concurrency tests, a negative control runs the same race with a naive read-check-write (no ETag) against the same
/// storage, to prove that this load really produces races the checks would catch.
/// </summary>
public class ConcurrencyTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const int People = 200;
    private const int Capacity = 20;

    private FunctionAppProcess App => fixture.App;

    [Fact]
    public async Task ConcurrentConfirmationsNeverOverbook()
    {
        var eventId = TestEvents.NewId("rush");
        await TestEvents.PublishAsync(App.Admin, TestEvents.Create(eventId, capacity: Capacity, workshopCapacity: 5));
        var attendees = Enumerable.Range(0, People).Select(i => new Attendee(App, eventId, $"Person{i}")).ToList();
        await Parallel.ForEachAsync(attendees, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (a, _) =>
        {
            using var response = await a.RegisterAsync("ag-ki");
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        });
        await App.Mail.WaitForAsync(all => all.Count(m => m.Subject.StartsWith("Bitte bestätigen", StringComparison.Ordinal)) >= People, TimeSpan.FromSeconds(120));
        var tokens = new List<string>();
        foreach (var a in attendees)
        {
            tokens.Add(await a.ConfirmTokenAsync());
        }
        await using var second = await FunctionAppProcess.StartAsync(fixture.Azurite.ConnectionString, new Dictionary<string, string> { ["Storage__TablePrefix"] = App.TablePrefix });

        using var start = new SemaphoreSlim(0);
        var confirmations = tokens.Select(async (token, i) =>
        {
            await start.WaitAsync();
            var client = i % 2 == 0 ? App.Client : second.Client;
            using var response = await client.PostAsJsonAsync("api/registrations/confirm", new { token });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString();
        }).ToList();
        start.Release(People);
        var statuses = await Task.WhenAll(confirmations);

        Assert.Equal(Capacity, statuses.Count(s => s == "confirmed"));
        Assert.Equal(People - Capacity, statuses.Count(s => s == "waitlisted"));
        var list = await AdminQueries.RegistrationsAsync(App, eventId);
        Assert.Equal(People, list.GetProperty("registrations").GetArrayLength());
        Assert.Equal(Capacity, list.GetProperty("counts").GetProperty("confirmed").GetInt32());
        var bookedWorkshop = list.GetProperty("registrations").EnumerateArray().Count(r => r.GetProperty("sessions").GetString()!.Contains("ag-ki (booked)", StringComparison.Ordinal));
        Assert.Equal(5, bookedWorkshop);
        var ev = await AdminQueries.EventAsync(App, eventId);
        Assert.Equal(0, AdminQueries.FreeSeats(ev));
        Assert.Equal(0, AdminQueries.FreeSeats(ev, "ag-ki"));
    }

    [Fact]
    public async Task NaiveSeatCountingWithoutETagsOverbooksUnderTheSameLoad()
    {
        var table = new TableServiceClient(fixture.Azurite.ConnectionString).GetTableClient(AzuriteFixture.UniqueTableName("naive"));
        await table.CreateIfNotExistsAsync();
        await table.AddEntityAsync(new TableEntity("naive", "seats") { ["Count"] = 0 });
        var granted = 0;

        using var start = new SemaphoreSlim(0);
        var attempts = Enumerable.Range(0, People).Select(async _ =>
        {
            await start.WaitAsync();
            var counter = (await table.GetEntityAsync<TableEntity>("naive", "seats")).Value;
            var taken = counter.GetInt32("Count") ?? 0;
            if (taken < Capacity)
            {
                counter["Count"] = taken + 1;
                // The bug under test: writing back without If-Match, as if no one else could have changed it.
                await table.UpdateEntityAsync(counter, ETag.All, TableUpdateMode.Replace);
                Interlocked.Increment(ref granted);
            }
        }).ToList();
        start.Release(People);
        await Task.WhenAll(attempts);

        Assert.True(granted > Capacity, $"The race produced no overbooking ({granted} seats granted); the load is too weak to prove anything.");
    }
}

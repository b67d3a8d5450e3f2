using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VirServerless.Functions.Tests.Support;
using VirServerless.Testing;

namespace VirServerless.Functions.Tests.Faults;

/// <summary>
/// Stops Azurite in the middle of a registration and confirmation load, then starts it again. During the outage
/// clients get 503 with Retry-After; afterwards every answered registration exists once and every answered
/// confirmation holds its seat, with no seat booked twice.
/// </summary>
public sealed class StorageOutageTests : IAsyncLifetime
{
    private const int Capacity = 30;
    private AzuriteInstance azurite = null!;
    private FunctionAppProcess app = null!;

    public async ValueTask InitializeAsync()
    {
        azurite = await AzuriteInstance.StartAsync(persistent: true);
        app = await FunctionAppProcess.StartAsync(azurite.ConnectionString, new Dictionary<string, string> { ["Storage__MaxRetries"] = "1" });
    }

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        await azurite.DisposeAsync();
    }

    [Fact]
    public async Task OutageAnswers503AndLosesNothingThatWasAnswered()
    {
        var eventId = TestEvents.NewId("outage");
        await TestEvents.PublishAsync(app.Admin, TestEvents.Create(eventId, capacity: Capacity, workshopCapacity: 10));
        var first = Enumerable.Range(0, 60).Select(i => new Attendee(app, eventId, $"Vorher{i}")).ToList();
        foreach (var a in first)
        {
            using var response = await a.RegisterAsync("ag-ki");
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }
        var tokens = new Dictionary<Attendee, string>();
        foreach (var a in first)
        {
            tokens[a] = await a.ConfirmTokenAsync();
        }
        var second = Enumerable.Range(0, 60).Select(i => new Attendee(app, eventId, $"Waehrend{i}")).ToList();
        var accepted = new ConcurrentBag<string>();
        var confirmed = new ConcurrentBag<string>();
        var unavailable = new ConcurrentBag<HttpResponseMessage>();
        var unexpected = new ConcurrentBag<string>();

        async Task Record(Attendee a, Func<Task<HttpResponseMessage>> call, Action<JsonElement> onSuccess)
        {
            var response = await call();
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                unavailable.Add(response);
                return;
            }
            if (!response.IsSuccessStatusCode)
            {
                unexpected.Add($"{a.FirstName}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                return;
            }
            onSuccess(await response.Content.ReadFromJsonAsync<JsonElement>());
            response.Dispose();
        }

        var load = Task.WhenAll(
            Parallel.ForEachAsync(second, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (a, ct) =>
            {
                await Task.Delay(Random.Shared.Next(0, 4000), ct);
                await Record(a, () => a.RegisterAsync("ag-ki"), _ => accepted.Add(a.Email));
            }),
            Parallel.ForEachAsync(first, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (a, ct) =>
            {
                await Task.Delay(Random.Shared.Next(0, 4000), ct);
                await Record(a, () => a.ConfirmAsync(tokens[a]), body =>
                {
                    if (body.GetProperty("status").GetString() == "confirmed")
                    {
                        confirmed.Add(a.Email);
                    }
                });
            }));
        await Task.Delay(1000);
        await azurite.StopAsync();
        await Task.Delay(4000);
        await azurite.RestartAsync();
        await load;

        Assert.Empty(unexpected);
        Assert.NotEmpty(unavailable);
        Assert.All(unavailable, r => Assert.Equal(TimeSpan.FromSeconds(5), r.Headers.RetryAfter?.Delta));
        var list = await AdminQueries.RegistrationsAsync(app, eventId);
        var rows = list.GetProperty("registrations").EnumerateArray().ToList();
        var emails = rows.Select(r => r.GetProperty("email").GetString()!).ToList();
        Assert.Equal(emails.Count, emails.Distinct().Count());
        Assert.All(accepted, email => Assert.Contains(email, emails));
        var confirmedRows = rows.Where(r => r.GetProperty("status").GetString() == "confirmed").Select(r => r.GetProperty("email").GetString()).ToList();
        Assert.All(confirmed, email => Assert.Contains(email, confirmedRows));
        Assert.True(confirmedRows.Count <= Capacity);
        var free = AdminQueries.FreeSeats(await AdminQueries.EventAsync(app, eventId));
        Assert.Equal(Capacity - confirmedRows.Count, free);
        var booked = rows.Count(r => r.GetProperty("sessions").GetString()!.Contains("ag-ki (booked)", StringComparison.Ordinal));
        Assert.Equal(10 - booked, AdminQueries.FreeSeats(await AdminQueries.EventAsync(app, eventId), "ag-ki"));
    }
}

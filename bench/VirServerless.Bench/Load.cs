using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using VirServerless.Testing;

namespace VirServerless.Bench;

/// <summary>Small building blocks the scenarios share: bounded concurrency, timed calls, events and people.</summary>
public static class Load
{
    /// <summary>Runs <paramref name="work"/> for 0..count-1 with at most <paramref name="concurrency"/> at a time; returns the wall time.</summary>
    public static async Task<TimeSpan> RunAsync(int count, int concurrency, Func<int, Task> work)
    {
        var next = -1;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                await work(i);
            }
        }));
        return watch.Elapsed;
    }

    /// <summary>Sends a request and records its latency in milliseconds.</summary>
    public static async Task<HttpResponseMessage> TimedAsync(ConcurrentBag<double> latencies, Func<Task<HttpResponseMessage>> send)
    {
        var watch = Stopwatch.StartNew();
        var response = await send();
        await response.Content.LoadIntoBufferAsync();
        latencies.Add(watch.Elapsed.TotalMilliseconds);
        return response;
    }

    /// <summary>A published event with open registration, far enough ahead that nothing is due.</summary>
    public static JsonObject Event(string id, int? capacity, DateTimeOffset? start = null, IReadOnlyList<string>? reminders = null)
    {
        var begin = start ?? new DateTimeOffset(2030, 6, 5, 9, 0, 0, TimeSpan.FromHours(2));
        var ev = new JsonObject
        {
            ["id"] = id,
            ["kind"] = "plenum",
            ["title"] = $"Lastplenum {id}",
            ["status"] = "published",
            ["start"] = begin.ToString("O"),
            ["end"] = begin.AddHours(8).ToString("O"),
            ["venue"] = new JsonObject { ["name"] = "Rathaus", ["street"] = "Markt 1", ["postalCode"] = "26122", ["city"] = "Oldenburg" },
            ["contact"] = new JsonObject { ["name"] = "Geschäftsstelle ViR-Nordwest", ["email"] = "geschaeftsstelle@vir-nordwest.example" },
            ["registration"] = new JsonObject
            {
                ["opens"] = "2026-01-01T00:00:00+01:00",
                ["closes"] = begin.AddHours(-1).ToString("O"),
                ["capacity"] = capacity,
                ["waitlist"] = true,
                ["fee"] = "kostenlos",
            },
        };
        if (reminders is not null)
        {
            ev["reminders"] = new JsonArray([.. reminders.Select(r => (JsonNode)r)]);
        }
        return ev;
    }

    public static async Task PublishAsync(HttpClient admin, JsonObject ev)
    {
        using var response = await admin.PutAsJsonAsync($"api/admin/events/{ev["id"]}", ev);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Publishing {ev["id"]} failed with {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    public static JsonObject Person(int i, string run) => new()
    {
        ["firstName"] = "Erika",
        ["lastName"] = $"Muster{i}",
        ["email"] = $"erika.{run}.{i}@kommune.example",
        ["organization"] = $"Gemeinde {i % 60}",
        ["consent"] = true,
    };

    /// <summary>The confirmation token from the request mail the outbox wrote for <paramref name="registrationId"/>.</summary>
    public static async Task<string> ConfirmTokenAsync(string mailDirectory, string registrationId, TimeSpan timeout)
    {
        var path = Path.Combine(mailDirectory, $"{registrationId}-000-ConfirmationRequest.eml");
        var deadline = DateTime.UtcNow + timeout;
        while (!File.Exists(path))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("No confirmation mail " + path);
            }
            await Task.Delay(20);
        }
        return MailFolder.Parse(path).Token("/anmeldung/bestaetigen") ?? throw new InvalidOperationException("No token in " + path);
    }

    public static async Task<string> RegisterAsync(HttpClient client, string eventId, JsonObject person, ConcurrentBag<double> latencies)
    {
        using var response = await TimedAsync(latencies, () => client.PostAsJsonAsync($"api/events/{eventId}/registrations", person));
        if ((int)response.StatusCode != 202)
        {
            throw new InvalidOperationException($"Registration answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }
}

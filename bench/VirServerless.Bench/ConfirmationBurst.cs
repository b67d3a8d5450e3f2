using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using VirServerless.Testing;

namespace VirServerless.Bench;

/// <summary>Scenario 2: 500 pending registrations confirm at the same moment for 100 seats.</summary>
public sealed class ConfirmationBurst(int repetitions, int people, int seats, int registerConcurrency)
{
    public const string RaceLogLine = "Transaction lost a race";

    private static readonly TimeSpan ClientTimeout = TimeSpan.FromMinutes(3);

    public async Task<ScenarioResult> RunAsync(FunctionAppProcess app)
    {
        var result = new ScenarioResult($"2. Bestätigungsansturm ({people} gleichzeitige Bestätigungen, {seats} Plätze)");
        var wall = new List<double>();
        var slowest = new List<double>();
        var races412 = new List<double>();
        var racesAll = new List<double>();
        var confirmed = new List<double>();
        var waitlisted = new List<double>();
        var errors = new List<double>();
        var storedConfirmed = new List<double>();
        var storedWaitlisted = new List<double>();
        for (var rep = 0; rep < repetitions; rep++)
        {
            var eventId = $"burst-{rep}-{Guid.NewGuid():N}"[..24];
            await Load.PublishAsync(app.Admin, Load.Event(eventId, capacity: seats));
            var ids = new string[people];
            await Load.RunAsync(people, registerConcurrency, async i =>
                ids[i] = await Load.RegisterAsync(app.Client, eventId, Load.Person(i, $"burst{rep}"), []));
            var tokens = await Task.WhenAll(ids.Select(id => Load.ConfirmTokenAsync(app.MailDirectory, id, TimeSpan.FromSeconds(120))));

            // FunctionAppProcess.Client gives up after 60 s; under this burst a confirmation may wait longer, which is a result, not a crash.
            using var client = new HttpClient { BaseAddress = app.BaseAddress, Timeout = ClientTimeout };
            var linesBefore = RaceLines(app.Output);
            var statuses = new ConcurrentBag<string>();
            var durations = new List<double>();
            using var start = new SemaphoreSlim(0);
            var watch = new Stopwatch();
            var burst = tokens.Select(async token =>
            {
                await start.WaitAsync();
                var own = Stopwatch.StartNew();
                try
                {
                    using var response = await client.PostAsJsonAsync("api/registrations/confirm", new { token });
                    statuses.Add(response.IsSuccessStatusCode
                        ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString() ?? "?"
                        : $"HTTP {(int)response.StatusCode}");
                }
                catch (HttpRequestException ex)
                {
                    statuses.Add("Fehler " + ex.Message);
                }
                catch (TaskCanceledException)
                {
                    statuses.Add("Zeitüberschreitung");
                }
                lock (durations)
                {
                    durations.Add(own.Elapsed.TotalMilliseconds);
                }
            }).ToList();
            watch.Start();
            start.Release(people);
            await Task.WhenAll(burst);
            wall.Add(watch.Elapsed.TotalMilliseconds);
            slowest.Add(durations.Max());
            await Task.Delay(200); // let the last log lines arrive
            var linesAfter = RaceLines(app.Output);
            races412.Add(linesAfter.Status412 - linesBefore.Status412);
            racesAll.Add(linesAfter.All - linesBefore.All);
            confirmed.Add(statuses.Count(s => s == "confirmed"));
            waitlisted.Add(statuses.Count(s => s == "waitlisted"));
            errors.Add(statuses.Count(s => s is not ("confirmed" or "waitlisted")));

            using var list = await app.Admin.GetAsync($"api/admin/events/{eventId}/registrations");
            var counts = (await list.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("counts");
            storedConfirmed.Add(counts.GetProperty("confirmed").GetInt32());
            storedWaitlisted.Add(counts.GetProperty("waitlisted").GetInt32());
        }

        result.Add("Wandzeit des Ansturms", "ms", wall);
        result.Add("langsamste Bestätigung", "ms", slowest);
        result.Add("412-Wiederholungen (Log „Transaction lost a race with status 412“, Anzahl)", "", races412);
        result.Add("alle verlorenen Wettläufe 412/409/404 (Anzahl)", "", racesAll);
        result.Add("Antwort „confirmed“ (Anzahl)", "", confirmed);
        result.Add("Antwort „waitlisted“ (Anzahl)", "", waitlisted);
        result.Add("Fehler (nicht 200, Verbindungsfehler oder keine Antwort nach 3 min, Anzahl)", "", errors);
        result.Add("gespeichert bestätigt (Admin-Liste, Anzahl)", "", storedConfirmed);
        result.Add("gespeichert Warteliste (Admin-Liste, Anzahl)", "", storedWaitlisted);
        var holds = confirmed.All(c => c == seats) && waitlisted.All(w => w == people - seats) && errors.All(e => e == 0)
            && storedConfirmed.All(c => c == seats) && storedWaitlisted.All(w => w == people - seats);
        result.Goals.Add(new Goal("Bestätigungsansturm", $"in jeder Wiederholung genau {seats} bestätigt, {people - seats} Warteliste, 0 Fehler",
            $"bestätigt {string.Join("/", confirmed)}, Warteliste {string.Join("/", waitlisted)}, Fehler {string.Join("/", errors)}", holds));
        result.Notes.Add($"{repetitions} Wiederholungen, je eine neue Veranstaltung mit {seats} Plätzen und Warteliste. Vorbereitung (ungezählt): {people} Registrierungen mit Parallelität {registerConcurrency}, Tokens aus den Bestätigungsmails. "
            + $"Dann starten alle {people} POST /api/registrations/confirm gleichzeitig (ein Semaphor gibt sie auf einmal frei); Wandzeit vom Freigeben bis zur letzten Antwort. "
            + "412-Wiederholungen: Debug-Zeilen von RegistrationService (Logging__LogLevel__VirServerless.Core.Registrations.RegistrationService=Debug) in der Prozessausgabe.");
        return result;
    }

    private static (int Status412, int All) RaceLines(string output)
    {
        var lines = output.Split('\n').Where(l => l.Contains(RaceLogLine, StringComparison.Ordinal)).ToList();
        return (lines.Count(l => l.Contains("status 412", StringComparison.Ordinal)), lines.Count);
    }
}

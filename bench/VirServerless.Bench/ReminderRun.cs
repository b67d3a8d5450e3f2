using System.Diagnostics;
using System.Text;
using VirServerless.Core.Registrations;
using VirServerless.Core.Storage.Registrations;
using Azure.Data.Tables;
using VirServerless.Testing;

namespace VirServerless.Bench;

/// <summary>
/// Scenario 3: reminders for many confirmed registrations of one event, from POST /api/admin/reminders/run until the
/// pickup folder holds one reminder .eml per registration; baseline: writing as many files of the same size directly.
/// </summary>
public sealed class ReminderRun(AzuriteInstance azurite, int registrations, int repetitions)
{
    private sealed record Repetition(TimeSpan Seeding, TimeSpan Answered, TimeSpan FirstFile, TimeSpan App, int Files, int FileBytes, TimeSpan Baseline, string Answer);

    public async Task<ScenarioResult> RunAsync(FunctionAppProcess app, string tablePrefix)
    {
        var result = new ScenarioResult($"3. Erinnerungslauf ({registrations} bestätigte Anmeldungen)");
        var runs = new List<Repetition>();
        for (var rep = 0; rep < repetitions; rep++)
        {
            runs.Add(await RunOnceAsync(app, tablePrefix));
        }

        result.Add("Seeding der Anmeldungen (Batches zu 100, nicht Teil der Messung)", "s", runs.Select(r => r.Seeding.TotalSeconds));
        result.Add("App: POST /api/admin/reminders/run beantwortet nach", "s", runs.Select(r => r.Answered.TotalSeconds));
        result.Add("App: erste Erinnerungs-.eml im Abholordner nach", "s", runs.Select(r => r.FirstFile.TotalSeconds));
        result.Add($"App: bis {registrations} Erinnerungs-.eml im Abholordner", "s", runs.Select(r => r.App.TotalSeconds));
        result.Add("Erinnerungs-.eml im Abholordner (Anzahl)", "", runs.Select(r => (double)r.Files));
        result.Add($"Baseline: {registrations} .eml gleicher Größe ({runs[0].FileBytes} Bytes) direkt schreiben", "s", runs.Select(r => r.Baseline.TotalSeconds));
        var ratio = result.Add("Verhältnis Baseline-Zeit / App-Zeit (je Wiederholung)", "×", runs.Select(r => r.Baseline / r.App));
        result.Goals.Add(new Goal("Erinnerungslauf", "App-Geschwindigkeit ≥ 0,5 × Baseline (Baseline-Zeit / App-Zeit, Median der Verhältnisse)", Figure.Format(ratio.Median) + " ×",
            ratio.Median >= 0.5 && runs.All(r => r.Files == registrations)));
        result.Notes.Add($"{repetitions} Wiederholungen, je eine neue Veranstaltung, die in 20 Stunden beginnt, mit reminders [\"P1D\"] und {registrations} bestätigten Anmeldungen, direkt in die Tabelle geschrieben "
            + "(Form von RegistrationRows.ToEntity, ConfirmedAt vor dem Fälligkeitszeitpunkt, Platzzähler seats = Anzahl). "
            + $"Gemessen von POST /api/admin/reminders/run (Admin-Schlüssel) bis {registrations} Dateien *-reminder-P1D.eml der Veranstaltung im Abholordner liegen; gleich danach die Baseline in einem neuen Ordner. Antwort des ersten Laufs: {runs[0].Answer}");
        result.Notes.Add("Die App liest die Anmeldungen der Veranstaltung seitenweise (die nächste Seite, während die Mails der vorigen geschrieben werden), schreibt je 100 Erinnerungen eine Transaktion "
            + "(eine Zeile mit den Hashes der 100 Verwaltungstokens und der Auftrag reminder|P1D mit Lease, ETag und Fortschritt SentThrough), rendert 4 Mails gleichzeitig (Text, HTML, .ics) "
            + "und legt sie mit einem Schreiber nacheinander in den Abholordner (wer keinen Schreiber vorfindet, schreibt die wartenden Dateien, die anderen rendern weiter); die Baseline schreibt nur die fertigen Dateien nacheinander. Die Definition des Ziels bleibt unverändert.");
        return result;
    }

    private async Task<Repetition> RunOnceAsync(FunctionAppProcess app, string tablePrefix)
    {
        var eventId = "erinnerung-" + Guid.NewGuid().ToString("N")[..8];
        var start = DateTimeOffset.UtcNow.AddHours(20);
        await Load.PublishAsync(app.Admin, Load.Event(eventId, capacity: registrations, start: start, reminders: ["P1D"]));

        var seedWatch = Stopwatch.StartNew();
        var table = new TableServiceClient(azurite.ConnectionString).GetTableClient(tablePrefix + "Registrations");
        await Load.RunAsync((registrations + 99) / 100, 4, async batch =>
        {
            var now = DateTimeOffset.UtcNow;
            var actions = Enumerable.Range(batch * 100, Math.Min(100, registrations - (batch * 100)))
                .Select(i => new TableTransactionAction(TableTransactionActionType.Add, RegistrationRows.ToEntity(Seeded(eventId, i, now))))
                .ToList();
            await table.SubmitTransactionAsync(actions);
        });
        await table.AddEntityAsync(new TableEntity(eventId, RegistrationKeys.Seats) { ["Count"] = registrations });
        var seeding = seedWatch.Elapsed;

        using var admin = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromMinutes(15) };
        admin.DefaultRequestHeaders.Add("x-functions-key", FunctionAppProcess.AdminKey);
        var pattern = "*-reminder-P1D.eml";
        var before = ReminderFiles(app.MailDirectory, pattern);
        var watch = Stopwatch.StartNew();
        using var stopWatching = new CancellationTokenSource();
        var firstFile = WatchFirstFileAsync(app.MailDirectory, pattern, before, watch, stopWatching.Token);
        using var response = await admin.PostAsync("api/admin/reminders/run", null);
        var answer = await response.Content.ReadAsStringAsync();
        var runAnswered = watch.Elapsed;
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(10);
        var count = 0;
        while ((count = ReminderFiles(app.MailDirectory, pattern) - before) < registrations && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
        var appTime = watch.Elapsed;
        await stopWatching.CancelAsync();
        var firstFileAfter = await firstFile;

        var sample = Directory.EnumerateFiles(app.MailDirectory, pattern).First();
        var bytes = await File.ReadAllBytesAsync(sample);
        var baselineDirectory = Path.Combine(Path.GetTempPath(), "virserverless-bench-eml-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(baselineDirectory);
        var text = Encoding.UTF8.GetString(bytes);
        var baseWatch = Stopwatch.StartNew();
        for (var i = 0; i < registrations; i++)
        {
            // Same way the pickup sender writes: a temp file, then an atomic rename.
            var target = Path.Combine(baselineDirectory, $"r{i:D6}-reminder-P1D.eml");
            await File.WriteAllTextAsync(target + ".tmp", text, new UTF8Encoding(false));
            File.Move(target + ".tmp", target, overwrite: true);
        }
        var baseTime = baseWatch.Elapsed;
        Directory.Delete(baselineDirectory, recursive: true);
        // The next repetition counts only its own files.
        foreach (var file in Directory.EnumerateFiles(app.MailDirectory, pattern))
        {
            File.Delete(file);
        }
        return new Repetition(seeding, runAnswered, firstFileAfter, appTime, count, bytes.Length, baseTime, answer);
    }

    private static async Task<TimeSpan> WatchFirstFileAsync(string directory, string pattern, int before, Stopwatch watch, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested && ReminderFiles(directory, pattern) <= before)
        {
            await Task.Delay(20, CancellationToken.None);
        }
        return watch.Elapsed;
    }

    private static int ReminderFiles(string directory, string pattern) => Directory.EnumerateFiles(directory, pattern).Count();

    private static Registration Seeded(string eventId, int i, DateTimeOffset now) => new()
    {
        Id = "r" + Guid.CreateVersion7(now).ToString("N"),
        EventId = eventId,
        Status = RegistrationStatus.Confirmed,
        FirstName = "Erika",
        LastName = $"Muster{i}",
        Email = $"erika.erinnerung.{i}@kommune.example",
        Organization = $"Gemeinde {i % 60}",
        ConsentVersion = ConsentText.CurrentVersion,
        ConsentGivenAt = now.AddDays(-3),
        CreatedAt = now.AddDays(-3),
        ConfirmedAt = now.AddDays(-2),
        LastNoticeAt = now.AddDays(-2),
        Source = "api",
        MailSequence = 2,
        ManageTokenHashes = [RegistrationKeys.Hash("manage" + i)],
    };
}

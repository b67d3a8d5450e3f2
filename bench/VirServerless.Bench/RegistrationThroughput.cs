using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using Azure;
using VirServerless.Core.Mail;
using VirServerless.Core.Outbox;
using VirServerless.Core.Registrations;
using VirServerless.Core.Storage.Outbox;
using VirServerless.Core.Storage.Registrations;
using Azure.Data.Tables;
using VirServerless.Testing;

namespace VirServerless.Bench;

/// <summary>
/// Scenario 1: register + confirm through the HTTP API, against the same storage operations sent directly with
/// Azure.Data.Tables (the baseline). Both run <see cref="Pairs"/> register+confirm pairs per repetition at the same concurrency.
/// </summary>
public sealed class RegistrationThroughput(AzuriteInstance azurite, int repetitions, int pairs, int concurrency)
{
    public int Pairs => pairs;

    public async Task<ScenarioResult> RunAsync(FunctionAppProcess app)
    {
        var result = new ScenarioResult("1. Registrierungsdurchsatz (register + confirm)");
        var appRates = new List<double>();
        var baseRates = new List<double>();
        var registerP50 = new List<double>();
        var registerP99 = new List<double>();
        var confirmP50 = new List<double>();
        var confirmP99 = new List<double>();
        var baseP50 = new List<double>();
        var baseP99 = new List<double>();
        var baseRetries = new List<double>();
        string? requestMailPath = null;
        string? confirmedMailPath = null;

        // Warm-up of both sides (JIT, connections, tables) outside the measurement.
        var (_, warmSample) = await AppRunAsync(app, "warm", 16, [], []);
        var warmReplay = new StorageReplay(azurite.ConnectionString,
            MailFolder.Parse(Path.Combine(app.MailDirectory, $"{warmSample}-000-ConfirmationRequest.eml")),
            MailFolder.Parse(await WaitForConfirmedMailAsync(app.MailDirectory, warmSample)));
        await warmReplay.PrepareAsync();
        await Load.RunAsync(16, concurrency, i => warmReplay.PairAsync(i, []));
        for (var rep = 0; rep < repetitions; rep++)
        {
            var registerLatencies = new ConcurrentBag<double>();
            var confirmLatencies = new ConcurrentBag<double>();
            var (elapsed, sample) = await AppRunAsync(app, $"r{rep}", pairs, registerLatencies, confirmLatencies);
            appRates.Add(pairs / elapsed.TotalSeconds);
            registerP50.Add(Figure.Percentile(registerLatencies, 0.5));
            registerP99.Add(Figure.Percentile(registerLatencies, 0.99));
            confirmP50.Add(Figure.Percentile(confirmLatencies, 0.5));
            confirmP99.Add(Figure.Percentile(confirmLatencies, 0.99));
            requestMailPath ??= Path.Combine(app.MailDirectory, $"{sample}-000-ConfirmationRequest.eml");
            confirmedMailPath ??= await WaitForConfirmedMailAsync(app.MailDirectory, sample);

            var replay = new StorageReplay(azurite.ConnectionString, MailFolder.Parse(requestMailPath), MailFolder.Parse(confirmedMailPath));
            await replay.PrepareAsync();
            var baseLatencies = new ConcurrentBag<double>();
            var baseElapsed = await Load.RunAsync(pairs, concurrency, i => replay.PairAsync(i, baseLatencies));
            baseRates.Add(pairs / baseElapsed.TotalSeconds);
            baseP50.Add(Figure.Percentile(baseLatencies, 0.5));
            baseP99.Add(Figure.Percentile(baseLatencies, 0.99));
            baseRetries.Add(replay.Retries);
        }

        var app1 = result.Add("App: Registrierungen/s (register + confirm)", "1/s", appRates);
        result.Add("App: Latenz register p50", "ms", registerP50);
        result.Add("App: Latenz register p99", "ms", registerP99);
        result.Add("App: Latenz confirm p50", "ms", confirmP50);
        result.Add("App: Latenz confirm p99", "ms", confirmP99);
        var base1 = result.Add("Baseline: Paare/s, gleiche Speicheroperationen direkt", "1/s", baseRates);
        result.Add("Baseline: Latenz pro Paar p50", "ms", baseP50);
        result.Add("Baseline: Latenz pro Paar p99", "ms", baseP99);
        result.Add("Baseline: 412-Wiederholungen am Platzzähler (Anzahl)", "", baseRetries);
        var ratios = appRates.Zip(baseRates, (a, b) => a / b).ToList();
        var ratio = result.Add("Verhältnis App / Baseline (je Wiederholung)", "×", ratios);
        result.Goals.Add(new Goal("Registrierungsdurchsatz", "App ≥ 0,8 × Baseline (Median der Verhältnisse)", Figure.Format(ratio.Median) + " ×", ratio.Median >= 0.8));
        result.Notes.Add($"{repetitions} Wiederholungen mit je {pairs} Paaren (register, dann confirm), Parallelität {concurrency}, eine Veranstaltung ohne Kapazitätsgrenze, je eine Warm-up-Runde von App und Baseline vorab (nicht gezählt). "
            + "App: Phase A alle Registrierungen (HTTP 202), dann ungezählt warten, bis der Outbox-Worker alle Bestätigungsmails geschrieben hat (das Token steht nur in der Mail), dann Phase B alle Bestätigungen. Durchsatz = Paare / (Zeit A + Zeit B). "
            + "Der Outbox-Worker der App arbeitet während der Messung mit (Mail beanspruchen, senden, als gesendet markieren); diese Speicherarbeit hat die Baseline nicht.");
        result.Notes.Add("Baseline = dieselbe Folge von Speicheroperationen, die RegistrationService für ein Paar ausführt, mit Azure.Data.Tables direkt, ohne App, gleiche Entitätsformen "
            + "(Registrierung über RegistrationRows.ToEntity, Outbox-Zeile über OutboxRows.ToEntity mit den in diesem Lauf von der App erzeugten Mails): "
            + "register = Punktlesen Veranstaltung, Punktlesen email|-Index (404), Punktlesen reg| der neuen Id (404), Transaktion [email|, reg|, confirm|, outbox|]; "
            + "confirm = Punktlesen confirm|-Index und danach reg|, gleichzeitig Punktlesen Veranstaltung; Punktlesen der Platzzähler seats und org|<Organisation> (gleichzeitig); "
            + "Transaktion [reg| (ETag), manage|, seats (ETag), org| (ETag, beim ersten Mal neu), outbox|]; "
            + "bei 412 am Platzzähler wie die App: reg| und Platzzähler erneut lesen und neu senden. "
            + "Die App lässt die Bestätigungen einer Veranstaltung im Prozess nacheinander an die Platzzähler (Lesen und Transaktion), die Baseline nicht (sie wiederholt stattdessen nach 412).");
        _ = app1;
        _ = base1;
        return result;
    }

    private async Task<(TimeSpan Elapsed, string Sample)> AppRunAsync(FunctionAppProcess app, string run, int count, ConcurrentBag<double> registerLatencies, ConcurrentBag<double> confirmLatencies)
    {
        var eventId = $"last-{run}-{Guid.NewGuid():N}"[..24];
        await Load.PublishAsync(app.Admin, Load.Event(eventId, capacity: null));
        var ids = new string[count];
        var registering = await Load.RunAsync(count, concurrency, async i =>
            ids[i] = await Load.RegisterAsync(app.Client, eventId, Load.Person(i, run), registerLatencies));
        var tokens = await Task.WhenAll(ids.Select(id => Load.ConfirmTokenAsync(app.MailDirectory, id, TimeSpan.FromSeconds(120))));
        var confirming = await Load.RunAsync(count, concurrency, async i =>
        {
            using var response = await Load.TimedAsync(confirmLatencies, () => app.Client.PostAsJsonAsync("api/registrations/confirm", new { token = tokens[i] }));
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"Confirm answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
        });
        return (registering + confirming, ids[0]);
    }

    private static async Task<string> WaitForConfirmedMailAsync(string directory, string registrationId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var file = Directory.GetFiles(directory, $"{registrationId}-*-Confirmed.eml").FirstOrDefault();
            if (file is not null)
            {
                return file;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException("No confirmation mail for " + registrationId);
    }
}

/// <summary>The storage work of one register + confirm, replayed with Azure.Data.Tables and no app.</summary>
public sealed class StorageReplay(string connectionString, ReceivedMail requestMail, ReceivedMail confirmedMail)
{
    private readonly string prefix = "b" + Guid.NewGuid().ToString("N")[..10];
    private readonly string eventId = "bench-" + Guid.NewGuid().ToString("N")[..8];
    private int retries;
    private TableClient events = null!;
    private TableClient registrations = null!;

    public int Retries => retries;

    public async Task PrepareAsync()
    {
        var service = new TableServiceClient(connectionString);
        events = service.GetTableClient(prefix + "Events");
        registrations = service.GetTableClient(prefix + "Registrations");
        await events.CreateIfNotExistsAsync();
        await registrations.CreateIfNotExistsAsync();
        await events.AddEntityAsync(new TableEntity("catalog", eventId) { ["Document"] = Load.Event(eventId, capacity: null).ToJsonString(), ["Version"] = 1, ["UpdatedAt"] = DateTimeOffset.UtcNow });
    }

    public async Task PairAsync(int i, ConcurrentBag<double> latencies)
    {
        var watch = Stopwatch.StartNew();
        var now = DateTimeOffset.UtcNow;
        var email = $"erika.base.{i}.{Guid.NewGuid():N}@kommune.example";

        // register
        await events.GetEntityIfExistsAsync<TableEntity>("catalog", eventId);
        var emailRow = RegistrationKeys.EmailRow(email);
        await registrations.GetEntityIfExistsAsync<TableEntity>(eventId, emailRow);
        var id = "r" + Guid.CreateVersion7(now).ToString("N");
        // A new address reads its fresh id (404), as the app does, so that a known address takes no longer to answer.
        await registrations.GetEntityIfExistsAsync<TableEntity>(eventId, Registration.RowKeyFor(id));
        var registration = new Registration
        {
            Id = id,
            EventId = eventId,
            Status = RegistrationStatus.Pending,
            FirstName = "Erika",
            LastName = $"Muster{i}",
            Email = email,
            Organization = $"Gemeinde {i % 60}",
            ConsentVersion = ConsentText.CurrentVersion,
            ConsentGivenAt = now,
            CreatedAt = now,
            LastNoticeAt = now,
            Source = "api",
            ConfirmTokenHash = RegistrationKeys.Hash("confirm" + i + email),
            ConfirmTokenExpiresAt = now.AddDays(7),
            MailSequence = 1,
        };
        await registrations.SubmitTransactionAsync(
        [
            Add(new TableEntity(eventId, emailRow) { ["RegistrationId"] = registration.Id }),
            Add(RegistrationRows.ToEntity(registration)),
            Add(new TableEntity(eventId, RegistrationKeys.ConfirmToken + registration.ConfirmTokenHash) { ["RegistrationId"] = registration.Id }),
            Add(Outbox(registration, requestMail, "ConfirmationRequest", 0, now)),
        ]);

        // confirm: the token lookup (index row, then registration) beside the event read, as the app does
        var eventRead = events.GetEntityIfExistsAsync<TableEntity>("catalog", eventId);
        var lookup = FindAsync(RegistrationKeys.ConfirmToken + registration.ConfirmTokenHash);
        await Task.WhenAll(eventRead, lookup);
        var justRead = await lookup;
        var organization = Organization.Key(registration.Organization);
        while (true)
        {
            var current = justRead ?? RegistrationRows.FromEntity((await registrations.GetEntityIfExistsAsync<TableEntity>(eventId, Registration.RowKeyFor(registration.Id))).Value!);
            justRead = null;
            var seats = await ReadSeatsAsync(organization);
            seats.Apply([SeatDelta.EventSeats(+1), SeatDelta.OrganizationSeats(organization, +1)]);
            var manageHash = RegistrationKeys.Hash("manage" + registration.Id);
            var confirmed = current with { Status = RegistrationStatus.Confirmed, ConfirmedAt = DateTimeOffset.UtcNow, MailSequence = 2, ManageTokenHashes = [manageHash] };
            try
            {
                await registrations.SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.UpdateReplace, RegistrationRows.ToEntity(confirmed), new ETag(current.Revision!)),
                    Add(new TableEntity(eventId, RegistrationKeys.ManageToken + manageHash) { ["RegistrationId"] = registration.Id }),
                    .. seats.Changed().Select(c => c.Revision is null
                        ? Add(new TableEntity(eventId, c.RowKey) { ["Count"] = c.Count })
                        : new TableTransactionAction(TableTransactionActionType.UpdateReplace, new TableEntity(eventId, c.RowKey) { ["Count"] = c.Count }, new ETag(c.Revision))),
                    Add(Outbox(confirmed, confirmedMail, "Confirmed", 1, now)),
                ]);
                break;
            }
            catch (RequestFailedException ex) when (ex.Status is 412 or 409)
            {
                Interlocked.Increment(ref retries);
                await Task.Delay(Random.Shared.Next(0, 5));
            }
        }
        latencies.Add(watch.Elapsed.TotalMilliseconds);
    }

    private static TableTransactionAction Add(TableEntity entity) => new(TableTransactionActionType.Add, entity);

    private async Task<Registration?> FindAsync(string indexRowKey)
    {
        var index = await registrations.GetEntityIfExistsAsync<TableEntity>(eventId, indexRowKey);
        var row = await registrations.GetEntityIfExistsAsync<TableEntity>(eventId, Registration.RowKeyFor(index.Value!.GetString("RegistrationId")!));
        return RegistrationRows.FromEntity(row.Value!);
    }

    /// <summary>The counters a confirmation decides on (the event's and the organisation's), read as the app reads them: point reads sent together.</summary>
    private async Task<SeatCounters> ReadSeatsAsync(string organization)
    {
        var rows = await Task.WhenAll(new[] { RegistrationKeys.Seats, RegistrationKeys.OrganizationSeats + organization }
            .Select(rowKey => registrations.GetEntityIfExistsAsync<TableEntity>(eventId, rowKey)));
        return SeatCounters.From(eventId, rows.Where(r => r.HasValue).Select(r => new SeatCounters.Counter(r.Value!.RowKey, r.Value.GetInt32("Count") ?? 0, r.Value.ETag.ToString())));
    }

    private static TableEntity Outbox(Registration registration, ReceivedMail mail, string kind, int sequence, DateTimeOffset now)
    {
        var outgoing = new OutgoingMail(
            $"{registration.Id}-{sequence:D3}-{kind}",
            new VirServerless.Core.Mail.MailAddress(registration.Email, registration.FullName),
            mail.Subject,
            mail.PlainText,
            mail.Html,
            [.. mail.Attachments.Select(a => new MailAttachment(a.Key, "text/calendar", a.Value))]);
        return OutboxRows.ToEntity(OutboxEntry.Create(registration.EventId, outgoing, kind, registration.Id, now), OutboxBodyProtection.DerivedFrom(FunctionAppProcess.AdminKey));
    }
}

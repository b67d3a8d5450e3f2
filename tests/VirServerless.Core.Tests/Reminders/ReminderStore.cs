using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VirServerless.Core.Events;
using VirServerless.Core.Mail;
using VirServerless.Core.Outbox;
using VirServerless.Core.Reminders;
using VirServerless.Core.Registrations;
using VirServerless.Core.Registrations.Mails;
using VirServerless.Core.Storage;
using Azure.Data.Tables;
using VirServerless.Testing;
using VirServerless.Core.Storage.Events;
using VirServerless.Core.Storage.Outbox;
using VirServerless.Core.Storage.Registrations;
using VirServerless.Core.Storage.Reminders;

namespace VirServerless.Core.Tests.Reminders;

/// <summary>
/// Tables of one test in Azurite (own prefix), an event whose P1D reminder is due, and confirmed registrations written
/// directly; services built on top as separate "processes" (each its own clients) sharing one clock.
/// </summary>
internal sealed class ReminderStore(string connectionString, string prefix, ManualTimeProvider clock)
{
    public ManualTimeProvider Clock => clock;

    /// <summary>The mail body key all "processes" of this store share, as instances of one app do.</summary>
    public OutboxBodyProtection BodyProtection { get; } = new(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    public StorageTables Tables { get; } = new(new TableServiceClient(connectionString), new StorageOptions { TablePrefix = prefix });

    public static async Task<ReminderStore> CreateAsync(string connectionString, string name, CancellationToken cancellationToken)
    {
        var prefix = "t" + name + Guid.NewGuid().ToString("N")[..8];
        var store = new ReminderStore(connectionString, prefix, new ManualTimeProvider(new DateTimeOffset(2030, 3, 1, 8, 0, 0, TimeSpan.Zero)));
        await store.Tables.EnsureCreatedAsync(cancellationToken);
        return store;
    }

    public string Prefix => prefix;

    public string ConnectionString => connectionString;

    public async Task<CatalogEvent> PublishEventWithDueReminderAsync(string eventId, CancellationToken cancellationToken)
    {
        var start = clock.GetUtcNow().AddHours(20);
        var ev = new CatalogEvent
        {
            Id = eventId,
            Kind = EventKind.Plenum,
            Title = "Plenum Digitalisierung",
            Status = EventStatus.Published,
            Start = start,
            End = start.AddHours(3),
            Venue = new Venue { Name = "Rathaus", City = "Oldenburg" },
            Registration = new RegistrationSettings { Capacity = 500 },
            Reminders = ["P1D"],
        };
        await new EventStore(Tables, clock, new CatalogChanges()).UpsertAsync(ev, cancellationToken);
        return ev;
    }

    /// <summary>Confirmed registrations r{from}…; <paramref name="change"/> may reshape each (status, dates).</summary>
    public async Task<List<string>> AddConfirmedAsync(string eventId, int count, CancellationToken cancellationToken, int from = 0, Func<Registration, Registration>? change = null)
    {
        var now = clock.GetUtcNow();
        var ids = new List<string>();
        for (var i = from; i < from + count; i++)
        {
            var registration = new Registration
            {
                Id = $"r{i:D4}",
                EventId = eventId,
                Status = RegistrationStatus.Confirmed,
                FirstName = "Erika",
                LastName = $"Muster{i}",
                Email = $"erika.{i}@kommune.example",
                Organization = "Gemeinde Wardenburg",
                ConsentVersion = ConsentText.CurrentVersion,
                ConsentGivenAt = now.AddDays(-3),
                CreatedAt = now.AddDays(-3),
                ConfirmedAt = now.AddDays(-2),
                MailSequence = 2,
                ManageTokenHashes = [RegistrationKeys.Hash("manage" + i)],
            };
            registration = change?.Invoke(registration) ?? registration;
            await Tables.Registrations.AddEntityAsync(RegistrationRows.ToEntity(registration), cancellationToken);
            ids.Add(registration.Id);
        }
        return ids;
    }

    /// <summary>A reminder service as another process would have it: own clients, sending through <paramref name="sender"/>.</summary>
    public ReminderService Reminders(IMailSender sender, int batchSize = 100, int parallelism = 4, TimeSpan? lease = null)
    {
        var tables = new StorageTables(new TableServiceClient(connectionString), new StorageOptions { TablePrefix = prefix });
        return new ReminderService(
            new ReminderJobStore(tables),
            new OutboxStore(tables, BodyProtection, NullLogger<OutboxStore>.Instance),
            new EventStore(tables, clock, new CatalogChanges()),
            Mails,
            sender,
            new OutboxSignal(),
            Options.Create(new RegistrationOptions { ReminderBatchSize = batchSize, ReminderParallelism = parallelism, ReminderLease = lease ?? TimeSpan.FromMinutes(5) }),
            clock,
            NullLogger<ReminderService>.Instance);
    }

    /// <summary>The registration service of another process, for following the links in the mails.</summary>
    public RegistrationService Registrations(TableClientOptions? clientOptions = null)
    {
        var tables = new StorageTables(new TableServiceClient(connectionString, clientOptions ?? new TableClientOptions()), new StorageOptions { TablePrefix = prefix });
        return new RegistrationService(
            new RegistrationStore(tables, Options.Create(new RegistrationStoreOptions()), BodyProtection, NullLogger<RegistrationStore>.Instance),
            new OutboxStore(tables, BodyProtection, NullLogger<OutboxStore>.Instance),
            new EventStore(tables, clock, new CatalogChanges()),
            Mails,
            new OutboxSignal(),
            new CatalogChanges(),
            Options.Create(new RegistrationOptions()),
            clock,
            NullLogger<RegistrationService>.Instance);
    }

    private RegistrationMails Mails => new(new Uri("https://anmeldung.example/"), clock);

    public async Task<List<TableEntity>> RowsAsync(string eventId, string prefix, CancellationToken cancellationToken) =>
        await Tables.Registrations.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {eventId}") + " and " + RegistrationKeys.PrefixFilter(prefix),
            cancellationToken: cancellationToken).ToListAsync(cancellationToken);
}

/// <summary>
/// The real client against Azurite, which lets a rival act right before the first transaction that matches, and
/// records each transaction's size and whether it was applied.
/// </summary>
internal sealed class RacingTableClient(string connectionString, string tableName, Func<IReadOnlyList<TableTransactionAction>, bool> trigger, Func<Task> rival)
    : TableClient(connectionString, tableName)
{
    private int fired;

    public List<(int Actions, bool Applied)> Transactions { get; } = [];

    public override async Task<Azure.Response<IReadOnlyList<Azure.Response>>> SubmitTransactionAsync(
        IEnumerable<TableTransactionAction> actions, CancellationToken cancellationToken = default)
    {
        var list = actions.ToList();
        if (trigger(list) && Interlocked.Exchange(ref fired, 1) == 0)
        {
            await rival();
        }
        try
        {
            var response = await base.SubmitTransactionAsync(list, cancellationToken);
            lock (Transactions)
            {
                Transactions.Add((list.Count, true));
            }
            return response;
        }
        catch (Azure.RequestFailedException)
        {
            lock (Transactions)
            {
                Transactions.Add((list.Count, false));
            }
            throw;
        }
    }
}

using Microsoft.Extensions.Options;
using VirServerless.Bot.Questions;
using VirServerless.Core.Events;
using VirServerless.Core.Registrations;
using VirServerless.Core.Storage.Events;

namespace VirServerless.Bot.Conversations;

/// <summary>Section "Bot:Contact": who a question the catalog cannot answer is referred to when no event is named.</summary>
public sealed class BotContactOptions
{
    public const string SectionName = "Bot:Contact";

    public string Name { get; set; } = "Geschäftsstelle ViR-Nordwest";
    public string? Email { get; set; } = "geschaeftsstelle@vir-nordwest.example";
    public string? Phone { get; set; }
}

/// <summary>Section "Bot:Copies": how far the bot's copies in memory (catalog, conversation state) may lag behind storage.</summary>
public sealed class BotCopiesOptions
{
    public const string SectionName = "Bot:Copies";

    /// <summary>
    /// Upper bound for changes made by another instance (an organiser's publish, a registration, a user's turn there)
    /// to reach this instance's answers. Changes made by this instance are seen at once.
    /// </summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromSeconds(15);
}

/// <summary>
/// The published catalog with live seat counts of the events still open. Kept in memory between turns, because reading
/// every event and every seat counter on each question made the storage round trips most of an answer's time. A change
/// made through this process (<see cref="CatalogChanges"/>) reloads it on the next turn; changes of other instances
/// after <see cref="BotCopiesOptions.MaxAge"/>.
/// </summary>
public sealed class LiveCatalog(
    EventStore events,
    RegistrationService registrations,
    CatalogChanges changes,
    IOptions<BotCopiesOptions> catalogOptions,
    IOptions<BotContactOptions> contact,
    TimeProvider timeProvider) : IDisposable
{
    private readonly SemaphoreSlim loading = new(1, 1);
    private Snapshot? current;

    public async Task<CatalogView> LoadAsync(CancellationToken cancellationToken)
    {
        if (Fresh(current) is { } fresh)
        {
            return fresh;
        }
        // One turn reloads while the others wait for its result instead of all reading the same rows.
        await loading.WaitAsync(cancellationToken);
        try
        {
            if (Fresh(current) is { } loadedMeanwhile)
            {
                return loadedMeanwhile;
            }
            var changeCount = changes.Count;
            var loadedAt = timeProvider.GetUtcNow();
            var view = await ReadAsync(cancellationToken);
            current = new Snapshot(view, changeCount, loadedAt);
            return view;
        }
        finally
        {
            loading.Release();
        }
    }

    public void Dispose() => loading.Dispose();

    private CatalogView? Fresh(Snapshot? snapshot)
    {
        if (snapshot is null || snapshot.ChangeCount != changes.Count)
        {
            return null;
        }
        var age = timeProvider.GetUtcNow() - snapshot.LoadedAt;
        return age >= TimeSpan.Zero && age < catalogOptions.Value.MaxAge ? snapshot.View : null;
    }

    private async Task<CatalogView> ReadAsync(CancellationToken cancellationToken)
    {
        var published = await events.ListPublishedAsync(cancellationToken);
        var now = timeProvider.GetUtcNow();
        var open = published.Where(e => e.End >= now && e.Registration is not null).ToList();
        var counters = await Task.WhenAll(open.Select(ev => registrations.GetSeatsAsync(ev.Id, cancellationToken)));
        var seats = new Dictionary<string, SeatAvailability>(StringComparer.Ordinal);
        for (var i = 0; i < open.Count; i++)
        {
            var ev = open[i];
            seats[ev.Id] = new SeatAvailability(
                counters[i].EventFree(ev),
                ev.ChoosableSessions.ToDictionary(s => s.Id, counters[i].SessionFree, StringComparer.Ordinal));
        }

        var options = contact.Value;
        return new CatalogView(published, seats, new Contact { Name = options.Name, Email = options.Email, Phone = options.Phone });
    }

    private sealed record Snapshot(CatalogView View, long ChangeCount, DateTimeOffset LoadedAt);
}

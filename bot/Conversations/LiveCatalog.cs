using Microsoft.Extensions.Options;
using VirServerless.Bot.Questions;
using VirServerless.Core.Events;
using VirServerless.Core.Registrations;

namespace VirServerless.Bot.Conversations;

/// <summary>Section "Bot:Contact": who a question the catalog cannot answer is referred to when no event is named.</summary>
public sealed class BotContactOptions
{
    public const string SectionName = "Bot:Contact";

    public string Name { get; set; } = "Geschäftsstelle ViR-Nordwest";
    public string? Email { get; set; } = "geschaeftsstelle@vir-nordwest.example";
    public string? Phone { get; set; }
}

/// <summary>
/// The catalog as it is in storage right now, with live seat counts of the events still open. Read on every turn, so an
/// organiser's change shows up in the next answer.
/// </summary>
public sealed class LiveCatalog(EventStore events, RegistrationService registrations, IOptions<BotContactOptions> contact, TimeProvider timeProvider)
{
    public async Task<CatalogView> LoadAsync(CancellationToken cancellationToken)
    {
        var published = await events.ListPublishedAsync(cancellationToken);
        var now = timeProvider.GetUtcNow();
        var seats = new Dictionary<string, SeatAvailability>(StringComparer.Ordinal);
        foreach (var ev in published.Where(e => e.End >= now && e.Registration is not null))
        {
            var counters = await registrations.GetSeatsAsync(ev.Id, cancellationToken);
            seats[ev.Id] = new SeatAvailability(
                counters.EventFree(ev),
                ev.ChoosableSessions.ToDictionary(s => s.Id, counters.SessionFree, StringComparer.Ordinal));
        }

        var options = contact.Value;
        return new CatalogView(published, seats, new Contact { Name = options.Name, Email = options.Email, Phone = options.Phone });
    }
}

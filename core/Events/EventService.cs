using VirServerless.Core.Registrations;
using VirServerless.Core.Storage.Events;

namespace VirServerless.Core.Events;

/// <summary>What publishing or changing an event came to.</summary>
public abstract record PublishOutcome
{
    private PublishOutcome()
    {
    }

    /// <summary>The document breaks a rule of the catalog; per-field German messages.</summary>
    public sealed record Invalid(IReadOnlyDictionary<string, string[]> Errors) : PublishOutcome;

    /// <summary>Stored; <paramref name="Created"/> when there was no earlier version.</summary>
    public sealed record Saved(StoredEvent Event, bool Created) : PublishOutcome;
}

/// <summary>Publishing and changing events: validate, write the change notices, write the new version.</summary>
public sealed class EventService(EventStore events, RegistrationService registrations)
{
    /// <remarks>
    /// The change notices are written before the event, with ids derived from the new version: a PUT retried after a
    /// crash between the two finds them again instead of losing or doubling them. A concurrent organiser write makes
    /// this one read again and apply on top.
    /// </remarks>
    public async Task<PublishOutcome> PublishAsync(CatalogEvent ev, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ev);
        var errors = EventValidator.Validate(ev);
        if (errors.Count > 0)
        {
            return new PublishOutcome.Invalid(errors);
        }
        while (true)
        {
            var previous = await events.GetAsync(ev.Id, cancellationToken);
            if (previous is not null)
            {
                await registrations.SendChangeNoticesAsync(previous.Event, ev with { Version = previous.Version + 1 }, cancellationToken);
                CrashPoints.Reached(CrashPoints.ChangeNoticesWritten);
            }
            if (await events.TryWriteAsync(ev, previous, cancellationToken) is { } saved)
            {
                return new PublishOutcome.Saved(saved, previous is null);
            }
        }
    }
}

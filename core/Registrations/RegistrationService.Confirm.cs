using Microsoft.Extensions.Logging;
using VirServerless.Core.Events;
using VirServerless.Core.Storage.Registrations;

namespace VirServerless.Core.Registrations;

public sealed partial class RegistrationService
{
    /// <summary>
    /// Confirms by token (double opt-in). The token works once: used (the registration is no longer pending) or
    /// expired, it gets the answer of an unknown token, so an old link in a mailbox tells nobody anything.
    /// </summary>
    public async Task<ConfirmOutcome> ConfirmAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (!RegistrationTokens.TryGetEventId(token, out var eventId))
        {
            return new ConfirmOutcome.InvalidToken();
        }
        // The token names the event, so the event is read beside the token lookup instead of after it.
        var reading = events.GetAsync(eventId, cancellationToken);
        var finding = FindByTokenAsync(token, RegistrationKeys.ConfirmToken, cancellationToken);
        await Task.WhenAll(reading, finding);
        var registration = await finding;
        if (registration is not { IsActive: true, Status: RegistrationStatus.Pending }
            || registration.ConfirmTokenExpiresAt is { } expires && expires < timeProvider.GetUtcNow())
        {
            return new ConfirmOutcome.InvalidToken();
        }
        var stored = await reading;
        if (stored is null)
        {
            return new ConfirmOutcome.InvalidToken();
        }
        if (stored.Event.Status == EventStatus.Cancelled || timeProvider.GetUtcNow() > stored.Event.End)
        {
            return new ConfirmOutcome.Closed("Die Veranstaltung wurde abgesagt oder ist bereits vorbei.");
        }
        return await ConfirmRegistrationAsync(stored.Event, registration, cancellationToken);
    }

    private async Task<ConfirmOutcome> ConfirmRegistrationAsync(CatalogEvent ev, Registration registration, CancellationToken cancellationToken)
    {
        // The first attempt decides on the registration as the caller has just read it: its revision guards the write,
        // so a change in between fails the transaction, and the next attempt reads it again.
        Registration? justRead = registration;
        var outcome = await RetryOnConflictAsync<ConfirmOutcome>("confirm", async () =>
        {
            var current = justRead ?? await GetAsync(ev.Id, registration.Id, cancellationToken);
            justRead = null;
            if (current is null)
            {
                return new ConfirmOutcome.InvalidToken();
            }
            var seats = await store.ReadSeatsAsync(ev.Id, current.Sessions.Select(s => s.Id), [Organization.Key(current.Organization)], cancellationToken);
            switch (SeatRules.DecideConfirmation(ev, SeatHolder.Of(current), seats.Counts, timeProvider.GetUtcNow()))
            {
                case ConfirmDecision.Declined declined:
                    return await TrySubmitAsync([Replace(declined.Person.ApplyTo(current))], cancellationToken) ? new ConfirmOutcome.Full(declined.Detail) : null;
                case ConfirmDecision.Placed placed:
                    seats.Apply(placed.Seats);
                    var (written, actions) = Placement(ev, current, placed.Person, placed.Mail);
                    actions.AddRange(RegistrationChange.Counters(seats));
                    if (!await TrySubmitAsync(actions, cancellationToken))
                    {
                        return null;
                    }
                    CrashPoints.Reached(CrashPoints.ConfirmationCommitted);
                    return new ConfirmOutcome.Done(written);
                case ConfirmDecision.Unchanged:
                    return new ConfirmOutcome.Done(current);
                default:
                    return new ConfirmOutcome.InvalidToken();
            }
        }, cancellationToken, seatsOfEvent: ev.Id);

        if (outcome is ConfirmOutcome.Done { Registration: var done })
        {
            logger.LogInformation("Registration {RegistrationId} for {EventId} is {Status}", done.Id, ev.Id, done.Status);
        }
        outboxSignal.Notify(ev.Id);
        return outcome;
    }
}

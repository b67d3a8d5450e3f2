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
        var registration = await FindByTokenAsync(token, RegistrationKeys.ConfirmToken, cancellationToken);
        if (registration is not { IsActive: true, Status: RegistrationStatus.Pending }
            || registration.ConfirmTokenExpiresAt is { } expires && expires < timeProvider.GetUtcNow())
        {
            return new ConfirmOutcome.InvalidToken();
        }
        var stored = await events.GetAsync(registration.EventId, cancellationToken);
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
        var outcome = await RetryOnConflictAsync<ConfirmOutcome>("confirm", async () =>
        {
            var current = await GetAsync(ev.Id, registration.Id, cancellationToken);
            if (current is null)
            {
                return new ConfirmOutcome.InvalidToken();
            }
            var seats = await store.ReadSeatsAsync(ev.Id, [Organization.Key(current.Organization)], cancellationToken);
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

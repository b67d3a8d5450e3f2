using Microsoft.Extensions.Logging;
using VirServerless.Core.Events;
using VirServerless.Core.Registrations.Mails;
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
            if (current is null || !current.IsActive)
            {
                return new ConfirmOutcome.InvalidToken();
            }
            if (current.Status != RegistrationStatus.Pending)
            {
                return new ConfirmOutcome.Done(current);
            }
            var seats = await store.ReadSeatsAsync(ev.Id, cancellationToken);
            var now = timeProvider.GetUtcNow();
            var confirmed = current with { ConfirmedAt = now };
            var hasSeat = seats.EventHasSeatFor(ev, RegistrationKeys.OrganizationKey(current.Organization));
            if (!hasSeat && ev.Registration?.Waitlist == false)
            {
                var declined = confirmed with { Status = RegistrationStatus.Declined };
                return await TrySubmitAsync([Replace(declined)], cancellationToken)
                    ? new ConfirmOutcome.Full("Leider sind alle Plätze vergeben, und diese Veranstaltung führt keine Warteliste.")
                    : null;
            }

            var (updated, actions) = hasSeat
                ? TakeSeat(ev, confirmed, seats, now)
                : (confirmed with { Status = RegistrationStatus.Waitlisted }, new List<RegistrationChange>());
            var kind = updated.Status == RegistrationStatus.Confirmed ? RegistrationMailKind.Confirmed : RegistrationMailKind.Waitlisted;
            var (token, withToken, tokenActions) = NewManageToken(updated with { MailSequence = updated.MailSequence + 1 });
            actions.InsertRange(0, [Replace(withToken), .. tokenActions]);
            actions.Add(OutboxAction(ev.Id, updated, kind, ev, token));
            if (!await TrySubmitAsync(actions, cancellationToken))
            {
                return null;
            }
            CrashPoints.Reached(CrashPoints.ConfirmationCommitted);
            return new ConfirmOutcome.Done(withToken);
        }, cancellationToken, seatsOfEvent: ev.Id);

        if (outcome is ConfirmOutcome.Done { Registration: var done })
        {
            logger.LogInformation("Registration {RegistrationId} for {EventId} is {Status}", done.Id, ev.Id, done.Status);
        }
        outboxSignal.Notify(ev.Id);
        return outcome;
    }

    /// <summary>
    /// Gives the registration an event seat and books each requested session that has room; a full session puts
    /// the person on that session's waiting list. Returns the counter updates to commit with the registration.
    /// </summary>
    private static (Registration Updated, List<RegistrationChange> Actions) TakeSeat(CatalogEvent ev, Registration registration, SeatCounters seats, DateTimeOffset now)
    {
        seats.ChangeEvent(+1);
        if (ev.Registration?.MaxPerOrganization is not null)
        {
            seats.ChangeOrganization(RegistrationKeys.OrganizationKey(registration.Organization), +1);
        }
        var sessions = registration.Sessions.Select(choice => BookSession(ev, choice, seats, now)).ToList();
        return (registration with { Status = RegistrationStatus.Confirmed, Sessions = sessions }, RegistrationChange.Counters(seats).ToList());
    }

    private static SessionChoice BookSession(CatalogEvent ev, SessionChoice choice, SeatCounters seats, DateTimeOffset now)
    {
        if (choice.Status == SessionSeatStatus.Booked || ev.FindSession(choice.Id) is not { } session)
        {
            return choice;
        }
        if (seats.SessionFree(session) is null or > 0)
        {
            seats.ChangeSession(session.Id, +1);
            return choice with { Status = SessionSeatStatus.Booked, Since = now };
        }
        return choice.Status == SessionSeatStatus.Waitlisted ? choice : choice with { Status = SessionSeatStatus.Waitlisted, Since = now };
    }
}

using Microsoft.Extensions.Logging;
using VirServerless.Core.Events;
using VirServerless.Core.Registrations.Mails;
using VirServerless.Core.Storage.Registrations;

namespace VirServerless.Core.Registrations;

public sealed partial class RegistrationService
{
    /// <summary>
    /// Moves people up while seats are free: first the event waiting list (by confirmation time), then each
    /// session's waiting list (by the time they joined it). Safe to run any time; the sweep timer runs it too, so a
    /// crash between a cancellation and the move-up only delays it.
    /// </summary>
    public async Task<int> FillFreeSeatsAsync(CatalogEvent ev, CancellationToken cancellationToken = default)
    {
        if (ev.Status == EventStatus.Cancelled || timeProvider.GetUtcNow() > ev.End)
        {
            return 0;
        }
        var moved = 0;
        for (var attempt = 0; attempt < Options.MaxConcurrencyAttempts; attempt++)
        {
            var step = await WithSeatGateAsync(ev.Id, () => TryMoveUpOneAsync(ev, cancellationToken), cancellationToken);
            if (step == MoveUpStep.NothingToDo)
            {
                break;
            }
            if (step == MoveUpStep.MovedUp)
            {
                moved++;
            }
        }
        if (moved > 0)
        {
            outboxSignal.Notify(ev.Id);
        }
        return moved;
    }

    private enum MoveUpStep { NothingToDo, MovedUp, LostRace }

    private async Task<MoveUpStep> TryMoveUpOneAsync(CatalogEvent ev, CancellationToken cancellationToken)
    {
        var seats = await store.ReadSeatsAsync(ev.Id, cancellationToken);
        var registrations = await ListAsync(ev.Id, cancellationToken);
        var now = timeProvider.GetUtcNow();

        var next = registrations
            .Where(r => r.Status == RegistrationStatus.Waitlisted)
            .OrderBy(r => r.ConfirmedAt)
            .FirstOrDefault(r => seats.EventHasSeatFor(ev, RegistrationKeys.OrganizationKey(r.Organization)));
        if (next is not null)
        {
            var (updated, actions) = TakeSeat(ev, next, seats, now);
            var (token, withToken, tokenActions) = NewManageToken(updated with { MailSequence = updated.MailSequence + 1 });
            actions.InsertRange(0, [Replace(withToken), .. tokenActions]);
            actions.Add(OutboxAction(ev.Id, updated, RegistrationMailKind.MovedUp, ev, token));
            if (!await TrySubmitAsync(actions, cancellationToken))
            {
                return MoveUpStep.LostRace;
            }
            logger.LogInformation("Registration {RegistrationId} moved up from the waiting list of {EventId}", next.Id, ev.Id);
            return MoveUpStep.MovedUp;
        }

        foreach (var session in ev.ChoosableSessions.Where(s => seats.SessionFree(s) is null or > 0))
        {
            var candidate = registrations
                .Where(r => r.Status == RegistrationStatus.Confirmed)
                .Select(r => (Registration: r, Choice: r.Sessions.FirstOrDefault(c => c.Id == session.Id && c.Status == SessionSeatStatus.Waitlisted)))
                .Where(x => x.Choice is not null)
                .OrderBy(x => x.Choice!.Since)
                .Select(x => x.Registration)
                .FirstOrDefault();
            if (candidate is null)
            {
                continue;
            }
            seats.ChangeSession(session.Id, +1);
            var sessions = candidate.Sessions.Select(c => c.Id == session.Id ? c with { Status = SessionSeatStatus.Booked, Since = now } : c).ToList();
            var updated = candidate with { Sessions = sessions };
            var (token, withToken, tokenActions) = NewManageToken(updated with { MailSequence = updated.MailSequence + 1 });
            List<RegistrationChange> actions = [Replace(withToken), .. tokenActions, .. RegistrationChange.Counters(seats)];
            actions.Add(OutboxAction(ev.Id, updated, RegistrationMailKind.SessionMovedUp, ev, token, session.Id));
            if (!await TrySubmitAsync(actions, cancellationToken))
            {
                return MoveUpStep.LostRace;
            }
            logger.LogInformation("Registration {RegistrationId} moved up in session {SessionId} of {EventId}", candidate.Id, session.Id, ev.Id);
            return MoveUpStep.MovedUp;
        }
        return MoveUpStep.NothingToDo;
    }
}

using Microsoft.Extensions.Logging;
using VirServerless.Core.Storage.Registrations;

namespace VirServerless.Core.Registrations;

public sealed partial class RegistrationService
{
    public async Task<ManageOutcome> ViewAsync(string? token, CancellationToken cancellationToken = default) =>
        await FindByTokenAsync(token, RegistrationKeys.ManageToken, cancellationToken) is { IsActive: true } registration
            ? new ManageOutcome.Done(registration)
            : new ManageOutcome.InvalidToken();

    /// <summary>Cancels and frees the seat; the first person on the waiting list moves up.</summary>
    public async Task<ManageOutcome> CancelAsync(string? token, CancellationToken cancellationToken = default)
    {
        var found = await FindByTokenAsync(token, RegistrationKeys.ManageToken, cancellationToken);
        return found is { IsActive: true }
            ? await CancelRegistrationAsync(found, cancellationToken)
            : new ManageOutcome.InvalidToken();
    }

    private async Task<ManageOutcome> CancelRegistrationAsync(Registration found, CancellationToken cancellationToken)
    {
        var ev = (await events.GetAsync(found.EventId, cancellationToken))?.Event;
        if (ev is null)
        {
            return new ManageOutcome.InvalidToken();
        }

        var movedUpAll = true;
        var outcome = await RetryOnConflictAsync<ManageOutcome>("cancel", async () =>
        {
            var read = await ReadSeatStateAsync(ev.Id, found.Id, cancellationToken);
            var now = timeProvider.GetUtcNow();
            if (read.Current is not { } current || SeatRules.DecideCancellation(ev, SeatHolder.Of(current), read.State, now) is not CancelDecision.Cancelled decision)
            {
                return new ManageOutcome.InvalidToken();
            }
            var cancelled = decision.Person.ApplyTo(current.Anonymised()) with { CancelledAt = now, MailSequence = current.MailSequence + 1 };
            List<RegistrationChange> actions = [Replace(cancelled), .. IndexRowDeletions(current), OutboxAction(ev.Id, current, decision.Mail.Kind, ev, token: null)];
            var written = await TrySubmitWithMoveUpsAsync(ev, read, actions, decision.Seats, decision.MoveUps, cancellationToken);
            movedUpAll = written == true;
            return written is null ? null : new ManageOutcome.Done(cancelled);
        }, cancellationToken, seatsOfEvent: ev.Id);

        if (outcome is ManageOutcome.Done)
        {
            logger.LogInformation("Registration {RegistrationId} for {EventId} cancelled", found.Id, ev.Id);
            if (!movedUpAll)
            {
                await FillFreeSeatsAsync(ev, cancellationToken);
            }
        }
        outboxSignal.Notify(ev.Id);
        return outcome;
    }

    /// <summary>Changes the chosen sessions. Seats of dropped sessions are freed; new ones are booked if free.</summary>
    public async Task<ManageOutcome> ChangeSessionsAsync(string? token, IReadOnlyList<string> sessionIds, CancellationToken cancellationToken = default)
    {
        var found = await FindByTokenAsync(token, RegistrationKeys.ManageToken, cancellationToken);
        return found is { IsActive: true }
            ? await ChangeSessionsOfAsync(found, sessionIds, cancellationToken)
            : new ManageOutcome.InvalidToken();
    }

    private async Task<ManageOutcome> ChangeSessionsOfAsync(Registration found, IReadOnlyList<string> sessionIds, CancellationToken cancellationToken)
    {
        var ev = (await events.GetAsync(found.EventId, cancellationToken))?.Event;
        if (ev is null)
        {
            return new ManageOutcome.InvalidToken();
        }
        if (SeatRules.WhySessionChangeClosed(ev, timeProvider.GetUtcNow()) is { } closed)
        {
            return new ManageOutcome.Closed(closed.Detail);
        }
        var probe = new RegistrationRequest { Sessions = sessionIds };
        var errors = RegistrationRequestValidator.Validate(probe, ev).Where(e => e.Key == "sessions").ToDictionary();
        if (errors.Count > 0)
        {
            return new ManageOutcome.Invalid(errors);
        }

        var movedUpAll = true;
        var outcome = await RetryOnConflictAsync<ManageOutcome>("change sessions", async () =>
        {
            var read = await ReadSeatStateAsync(ev.Id, found.Id, cancellationToken);
            if (read.Current is not { } current
                || SeatRules.DecideSessionChange(ev, SeatHolder.Of(current), sessionIds, read.State, timeProvider.GetUtcNow()) is not SessionChangeDecision.Changed decision)
            {
                return new ManageOutcome.InvalidToken();
            }
            var updated = decision.Person.ApplyTo(current);
            var written = await TrySubmitWithMoveUpsAsync(ev, read, [Replace(updated)], decision.Seats, decision.MoveUps, cancellationToken);
            movedUpAll = written == true;
            return written is null ? null : new ManageOutcome.Done(updated);
        }, cancellationToken, seatsOfEvent: ev.Id);

        if (outcome is ManageOutcome.Done && !movedUpAll)
        {
            await FillFreeSeatsAsync(ev, cancellationToken);
            if (await GetAsync(ev.Id, found.Id, cancellationToken) is { } latest)
            {
                outcome = new ManageOutcome.Done(latest);
            }
        }
        if (outcome is ManageOutcome.Done)
        {
            outboxSignal.Notify(ev.Id);
        }
        return outcome;
    }

    private static IEnumerable<RegistrationChange> IndexRowDeletions(Registration registration)
    {
        yield return DeleteRow(registration.EventId, RegistrationKeys.EmailRow(registration.Email));
        if (registration.ConfirmTokenHash is { } confirm)
        {
            yield return DeleteRow(registration.EventId, RegistrationKeys.ConfirmToken + confirm);
        }
        foreach (var manage in registration.ManageTokenHashes)
        {
            yield return DeleteRow(registration.EventId, RegistrationKeys.ManageToken + manage);
        }
        if (registration.CheckInCode is { } code)
        {
            yield return DeleteRow(registration.EventId, CheckInCodes.RowKey(code));
        }
    }
}

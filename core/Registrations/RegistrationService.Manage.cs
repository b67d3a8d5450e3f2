using Microsoft.Extensions.Logging;
using VirServerless.Core.Events;
using VirServerless.Core.Registrations.Mails;
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

        var outcome = await RetryOnConflictAsync<ManageOutcome>("cancel", async () =>
        {
            var current = await GetAsync(ev.Id, found.Id, cancellationToken);
            if (current is not { IsActive: true })
            {
                return new ManageOutcome.InvalidToken();
            }
            var seats = await store.ReadSeatsAsync(ev.Id, cancellationToken);
            var actions = ReleaseSeats(ev, current, seats);
            var now = timeProvider.GetUtcNow();
            var cancelled = current.Anonymised() with
            {
                Status = RegistrationStatus.Cancelled,
                CancelledAt = now,
                Sessions = [],
                MailSequence = current.MailSequence + 1,
            };
            actions.InsertRange(0, [Replace(cancelled), .. IndexRowDeletions(current)]);
            actions.Add(OutboxAction(ev.Id, current, RegistrationMailKind.Cancelled, ev, token: null));
            return await TrySubmitAsync(actions, cancellationToken) ? new ManageOutcome.Done(cancelled) : null;
        }, cancellationToken, seatsOfEvent: ev.Id);

        if (outcome is ManageOutcome.Done)
        {
            logger.LogInformation("Registration {RegistrationId} for {EventId} cancelled", found.Id, ev.Id);
            await FillFreeSeatsAsync(ev, cancellationToken);
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
        if (ev.Status == EventStatus.Cancelled || timeProvider.GetUtcNow() > ev.End)
        {
            return new ManageOutcome.Closed("Die Veranstaltung wurde abgesagt oder ist bereits vorbei. Änderungen sind nicht mehr möglich.");
        }
        var probe = new RegistrationRequest { Sessions = sessionIds };
        var errors = RegistrationRequestValidator.Validate(probe, ev).Where(e => e.Key == "sessions").ToDictionary();
        if (errors.Count > 0)
        {
            return new ManageOutcome.Invalid(errors);
        }

        var wanted = sessionIds.Distinct(StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal);
        var outcome = await RetryOnConflictAsync<ManageOutcome>("change sessions", async () =>
        {
            var current = await GetAsync(ev.Id, found.Id, cancellationToken);
            if (current is not { IsActive: true })
            {
                return new ManageOutcome.InvalidToken();
            }
            var now = timeProvider.GetUtcNow();
            var seats = await store.ReadSeatsAsync(ev.Id, cancellationToken);
            var kept = new List<SessionChoice>();
            foreach (var choice in current.Sessions)
            {
                if (wanted.Contains(choice.Id))
                {
                    kept.Add(choice);
                }
                else if (choice.Status == SessionSeatStatus.Booked)
                {
                    seats.ChangeSession(choice.Id, -1);
                }
            }
            var added = wanted.Where(id => kept.All(k => k.Id != id)).Select(id => new SessionChoice(id, SessionSeatStatus.Requested, now));
            var sessions = current.Status == RegistrationStatus.Confirmed
                ? [.. kept, .. added.Select(choice => BookSession(ev, choice, seats, now))]
                : kept.Concat(added).ToList();
            var updated = current with { Sessions = sessions };
            List<RegistrationChange> actions = [Replace(updated), .. RegistrationChange.Counters(seats)];
            return await TrySubmitAsync(actions, cancellationToken) ? new ManageOutcome.Done(updated) : null;
        }, cancellationToken, seatsOfEvent: ev.Id);

        if (outcome is ManageOutcome.Done)
        {
            await FillFreeSeatsAsync(ev, cancellationToken);
            if (await GetAsync(ev.Id, found.Id, cancellationToken) is { } latest)
            {
                outcome = new ManageOutcome.Done(latest);
            }
        }
        return outcome;
    }

    /// <summary>Frees event, organisation and session seats held by a registration (as counter updates).</summary>
    private static List<RegistrationChange> ReleaseSeats(CatalogEvent ev, Registration registration, SeatCounters seats)
    {
        if (registration.Status == RegistrationStatus.Confirmed)
        {
            seats.ChangeEvent(-1);
            if (ev.Registration?.MaxPerOrganization is not null)
            {
                seats.ChangeOrganization(RegistrationKeys.OrganizationKey(registration.Organization), -1);
            }
        }
        foreach (var choice in registration.Sessions.Where(c => c.Status == SessionSeatStatus.Booked))
        {
            seats.ChangeSession(choice.Id, -1);
        }
        return [.. RegistrationChange.Counters(seats)];
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
    }
}

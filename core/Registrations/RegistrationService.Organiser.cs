using Microsoft.Extensions.Logging;
using VirServerless.Core.Events;
using VirServerless.Core.Storage.Registrations;

namespace VirServerless.Core.Registrations;

/// <summary>How a registration reached the Geschäftsstelle; stored as <see cref="Registration.Source"/>.</summary>
public enum OfficeChannel { Phone, Email }

public abstract record OfficeEntryOutcome
{
    /// <summary>Entered and placed by the seat rules: confirmed, waiting list or (full, no waiting list) declined.</summary>
    public sealed record Entered(Registration Registration) : OfficeEntryOutcome;

    /// <summary>The address has an active registration already; nothing was changed.</summary>
    public sealed record AlreadyRegistered(Registration Registration) : OfficeEntryOutcome;

    public sealed record Invalid(Dictionary<string, string[]> Errors) : OfficeEntryOutcome;

    public sealed record Closed(string Detail) : OfficeEntryOutcome;

    public sealed record EventNotFound : OfficeEntryOutcome;
}

public abstract record MoveUpByHandOutcome
{
    public sealed record MovedUp(Registration Registration) : MoveUpByHandOutcome;

    /// <summary>No event seat is free for this person (or the event is over); nothing was changed.</summary>
    public sealed record NoSeat(string Detail) : MoveUpByHandOutcome;

    /// <summary>The registration does not exist or is not on the waiting list (any more).</summary>
    public sealed record NotWaiting : MoveUpByHandOutcome;
}

/// <summary>
/// What the Geschäftsstelle does for a person: the paths a member takes (register, confirm, change, cancel, move up),
/// entered by an organiser who spoke to the person, so there is no double opt-in and no mailed token.
/// </summary>
public sealed partial class RegistrationService
{
    public const string OfficeSourcePrefix = "geschaeftsstelle-";

    public static string OfficeSource(OfficeChannel channel) => OfficeSourcePrefix + (channel == OfficeChannel.Phone ? "telefon" : "email");

    public static bool IsOfficeSource(string? source) => source?.StartsWith(OfficeSourcePrefix, StringComparison.Ordinal) == true;

    /// <summary>
    /// Enters a registration taken by phone or e-mail: confirmed at once (as for a verified address) by the seat rules
    /// of a member's confirmation, with the same confirmation or waiting-list mail carrying the manage link. A repeated
    /// submission of the same form (same request key) answers as the first did.
    /// </summary>
    public async Task<OfficeEntryOutcome> EnterForAsync(string eventId, RegistrationRequest request, OfficeChannel channel, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!string.IsNullOrWhiteSpace(request.Email) && await FindByEmailAsync(eventId, request.Email, cancellationToken) is { } existing)
        {
            var isRetry = existing.RequestKey is not null && string.Equals(existing.RequestKey, Clean(request.RequestKey), StringComparison.Ordinal);
            return isRetry ? new OfficeEntryOutcome.Entered(existing) : new OfficeEntryOutcome.AlreadyRegistered(existing);
        }
        var outcome = await RegisterAsync(eventId, request, OfficeSource(channel), verifiedAddress: true, cancellationToken);
        return outcome switch
        {
            RegisterOutcome.Accepted accepted when await GetAsync(eventId, accepted.RegistrationId, cancellationToken) is { } registration
                => new OfficeEntryOutcome.Entered(registration),
            RegisterOutcome.Invalid invalid => new OfficeEntryOutcome.Invalid(invalid.Errors),
            RegisterOutcome.Closed closed => new OfficeEntryOutcome.Closed(closed.Detail),
            _ => new OfficeEntryOutcome.EventNotFound(),
        };
    }

    /// <summary>
    /// The waiting people an organiser may move up by hand now: an event seat is free for their organisation. Usually
    /// nobody, because freed seats are filled at once; after a raised capacity the sweep timer fills them later.
    /// </summary>
    public async Task<IReadOnlySet<string>> MovableByHandAsync(CatalogEvent ev, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ev);
        var seats = await store.ReadSeatsAsync(ev.Id, cancellationToken);
        var waiting = (await ListAsync(ev.Id, cancellationToken)).Where(r => r.Status == RegistrationStatus.Waitlisted).ToList();
        var counts = seats.Counts;
        var now = timeProvider.GetUtcNow();
        return waiting.Where(r => OrganiserMoveUp.Decide(ev, SeatHolder.Of(r), counts, now) is not null).Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// Moves one waiting person up by hand, whatever their place in the list, when an event seat is free for them:
    /// the seat and their free session seats are taken as in an automatic move-up, and they get the same mail.
    /// </summary>
    public async Task<MoveUpByHandOutcome> MoveUpByHandAsync(string eventId, string registrationId, CancellationToken cancellationToken = default)
    {
        if ((await events.GetAsync(eventId, cancellationToken))?.Event is not { } ev)
        {
            return new MoveUpByHandOutcome.NotWaiting();
        }
        var outcome = await RetryOnConflictAsync<MoveUpByHandOutcome>("move up by hand", async () =>
        {
            var current = await GetAsync(ev.Id, registrationId, cancellationToken);
            if (current is not { Status: RegistrationStatus.Waitlisted })
            {
                return new MoveUpByHandOutcome.NotWaiting();
            }
            var seats = await store.ReadSeatsAsync(ev.Id, cancellationToken);
            if (OrganiserMoveUp.Decide(ev, SeatHolder.Of(current), seats.Counts, timeProvider.GetUtcNow()) is not { } move)
            {
                return new MoveUpByHandOutcome.NoSeat(SeatRules.IsOver(ev, timeProvider.GetUtcNow())
                    ? "Die Veranstaltung wurde abgesagt oder ist bereits vorbei."
                    : "Für diese Person ist kein Platz frei (alle Plätze vergeben oder die Höchstzahl ihrer Organisation erreicht).");
            }
            seats.Apply(move.Seats);
            var (updated, codeActions) = WithCheckInCode(move.Person.ApplyTo(current));
            var (token, withToken, tokenActions) = NewManageToken(updated with { MailSequence = updated.MailSequence + 1 });
            List<RegistrationChange> actions = [Replace(withToken), .. tokenActions, .. codeActions, .. RegistrationChange.Counters(seats), OutboxAction(ev.Id, updated, move.Mail.Kind, ev, token)];
            return await TrySubmitAsync(actions, cancellationToken) ? new MoveUpByHandOutcome.MovedUp(withToken) : null;
        }, cancellationToken, seatsOfEvent: ev.Id);

        if (outcome is MoveUpByHandOutcome.MovedUp)
        {
            logger.LogInformation("Registration {RegistrationId} moved up by hand from the waiting list of {EventId}", registrationId, ev.Id);
            outboxSignal.Notify(ev.Id);
        }
        return outcome;
    }
}

/// <summary>The seat rules for a move-up an organiser asks for: the rules' event move-up, for this one person.</summary>
public static class OrganiserMoveUp
{
    /// <summary>
    /// The move-up of <paramref name="person"/> if they wait and an event seat is free for their organisation; null
    /// otherwise. Asks <see cref="SeatRules.NextMoveUp"/> with the person as the only one waiting, so seats, session
    /// bookings and the mail are exactly those of an automatic move-up.
    /// </summary>
    public static MoveUp? Decide(CatalogEvent ev, SeatHolder person, SeatCounts counts, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(person);
        if (person.Status != RegistrationStatus.Waitlisted)
        {
            return null;
        }
        var move = SeatRules.NextMoveUp(ev, new SeatState([person], counts), now);
        return move is { SessionId: null } && move.Person.Id == person.Id ? move : null;
    }
}

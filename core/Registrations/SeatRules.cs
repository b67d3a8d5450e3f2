using VirServerless.Core.Events;
using VirServerless.Core.Registrations.Mails;

namespace VirServerless.Core.Registrations;

/// <summary>
/// The seat rules as pure functions: today's state in, a decision out. The caller reads the state, writes the
/// decision in one transaction guarded by the counters' ETags, and decides again after a lost race.
/// </summary>
/// <remarks>
/// Orders are stable: people with the same confirmation time keep the order of <see cref="SeatState.People"/>
/// (storage lists registrations by id, which grows with the time of registering).
/// </remarks>
public static class SeatRules
{
    public const string NoWaitlistDetail = "Leider sind alle Plätze vergeben, und diese Veranstaltung führt keine Warteliste.";

    /// <summary>Why registering is not possible at <paramref name="now"/>, or null when it is.</summary>
    public static EventClosed? WhyRegistrationClosed(CatalogEvent ev, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(ev);
        if (ev.Status == EventStatus.Cancelled)
        {
            return new("Die Veranstaltung wurde abgesagt. Eine Anmeldung ist nicht mehr möglich.");
        }
        if (ev.Registration is not { } registration)
        {
            return new("Für diese Veranstaltung ist keine Anmeldung vorgesehen.");
        }
        if (registration.Opens is { } opens && now < opens)
        {
            return new($"Die Anmeldung ist ab {BerlinTime.DateTime(opens)} möglich.");
        }
        if (now > (registration.Closes ?? ev.Start) || now > ev.End)
        {
            return new("Die Anmeldefrist ist abgelaufen. Eine Anmeldung ist nicht mehr möglich.");
        }
        return null;
    }

    /// <summary>
    /// Confirming, changing sessions and moving up end when the event is cancelled or over. The registration window
    /// does not apply: whoever registered in time may confirm after it closed.
    /// </summary>
    public static bool IsOver(CatalogEvent ev, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(ev);
        return ev.Status == EventStatus.Cancelled || now > ev.End;
    }

    public static EventClosed? WhyConfirmationClosed(CatalogEvent ev, DateTimeOffset now) =>
        IsOver(ev, now) ? new("Die Veranstaltung wurde abgesagt oder ist bereits vorbei.") : null;

    public static EventClosed? WhySessionChangeClosed(CatalogEvent ev, DateTimeOffset now) =>
        IsOver(ev, now) ? new("Die Veranstaltung wurde abgesagt oder ist bereits vorbei. Änderungen sind nicht mehr möglich.") : null;

    public static int? Free(int? capacity, int used) => capacity is { } c ? Math.Max(0, c - used) : null;

    /// <summary>An event seat is free and the person's organisation is below <c>maxPerOrganization</c>.</summary>
    public static bool EventHasSeatFor(CatalogEvent ev, SeatCounts counts, string organization)
    {
        ArgumentNullException.ThrowIfNull(ev);
        ArgumentNullException.ThrowIfNull(counts);
        return counts.EventFree(ev) is null or > 0
            && (ev.Registration?.MaxPerOrganization is not { } max || counts.OrganizationCount(Organization.Key(organization)) < max);
    }

    /// <summary>
    /// A pending person confirms (double opt-in, or at once for a verified address): a seat if the event has one for
    /// their organisation, else the waiting list, else (no waiting list) declined. The confirmation time is kept
    /// either way; it is the place in the waiting list.
    /// </summary>
    public static ConfirmDecision DecideConfirmation(CatalogEvent ev, SeatHolder person, SeatCounts counts, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(ev);
        ArgumentNullException.ThrowIfNull(person);
        if (!person.IsActive)
        {
            return new ConfirmDecision.NotActive();
        }
        if (person.Status != RegistrationStatus.Pending)
        {
            return new ConfirmDecision.Unchanged();
        }
        var confirmed = person with { ConfirmedAt = now };
        if (!EventHasSeatFor(ev, counts, person.Organization))
        {
            return ev.Registration?.Waitlist == false
                ? new ConfirmDecision.Declined(confirmed with { Status = RegistrationStatus.Declined }, NoWaitlistDetail)
                : new ConfirmDecision.Placed(confirmed with { Status = RegistrationStatus.Waitlisted }, [], new(RegistrationMailKind.Waitlisted, person.Id));
        }
        var (seated, seats) = TakeSeat(ev, confirmed, counts, now);
        return new ConfirmDecision.Placed(seated, seats, new(RegistrationMailKind.Confirmed, person.Id));
    }

    /// <summary>
    /// A person cancels: a held event seat (and organisation seat) and every booked session seat are freed, then the
    /// move-up pass runs on what is free.
    /// </summary>
    public static CancelDecision DecideCancellation(CatalogEvent ev, SeatHolder person, SeatState state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(ev);
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(state);
        if (!person.IsActive)
        {
            return new CancelDecision.NotActive();
        }
        var seats = SeatsFreedBy(person);
        var cancelled = person with { Status = RegistrationStatus.Cancelled, Sessions = [] };
        var moveUps = MoveUps(ev, state.With(cancelled, seats), now);
        return new CancelDecision.Cancelled(cancelled, seats, new(RegistrationMailKind.Cancelled, person.Id), moveUps);
    }

    /// <summary>
    /// The seats a person gives back when they leave: the event seat and the organisation seat while confirmed, a
    /// seat in each booked session. Organisation seats are counted whether or not the event has a cap, so a cap added
    /// later counts the confirmations made before it.
    /// </summary>
    public static IReadOnlyList<SeatDelta> SeatsFreedBy(SeatHolder person)
    {
        ArgumentNullException.ThrowIfNull(person);
        List<SeatDelta> seats = person.Status == RegistrationStatus.Confirmed
            ? [SeatDelta.EventSeats(-1), SeatDelta.OrganizationSeats(Organization.Key(person.Organization), -1)]
            : [];
        seats.AddRange(person.Sessions.Where(c => c.Status == SessionSeatStatus.Booked).Select(c => SeatDelta.SessionSeats(c.Id, -1)));
        return seats;
    }

    /// <summary>
    /// A person changes their sessions (already validated: choosable, no clash). Dropped sessions free their seats;
    /// kept ones stay as they are; new ones are booked if free, else the person joins that session's waiting list. A
    /// person without an event seat only records the wish. Then the move-up pass runs on what is free.
    /// </summary>
    public static SessionChangeDecision DecideSessionChange(CatalogEvent ev, SeatHolder person, IReadOnlyList<string> sessionIds, SeatState state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(ev);
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(sessionIds);
        ArgumentNullException.ThrowIfNull(state);
        if (!person.IsActive)
        {
            return new SessionChangeDecision.NotActive();
        }
        var wanted = sessionIds.Distinct(StringComparer.Ordinal).ToList();
        var seats = new SeatLedger(state.Counts);
        var kept = new List<SessionChoice>();
        foreach (var choice in person.Sessions)
        {
            if (wanted.Contains(choice.Id, StringComparer.Ordinal))
            {
                kept.Add(choice);
            }
            else if (choice.Status == SessionSeatStatus.Booked)
            {
                seats.Add(SeatDelta.SessionSeats(choice.Id, -1));
            }
        }
        var added = wanted.Where(id => kept.TrueForAll(k => k.Id != id)).Select(id => new SessionChoice(id, SessionSeatStatus.Requested, now));
        List<SessionChoice> sessions = person.Status == RegistrationStatus.Confirmed
            ? [.. kept, .. added.Select(choice => BookSession(ev, choice, seats, now))]
            : [.. kept, .. added];
        var changed = person with { Sessions = sessions };
        var moveUps = MoveUps(ev, state.With(changed, seats.Deltas), now);
        return new SessionChangeDecision.Changed(changed, seats.Deltas, moveUps);
    }

    /// <summary>
    /// The next move-up, or null when nobody can move up. First each choosable session with a free seat, in programme
    /// order: the confirmed person who has waited longest for it. Then the event's waiting list: the earliest confirmed
    /// person whose organisation is below its cap gets the seat, and the session seats nobody is waiting for (a full
    /// session puts them at the end of its waiting list).
    /// </summary>
    public static MoveUp? NextMoveUp(CatalogEvent ev, SeatState state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(ev);
        ArgumentNullException.ThrowIfNull(state);
        if (IsOver(ev, now))
        {
            return null;
        }
        foreach (var session in ev.ChoosableSessions.Where(s => state.Counts.SessionFree(s) is null or > 0))
        {
            var candidate = state.People
                .Where(p => p.Status == RegistrationStatus.Confirmed)
                .Select(p => (Person: p, Choice: p.Sessions.FirstOrDefault(c => c.Id == session.Id && c.Status == SessionSeatStatus.Waitlisted)))
                .Where(x => x.Choice is not null)
                .OrderBy(x => x.Choice!.Since)
                .Select(x => x.Person)
                .FirstOrDefault();
            if (candidate is not null)
            {
                var sessions = candidate.Sessions.Select(c => c.Id == session.Id ? c with { Status = SessionSeatStatus.Booked, Since = now } : c).ToList();
                return new MoveUp(candidate with { Sessions = sessions }, session.Id, [SeatDelta.SessionSeats(session.Id, +1)], new(RegistrationMailKind.SessionMovedUp, candidate.Id, session.Id));
            }
        }

        var next = state.People
            .Where(p => p.Status == RegistrationStatus.Waitlisted)
            .OrderBy(p => p.ConfirmedAt)
            .FirstOrDefault(p => EventHasSeatFor(ev, state.Counts, p.Organization));
        if (next is null)
        {
            return null;
        }
        var (seated, seats) = TakeSeat(ev, next, state.Counts, now);
        return new MoveUp(seated, null, seats, new(RegistrationMailKind.MovedUp, next.Id));
    }

    /// <summary>Every move-up, one after the other, until nobody can move up (or <paramref name="limit"/> is reached).</summary>
    public static IReadOnlyList<MoveUp> MoveUps(CatalogEvent ev, SeatState state, DateTimeOffset now, int limit = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(state);
        var moves = new List<MoveUp>();
        while (moves.Count < limit && NextMoveUp(ev, state, now) is { } move)
        {
            moves.Add(move);
            state = state.With(move.Person, move.Seats);
        }
        return moves;
    }

    /// <summary>An event seat (and organisation seat) for the person, and each requested session that has room; a full session puts them on its waiting list.</summary>
    private static (SeatHolder Person, IReadOnlyList<SeatDelta> Seats) TakeSeat(CatalogEvent ev, SeatHolder person, SeatCounts counts, DateTimeOffset now)
    {
        var seats = new SeatLedger(counts);
        seats.Add(SeatDelta.EventSeats(+1));
        seats.Add(SeatDelta.OrganizationSeats(Organization.Key(person.Organization), +1));
        var sessions = person.Sessions.Select(choice => BookSession(ev, choice, seats, now)).ToList();
        return (person with { Status = RegistrationStatus.Confirmed, Sessions = sessions }, seats.Deltas);
    }

    private static SessionChoice BookSession(CatalogEvent ev, SessionChoice choice, SeatLedger seats, DateTimeOffset now)
    {
        if (choice.Status == SessionSeatStatus.Booked || ev.FindSession(choice.Id) is not { } session)
        {
            return choice;
        }
        if (seats.Counts.SessionFree(session) is null or > 0)
        {
            seats.Add(SeatDelta.SessionSeats(session.Id, +1));
            return choice with { Status = SessionSeatStatus.Booked, Since = now };
        }
        return choice.Status == SessionSeatStatus.Waitlisted ? choice : choice with { Status = SessionSeatStatus.Waitlisted, Since = now };
    }

    /// <summary>Counter changes of one decision, with the counts they lead to (a later booking in the same decision sees an earlier one).</summary>
    private sealed class SeatLedger(SeatCounts counts)
    {
        private readonly List<SeatDelta> deltas = [];

        public SeatCounts Counts { get; private set; } = counts;

        public IReadOnlyList<SeatDelta> Deltas => deltas;

        public void Add(SeatDelta delta)
        {
            deltas.Add(delta);
            Counts = Counts.Apply([delta]);
        }
    }
}

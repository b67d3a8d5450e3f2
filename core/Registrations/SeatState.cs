using VirServerless.Core.Events;
using VirServerless.Core.Registrations.Mails;

namespace VirServerless.Core.Registrations;

/// <summary>
/// One person as the seat rules see them: status, organisation, chosen sessions and the confirmation time, which is
/// the place in the event's waiting list.
/// </summary>
public sealed record SeatHolder(string Id, string Organization, RegistrationStatus Status, DateTimeOffset? ConfirmedAt, IReadOnlyList<SessionChoice> Sessions)
{
    public bool IsActive => Status is RegistrationStatus.Pending or RegistrationStatus.Confirmed or RegistrationStatus.Waitlisted;

    public static SeatHolder Of(Registration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        return new(registration.Id, registration.Organization, registration.Status, registration.ConfirmedAt, registration.Sessions);
    }

    /// <summary>The registration with this holder's status, confirmation time and sessions.</summary>
    public Registration ApplyTo(Registration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        return registration with { Status = Status, ConfirmedAt = ConfirmedAt, Sessions = Sessions };
    }
}

public enum SeatPool { Event, Session, Organization }

/// <summary>A change of one seat counter: the event's, a session's (key = session id) or an organisation's (key = <see cref="Organization.Key"/>).</summary>
public sealed record SeatDelta(SeatPool Pool, string Key, int Delta)
{
    public static SeatDelta EventSeats(int delta) => new(SeatPool.Event, "", delta);

    public static SeatDelta SessionSeats(string sessionId, int delta) => new(SeatPool.Session, sessionId, delta);

    public static SeatDelta OrganizationSeats(string organizationKey, int delta) => new(SeatPool.Organization, organizationKey, delta);
}

/// <summary>
/// The seat counters of one event: confirmed seats, booked seats per session id, confirmed seats per organisation
/// key (counted with or without a <c>maxPerOrganization</c>, so a cap added later sees every confirmation).
/// </summary>
public sealed record SeatCounts(int Event, IReadOnlyDictionary<string, int> Sessions, IReadOnlyDictionary<string, int> Organizations)
{
    public static SeatCounts Empty { get; } = new(0, new Dictionary<string, int>(), new Dictionary<string, int>());

    public int Session(string sessionId) => Sessions.GetValueOrDefault(sessionId);

    public int OrganizationCount(string organizationKey) => Organizations.GetValueOrDefault(organizationKey);

    /// <summary>Free event seats, null when the event has no limit.</summary>
    public int? EventFree(CatalogEvent ev)
    {
        ArgumentNullException.ThrowIfNull(ev);
        return SeatRules.Free(ev.Registration?.Capacity, Event);
    }

    /// <summary>Free seats of a session, null when it has no limit.</summary>
    public int? SessionFree(Session session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return SeatRules.Free(session.Capacity, Session(session.Id));
    }

    /// <summary>The counters after the changes; like the stored counters, none goes below zero.</summary>
    public SeatCounts Apply(IEnumerable<SeatDelta> deltas)
    {
        ArgumentNullException.ThrowIfNull(deltas);
        var ev = Event;
        var sessions = new Dictionary<string, int>(Sessions, StringComparer.Ordinal);
        var organizations = new Dictionary<string, int>(Organizations, StringComparer.Ordinal);
        foreach (var delta in deltas)
        {
            switch (delta.Pool)
            {
                case SeatPool.Event:
                    ev = Math.Max(0, ev + delta.Delta);
                    break;
                case SeatPool.Session:
                    sessions[delta.Key] = Math.Max(0, sessions.GetValueOrDefault(delta.Key) + delta.Delta);
                    break;
                default:
                    organizations[delta.Key] = Math.Max(0, organizations.GetValueOrDefault(delta.Key) + delta.Delta);
                    break;
            }
        }
        return new(ev, sessions, organizations);
    }
}

/// <summary>Everyone registered for one event (any status, in storage order) and its seat counters.</summary>
public sealed record SeatState(IReadOnlyList<SeatHolder> People, SeatCounts Counts)
{
    /// <summary>The state after a decision about <paramref name="person"/> (replaced by id, or added) and its counter changes.</summary>
    public SeatState With(SeatHolder person, IEnumerable<SeatDelta> seats)
    {
        ArgumentNullException.ThrowIfNull(person);
        var people = People.ToList();
        var index = people.FindIndex(p => p.Id == person.Id);
        if (index >= 0)
        {
            people[index] = person;
        }
        else
        {
            people.Add(person);
        }
        return new(people, Counts.Apply(seats));
    }
}

/// <summary>
/// A mail the decision asks for; every kind but <see cref="RegistrationMailKind.Cancelled"/> carries a fresh manage
/// link. A <see cref="RegistrationMailKind.SessionMovedUp"/> mail names its session.
/// </summary>
public sealed record SeatMail(RegistrationMailKind Kind, string RegistrationId, string? SessionId = null)
{
    public bool CarriesManageLink => Kind != RegistrationMailKind.Cancelled;
}

/// <summary>Someone moves up: into the event (<paramref name="SessionId"/> null) or into one session.</summary>
public sealed record MoveUp(SeatHolder Person, string? SessionId, IReadOnlyList<SeatDelta> Seats, SeatMail Mail);

public abstract record ConfirmDecision
{
    /// <summary>Cancelled or declined meanwhile: the link no longer works.</summary>
    public sealed record NotActive : ConfirmDecision;

    /// <summary>Already confirmed or on the waiting list: a repeated confirmation changes nothing.</summary>
    public sealed record Unchanged : ConfirmDecision;

    /// <summary>No seat and no waiting list. The person is declined; no mail goes out, the answer says why.</summary>
    public sealed record Declined(SeatHolder Person, string Detail) : ConfirmDecision;

    /// <summary>Confirmed with an event seat (and the session seats that were free) or put on the waiting list.</summary>
    public sealed record Placed(SeatHolder Person, IReadOnlyList<SeatDelta> Seats, SeatMail Mail) : ConfirmDecision;
}

public abstract record CancelDecision
{
    public sealed record NotActive : CancelDecision;

    /// <summary>
    /// The person is cancelled and their seats are freed; <paramref name="MoveUps"/> are the move-ups that follow,
    /// one after the other, in the state after the cancellation.
    /// </summary>
    public sealed record Cancelled(SeatHolder Person, IReadOnlyList<SeatDelta> Seats, SeatMail Mail, IReadOnlyList<MoveUp> MoveUps) : CancelDecision;
}

public abstract record SessionChangeDecision
{
    public sealed record NotActive : SessionChangeDecision;

    /// <summary>The new session choices, the session seats taken and freed, and the move-ups that follow.</summary>
    public sealed record Changed(SeatHolder Person, IReadOnlyList<SeatDelta> Seats, IReadOnlyList<MoveUp> MoveUps) : SessionChangeDecision;
}

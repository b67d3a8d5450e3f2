using VirServerless.Core.Events;
using VirServerless.Core.Registrations;

namespace VirServerless.Core.Tests.Registrations;

/// <summary>Events and people for the seat-rule tests: one event on 5 June 2030 with two choosable workshops at the same time.</summary>
internal static class SeatWorld
{
    public static readonly DateTimeOffset Now = DateTimeOffset.Parse("2030-05-01T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    public static CatalogEvent Event(int? capacity = 2, int? maxPerOrganization = null, bool waitlist = true, int? kiCapacity = 1, int? ozgCapacity = null,
        EventStatus status = EventStatus.Published, DateTimeOffset? opens = null, DateTimeOffset? closes = null, bool withRegistration = true)
    {
        var start = DateTimeOffset.Parse("2030-06-05T07:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        return new()
        {
            Id = "plenum-test",
            Kind = EventKind.Plenum,
            Title = "Testplenum",
            Status = status,
            Start = start,
            End = start.AddHours(8),
            Registration = withRegistration
                ? new RegistrationSettings { Capacity = capacity, MaxPerOrganization = maxPerOrganization, Waitlist = waitlist, Opens = opens, Closes = closes }
                : null,
            Sessions =
            [
                new Session { Id = "impuls", Title = "Impuls", Start = start.AddMinutes(30), End = start.AddHours(1) },
                new Session { Id = "ag-ki", Title = "AG KI", Start = start.AddHours(4), End = start.AddHours(6), Choosable = true, Capacity = kiCapacity },
                new Session { Id = "ag-ozg", Title = "AG OZG", Start = start.AddHours(4), End = start.AddHours(6), Choosable = true, Capacity = ozgCapacity },
            ],
        };
    }

    public static SeatHolder Pending(string id, string organization = "Stadt Oldenburg", params string[] sessions) =>
        new(id, organization, RegistrationStatus.Pending, null, [.. sessions.Select(s => new SessionChoice(s, SessionSeatStatus.Requested, Now))]);

    public static SeatCounts Counts(int confirmed, params (string Session, int Booked)[] sessions) =>
        SeatCounts.Empty with { Event = confirmed, Sessions = sessions.ToDictionary(s => s.Session, s => s.Booked) };

    /// <summary>Confirms the people one after the other, a minute apart, applying each decision.</summary>
    public static SeatState Confirm(CatalogEvent ev, params SeatHolder[] people)
    {
        var state = new SeatState(people, SeatCounts.Empty);
        var at = Now;
        foreach (var person in people)
        {
            at = at.AddMinutes(1);
            state = SeatRules.DecideConfirmation(ev, person, state.Counts, at) switch
            {
                ConfirmDecision.Placed placed => state.With(placed.Person, placed.Seats),
                ConfirmDecision.Declined declined => state.With(declined.Person, []),
                var other => throw new InvalidOperationException($"unexpected {other}"),
            };
        }
        return state;
    }

    public static SeatHolder Person(this SeatState state, string id) => state.People.Single(p => p.Id == id);

    public static SessionSeatStatus SessionOf(this SeatHolder person, string sessionId) => person.Sessions.Single(c => c.Id == sessionId).Status;
}

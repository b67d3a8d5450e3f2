using FsCheck;
using FsCheck.Fluent;
using VirServerless.Core.Events;
using VirServerless.Core.Registrations;

namespace VirServerless.Core.Tests.Registrations;

/// <summary>
/// Random sequences of register, confirm, cancel and change-sessions (and now and then an organiser setting or
/// lifting the <c>maxPerOrganization</c> cap), applied to an in-memory event the way <see cref="RegistrationService"/>
/// applies the decisions: the decision's person and counter changes, then each move-up in turn. Every property looks
/// at each step of every sequence.
/// </summary>
public class SeatRulesPropertyTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(250);

    [Fact]
    public void NeverMoreConfirmedThanTheEventOrASessionHasSeats() => ForAllSteps(step =>
    {
        var (ev, after) = (step.Event, step.After);
        var confirmed = after.People.Count(p => p.Status == RegistrationStatus.Confirmed);
        Assert.True(ev.Registration?.Capacity is not { } capacity || confirmed <= capacity, $"{confirmed} confirmed for {ev.Registration?.Capacity} seats");
        Assert.Equal(confirmed, after.Counts.Event);
        foreach (var session in ev.ChoosableSessions)
        {
            var booked = after.People.Count(p => p.Sessions.Any(c => c.Id == session.Id && c.Status == SessionSeatStatus.Booked));
            Assert.True(session.Capacity is not { } seats || booked <= seats, $"{booked} booked in {session.Id} for {session.Capacity} seats");
            Assert.Equal(booked, after.Counts.Session(session.Id));
        }
    });

    /// <summary>Nobody gets a seat that takes their organisation over the cap, also when the cap came after earlier confirmations.</summary>
    [Fact]
    public void TheMaxPerOrganizationCapHolds() => ForAllSteps(step =>
    {
        if (step.Event.Registration?.MaxPerOrganization is not { } max)
        {
            return;
        }
        var confirmedBefore = step.Before.People.Where(p => p.Status == RegistrationStatus.Confirmed).Select(p => p.Id).ToHashSet();
        foreach (var organization in step.After.People.Where(p => p.Status == RegistrationStatus.Confirmed).GroupBy(p => Organization.Normalize(p.Organization))
                     .Where(o => o.Any(p => !confirmedBefore.Contains(p.Id))))
        {
            Assert.True(organization.Count() <= max, $"{organization.Count()} confirmed from {organization.Key}, at most {max}");
        }
    });

    [Fact]
    public void TheWaitingListMovesUpInOrderOfConfirmationTime() => ForAllSteps(step =>
    {
        var state = step.Released;
        foreach (var move in step.MoveUps)
        {
            if (move.SessionId is null)
            {
                var mover = state.People.Single(p => p.Id == move.Person.Id);
                var ahead = state.People.TakeWhile(p => p.Id != mover.Id).Where(p => p.ConfirmedAt <= mover.ConfirmedAt)
                    .Concat(state.People.Where(p => p.ConfirmedAt < mover.ConfirmedAt));
                Assert.DoesNotContain(ahead, p => p.Status == RegistrationStatus.Waitlisted && Fits(step.Event, state, p));
                var booked = move.Person.Sessions.Where(c => c.Status == SessionSeatStatus.Booked).Select(c => c.Id).ToList();
                Assert.DoesNotContain(state.People, p => p.Status == RegistrationStatus.Confirmed
                    && p.Sessions.Any(c => booked.Contains(c.Id) && c.Status == SessionSeatStatus.Waitlisted));
            }
            else
            {
                var waited = state.People.Single(p => p.Id == move.Person.Id).Sessions.Single(c => c.Id == move.SessionId).Since;
                Assert.DoesNotContain(state.People, p => p.Status == RegistrationStatus.Confirmed
                    && p.Sessions.Any(c => c.Id == move.SessionId && c.Status == SessionSeatStatus.Waitlisted && c.Since < waited));
            }
            state = state.With(move.Person, move.Seats);
        }
        Assert.DoesNotContain(step.After.People, p => p.Status == RegistrationStatus.Waitlisted && Fits(step.Event, step.After, p));
    });

    [Fact]
    public void ACancellationMovesUpExactlyTheFirstPersonWhoFits() => ForAllSteps(step =>
    {
        if (step.Operation is not Cancel || step.Before.People.Count == 0)
        {
            return;
        }
        var cancelled = step.Before.People.Single(p => p.Id == step.Subject);
        var firstWhoFits = cancelled.Status != RegistrationStatus.Confirmed
            ? null
            : step.Released.People.Where(p => p.Status == RegistrationStatus.Waitlisted)
                .OrderBy(p => p.ConfirmedAt)
                .FirstOrDefault(p => Fits(step.Event, step.Released, p));
        var movedIntoTheEvent = step.MoveUps.Where(m => m.SessionId is null).Select(m => m.Person.Id);
        Assert.Equal(firstWhoFits is null ? [] : [firstWhoFits.Id], movedIntoTheEvent);
    });

    /// <summary>A waiting person fits when an event seat is free and their organisation is below the cap, counted from the people.</summary>
    private static bool Fits(CatalogEvent ev, SeatState state, SeatHolder person)
    {
        var confirmed = state.People.Where(p => p.Status == RegistrationStatus.Confirmed).ToList();
        return (ev.Registration?.Capacity is not { } capacity || confirmed.Count < capacity)
            && (ev.Registration?.MaxPerOrganization is not { } max
                || confirmed.Count(p => Organization.Normalize(p.Organization) == Organization.Normalize(person.Organization)) < max);
    }

    private static void ForAllSteps(Action<Step> check) =>
        Check.One(Runs, Prop.ForAll(Scenarios, scenario =>
        {
            foreach (var step in scenario.Run())
            {
                check(step);
            }
        }));

    private static readonly string[] Organizations = ["Stadt Delmenhorst", "stadt  delmenhorst", "Gemeinde Hude", "GEMEINDE HUDE", "Landkreis Oldenburg"];

    private static readonly Gen<string[]> SessionChoices = Gen.SubListOf("ag-ki", "ag-ozg").Select(s => s.ToArray());

    private static readonly Gen<Operation> Operations = Gen.Frequency(
        (3, from organization in Gen.Elements(Organizations) from sessions in SessionChoices from minutes in Gen.Choose(0, 2)
            select (Operation)new Register(organization, sessions, minutes)),
        (4, from pick in Gen.Choose(0, 99) from minutes in Gen.Choose(0, 2) select (Operation)new Confirm(pick, minutes)),
        (2, from pick in Gen.Choose(0, 99) from minutes in Gen.Choose(0, 2) select (Operation)new Cancel(pick, minutes)),
        (2, from pick in Gen.Choose(0, 99) from sessions in SessionChoices from minutes in Gen.Choose(0, 2)
            select (Operation)new ChangeSessions(pick, sessions, minutes)),
        (1, from max in Gen.Elements(new int?[] { null, 1, 2 }) select (Operation)new SetCap(max)));

    private static readonly Arbitrary<Scenario> Scenarios = Arb.From(
        from capacity in Gen.Elements(new int?[] { null, 1, 2, 3, 4 })
        from max in Gen.Elements(new int?[] { null, 1, 2 })
        from waitlist in Gen.Elements(true, true, false)
        from ki in Gen.Elements(new int?[] { null, 0, 1, 2 })
        from ozg in Gen.Elements(new int?[] { 1, 2 })
        from length in Gen.Choose(5, 60)
        from operations in Gen.ArrayOf(Operations, length)
        select new Scenario(SeatWorld.Event(capacity, max, waitlist, ki, ozg), operations),
        scenario => Enumerable.Range(0, scenario.Operations.Count).Select(i => scenario with { Operations = [.. scenario.Operations.Where((_, j) => j != i)] }));

    private abstract record Operation(int Minutes);

    private sealed record Register(string Organization, string[] Sessions, int Minutes) : Operation(Minutes)
    {
        public override string ToString() => $"Register({Organization}, [{string.Join(",", Sessions)}], +{Minutes})";
    }

    private sealed record Confirm(int Pick, int Minutes) : Operation(Minutes);

    private sealed record Cancel(int Pick, int Minutes) : Operation(Minutes);

    private sealed record ChangeSessions(int Pick, string[] Sessions, int Minutes) : Operation(Minutes)
    {
        public override string ToString() => $"ChangeSessions({Pick}, [{string.Join(",", Sessions)}], +{Minutes})";
    }

    /// <summary>The organiser sets, changes or lifts the cap; a higher or lifted cap lets people move up.</summary>
    private sealed record SetCap(int? Max) : Operation(0);

    /// <summary>One operation: the state before, after the person's own decision, and after the move-ups that followed.</summary>
    private sealed record Step(CatalogEvent Event, Operation Operation, string? Subject, SeatState Before, SeatState Released, IReadOnlyList<MoveUp> MoveUps, SeatState After);

    private sealed record Scenario(CatalogEvent Event, IReadOnlyList<Operation> Operations)
    {
        public IEnumerable<Step> Run()
        {
            var state = new SeatState([], SeatCounts.Empty);
            var now = SeatWorld.Now;
            var ev = Event;
            foreach (var operation in Operations)
            {
                now = now.AddMinutes(operation.Minutes);
                if (operation is SetCap cap)
                {
                    ev = ev with { Registration = ev.Registration! with { MaxPerOrganization = cap.Max } };
                    var moves = SeatRules.MoveUps(ev, state, now);
                    var capped = moves.Aggregate(state, (s, move) => s.With(move.Person, move.Seats));
                    yield return new Step(ev, operation, null, state, state, moves, capped);
                    state = capped;
                    continue;
                }
                var before = state;
                SeatHolder? subject = operation switch
                {
                    Register => null,
                    Confirm c => Pick(state, c.Pick, RegistrationStatus.Pending),
                    Cancel c => Pick(state, c.Pick),
                    ChangeSessions c => Pick(state, c.Pick),
                    _ => null,
                };
                (SeatHolder Person, IReadOnlyList<SeatDelta> Seats, IReadOnlyList<MoveUp> MoveUps)? decided = operation switch
                {
                    Register r when SeatRules.WhyRegistrationClosed(ev, now) is null =>
                        (SeatWorld.Pending($"p{state.People.Count}", r.Organization, r.Sessions), [], []),
                    Confirm when subject is not null => SeatRules.DecideConfirmation(ev, subject, state.Counts, now) switch
                    {
                        ConfirmDecision.Placed placed => (placed.Person, placed.Seats, []),
                        ConfirmDecision.Declined declined => (declined.Person, [], []),
                        _ => null,
                    },
                    Cancel when subject is not null => SeatRules.DecideCancellation(ev, subject, state, now) switch
                    {
                        CancelDecision.Cancelled cancelled => (cancelled.Person, cancelled.Seats, cancelled.MoveUps),
                        _ => null,
                    },
                    ChangeSessions c when subject is not null => SeatRules.DecideSessionChange(ev, subject, c.Sessions, state, now) switch
                    {
                        SessionChangeDecision.Changed changed => (changed.Person, changed.Seats, changed.MoveUps),
                        _ => null,
                    },
                    _ => null,
                };
                if (decided is not { } d)
                {
                    yield return new Step(ev, operation, subject?.Id, before, before, [], before);
                    continue;
                }
                var released = state.With(d.Person, d.Seats);
                state = d.MoveUps.Aggregate(released, (s, move) => s.With(move.Person, move.Seats));
                yield return new Step(ev, operation, subject?.Id, before, released, d.MoveUps, state);
            }
        }

        /// <summary>Someone, preferably with <paramref name="status"/> (confirming mostly pending people makes waiting lists form often).</summary>
        private static SeatHolder? Pick(SeatState state, int pick, RegistrationStatus? status = null)
        {
            var people = state.People.Where(p => p.Status == status).ToList() is { Count: > 0 } preferred ? preferred : state.People;
            return people.Count == 0 ? null : people[pick % people.Count];
        }

        public override string ToString() =>
            $"capacity {Event.Registration?.Capacity}, cap {Event.Registration?.MaxPerOrganization}, waitlist {Event.Registration?.Waitlist}, "
            + $"ag-ki {Event.FindSession("ag-ki")?.Capacity}, ag-ozg {Event.FindSession("ag-ozg")?.Capacity}: {string.Join("; ", Operations)}";
    }
}

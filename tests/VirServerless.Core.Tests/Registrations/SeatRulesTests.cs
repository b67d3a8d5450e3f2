using VirServerless.Core.Events;
using VirServerless.Core.Registrations;
using VirServerless.Core.Registrations.Mails;
using static VirServerless.Core.Tests.Registrations.SeatWorld;

namespace VirServerless.Core.Tests.Registrations;

public class SeatRulesTests
{
    [Fact]
    public void AConfirmationTakesAnEventSeatAndBooksEachRequestedSessionThatHasRoom()
    {
        var ev = Event(capacity: 2, kiCapacity: 1);

        var decision = Assert.IsType<ConfirmDecision.Placed>(SeatRules.DecideConfirmation(ev, Pending("anna", "Stadt Oldenburg", "ag-ki"), Counts(1), Now));

        Assert.Equal(RegistrationStatus.Confirmed, decision.Person.Status);
        Assert.Equal(Now, decision.Person.ConfirmedAt);
        Assert.Equal(new SessionChoice("ag-ki", SessionSeatStatus.Booked, Now), decision.Person.Sessions.Single());
        Assert.Equal([SeatDelta.EventSeats(+1), OrganizationSeat("Stadt Oldenburg", +1), SeatDelta.SessionSeats("ag-ki", +1)], decision.Seats);
        Assert.Equal(new SeatMail(RegistrationMailKind.Confirmed, "anna"), decision.Mail);
    }

    [Fact]
    public void AFullSessionPutsAConfirmedPersonOnThatSessionsWaitingList()
    {
        var ev = Event(capacity: 2, kiCapacity: 1);

        var decision = Assert.IsType<ConfirmDecision.Placed>(SeatRules.DecideConfirmation(ev, Pending("bernd", "Stadt Oldenburg", "ag-ki", "ag-ozg"), Counts(1, ("ag-ki", 1)), Now));

        Assert.Equal(RegistrationStatus.Confirmed, decision.Person.Status);
        Assert.Equal(SessionSeatStatus.Waitlisted, decision.Person.SessionOf("ag-ki"));
        Assert.Equal(SessionSeatStatus.Booked, decision.Person.SessionOf("ag-ozg"));
        Assert.Equal([SeatDelta.EventSeats(+1), OrganizationSeat("Stadt Oldenburg", +1), SeatDelta.SessionSeats("ag-ozg", +1)], decision.Seats);
    }

    [Fact]
    public void WhenTheEventIsFullAConfirmationJoinsTheWaitingListAtItsConfirmationTime()
    {
        var ev = Event(capacity: 1);

        var decision = Assert.IsType<ConfirmDecision.Placed>(SeatRules.DecideConfirmation(ev, Pending("bernd", "Stadt Oldenburg", "ag-ki"), Counts(1), Now));

        Assert.Equal(RegistrationStatus.Waitlisted, decision.Person.Status);
        Assert.Equal(Now, decision.Person.ConfirmedAt);
        Assert.Equal(SessionSeatStatus.Requested, decision.Person.SessionOf("ag-ki"));
        Assert.Empty(decision.Seats);
        Assert.Equal(new SeatMail(RegistrationMailKind.Waitlisted, "bernd"), decision.Mail);
    }

    [Fact]
    public void WhenTheEventIsFullAndHasNoWaitingListTheConfirmationIsDeclinedWithoutAMail()
    {
        var ev = Event(capacity: 1, waitlist: false);

        var decision = Assert.IsType<ConfirmDecision.Declined>(SeatRules.DecideConfirmation(ev, Pending("bernd"), Counts(1), Now));

        Assert.Equal(RegistrationStatus.Declined, decision.Person.Status);
        Assert.Equal(Now, decision.Person.ConfirmedAt);
        Assert.Contains("keine Warteliste", decision.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEventWithoutCapacityAlwaysHasASeat()
    {
        var ev = Event(capacity: null, kiCapacity: null);

        var decision = Assert.IsType<ConfirmDecision.Placed>(SeatRules.DecideConfirmation(ev, Pending("anna", "Stadt Oldenburg", "ag-ki"), Counts(5000, ("ag-ki", 5000)), Now));

        Assert.Equal(RegistrationStatus.Confirmed, decision.Person.Status);
        Assert.Equal(SessionSeatStatus.Booked, decision.Person.SessionOf("ag-ki"));
    }

    [Fact]
    public void TheOrganisationCapWaitlistsTheThirdPersonOfOneCityHoweverItIsSpelt()
    {
        var ev = Event(capacity: 10, maxPerOrganization: 2);

        var state = Confirm(ev, Pending("anna", "Stadt Delmenhorst"), Pending("bernd", "stadt  delmenhorst"), Pending("carla", " STADT DELMENHORST"), Pending("dora", "Landkreis Osterholz"));

        Assert.Equal(
            [RegistrationStatus.Confirmed, RegistrationStatus.Confirmed, RegistrationStatus.Waitlisted, RegistrationStatus.Confirmed],
            state.People.Select(p => p.Status));
        Assert.Equal(2, state.Counts.OrganizationCount(Organization.Key("Stadt Delmenhorst")));
        Assert.Equal(3, state.Counts.Event);
    }

    [Fact]
    public void ACapAddedLaterCountsTheConfirmationsMadeBeforeIt()
    {
        var withoutCap = Confirm(Event(capacity: 10), Pending("anna", "Stadt Delmenhorst"), Pending("bernd", "stadt delmenhorst"));

        var decision = Assert.IsType<ConfirmDecision.Placed>(
            SeatRules.DecideConfirmation(Event(capacity: 10, maxPerOrganization: 2), Pending("carla", "Stadt Delmenhorst"), withoutCap.Counts, Now));

        Assert.Equal(2, withoutCap.Counts.OrganizationCount(Organization.Key("Stadt Delmenhorst")));
        Assert.Equal(RegistrationStatus.Waitlisted, decision.Person.Status);
    }

    [Theory]
    [InlineData(RegistrationStatus.Confirmed, typeof(ConfirmDecision.Unchanged))]
    [InlineData(RegistrationStatus.Waitlisted, typeof(ConfirmDecision.Unchanged))]
    [InlineData(RegistrationStatus.Cancelled, typeof(ConfirmDecision.NotActive))]
    [InlineData(RegistrationStatus.Declined, typeof(ConfirmDecision.NotActive))]
    public void OnlyAPendingRegistrationCanBeConfirmed(RegistrationStatus status, Type expected)
    {
        var decision = SeatRules.DecideConfirmation(Event(), Pending("anna") with { Status = status }, SeatCounts.Empty, Now);

        Assert.IsType(expected, decision);
    }

    [Fact]
    public void RegistrationIsOpenBetweenOpeningAndClosing()
    {
        var ev = Event(opens: Now.AddDays(-1), closes: Now.AddDays(1));

        Assert.Null(SeatRules.WhyRegistrationClosed(ev, Now));
        Assert.Contains("ab ", SeatRules.WhyRegistrationClosed(ev, Now.AddDays(-2))!.Detail, StringComparison.Ordinal);
        Assert.Contains("abgelaufen", SeatRules.WhyRegistrationClosed(ev, Now.AddDays(2))!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutAClosingTimeRegistrationClosesAtTheStart()
    {
        var ev = Event();

        Assert.Null(SeatRules.WhyRegistrationClosed(ev, ev.Start));
        Assert.NotNull(SeatRules.WhyRegistrationClosed(ev, ev.Start.AddTicks(1)));
    }

    [Fact]
    public void ACancelledEventOrOneWithoutRegistrationTakesNoRegistrations()
    {
        Assert.Contains("abgesagt", SeatRules.WhyRegistrationClosed(Event(status: EventStatus.Cancelled), Now)!.Detail, StringComparison.Ordinal);
        Assert.Contains("keine Anmeldung", SeatRules.WhyRegistrationClosed(Event(withRegistration: false), Now)!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void ConfirmingStaysPossibleAfterRegistrationClosedUntilTheEventIsOver()
    {
        var ev = Event(closes: Now);

        Assert.NotNull(SeatRules.WhyRegistrationClosed(ev, Now.AddDays(1)));
        Assert.Null(SeatRules.WhyConfirmationClosed(ev, Now.AddDays(1)));
        Assert.NotNull(SeatRules.WhyConfirmationClosed(ev, ev.End.AddTicks(1)));
        Assert.NotNull(SeatRules.WhyConfirmationClosed(Event(status: EventStatus.Cancelled), Now));
        Assert.NotNull(SeatRules.WhySessionChangeClosed(ev, ev.End.AddTicks(1)));
    }

    [Fact]
    public void ACancellationFreesTheEventOrganisationAndSessionSeats()
    {
        var ev = Event(capacity: 5, maxPerOrganization: 2);
        var state = Confirm(ev, Pending("anna", "Stadt Oldenburg", "ag-ki", "ag-ozg"));

        var decision = Assert.IsType<CancelDecision.Cancelled>(SeatRules.DecideCancellation(ev, state.Person("anna"), state, Now));

        Assert.Equal(RegistrationStatus.Cancelled, decision.Person.Status);
        Assert.Empty(decision.Person.Sessions);
        Assert.Equal(
            [SeatDelta.EventSeats(-1), OrganizationSeat("Stadt Oldenburg", -1), SeatDelta.SessionSeats("ag-ki", -1), SeatDelta.SessionSeats("ag-ozg", -1)],
            decision.Seats);
        Assert.Equal(new SeatMail(RegistrationMailKind.Cancelled, "anna"), decision.Mail);
        Assert.False(decision.Mail.CarriesManageLink);
        Assert.Empty(decision.MoveUps);
    }

    [Fact]
    public void ACancellationMovesUpTheEarliestConfirmedPersonOnTheWaitingList()
    {
        var ev = Event(capacity: 1);
        var state = Confirm(ev, Pending("anna"), Pending("bernd", "Gemeinde Wardenburg", "ag-ki"), Pending("carla"));

        var decision = Assert.IsType<CancelDecision.Cancelled>(SeatRules.DecideCancellation(ev, state.Person("anna"), state, Now));

        var move = Assert.Single(decision.MoveUps);
        Assert.Equal("bernd", move.Person.Id);
        Assert.Null(move.SessionId);
        Assert.Equal(RegistrationStatus.Confirmed, move.Person.Status);
        Assert.Equal(SessionSeatStatus.Booked, move.Person.SessionOf("ag-ki"));
        Assert.Equal([SeatDelta.EventSeats(+1), OrganizationSeat("Gemeinde Wardenburg", +1), SeatDelta.SessionSeats("ag-ki", +1)], move.Seats);
        Assert.Equal(new SeatMail(RegistrationMailKind.MovedUp, "bernd"), move.Mail);
    }

    [Fact]
    public void TheWaitingListOrderIsTheConfirmationTimeNotTheOrderOfTheList()
    {
        var ev = Event(capacity: 1);
        var anna = Pending("anna") with { Status = RegistrationStatus.Confirmed, ConfirmedAt = Now };
        var late = Pending("late") with { Status = RegistrationStatus.Waitlisted, ConfirmedAt = Now.AddHours(2) };
        var early = Pending("early") with { Status = RegistrationStatus.Waitlisted, ConfirmedAt = Now.AddHours(1) };
        var state = new SeatState([anna, late, early], Counts(1));

        var decision = Assert.IsType<CancelDecision.Cancelled>(SeatRules.DecideCancellation(ev, anna, state, Now));

        Assert.Equal("early", Assert.Single(decision.MoveUps).Person.Id);
    }

    [Fact]
    public void ACancellationSkipsWaitingPeopleWhoseOrganisationIsAtItsCap()
    {
        var ev = Event(capacity: 3, maxPerOrganization: 2);
        var state = Confirm(ev, Pending("anna", "Stadt Delmenhorst"), Pending("bernd", "Stadt Delmenhorst"), Pending("dora", "Gemeinde Hude"),
            Pending("carla", "Stadt Delmenhorst"), Pending("emil", "Gemeinde Hude"));

        var decision = Assert.IsType<CancelDecision.Cancelled>(SeatRules.DecideCancellation(ev, state.Person("dora"), state, Now));

        Assert.Equal(RegistrationStatus.Waitlisted, state.Person("carla").Status);
        Assert.Equal("emil", Assert.Single(decision.MoveUps).Person.Id);
    }

    [Fact]
    public void CancellingAWaitlistedPersonFreesNoSeat()
    {
        var ev = Event(capacity: 1);
        var state = Confirm(ev, Pending("anna"), Pending("bernd", "Stadt Oldenburg", "ag-ki"));

        var decision = Assert.IsType<CancelDecision.Cancelled>(SeatRules.DecideCancellation(ev, state.Person("bernd"), state, Now));

        Assert.Empty(decision.Seats);
        Assert.Empty(decision.MoveUps);
    }

    [Fact]
    public void AFreedSessionSeatGoesToTheConfirmedPersonWhoWaitedLongestForIt()
    {
        var ev = Event(capacity: 5, kiCapacity: 1);
        var state = Confirm(ev, Pending("anna", "A", "ag-ki"), Pending("bernd", "B", "ag-ki"), Pending("carla", "C", "ag-ki"));

        var decision = Assert.IsType<CancelDecision.Cancelled>(SeatRules.DecideCancellation(ev, state.Person("anna"), state, Now));

        var move = Assert.Single(decision.MoveUps);
        Assert.Equal(("bernd", "ag-ki"), (move.Person.Id, move.SessionId));
        Assert.Equal(SessionSeatStatus.Booked, move.Person.SessionOf("ag-ki"));
        Assert.Equal([SeatDelta.SessionSeats("ag-ki", +1)], move.Seats);
        Assert.Equal(new SeatMail(RegistrationMailKind.SessionMovedUp, "bernd", "ag-ki"), move.Mail);
    }

    [Fact]
    public void AFreedSessionSeatGoesToThatSessionsWaitingListBeforeAPersonMovingUpIntoTheEvent()
    {
        var ev = Event(capacity: 2, kiCapacity: 1);
        var state = Confirm(ev, Pending("anna", "A", "ag-ki"), Pending("bernd", "B", "ag-ki"), Pending("carla", "C", "ag-ki"));

        var decision = Assert.IsType<CancelDecision.Cancelled>(SeatRules.DecideCancellation(ev, state.Person("anna"), state, Now));

        Assert.Equal(SessionSeatStatus.Waitlisted, state.Person("bernd").SessionOf("ag-ki"));
        Assert.Equal([("bernd", "ag-ki"), ("carla", null)], decision.MoveUps.Select(m => (m.Person.Id, m.SessionId)));
        Assert.Equal(SessionSeatStatus.Waitlisted, decision.MoveUps[1].Person.SessionOf("ag-ki"));
    }

    [Fact]
    public void APersonMovesUpIntoTheEventEvenWhenTheirSessionsAreFull()
    {
        var ev = Event(capacity: 2, kiCapacity: 1);
        var state = Confirm(ev, Pending("anna", "A"), Pending("bernd", "B", "ag-ki"), Pending("carla", "C", "ag-ki"));

        var decision = Assert.IsType<CancelDecision.Cancelled>(SeatRules.DecideCancellation(ev, state.Person("anna"), state, Now));

        var move = Assert.Single(decision.MoveUps);
        Assert.Equal("carla", move.Person.Id);
        Assert.Equal(SessionSeatStatus.Waitlisted, move.Person.SessionOf("ag-ki"));
    }

    [Fact]
    public void NobodyMovesUpOnceTheEventIsOverOrCancelled()
    {
        var ev = Event(capacity: 1);
        var state = Confirm(ev, Pending("anna"), Pending("bernd"));

        var afterEnd = Assert.IsType<CancelDecision.Cancelled>(SeatRules.DecideCancellation(ev, state.Person("anna"), state, ev.End.AddMinutes(1)));
        var cancelledEvent = Assert.IsType<CancelDecision.Cancelled>(SeatRules.DecideCancellation(ev with { Status = EventStatus.Cancelled }, state.Person("anna"), state, Now));

        Assert.Empty(afterEnd.MoveUps);
        Assert.Empty(cancelledEvent.MoveUps);
    }

    [Fact]
    public void ARaisedCapacityMovesUpAsManyAsFitInWaitingListOrder()
    {
        var state = Confirm(Event(capacity: 1), Pending("anna"), Pending("bernd"), Pending("carla"), Pending("dora"));

        var moves = SeatRules.MoveUps(Event(capacity: 3), state, Now);

        Assert.Equal(["bernd", "carla"], moves.Select(m => m.Person.Id));
    }

    [Fact]
    public void DroppingABookedSessionFreesItsSeatAndItsWaitingListMovesUp()
    {
        var ev = Event(capacity: 5, kiCapacity: 1);
        var state = Confirm(ev, Pending("anna", "A", "ag-ki"), Pending("bernd", "B", "ag-ki"));

        var decision = Assert.IsType<SessionChangeDecision.Changed>(SeatRules.DecideSessionChange(ev, state.Person("anna"), ["ag-ozg"], state, Now));

        Assert.Equal(new SessionChoice("ag-ozg", SessionSeatStatus.Booked, Now), decision.Person.Sessions.Single());
        Assert.Equal([SeatDelta.SessionSeats("ag-ki", -1), SeatDelta.SessionSeats("ag-ozg", +1)], decision.Seats);
        var move = Assert.Single(decision.MoveUps);
        Assert.Equal(("bernd", "ag-ki"), (move.Person.Id, move.SessionId));
    }

    [Fact]
    public void AddingAFullSessionPutsAConfirmedPersonOnItsWaitingListInsteadOfRefusing()
    {
        var ev = Event(capacity: 5, kiCapacity: 1);
        var state = Confirm(ev, Pending("anna", "A", "ag-ki"), Pending("bernd", "B"));

        var decision = Assert.IsType<SessionChangeDecision.Changed>(SeatRules.DecideSessionChange(ev, state.Person("bernd"), ["ag-ki"], state, Now));

        Assert.Equal(new SessionChoice("ag-ki", SessionSeatStatus.Waitlisted, Now), decision.Person.Sessions.Single());
        Assert.Empty(decision.Seats);
    }

    [Fact]
    public void KeptSessionsKeepTheirStatusAndTheirTime()
    {
        var ev = Event(capacity: 5, kiCapacity: 1);
        var state = Confirm(ev, Pending("anna", "A", "ag-ki"));
        var before = state.Person("anna").Sessions.Single();

        var decision = Assert.IsType<SessionChangeDecision.Changed>(SeatRules.DecideSessionChange(ev, state.Person("anna"), ["ag-ki", "ag-ki"], state, Now.AddDays(1)));

        Assert.Equal(before, decision.Person.Sessions.Single());
        Assert.Empty(decision.Seats);
    }

    [Fact]
    public void WithoutAnEventSeatAChangeOnlyRecordsTheWish()
    {
        var ev = Event(capacity: 1);
        var state = Confirm(ev, Pending("anna"), Pending("bernd", "B", "ag-ki"));

        var decision = Assert.IsType<SessionChangeDecision.Changed>(SeatRules.DecideSessionChange(ev, state.Person("bernd"), ["ag-ozg"], state, Now));

        Assert.Equal(new SessionChoice("ag-ozg", SessionSeatStatus.Requested, Now), decision.Person.Sessions.Single());
        Assert.Empty(decision.Seats);
    }

    [Fact]
    public void CancelledPeopleCanNeitherCancelNorChangeSessions()
    {
        var gone = Pending("anna") with { Status = RegistrationStatus.Cancelled };
        var state = new SeatState([gone], SeatCounts.Empty);

        Assert.IsType<CancelDecision.NotActive>(SeatRules.DecideCancellation(Event(), gone, state, Now));
        Assert.IsType<SessionChangeDecision.NotActive>(SeatRules.DecideSessionChange(Event(), gone, ["ag-ki"], state, Now));
    }

    [Fact]
    public void FreeSeatsAreTheCapacityLessTheTakenSeatsAndNullWithoutALimit()
    {
        var ev = Event(capacity: 3, kiCapacity: 1, ozgCapacity: null);
        var counts = Counts(4, ("ag-ki", 0), ("ag-ozg", 9));

        Assert.Equal(0, counts.EventFree(ev));
        Assert.Equal(1, counts.SessionFree(ev.FindSession("ag-ki")!));
        Assert.Null(counts.SessionFree(ev.FindSession("ag-ozg")!));
        Assert.Null(counts.EventFree(Event(capacity: null)));
    }

    [Fact]
    public void CountersNeverGoBelowZero()
    {
        var counts = SeatCounts.Empty.Apply([SeatDelta.EventSeats(-1), SeatDelta.SessionSeats("ag-ki", -2), SeatDelta.OrganizationSeats("x", -1)]);

        Assert.Equal((0, 0, 0), (counts.Event, counts.Session("ag-ki"), counts.OrganizationCount("x")));
    }

    private static SeatDelta OrganizationSeat(string organization, int delta) => SeatDelta.OrganizationSeats(Organization.Key(organization), delta);
}

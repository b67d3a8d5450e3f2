using VirServerless.Core.Registrations;
using VirServerless.Core.Registrations.Mails;
using static VirServerless.Core.Tests.Registrations.SeatWorld;

namespace VirServerless.Core.Tests.Registrations;

public class OrganiserMoveUpTests
{
    [Fact]
    public void AnOrganiserMovesUpAnyWaitingPersonWhenASeatIsFree()
    {
        var state = Confirm(Event(capacity: 1), Pending("anna"), Pending("bernd"), Pending("carla", "Stadt Oldenburg", "ag-ki"));

        var move = OrganiserMoveUp.Decide(Event(capacity: 2), state.Person("carla"), state.Counts, Now);

        Assert.NotNull(move);
        Assert.Equal(RegistrationStatus.Confirmed, move.Person.Status);
        Assert.Equal(SessionSeatStatus.Booked, move.Person.SessionOf("ag-ki"));
        Assert.Contains(SeatDelta.EventSeats(+1), move.Seats);
        Assert.Contains(SeatDelta.SessionSeats("ag-ki", +1), move.Seats);
        Assert.Equal(new SeatMail(RegistrationMailKind.MovedUp, "carla"), move.Mail);
    }

    [Fact]
    public void NobodyMovesUpByHandWhileTheEventIsFull()
    {
        var state = Confirm(Event(capacity: 1), Pending("anna"), Pending("bernd"));

        Assert.Null(OrganiserMoveUp.Decide(Event(capacity: 1), state.Person("bernd"), state.Counts, Now));
    }

    [Fact]
    public void AFreeSeatDoesNotGoToAnOrganisationAtItsLimit()
    {
        var ev = Event(capacity: 3, maxPerOrganization: 1);
        var state = Confirm(ev, Pending("anna", "Stadt Oldenburg"), Pending("bernd", "Stadt Oldenburg"));

        Assert.Equal(RegistrationStatus.Waitlisted, state.Person("bernd").Status);
        Assert.Null(OrganiserMoveUp.Decide(ev, state.Person("bernd"), state.Counts, Now));
    }

    [Fact]
    public void OnlyAWaitingPersonCanBeMovedUp()
    {
        var state = Confirm(Event(capacity: 1), Pending("anna"));

        Assert.Null(OrganiserMoveUp.Decide(Event(capacity: 5), state.Person("anna"), state.Counts, Now));
        Assert.Null(OrganiserMoveUp.Decide(Event(capacity: 5), Pending("bernd"), state.Counts, Now));
    }
}

using VirServerless.Core.Events;
using VirServerless.Core.Events.Changes;

namespace VirServerless.Core.Tests.Events;

public class EventChangesTests
{
    private static readonly CatalogEvent Original = new()
    {
        Id = "plenum-2030",
        Kind = EventKind.Plenum,
        Title = "Plenum",
        Status = EventStatus.Published,
        Start = DateTimeOffset.Parse("2030-06-05T09:00:00+02:00"),
        End = DateTimeOffset.Parse("2030-06-05T17:00:00+02:00"),
        Venue = new Venue { Name = "Rathaus", Street = "Markt 1", PostalCode = "26122", City = "Oldenburg" },
        Description = "Alt",
        Sessions =
        [
            new Session { Id = "impuls", Title = "Impuls", Start = DateTimeOffset.Parse("2030-06-05T09:30:00+02:00"), End = DateTimeOffset.Parse("2030-06-05T10:30:00+02:00"), Room = "Saal" },
            new Session { Id = "ag-ki", Title = "AG KI", Start = DateTimeOffset.Parse("2030-06-05T13:00:00+02:00"), End = DateTimeOffset.Parse("2030-06-05T15:00:00+02:00"), Room = "Raum 1", Choosable = true },
            new Session { Id = "ag-ozg", Title = "AG OZG", Start = DateTimeOffset.Parse("2030-06-05T13:00:00+02:00"), End = DateTimeOffset.Parse("2030-06-05T15:00:00+02:00"), Room = "Raum 2", Choosable = true },
        ],
    };

    private static CatalogEvent WithSession(string id, Func<Session, Session> change) =>
        Original with { Sessions = [.. Original.Programme.Select(s => s.Id == id ? change(s) : s)] };

    [Fact]
    public void TextEditsAreNoChange()
    {
        var set = EventChanges.Compare(Original, Original with { Description = "Neu", Title = "Plenum 2030", Venue = Original.Venue! with { Directions = "Bus 1" } });

        Assert.True(set.IsEmpty);
    }

    [Fact]
    public void ARoomChangeOfAChoosableSessionConcernsOnlyItsPeople()
    {
        var set = EventChanges.Compare(Original, WithSession("ag-ki", s => s with { Room = "Raum 3" }));

        var change = Assert.Single(set.Changes);
        Assert.Equal(ChangeKind.Room, change.Kind);
        Assert.Contains("Raum 3", change.Description, StringComparison.Ordinal);
        Assert.False(set.ConcernsEveryone);
        Assert.True(EventChanges.Concerns(set, ["ag-ki"]));
        Assert.False(EventChanges.Concerns(set, ["ag-ozg"]));
        Assert.False(EventChanges.Concerns(set, []));
    }

    [Fact]
    public void AChangeOfASessionEveryoneAttendsConcernsEveryone()
    {
        var set = EventChanges.Compare(Original, WithSession("impuls", s => s with { Start = s.Start.AddMinutes(30), End = s.End.AddMinutes(30) }));

        Assert.Equal(ChangeKind.Time, Assert.Single(set.Changes).Kind);
        Assert.True(EventChanges.Concerns(set, []));
    }

    [Fact]
    public void ANewEventTimeConcernsEveryone()
    {
        var set = EventChanges.Compare(Original, Original with { Start = Original.Start.AddDays(1), End = Original.End.AddDays(1) });

        var change = Assert.Single(set.Changes);
        Assert.Equal(ChangeKind.Time, change.Kind);
        Assert.Contains("Donnerstag, 6. Juni 2030", change.Description, StringComparison.Ordinal);
        Assert.True(set.ConcernsEveryone);
    }

    [Fact]
    public void ANewVenueAddressIsAChangeButExtraSpacesAreNot()
    {
        var moved = EventChanges.Compare(Original, Original with { Venue = Original.Venue! with { Street = "Markt 2" } });
        var spaced = EventChanges.Compare(Original, Original with { Venue = Original.Venue! with { Name = " Rathaus " } });

        Assert.Equal(ChangeKind.Venue, Assert.Single(moved.Changes).Kind);
        Assert.True(spaced.IsEmpty);
    }

    [Fact]
    public void CancellingIsOneChangeForEveryoneAndOnlyOnce()
    {
        var cancelled = Original with { Status = EventStatus.Cancelled, Start = Original.Start.AddDays(1), End = Original.End.AddDays(1) };

        var first = EventChanges.Compare(Original, cancelled);
        var again = EventChanges.Compare(cancelled, cancelled with { Description = "Abgesagt wegen Sturm" });

        Assert.True(first.IsCancellation);
        Assert.Equal(ChangeKind.Cancelled, Assert.Single(first.Changes).Kind);
        Assert.True(first.ConcernsEveryone);
        Assert.True(again.IsEmpty);
    }

    [Fact]
    public void ARemovedSessionConcernsItsPeopleAndEachPersonReadsOnlyTheirChanges()
    {
        var changed = Original with { Sessions = [Original.Programme[0], Original.Programme[2] with { Room = "Aula" }] };

        var set = EventChanges.Compare(Original, changed);
        var forKi = EventChanges.For(set, Original, ["ag-ki"]);

        Assert.Equal(2, set.Changes.Count);
        Assert.Equal(ChangeKind.SessionRemoved, Assert.Single(forKi).Kind);
        Assert.Equal(ChangeKind.Room, Assert.Single(EventChanges.For(set, Original, ["ag-ozg"])).Kind);
    }
}

using VirServerless.Core.Events;
using VirServerless.Core.Registrations;

namespace VirServerless.Core.Tests.Registrations;

public class AttendanceListTests
{
    private static readonly DateTimeOffset Day1 = new(2030, 6, 5, 9, 0, 0, TimeSpan.FromHours(2));

    private static readonly CatalogEvent TwoDays = new()
    {
        Id = "zwei-tage",
        Kind = EventKind.Conference,
        Title = "Zwei Tage",
        Start = Day1,
        End = Day1.AddDays(1).AddHours(7),
        Sessions =
        [
            new Session { Id = "ag-ki", Title = "AG KI", Start = Day1.AddHours(4), End = Day1.AddHours(6), Choosable = true },
            new Session { Id = "ag-ozg", Title = "AG OZG", Start = Day1.AddHours(1), End = Day1.AddHours(2), Choosable = true },
            new Session { Id = "exkursion", Title = "Exkursion", Start = Day1.AddDays(1).AddHours(1), End = Day1.AddDays(1).AddHours(3), Choosable = true },
        ],
    };

    [Fact]
    public void NamesSortByLastNameThenFirstNameInGermanOrder()
    {
        string[] lastNames = ["Zander", "Özdemir", "otto", "Müller", "Mueller", "Ahrens", "Ärmel"];
        var registrations = lastNames.Select((last, i) => Confirmed($"r{i}", "Anna", last)).Append(Confirmed("r9", "Ben", "Ahrens")).ToList();

        var list = AttendanceList.For(TwoDays, new DateOnly(2030, 6, 5), registrations);

        Assert.Equal(["Ahrens Anna", "Ahrens Ben", "Ärmel Anna", "Mueller Anna", "Müller Anna", "otto Anna", "Özdemir Anna", "Zander Anna"],
            list.People.Select(p => $"{p.LastName} {p.FirstName}"));
    }

    [Fact]
    public void OnlyConfirmedPeopleAreListedAndOnEveryDay()
    {
        var registrations = new[]
        {
            Confirmed("r1", "Anna", "Muster"),
            Confirmed("r2", "Bernd", "Muster") with { Status = RegistrationStatus.Waitlisted },
            Confirmed("r3", "Carla", "Muster") with { Status = RegistrationStatus.Pending },
            Confirmed("r4", "Dora", "Muster") with { Status = RegistrationStatus.Cancelled },
        };

        foreach (var day in AttendanceList.Days(TwoDays))
        {
            Assert.Equal(["r1"], AttendanceList.For(TwoDays, day, registrations).People.Select(p => p.RegistrationId));
        }
    }

    [Fact]
    public void EachDayShowsTheChosenSessionsThatStartOnItInTheirOrder()
    {
        var anna = Confirmed("r1", "Anna", "Muster") with
        {
            Sessions = [Choice("ag-ki", SessionSeatStatus.Booked), Choice("exkursion", SessionSeatStatus.Waitlisted), Choice("ag-ozg", SessionSeatStatus.Booked), Choice("entfernt", SessionSeatStatus.Booked)],
        };

        var first = AttendanceList.For(TwoDays, new DateOnly(2030, 6, 5), [anna]).People.Single();
        var second = AttendanceList.For(TwoDays, new DateOnly(2030, 6, 6), [anna]).People.Single();

        Assert.Equal(["ag-ozg", "ag-ki"], first.Sessions.Select(s => s.Session.Id));
        Assert.Equal([("exkursion", SessionSeatStatus.Waitlisted)], second.Sessions.Select(s => (s.Session.Id, s.Status)));
    }

    [Fact]
    public void TheDaysAreTheBerlinCalendarDaysOfTheEvent()
    {
        var lateNight = TwoDays with { Start = new DateTimeOffset(2030, 6, 4, 23, 30, 0, TimeSpan.Zero), End = new DateTimeOffset(2030, 6, 6, 22, 0, 0, TimeSpan.Zero) };
        var untilMidnight = TwoDays with { End = new DateTimeOffset(2030, 6, 7, 0, 0, 0, TimeSpan.FromHours(2)) };

        Assert.Equal([new DateOnly(2030, 6, 5), new DateOnly(2030, 6, 6)], AttendanceList.Days(TwoDays));
        Assert.Equal([new DateOnly(2030, 6, 5), new DateOnly(2030, 6, 6)], AttendanceList.Days(lateNight));
        Assert.Equal([new DateOnly(2030, 6, 5), new DateOnly(2030, 6, 6)], AttendanceList.Days(untilMidnight));
        Assert.Equal([new DateOnly(2030, 6, 5)], AttendanceList.Days(TwoDays with { End = Day1.AddHours(8) }));
    }

    private static SessionChoice Choice(string id, SessionSeatStatus status) => new(id, status, Day1.AddDays(-30));

    private static Registration Confirmed(string id, string firstName, string lastName) => new()
    {
        Id = id,
        EventId = TwoDays.Id,
        Status = RegistrationStatus.Confirmed,
        FirstName = firstName,
        LastName = lastName,
        Email = $"{id}@kommune.example",
        Organization = "Stadt Oldenburg",
        ConsentVersion = ConsentText.CurrentVersion,
        ConsentGivenAt = Day1.AddDays(-30),
        CreatedAt = Day1.AddDays(-30),
        ConfirmedAt = Day1.AddDays(-29),
    };
}

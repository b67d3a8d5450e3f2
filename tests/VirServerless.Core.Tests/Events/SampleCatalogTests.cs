using System.Globalization;
using VirServerless.Core.Events;

namespace VirServerless.Core.Tests.Events;

public class SampleCatalogTests
{
    private static readonly DateTimeOffset Today = At("2026-11-22T12:00:00+01:00");

    private static readonly IReadOnlyList<CatalogEvent> Samples = SampleCatalog.Load(SampleCatalog.FindDirectory());

    private static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);

    private static CatalogEvent Sample(string id) => Assert.Single(Samples, e => e.Id == id);

    [Fact]
    public void LoadsEverySampleOrderedByStart()
    {
        var ids = Samples.Select(e => e.Id);

        Assert.Equal(
            ["plenum-2015", "abschluss-modellkommunen-2016", "plenum-2017", "marktplatz-2018", "plenum-2024", "marktplatz-2027", "plenum-2027"],
            ids);
    }

    [Fact]
    public void EverySampleIsValidAndPublished()
    {
        var problems = Samples.Select(e => (e.Id, Errors: EventValidator.Validate(e))).Where(r => r.Errors.Count > 0);

        Assert.Empty(problems);
        Assert.All(Samples, e => Assert.Equal(EventStatus.Published, e.Status));
    }

    [Fact]
    public void PastEventsAcceptNoRegistrations()
    {
        var past = Samples.Where(e => e.End < Today).ToList();

        Assert.Equal(5, past.Count);
        Assert.All(past, e => Assert.True(e.Registration is null || e.Registration.Closes < Today, e.Id));
    }

    [Theory]
    [InlineData("plenum-2027")]
    [InlineData("marktplatz-2027")]
    public void FutureEventsAreOpenForRegistrationToday(string id)
    {
        var ev = Sample(id);

        Assert.True(ev.Start > Today);
        Assert.True(ev.Registration!.Opens <= Today && Today < ev.Registration.Closes);
        Assert.Equal(["P7D", "P1D"], ev.Reminders);
        Assert.Equal(30, ev.RetentionDays);
        Assert.Equal("Geschäftsstelle ViR-Nordwest", ev.Contact!.Name);
        Assert.True(ev.Faq!.Count >= 5);
    }

    [Fact]
    public void Plenum2027OffersThreeChoosableWorkshopsWithCapacities()
    {
        var ev = Sample("plenum-2027");

        var workshops = ev.ChoosableSessions.Where(s => s.Kind == SessionKind.Workshop).ToList();

        Assert.Equal([25, 25, 20], workshops.Select(s => s.Capacity));
        Assert.Contains(workshops, s => s.Title.Contains("Künstliche Intelligenz", StringComparison.Ordinal));
        Assert.Single(workshops.Select(s => (s.Start, s.End)).Distinct());
    }

    [Fact]
    public void Plenum2027MatchesTheContract()
    {
        var ev = Sample("plenum-2027");

        Assert.Equal(At("2027-06-09T15:30:00+02:00"), ev.Start);
        Assert.Equal(At("2027-06-10T15:00:00+02:00"), ev.End);
        Assert.Equal(120, ev.Registration!.Capacity);
        Assert.True(ev.Registration.Waitlist);
        Assert.Equal("kostenlos", ev.Registration.Fee);
        Assert.Null(ev.Registration.MaxPerOrganization);
        Assert.Equal(At("2026-11-01T00:00:00+01:00"), ev.Registration.Opens);
        Assert.Equal(new DateOnly(2027, 5, 26), DateOnly.FromDateTime(ev.Registration.Closes!.Value.DateTime));
        var hafenbus = ev.FindSession("hafenbus")!;
        Assert.Equal((SessionKind.Excursion, true, 45), (hafenbus.Kind, hafenbus.Choosable, hafenbus.Capacity));
        Assert.Contains(ev.ChoosableSessions, s => s.Kind == SessionKind.Meal);
        Assert.Contains(ev.Programme, s => s.Kind == SessionKind.Break);
        Assert.Contains(ev.Programme, s => s.Kind == SessionKind.Panel && s.End == ev.End);
        Assert.Equal(["themenblock-e-akte", "themenblock-e-rechnung", "themenblock-ozg"], ev.Programme.Where(s => s.Id.StartsWith("themenblock-", StringComparison.Ordinal)).Select(s => s.Id));
        Assert.NotNull(ev.Venue!.Directions);
        Assert.NotNull(ev.Venue.Accessibility);
    }

    [Fact]
    public void Marktplatz2027HasStations()
    {
        var ev = Sample("marktplatz-2027");

        Assert.Equal(EventKind.Marktplatz, ev.Kind);
        Assert.True(ev.Programme.Count(s => s.Kind == SessionKind.Station) >= 6);
        Assert.Equal(ev.Start.Date, ev.End.Date);
    }

    [Fact]
    public void Plenum2015MatchesTheSeedArticle()
    {
        var ev = Sample("plenum-2015");

        Assert.Equal(new DateOnly(2015, 1, 29), DateOnly.FromDateTime(ev.Start.DateTime));
        Assert.Equal(ev.Start.Date, ev.End.Date);
        Assert.Equal(("Weser Tower", "Bremen"), (ev.Venue!.Name, ev.Venue.City));
        Assert.Equal(
            ["Elektronische Vergabeverfahren", "Langzeitarchivierung", "Service Center/115", "Elektronische Rechnung", "Neuer Personalausweis", "IT-Sicherheit"],
            ev.Topics);
        Assert.Contains(ev.Programme, s => s.Speakers?.Any(p => p.StartsWith("Henning Lühr", StringComparison.Ordinal)) == true);
    }

    [Fact]
    public void Abschluss2016MatchesTheSeedArticle()
    {
        var ev = Sample("abschluss-modellkommunen-2016");

        Assert.Equal(new DateOnly(2016, 9, 22), DateOnly.FromDateTime(ev.Start.DateTime));
        Assert.Equal(("Presse- und Besucherzentrum des Bundespresseamts", "Berlin"), (ev.Venue!.Name, ev.Venue.City));
        Assert.Contains(ev.Programme, s => s.Kind == SessionKind.Panel);
    }

    [Fact]
    public void Plenum2017MatchesTheSeedArticle()
    {
        var ev = Sample("plenum-2017");

        Assert.Equal(At("2017-10-25T15:30:00+02:00"), ev.Start);
        Assert.Equal(At("2017-10-26T15:00:00+02:00"), ev.End);
        Assert.Equal(("Deutsches Auswandererhaus", "Bremerhaven"), (ev.Venue!.Name, ev.Venue.City));
        Assert.Equal("Verwaltung 4.0 – Aufbruch in eine bessere Welt?", ev.Motto);
        Assert.Equal(ev.Start, ev.Programme[0].Start);
        Assert.Contains("bremenports", ev.Programme[0].Title, StringComparison.Ordinal);
        Assert.Equal(SessionKind.Excursion, ev.FindSession("hafenbus")!.Kind);
        Assert.Equal(SessionKind.Meal, ev.FindSession("abendessen")!.Kind);
        Assert.Equal(
            ["Themenblock „E-Akte“", "Themenblock „E-Rechnung“", "Themenblock „Digitalisierungsprogramm des IT-Planungsrates“"],
            ev.Programme.Where(s => s.Start.Date == new DateTime(2017, 10, 26) && s.Title.StartsWith("Themenblock", StringComparison.Ordinal)).Select(s => s.Title));
        Assert.Equal(ev.End, ev.FindSession("abschlussdiskussion")!.End);
    }

    [Fact]
    public void Marktplatz2018MatchesTheSeedArticle()
    {
        var ev = Sample("marktplatz-2018");

        Assert.Equal(new DateOnly(2018, 2, 1), DateOnly.FromDateTime(ev.Start.DateTime));
        Assert.Equal("Delmenhorst", ev.Venue!.City);
        Assert.Equal(
            ["Station „E-Gov Intern“", "Station „Online Services“", "Station „Finanzen und Beschaffung“", "Station „IT-Sicherheit“"],
            ev.Programme.Where(s => s.Kind == SessionKind.Station).Select(s => s.Title));
    }

    [Fact]
    public void Plenum2024MatchesTheSeedArticle()
    {
        var ev = Sample("plenum-2024");

        Assert.Equal(new DateOnly(2024, 6, 20), DateOnly.FromDateTime(ev.Start.DateTime));
        Assert.Equal("Miteinander die digitale Verwaltung gestalten", ev.Motto);
        Assert.Equal("Landkreis Osterholz", ev.Host);
        Assert.Equal(3, ev.Programme.Count(s => s.Kind == SessionKind.Workshop && s.Start.Hour >= 12));
        Assert.Contains(ev.Programme, s => s.Title.Contains("OZG-Änderungsgesetz", StringComparison.Ordinal));
    }

    [Fact]
    public void LoadNamesTheInvalidFile()
    {
        var directory = Directory.CreateTempSubdirectory("catalog-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(directory, "kaputt.json"), """{ "id": "kaputt", "kind": "plenum" """);

            var ex = Assert.Throws<InvalidDataException>(() => SampleCatalog.Load(directory));

            Assert.Contains("kaputt.json", ex.Message, StringComparison.Ordinal);
            Assert.Contains("Ungültiges JSON", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void LoadRejectsFileNamedDifferentlyFromItsId()
    {
        var directory = Directory.CreateTempSubdirectory("catalog-").FullName;
        try
        {
            File.Copy(Path.Combine(SampleCatalog.FindDirectory(), "plenum-2024.json"), Path.Combine(directory, "plenum-2025.json"));

            var ex = Assert.Throws<InvalidDataException>(() => SampleCatalog.Load(directory));

            Assert.Contains("plenum-2025.json holds event id \"plenum-2024\"", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}

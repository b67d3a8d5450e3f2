using FsCheck;
using FsCheck.Fluent;
using VirServerless.Core.Calendar;

namespace VirServerless.Core.Tests.Calendar;

/// <summary>
/// <see cref="CalendarWriter.WritePersonal"/> copies the person's values into a document Ical.Net wrote once per event;
/// whatever the values, the result must be byte for byte what Ical.Net writes for the person directly.
/// </summary>
public class PersonalCalendarTests
{
    private static readonly DateTimeOffset Stamp = new(2027, 5, 2, 8, 15, 30, TimeSpan.Zero);

    // Letters with and without umlauts, the characters TEXT and parameter values escape or quote, a surrogate pair,
    // a lone surrogate, line breaks, tabs and control characters.
    private static readonly char[] Alphabet =
        [.. "abcXYZ äöüßÄ é 0189 ,;:\\\"'^-_.@+/()", '\n', '\r', '\t', '\u0001', '\u2060', '\uD83D', '\uDE00', '\uD83D'];

    private static readonly Gen<string> Text = Gen.Elements(Alphabet).ArrayOf().Select(chars => new string(chars));

    private static readonly Gen<string> LongText = Gen.Choose(0, 4).SelectMany(n => Text.ArrayOf(n + 1).Select(parts => string.Join("", parts) + new string('x', n * 37)));

    private static readonly Gen<string> PlainPart = Gen.Elements("erika", "ERIKA.Muster", "e-m_1", "x+tag", "a", "kommune-0815").Select(s => s);

    private static readonly Gen<CalendarEntry> Entries =
        from eventId in Gen.Elements("plenum-2027", "marktplatz-lingen-2028-09", "abschluss-e-akte")
        from registrationId in Gen.Elements("r0195f3c1a2b34c5d", "r" + new string('9', 60), "r-ä", "r,1")
        from description in Gen.OneOf(LongText, Gen.Constant<string>(null!), Gen.Constant("  "))
        from name in Gen.OneOf(Text, Gen.Constant<string>(null!))
        from local in PlainPart
        from domain in Gen.Elements("kommune.example", "landkreis-emsland.example", "straße.example")
        from summary in Gen.Elements("Plenum", "Plenum 2027 der Virtuellen Region Nordwest in Lingen (Ems) mit Abendessen; Hafenrundfahrt, Workshops")
        from location in Gen.Elements<string?>(null, "Halle, Weg 1, 49808 Lingen")
        from reminder in Gen.Elements<TimeSpan?>(null, TimeSpan.FromDays(1))
        from cancelled in Gen.Elements(false, true)
        select new CalendarEntry(
            EventCalendar.PersonalUid(eventId, registrationId), 3, summary,
            new DateTimeOffset(2027, 10, 31, 0, 30, 0, TimeSpan.Zero), new DateTimeOffset(2027, 10, 31, 2, 30, 0, TimeSpan.Zero),
            location, description, new Uri("https://vir-nordwest.example/veranstaltungen/" + eventId), "Geschäftsstelle", "info@vir-nordwest.example",
            cancelled, reminder, name, $" {local}@{domain}");

    [Fact]
    public void APersonsEntryIsWhatIcalNetWritesForThePersonWhateverTheValues() =>
        Prop.ForAll(Entries.ToArbitrary(), Gen.Elements(CalendarMethod.Request, CalendarMethod.Cancel).ToArbitrary(), (entry, method) =>
        {
            var expected = CalendarWriter.Write([entry], method, Stamp);
            // Twice: the first builds the event's template, the second uses it.
            Assert.Equal(expected, CalendarWriter.WritePersonal(entry, method, Stamp));
            Assert.Equal(expected, CalendarWriter.WritePersonal(entry, method, Stamp.AddMilliseconds(400)));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(400));

    [Fact]
    public void PeopleOfOneEventShareTheTemplateAndGetTheirOwnValues()
    {
        var first = Person("r1", "Erika Muster", "erika@kommune.example", "Programm:\n10:00 bis 11:00: Begrüßung, Einführung");
        var second = Person("r2", "Muster, Hans", "hans@kommune.example", "Programm:\n14:00 bis 15:00: Arbeitsgruppe; Raum 2");

        var a = CalendarWriter.WritePersonal(first, CalendarMethod.Request, Stamp);
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var b = CalendarWriter.WritePersonal(second, CalendarMethod.Request, Stamp);
        var perPerson = GC.GetAllocatedBytesForCurrentThread() - allocated;

        Assert.Equal(CalendarWriter.Write([first], CalendarMethod.Request, Stamp), a);
        Assert.Equal(CalendarWriter.Write([second], CalendarMethod.Request, Stamp), b);
        Assert.Contains("ATTENDEE;CN=\"Muster, Hans\"", b, StringComparison.Ordinal);
        Assert.DoesNotContain("Begrüßung", b, StringComparison.Ordinal);
        // Ical.Net alone needs about 70 KB for such an entry; the template only the person's lines.
        Assert.True(perPerson < 20_000, $"{perPerson} bytes for the second person");
    }

    private static CalendarEntry Person(string registrationId, string name, string email, string? description) => new(
        EventCalendar.PersonalUid("plenum-2027", registrationId), 1, "Plenum 2027", new DateTimeOffset(2027, 6, 10, 7, 0, 0, TimeSpan.Zero),
        new DateTimeOffset(2027, 6, 10, 15, 0, 0, TimeSpan.Zero), "Halle, Weg 1, 49808 Lingen", description, new Uri("https://vir-nordwest.example/e"),
        "Geschäftsstelle", "info@vir-nordwest.example", Reminder: TimeSpan.FromDays(1), AttendeeName: name, AttendeeEmail: email);
}

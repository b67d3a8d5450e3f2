using System.Text;
using VirServerless.Functions.Admin;

namespace VirServerless.Functions.Tests.Admin;

public sealed class AttendeeCsvTests
{
    [Fact]
    public void CellsAreQuotedPerRfc4180ForCommaSemicolonQuoteAndLineBreakAndFormulasStayText()
    {
        var row = new AttendeeRow(
            "r1", "confirmed", "Anna", "Muster, geb. Beispiel", "anna@kommune.example", "Stadt; Amt 10", "=HYPERLINK(\"https://evil.example\")",
            "ag-ki (booked)", "vegetarisch\r\nohne Nüsse", "-", DateTimeOffset.Parse("2027-03-01T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture), null, "web");

        var csv = Encoding.UTF8.GetString(AttendeeCsv.Write([row]));

        Assert.StartsWith("\uFEFFStatus;Vorname;Nachname", csv, StringComparison.Ordinal);
        var line = csv.Split("\r\n")[1];
        Assert.StartsWith("confirmed;Anna;\"Muster, geb. Beispiel\";anna@kommune.example;\"Stadt; Amt 10\";", line, StringComparison.Ordinal);
        Assert.Contains(";\"'=HYPERLINK(\"\"https://evil.example\"\")\";", csv, StringComparison.Ordinal);
        Assert.Contains(";\"vegetarisch\r\nohne Nüsse\";", csv, StringComparison.Ordinal);
        Assert.DoesNotContain(";-;", csv, StringComparison.Ordinal);
        Assert.EndsWith("\r\n", csv, StringComparison.Ordinal);
    }
}

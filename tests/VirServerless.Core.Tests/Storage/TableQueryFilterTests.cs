using VirServerless.Core.Storage.Tables;

namespace VirServerless.Core.Tests.Storage;

public class TableQueryFilterTests
{
    [Fact]
    public void DoublesQuotesInStrings()
    {
        var name = "O'Brien";

        var filter = TableClient.CreateQueryFilter($"Name eq {name}");

        Assert.Equal("Name eq 'O''Brien'", filter);
    }

    [Fact]
    public void WritesEveryTypeAsItsODataLiteral()
    {
        var id = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
        var when = new DateTimeOffset(2024, 1, 1, 1, 0, 0, TimeSpan.FromHours(1));
        byte[] bytes = [0x0A, 0xFF];
        string? nothing = null;

        var filter = TableClient.CreateQueryFilter(
            $"A eq {true} and B eq {42} and C eq {12345678901L} and D eq {1.5} and E eq {id} and F eq {when} and G eq {bytes} and H eq {nothing}");

        Assert.Equal(
            "A eq true and B eq 42 and C eq 12345678901L and D eq 1.5 and E eq guid'0f8fad5b-d9cb-469f-a165-70867728950e' "
            + "and F eq datetime'2024-01-01T00:00:00.0000000Z' and G eq X'0AFF' and H eq null",
            filter);
    }

    [Fact]
    public void RejectsValuesWithoutALiteralForm()
    {
        var value = new object();

        Assert.Throws<ArgumentException>(() => TableClient.CreateQueryFilter($"A eq {value}"));
    }
}

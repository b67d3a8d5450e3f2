using VirServerless.Core.Events;

namespace VirServerless.Core.Tests.Events;

public class IsoDurationTests
{
    [Theory]
    [InlineData("P7D", 7 * 24 * 60)]
    [InlineData("P1D", 24 * 60)]
    [InlineData("P2W", 14 * 24 * 60)]
    [InlineData("PT12H", 12 * 60)]
    [InlineData("PT90M", 90)]
    [InlineData("P1DT6H", 30 * 60)]
    [InlineData("P1DT2H30M", 26 * 60 + 30)]
    [InlineData("PT0M", 0)]
    public void ParsesFixedLengthDurations(string text, int expectedMinutes)
    {
        var parsed = IsoDuration.TryParse(text, out var duration);

        Assert.True(parsed);
        Assert.Equal(TimeSpan.FromMinutes(expectedMinutes), duration);
    }

    [Fact]
    public void ParsesSeconds()
    {
        var parsed = IsoDuration.TryParse("PT1M30S", out var duration);

        Assert.True(parsed);
        Assert.Equal(TimeSpan.FromSeconds(90), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("P")]
    [InlineData("PT")]
    [InlineData("P1DT")]
    [InlineData("7D")]
    [InlineData("p7d")]
    [InlineData("P1M")]
    [InlineData("P1Y")]
    [InlineData("P1W2D")]
    [InlineData("P-1D")]
    [InlineData("P1.5D")]
    [InlineData("PT1H2")]
    [InlineData("P7D ")]
    [InlineData("P7D\n")]
    [InlineData("P١D")]
    [InlineData("P1234567D")]
    [InlineData(null)]
    public void RejectsEverythingElse(string? text)
    {
        var parsed = IsoDuration.TryParse(text, out var duration);

        Assert.False(parsed);
        Assert.Equal(TimeSpan.Zero, duration);
    }
}

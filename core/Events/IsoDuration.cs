using System.Globalization;
using System.Text.RegularExpressions;

namespace VirServerless.Core.Events;

/// <summary>
/// The fixed-length subset of ISO 8601 durations used for reminders: <c>PnW</c> or <c>PnDTnHnMnS</c>
/// (each part optional, at least one present). Years and months are rejected because their length
/// depends on the calendar, which makes "send n before the start" ambiguous.
/// </summary>
public static partial class IsoDuration
{
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (text is null)
        {
            return false;
        }

        var match = Pattern().Match(text);
        if (!match.Success)
        {
            return false;
        }

        var days = Part(match, "w") * 7 + Part(match, "d");
        var seconds = Part(match, "h") * 3600 + Part(match, "m") * 60 + Part(match, "s");
        var total = days * 86_400 + seconds;
        if (total > TimeSpan.MaxValue.TotalSeconds)
        {
            return false;
        }

        duration = TimeSpan.FromSeconds(total);
        return true;
    }

    // Parts are capped at 6 digits so the arithmetic above cannot overflow a long.
    private static long Part(Match match, string name) =>
        match.Groups[name] is { Success: true } group ? long.Parse(group.ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture) : 0;

    // The lookaheads reject the empty forms "P" and "P1DT".
    [GeneratedRegex(@"^P(?!\z)(?:(?<w>[0-9]{1,6})W|(?:(?<d>[0-9]{1,6})D)?(?:T(?=[0-9])(?:(?<h>[0-9]{1,6})H)?(?:(?<m>[0-9]{1,6})M)?(?:(?<s>[0-9]{1,6})S)?)?)\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}

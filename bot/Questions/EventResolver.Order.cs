using System.Text.RegularExpressions;

namespace VirServerless.Bot.Questions;

public static partial class EventResolver
{
    /// <summary>
    /// How many events after the next one a question names: "das übernächste" 1, "das überübernächste" 2, "the one after
    /// next" 1; 0 for none. Each "über" counts one more, however the word was typed or split.
    /// </summary>
    public static int AfterNextPosition(ParsedQuestion q)
    {
        ArgumentNullException.ThrowIfNull(q);
        var most = 0;
        foreach (Match match in AfterNextPattern().Matches(q.Normalized))
        {
            most = Math.Max(most, match.Groups["over"].Captures.Count);
        }

        return most > 0 ? most : q.Normalized.Contains("after next", StringComparison.Ordinal) ? 1 : 0;
    }

    [GeneratedRegex(@"\b(?:(?<over>ue?ber)[\s-]?)+na(?:e|ae)?chst")]
    private static partial Regex AfterNextPattern();
}

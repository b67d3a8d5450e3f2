using System.Text.RegularExpressions;

namespace VirServerless.Bot.Questions;

/// <summary>A word as typed; a hyphenated word ("E-Rechnung") keeps its parts as well as its joined form.</summary>
public sealed record WordToken(string Joined, IReadOnlyList<string> Parts);

/// <summary>Splits normalized text into words and numbers.</summary>
public static partial class Tokenizer
{
    public static IReadOnlyList<WordToken> Words(string text) =>
        [.. WordPattern().Matches(GermanNormalizer.Normalize(text)).Select(m => ToToken(m.Value))];

    /// <summary>Index terms of catalog text: joined hyphenated forms plus their parts.</summary>
    public static IEnumerable<string> IndexTerms(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            yield break;
        }

        foreach (var token in Words(text))
        {
            yield return token.Joined;
            if (token.Parts.Count > 1)
            {
                foreach (var part in token.Parts.Where(p => p.Length >= 2))
                {
                    yield return part;
                }
            }
        }
    }

    private static WordToken ToToken(string value)
    {
        var parts = value.Split('-', StringSplitOptions.RemoveEmptyEntries);
        return new WordToken(string.Concat(parts), parts);
    }

    [GeneratedRegex(@"[\p{L}\p{Nd}]+(?:-[\p{L}\p{Nd}]+)*")]
    private static partial Regex WordPattern();
}

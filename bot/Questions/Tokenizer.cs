namespace VirServerless.Bot.Questions;

/// <summary>A word as typed; a hyphenated word ("E-Rechnung") keeps its parts as well as its joined form.</summary>
public sealed record WordToken(string Joined, IReadOnlyList<string> Parts);

/// <summary>Splits text into words and numbers, after <see cref="GermanNormalizer"/> (callers need not normalize first).</summary>
public static class Tokenizer
{
    /// <summary>
    /// The runs of letters and digits, joined by single hyphens between them (<c>[\p{L}\p{Nd}]+(?:-[\p{L}\p{Nd}]+)*</c>),
    /// scanned by hand: this runs several times per question.
    /// </summary>
    public static IReadOnlyList<WordToken> Words(string text)
    {
        var normalized = GermanNormalizer.Normalize(text);
        var tokens = new List<WordToken>();
        var i = 0;
        while (i < normalized.Length)
        {
            if (!IsWordChar(normalized[i]))
            {
                i++;
                continue;
            }

            var start = i;
            var hyphenated = false;
            while (i < normalized.Length)
            {
                if (IsWordChar(normalized[i]))
                {
                    i++;
                }
                else if (normalized[i] == '-' && i + 1 < normalized.Length && IsWordChar(normalized[i + 1]))
                {
                    hyphenated = true;
                    i++;
                }
                else
                {
                    break;
                }
            }

            var value = normalized[start..i];
            tokens.Add(hyphenated ? ToToken(value) : new WordToken(value, [value]));
        }

        return tokens;
    }

    private static bool IsWordChar(char c) => char.IsLetter(c) || char.IsDigit(c);

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
}

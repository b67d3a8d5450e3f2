namespace VirServerless.Bot.Questions;

/// <summary>
/// Maps a misspelt word onto the nearest known word: edit distance 1 from five letters, 2 from eight.
/// Short words are never corrected because "wo"/"wer"/"was" are one edit apart.
/// </summary>
public sealed class TypoCorrector
{
    private const int MaxStackRow = 128;

    // Candidates by length: a word is only compared with the few lengths its allowed distance can reach.
    private readonly string[][] byLength;

    public TypoCorrector(IReadOnlyCollection<string> vocabulary)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        var longest = vocabulary.Count == 0 ? 0 : vocabulary.Max(w => w.Length);
        byLength = [.. Enumerable.Range(0, longest + 1).Select(length => vocabulary.Where(w => w.Length == length && length >= 4).ToArray())];
    }

    public static int AllowedDistance(string word) => word.Length >= 8 ? 2 : word.Length >= 5 ? 1 : 0;

    public string? Correct(string word, int maxDistance = 2)
    {
        var allowed = Math.Min(AllowedDistance(word), maxDistance);
        if (allowed == 0 || ContainsDigit(word))
        {
            return null;
        }

        string? best = null;
        var bestDistance = int.MaxValue;
        for (var length = Math.Max(0, word.Length - allowed); length <= Math.Min(byLength.Length - 1, word.Length + allowed); length++)
        {
            foreach (var candidate in byLength[length])
            {
                var distance = EditDistance(word, candidate, allowed);
                // The same tie-break as a scan in ordinal order: nearest first, then the ordinally smallest.
                if (distance <= allowed && (distance < bestDistance
                    || (distance == bestDistance && string.CompareOrdinal(candidate, best) < 0)))
                {
                    best = candidate;
                    bestDistance = distance;
                }
            }
        }

        return best;
    }

    private static bool ContainsDigit(string word)
    {
        foreach (var c in word)
        {
            if (char.IsDigit(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Optimal string alignment distance (Damerau-Levenshtein with adjacent transpositions).</summary>
    public static int EditDistance(string a, string b, int cap = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var width = b.Length + 1;
        Span<int> rows = width * 3 <= MaxStackRow ? stackalloc int[width * 3] : new int[width * 3];
        var previous2 = rows[..width];
        var previous = rows.Slice(width, width);
        var current = rows.Slice(2 * width, width);
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, previous2[j - 2] + 1);
                }

                current[j] = value;
                rowMin = Math.Min(rowMin, value);
            }

            if (rowMin > cap)
            {
                return rowMin;
            }

            var recycled = previous2;
            previous2 = previous;
            previous = current;
            current = recycled;
        }

        return previous[b.Length];
    }
}

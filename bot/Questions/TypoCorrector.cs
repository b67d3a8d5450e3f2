namespace VirServerless.Bot.Questions;

/// <summary>
/// Maps a misspelt word onto the nearest known word: edit distance 1 from five letters, 2 from eight.
/// Short words are never corrected because "wo"/"wer"/"was" are one edit apart.
/// </summary>
public sealed class TypoCorrector(IReadOnlyCollection<string> vocabulary)
{
    public static int AllowedDistance(string word) => word.Length >= 8 ? 2 : word.Length >= 5 ? 1 : 0;

    public string? Correct(string word, int maxDistance = 2)
    {
        var allowed = Math.Min(AllowedDistance(word), maxDistance);
        if (allowed == 0 || word.Any(char.IsDigit))
        {
            return null;
        }

        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in vocabulary)
        {
            if (Math.Abs(candidate.Length - word.Length) > allowed || candidate.Length < 4)
            {
                continue;
            }

            var distance = EditDistance(word, candidate, allowed);
            if (distance <= allowed && (distance < bestDistance
                || (distance == bestDistance && string.CompareOrdinal(candidate, best) < 0)))
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best;
    }

    /// <summary>Optimal string alignment distance (Damerau-Levenshtein with adjacent transpositions).</summary>
    public static int EditDistance(string a, string b, int cap = int.MaxValue)
    {
        var previous2 = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
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

            (previous2, previous, current) = (previous, current, previous2);
        }

        return previous[b.Length];
    }
}

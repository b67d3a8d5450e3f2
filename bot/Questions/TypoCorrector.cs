using System.Numerics;

namespace VirServerless.Bot.Questions;

/// <summary>
/// Maps a misspelt word onto the nearest known word: edit distance 1 from five letters, 2 from eight.
/// Short words are never corrected because "wo"/"wer"/"was" are one edit apart, and a word under eight letters keeps
/// its first letter.
/// </summary>
public sealed class TypoCorrector
{
    private const int MaxStackRow = 128;

    // Candidates by length: a word is only compared with the few lengths its allowed distance can reach.
    private readonly (string Word, uint Letters)[][] byLength;

    public TypoCorrector(IReadOnlyCollection<string> vocabulary)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        var longest = vocabulary.Count == 0 ? 0 : vocabulary.Max(w => w.Length);
        byLength = [.. Enumerable.Range(0, longest + 1)
            .Select(length => vocabulary.Where(w => w.Length == length && length >= 4).Select(w => (w, Letters(w))).ToArray())];
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
        var letters = Letters(word);
        for (var length = Math.Max(0, word.Length - allowed); length <= Math.Min(byLength.Length - 1, word.Length + allowed); length++)
        {
            foreach (var (candidate, candidateLetters) in byLength[length])
            {
                // A short word with another first letter is another word ("regen" is not "gegen", "menue" not "venue").
                if (word.Length < 8 && candidate[0] != word[0])
                {
                    continue;
                }

                // One edit adds at most one letter the other word lacks and drops at most one: a cheap lower bound.
                if (BitOperations.PopCount(letters ^ candidateLetters) > 2 * allowed)
                {
                    continue;
                }

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

    /// <summary>The set of letters in a word as bits: a–z one each, anything else folded onto the upper six.</summary>
    private static uint Letters(string word)
    {
        var bits = 0u;
        foreach (var c in word)
        {
            bits |= 1u << (c is >= 'a' and <= 'z' ? c - 'a' : 26 + (c % 6));
        }

        return bits;
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

    /// <summary>
    /// Optimal string alignment distance (Damerau-Levenshtein with adjacent transpositions). Exact up to
    /// <paramref name="cap"/>; above it the result is only guaranteed to exceed the cap. Only the diagonal band of
    /// width 2 × cap + 1 is computed, because a cell further off the diagonal already costs more than the cap.
    /// </summary>
    public static int EditDistance(string a, string b, int cap = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var band = Math.Min(cap, Math.Max(a.Length, b.Length));
        if (Math.Abs(a.Length - b.Length) > band)
        {
            return band + 1;
        }

        var beyond = band + 1;
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
            var first = Math.Max(1, i - band);
            var last = Math.Min(b.Length, i + band);
            current[first - 1] = first == 1 ? i : beyond;
            var rowMin = current[first - 1];
            for (var j = first; j <= last; j++)
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

            // The next row reads one cell beyond this row's band; off the band it counts as too far.
            if (last < b.Length)
            {
                current[last + 1] = beyond;
            }

            if (rowMin > band)
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

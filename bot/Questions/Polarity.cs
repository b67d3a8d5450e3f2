using System.Text.RegularExpressions;

namespace VirServerless.Bot.Questions;

/// <summary>
/// Whether a catalog text says yes or no to what a question names: the sentences that name it decide, and a negation in
/// them makes it "Nein" ("Eine induktive Höranlage gibt es nicht."). Without named terms the text's first sentence decides.
/// </summary>
public static partial class Polarity
{
    /// <summary>True for yes, false for no, null when no sentence names the terms or the sentences disagree.</summary>
    public static bool? Of(string? text, IReadOnlyCollection<string> askedTerms, CatalogIndex index)
    {
        ArgumentNullException.ThrowIfNull(askedTerms);
        ArgumentNullException.ThrowIfNull(index);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var sentences = SentenceEnd().Split(GermanNormalizer.Normalize(text)).Where(s => s.Trim().Length > 0).ToList();
        var naming = askedTerms.Count == 0 ? sentences.Take(1).ToList()
            : sentences.Where(s => index.DocumentTerms(s).Any(askedTerms.Contains)).ToList();
        var negated = naming.Count(s => Negation().IsMatch(s));
        return naming.Count == 0 ? null : negated == 0 ? true : negated == naming.Count ? false : null;
    }

    [GeneratedRegex(@"(?<=[.;!?])\s+|;")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"\b(?:nicht|kein|keine|keinen|keinem|keiner|keines|not|no|none|never|nie)\b")]
    private static partial Regex Negation();
}

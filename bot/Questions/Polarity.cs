using System.Text.RegularExpressions;

namespace VirServerless.Bot.Questions;

/// <summary>
/// The "Ja" or "Nein" a catalog text gives to a yes/no question it does not ask itself: the clause that names most of
/// the question's terms says it ("Eine induktive Höranlage gibt es nicht." → Nein), and a text about a price says
/// whether something costs ("Parkplatz (kostenpflichtig)").
/// </summary>
public static partial class Polarity
{
    /// <summary>True when the clauses of <paramref name="text"/> naming most of <paramref name="terms"/> affirm, false when they deny, else null.</summary>
    public static bool? Of(string? text, IReadOnlyCollection<string> terms, CatalogIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        if (string.IsNullOrWhiteSpace(text) || terms.Count == 0)
        {
            return null;
        }

        var clauses = ClauseSplit().Split(text)
            .Select(c => (Clause: c, Hits: index.DocumentTerms(c).Distinct(StringComparer.Ordinal).Count(terms.Contains)))
            .Where(c => c.Hits > 0).ToList();
        if (clauses.Count == 0)
        {
            return null;
        }

        var top = clauses.Max(c => c.Hits);
        var denied = clauses.Where(c => c.Hits == top).Select(c => Negation().IsMatch(GermanNormalizer.Normalize(c.Clause))).Distinct().ToList();
        return denied is [var no] ? !no : null;
    }

    /// <summary>"barrierefrei?" names nothing in particular: the text's first sentence says yes or no.</summary>
    public static bool? Opening(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : !Negation().IsMatch(GermanNormalizer.Normalize(SentenceEnd().Split(text)[0]));

    /// <summary>"Bitte nicht.", "Leider nicht.": a first sentence of a few words that denies.</summary>
    public static bool ShortDenial(string? text) =>
        !string.IsNullOrWhiteSpace(text) && SentenceEnd().Split(text.Trim())[0] is var first
        && first.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 3 && Negation().IsMatch(GermanNormalizer.Normalize(first));

    /// <summary>True when the text says something costs, false when it says it is free, null when it says neither or both.</summary>
    public static bool? Paid(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var normalized = GermanNormalizer.Normalize(text);
        var paid = PaidPattern().IsMatch(normalized);
        var free = FreePattern().IsMatch(normalized);
        return paid == free ? null : paid;
    }

    [GeneratedRegex(@"[.;!?]\s+")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"[.;!?]\s+|,\s+|\s+(?:aber|but)\s+")]
    private static partial Regex ClauseSplit();

    [GeneratedRegex(@"\b(nicht|kein|keine|keinen|keinem|keiner|keines|nie|niemals|nein|not|no|none|never)\b")]
    private static partial Regex Negation();

    [GeneratedRegex(@"\b(kostenpflichtig|gebuehrenpflichtig|kostet|kosten \d|gebuehr von)\b|\d+([.,]\d+)?\s?(euro|eur)\b|\d\s?€|€\s?\d")]
    private static partial Regex PaidPattern();

    [GeneratedRegex(@"\b(kostenlos|kostenlose|kostenlosen|kostenfrei|kostenfreie|gebuehrenfrei|gratis|umsonst|free)\b")]
    private static partial Regex FreePattern();
}

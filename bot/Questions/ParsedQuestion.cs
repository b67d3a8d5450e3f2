using System.Collections.Frozen;

namespace VirServerless.Bot.Questions;

/// <summary>
/// A question after normalisation, typo correction and compound splitting.
/// <see cref="Text"/> is the corrected word sequence (for phrase cues); <see cref="Terms"/> are the content terms.
/// </summary>
public sealed record ParsedQuestion(
    string Normalized,
    string Text,
    IReadOnlyList<string> Words,
    IReadOnlyList<string> Terms,
    IReadOnlyList<string> UnknownWords,
    int? Year,
    DaySlot? Day,
    int? TimeOfDay)
{
    /// <summary>The Monday of the calendar week the question names ("nächste Woche"), or null.</summary>
    public DateOnly? Week { get; init; }

    // Indexed loops: these run dozens of times per question, and LINQ's Contains would allocate an enumerator each time.
    public bool HasTerm(string term)
    {
        for (var i = 0; i < Terms.Count; i++)
        {
            if (string.Equals(Terms[i], term, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    public bool HasWord(IReadOnlySet<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        for (var i = 0; i < Words.Count; i++)
        {
            if (candidates.Contains(Words[i]))
            {
                return true;
            }
        }

        return false;
    }

    public bool HasWord(params ReadOnlySpan<string> candidates)
    {
        for (var i = 0; i < Words.Count; i++)
        {
            if (candidates.Contains(Words[i]))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>Cue word lists, looked up by each word of a question rather than scanned per cue.</summary>
public static class WordSet
{
    public static FrozenSet<string> Of(string[] words) => words.ToFrozenSet(StringComparer.Ordinal);
}

/// <summary>Turns raw question text into a <see cref="ParsedQuestion"/> against the catalog's vocabulary.</summary>
public static partial class QuestionParser
{
    public static ParsedQuestion Parse(string question, CatalogIndex index)
    {
        var normalized = GermanNormalizer.Normalize(question);
        var words = new List<string>();
        var unknown = new List<string>();
        foreach (var token in JoinSplitCompounds(Tokenizer.Words(Lexicon.Translate(normalized)), index))
        {
            if (token.Joined.All(char.IsDigit))
            {
                words.Add(token.Joined);
                continue;
            }

            // "ag1b", "stand5": a label word and its id typed without the space.
            if (GluedLabel().Match(token.Joined) is { Success: true } glued && EventIndex.LabelsIn($"{glued.Groups[1].Value} {glued.Groups[2].Value}").Any())
            {
                words.Add(glued.Groups[1].Value);
                words.Add(glued.Groups[2].Value);
                continue;
            }

            // "6th", "2nd": a number, never a subject.
            if (OrdinalNumber().IsMatch(token.Joined))
            {
                words.Add(token.Joined.TrimEnd('s', 't', 'n', 'd', 'r', 'h'));
                continue;
            }

            var resolved = Resolve(token.Joined, index);
            // "PDFs", "Apps": an English plural of a word the catalog knows.
            if (resolved is null && token.Joined.Length >= 4 && token.Joined.EndsWith('s'))
            {
                resolved = Resolve(token.Joined[..^1], index);
            }

            if (resolved is null && token.Parts.Count > 1)
            {
                var parts = token.Parts.Select(p => p.Length < 3 ? [p] : Resolve(p, index)).ToList();
                resolved = parts.All(p => p is not null) ? [.. parts.SelectMany(p => p!)] : null;
                // "E-Wahlen" is a subject the catalog does not know, not the cue word "wählen" its part happens to be.
                if (resolved is not null && resolved.All(p => p.Length == 1 || Lexicon.IsIgnorable(p) || IntentClassifier.IsCue(p)))
                {
                    resolved = null;
                }
            }

            if (resolved is null)
            {
                if (token.Joined.Length >= 4)
                {
                    unknown.Add(token.Joined);
                }

                words.Add(token.Joined);
                continue;
            }

            // "Stadtführung" typed as one word: the town in front names a kind of tour, it does not ask where.
            if (resolved.Count > 1 && resolved[0] is "stadt" or "city" && !index.IsWord(token.Joined))
            {
                resolved = [.. resolved.Skip(1)];
            }

            words.AddRange(resolved);
        }

        var text = string.Join(' ', words);
        var combined = normalized + "\n" + text;
        var terms = words.Where((w, i) => w.Length > 1 && !w.All(char.IsDigit) && !Lexicon.IsIgnorable(w) && !IntentClassifier.IsCue(w) && !IsWholeOf(words, i))
            .Select(Lexicon.Term).ToList();
        return new ParsedQuestion(normalized, text, words, terms, unknown,
            DateExpressions.Year(combined), DateExpressions.Day(combined), DateExpressions.TimeOfDay(normalized));
    }

    /// <summary>
    /// "kita anmeldung" where the catalog writes "Kita-Anmeldung": a word and a cue word typed apart that the catalog knows
    /// as one compound are that compound, so the cue ("Anmeldung") does not decide what is asked.
    /// </summary>
    private static IEnumerable<WordToken> JoinSplitCompounds(IReadOnlyList<WordToken> tokens, CatalogIndex index)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            if (i + 1 < tokens.Count && IsCompoundPart(tokens[i].Joined) && !Lexicon.AllWordSet.Contains(tokens[i].Joined)
                && IntentClassifier.IsCue(tokens[i + 1].Joined)
                && tokens[i].Joined + tokens[i + 1].Joined is var joined && index.IsWord(joined) && !Lexicon.AllWordSet.Contains(joined))
            {
                yield return new WordToken(joined, [.. tokens[i].Parts, .. tokens[i + 1].Parts]);
                i++;
                continue;
            }

            yield return tokens[i];
        }
    }

    private static readonly FrozenSet<string> WholeWords = WordSet.Of(["ganze", "ganzen", "ganzes", "gesamte", "gesamten", "whole", "entire"]);

    /// <summary>"die ganze Veranstaltung", "the whole event": the adjective says the event as a whole is meant, it names no subject.</summary>
    private static bool IsWholeOf(List<string> words, int i) =>
        WholeWords.Contains(words[i]) && i + 1 < words.Count && (Lexicon.GenericEventWords.Contains(words[i + 1]) || words[i + 1] is "tagung" or "fachtag" or "plenum");

    private static bool IsCompoundPart(string word) => word.Length >= 2 && !word.All(char.IsDigit);

    private static IEnumerable<string> UmlautVariants(string word)
    {
        for (var i = 0; i < word.Length; i++)
        {
            if (word[i] is 'a' or 'o' or 'u' && (i + 1 == word.Length || word[i + 1] != 'e'))
            {
                yield return word[..(i + 1)] + "e" + word[(i + 1)..];
            }
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^(\p{L}{2,})(\d{1,2}[a-z]?)$")]
    private static partial System.Text.RegularExpressions.Regex GluedLabel();

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?<stem>\p{L}{4,})(iert|ierte|ierten|ieren|iere)$")]
    private static partial System.Text.RegularExpressions.Regex VerbOfNoun();

    [System.Text.RegularExpressions.GeneratedRegex(@"^\d{1,2}(st|nd|rd|th)$")]
    private static partial System.Text.RegularExpressions.Regex OrdinalNumber();

    private static IReadOnlyList<string>? Resolve(string word, CatalogIndex index)
    {
        // "fur", "uber", "moglich": a word typed without its umlaut is the word with it, even where the stem is known too.
        if (!index.IsWord(word) && UmlautVariants(word).FirstOrDefault(index.IsWord) is { } spelled)
        {
            return [spelled];
        }

        if (word.Length < 3 || index.IsKnown(word))
        {
            return [word];
        }

        // "installiert", "moderiert" where the catalog writes "Installation", "Moderation": the verb names the same thing.
        if (VerbOfNoun().Match(word) is { Success: true } verb && verb.Groups["stem"].Value + "ation" is var noun && index.IsWord(noun))
        {
            return [noun];
        }

        if (index.Typos.Correct(word, maxDistance: 1) is { } nearTypo)
        {
            return [nearTypo];
        }

        if (CompoundSplitter.Split(word, index.IsKnown) is { } parts)
        {
            return parts;
        }

        if (index.CompoundBeginningWith(word) is { } compound)
        {
            return [compound];
        }

        return index.Typos.Correct(word) is { } farTypo ? [farTypo] : null;
    }
}

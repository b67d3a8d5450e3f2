using System.Text.RegularExpressions;
using VirServerless.Core.Events;

namespace VirServerless.Bot.Questions;

/// <summary>
/// What one FAQ entry answers. An entry answers a question only when the question names what the entry's question
/// is about: each noun the entry asks about (its subject or object; not a noun in a prepositional phrase such as
/// „bei schlechtem Wetter“, and not the event's own name) must be named in the question or its context. And every
/// attribute the question asks for (a date, a price, free seats, an address, a contact) must appear in the entry.
/// A word shared with the event's name or with the answer text alone never makes an entry fit.
/// </summary>
public sealed partial class FaqFit
{
    private static readonly HashSet<string> Prepositions = new(StringComparer.Ordinal)
    {
        "im", "am", "an", "in", "bei", "beim", "nach", "vor", "zum", "zur", "zu", "mit", "fuer", "aus", "auf", "um", "ueber",
        "unter", "von", "vom", "waehrend", "ohne", "seit", "bis", "ab", "pro", "je", "hinter", "neben", "gegen", "durch",
    };

    private static readonly HashSet<string> Determiners = new(StringComparer.Ordinal)
    {
        "der", "die", "das", "dem", "den", "des", "ein", "eine", "einem", "einen", "einer", "eines", "mein", "meine", "meinem",
        "meinen", "meiner", "ihr", "ihre", "ihrem", "ihren", "ihrer", "unser", "unsere", "unserem", "unseren", "unserer", "alle",
        "allen", "beide", "beiden", "kein", "keine", "keinen", "diese", "dieser", "diesem", "diesen", "dieses", "welche", "welcher",
    };

    private static readonly HashSet<string> TemporalWords = new(StringComparer.Ordinal)
    {
        "nach", "vor", "bis", "ab", "seit", "vorab", "vortag", "spaetestens", "anschluss", "woche", "wochen", "tage", "tagen",
        "sofort", "danach", "vorher", "uhr", "morgens", "abends", "vormittag", "nachmittag", "frueh", "spaeter", "after", "before",
    };

    private static readonly HashSet<string> LocativeWords = new(StringComparer.Ordinal)
    {
        "hinter", "neben", "gegenueber", "unterhalb", "oberhalb", "innerhalb", "eingang", "foyer", "erdgeschoss",
        "etage", "stock", "obergeschoss", "gebaeude", "vor", "next", "behind",
    };

    /// <summary>What an entry must show for each attribute a question asks about.</summary>
    private static readonly Dictionary<string, string[]> Accepted = new(StringComparer.Ordinal)
    {
        ["when"] = ["cue:when", "cue:deadline", "date", "time", "temporal"],
        ["deadline"] = ["cue:deadline", "date", "time"],
        ["where"] = ["cue:where", "cue:directions", "street", "locative"],
        ["address"] = ["street"],
        ["directions"] = ["cue:directions", "cue:where", "street", "locative"],
        ["accessibility"] = ["cue:accessibility"],
        ["fee"] = ["cue:fee", "euro"],
        ["price"] = ["euro"],
        ["cancel"] = ["cue:cancel"],
        ["seats"] = ["cue:seats", "cue:capacity", "cue:waitlist"],
        ["capacity"] = ["cue:capacity", "cue:seats", "digits"],
        ["contact"] = ["cue:contact", "email"],
        ["host"] = ["cue:host"],
        ["speaker"] = ["cue:speaker"],
        ["waitlist"] = ["cue:waitlist"],
        ["organisation"] = ["cue:organisation"],
    };

    /// <summary>The key a question gets when it names an event by its kind or title.</summary>
    public const string EventNamed = "event:named";

    private static readonly HashSet<string> ProgrammeParts = new(StringComparer.Ordinal)
    {
        Lexicon.Workshop, "vortrag", "keynote", "ausflug", "diskussion", "station", "begruessung",
    };

    private readonly List<List<HashSet<string>>> alternatives;
    private readonly HashSet<string> evidence;

    public FaqFit(FaqEntry entry, IReadOnlySet<string> eventTerms, Func<string, IReadOnlyList<string>> wordKeys)
    {
        ArgumentNullException.ThrowIfNull(entry);
        // "Was sollte ich für die Bootsfahrt beachten?" names its subject only in a prepositional phrase: then that noun is
        // required, or the entry would answer anything its answer mentions ("wie wird das Wetter?").
        var parts = OrPattern().Split(entry.Question).Select(part => RequiredNouns(part, eventTerms, wordKeys, prepositional: false)).ToList();
        IsSpecific = parts.All(nouns => nouns.Count > 0);
        alternatives = [.. parts.Zip(OrPattern().Split(entry.Question), (nouns, part) =>
            nouns.Count > 0 ? nouns : RequiredNouns(part, eventTerms, wordKeys, prepositional: true))];
        evidence = Evidence($"{entry.Question} {entry.Answer}", wordKeys);
        IsYesNoQuestion = Tokenizer.Words(entry.Question) is [var first, ..] && IntentClassifier.StartsYesNo(first.Joined);
    }

    /// <summary>The entry's own question expects a yes or no ("Geht es auch um …?"), so its answer answers one.</summary>
    public bool IsYesNoQuestion { get; }

    /// <summary>The entry names at least one thing a question must name too (otherwise only attributes are checked).</summary>
    public bool IsSpecific { get; }

    /// <summary>Whether the entry answers a question whose words give <paramref name="named"/> and that asks for <paramref name="asked"/>.</summary>
    public bool Answers(IReadOnlySet<string> named, IEnumerable<string> asked) =>
        alternatives.Any(nouns => nouns.All(keys => keys.Overlaps(named))) && Shows(asked);

    /// <summary>Whether the entry holds every attribute asked for (a date for "wann", a price for "was kostet" …).</summary>
    public bool Shows(IEnumerable<string> asked) =>
        asked.All(attribute => !Accepted.TryGetValue(attribute, out var accepted) || accepted.Any(evidence.Contains));

    /// <summary>Whether the entry holds at least one of the attributes a question can ask for.</summary>
    public static bool IsAttribute(string asked) => Accepted.ContainsKey(asked);

    private static List<HashSet<string>> RequiredNouns(string question, IReadOnlySet<string> eventTerms, Func<string, IReadOnlyList<string>> wordKeys, bool prepositional)
    {
        var tokens = WordPattern().Matches(question).Select(m => m.Value).ToList();
        var nouns = new List<HashSet<string>>();
        for (var i = 1; i < tokens.Count; i++)
        {
            if (!char.IsUpper(tokens[i][0]))
            {
                continue;
            }

            var word = GermanNormalizer.Normalize(tokens[i]).Replace("-", string.Empty, StringComparison.Ordinal);
            var keys = wordKeys(word);
            if (Lexicon.IsIgnorable(word) || keys.Count == 0 || eventTerms.Contains(keys[0]) || (!prepositional && InPrepositionalPhrase(tokens, i)))
            {
                continue;
            }

            var group = new HashSet<string>(keys, StringComparer.Ordinal);
            if (tokens[i].Contains('-', StringComparison.Ordinal))
            {
                group.UnionWith(wordKeys(GermanNormalizer.Normalize(tokens[i].Split('-')[^1])));
            }

            // "vegetarisches Essen": the adjective names the thing as well as the noun does.
            var before = GermanNormalizer.Normalize(tokens[i - 1]);
            if (char.IsLower(tokens[i - 1][0]) && !Determiners.Contains(before) && !Prepositions.Contains(before) && !Lexicon.IsIgnorable(before))
            {
                group.UnionWith(wordKeys(before).Take(1));
            }

            // "Werden die Vorträge aufgezeichnet?" is also asked as "Wird das Plenum aufgezeichnet?": a part of the
            // programme is named by the event as a whole.
            if (group.Overlaps(ProgrammeParts))
            {
                group.Add(EventNamed);
            }

            // "Kamera und Mikrofon": nouns joined by "und" are asked about together, so naming one of them names the pair.
            if (i >= 2 && tokens[i - 1] is "und" or "and" && nouns.Count > 0 && char.IsUpper(tokens[i - 2][0]))
            {
                nouns[^1].UnionWith(group);
                continue;
            }

            nouns.Add(group);
        }

        return nouns;
    }

    /// <summary>"bei schlechtem Wetter", "aus einer Organisation": a preposition before the noun's determiners and adjectives.</summary>
    private static bool InPrepositionalPhrase(List<string> tokens, int index)
    {
        for (var j = index - 1; j >= Math.Max(0, index - 3); j--)
        {
            var word = GermanNormalizer.Normalize(tokens[j]);
            if (Prepositions.Contains(word))
            {
                return true;
            }

            if (!char.IsLower(tokens[j][0]) || !(Determiners.Contains(word) || AdjectiveEnding().IsMatch(word)))
            {
                return false;
            }
        }

        return false;
    }

    private static HashSet<string> Evidence(string text, Func<string, IReadOnlyList<string>> wordKeys)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var token in Tokenizer.Words(text))
        {
            foreach (var word in token.Parts.Count > 1 ? [token.Joined, .. token.Parts] : new[] { token.Joined })
            {
                found.UnionWith(wordKeys(word).Where(k => k.StartsWith("cue:", StringComparison.Ordinal)));
                AddIf(found, "temporal", TemporalWords.Contains(word));
                AddIf(found, "locative", LocativeWords.Contains(word));
                AddIf(found, "date", Lexicon.GermanMonths.Contains(word) || Lexicon.GermanWeekdays.Contains(word));
                AddIf(found, "euro", word == "euro");
            }
        }

        AddIf(found, "digits", text.Any(char.IsDigit));
        AddIf(found, "euro", text.Contains('€', StringComparison.Ordinal));
        AddIf(found, "email", text.Contains('@', StringComparison.Ordinal));
        AddIf(found, "date", DatePattern().IsMatch(text));
        AddIf(found, "time", TimePattern().IsMatch(text));
        AddIf(found, "street", StreetPattern().IsMatch(text));
        return found;
    }

    private static void AddIf(HashSet<string> set, string value, bool condition)
    {
        if (condition)
        {
            set.Add(value);
        }
    }

    [GeneratedRegex(@"\s+oder\s+")]
    private static partial Regex OrPattern();

    [GeneratedRegex(@"[\p{L}\p{Nd}]+(?:-[\p{L}\p{Nd}]+)*")]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"^\p{Ll}+(e|em|en|er|es)$")]
    private static partial Regex AdjectiveEnding();

    [GeneratedRegex(@"\b\d{1,2}\.\s?(\d{1,2}\.|\p{L}{3,})")]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"\b\d{1,2}(:\d{2})?\s?Uhr\b|\b\d{1,2}:\d{2}\b")]
    private static partial Regex TimePattern();

    [GeneratedRegex(@"\b\d{5}\b|\p{L}(straße|strasse|str\.|weg|platz|allee|ring|damm|kai)\s+\d+", RegexOptions.IgnoreCase)]
    private static partial Regex StreetPattern();
}

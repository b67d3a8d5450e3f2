using System.Collections.Frozen;
using VirServerless.Core.Events;

namespace VirServerless.Bot.Questions;

public static partial class IntentClassifier
{
    /// <summary>
    /// "Welche (fünf) Kommunen waren dabei?", "which speakers …": a "welche"/"which" that asks for a thing of a kind the
    /// catalog has a field word for (organisations, speakers, fees …), not for an event, so naming the event is not all it says.
    /// </summary>
    public static bool AsksWhichThing(ParsedQuestion q)
    {
        ArgumentNullException.ThrowIfNull(q);
        for (var i = 0; i < q.Words.Count - 1; i++)
        {
            if (q.Words[i] is not ("welche" or "welcher" or "welches" or "welchen" or "which"))
            {
                continue;
            }

            // The noun may follow a number ("welche fünf Kommunen", "which 3 speakers").
            var next = q.Words[i + 1].All(char.IsDigit) || NumberWords.Contains(q.Words[i + 1]) ? (i + 2 < q.Words.Count ? q.Words[i + 2] : string.Empty) : q.Words[i + 1];
            if (CueClasses(next).Count > 0)
            {
                return true;
            }
        }

        return false;
    }

    private static readonly FrozenSet<string> LeadNouns = WordSet.Of(["leitung", "leiter", "leiterin", "lead", "head", "chair"]);
    private static readonly FrozenSet<string> LeadVerbs =
        WordSet.Of(["leitet", "leiten", "leitete", "geleitet", "leiter", "leiterin", "leitung", "leads", "led", "lead", "heads", "chairs"]);

    private static readonly FrozenSet<string> ModerationWords =
        WordSet.Of(["moderiert", "moderation", "moderator", "moderatorin", "moderieren", "moderierte", "moderates", "moderate", "moderating", "moderated", "chairs", "chaired"]);

    /// <summary>
    /// "Wer moderiert das Plenum?": the programme's speakers whose own entry names the role asked ("Sabine Krüger, Moderation",
    /// "Moderation: Jörg Ahlers"). One who leads counts only when a single person leads (else it is some session's lead).
    /// </summary>
    public static IReadOnlyList<(string Speaker, Session Session)> RoleHolders(ParsedQuestion q, CatalogEvent ev)
    {
        ArgumentNullException.ThrowIfNull(q);
        ArgumentNullException.ThrowIfNull(ev);
        var moderation = q.HasWord(ModerationWords);
        if (!moderation && !q.HasWord(LeadVerbs))
        {
            return [];
        }

        var holders = new List<(string Speaker, Session Session)>();
        foreach (var session in ev.Programme)
        {
            foreach (var speaker in session.Speakers ?? [])
            {
                foreach (var word in Tokenizer.Words(speaker))
                {
                    if (moderation ? ModerationWords.Contains(word.Joined) : LeadNouns.Contains(word.Joined))
                    {
                        holders.Add((speaker, session));
                        break;
                    }
                }
            }
        }

        return moderation || holders.Select(h => PersonOf(h.Speaker)).Distinct(StringComparer.Ordinal).Count() == 1 ? holders : [];
    }

    /// <summary>"Moderation: Carla Neuhaus, Geschäftsstelle" → "Carla Neuhaus": the name in a speaker's entry.</summary>
    public static string PersonOf(string speaker)
    {
        ArgumentNullException.ThrowIfNull(speaker);
        var afterRole = speaker.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0 ? speaker[(colon + 1)..] : speaker;
        return afterRole.Split(',', '(')[0].Trim();
    }

    /// <summary>"aus welcher Kommune kommt der?", "where is she from?": the place or body a person comes from.</summary>
    public static bool AsksWhereFrom(string text) => WhereFromPattern().IsMatch(text);

    /// <summary>"which company is X from?", "woher kommt X?", "für wen arbeitet X?": where a person named comes from.</summary>
    public static bool AsksWhereSomeoneIsFrom(string normalized) => WhereSomeoneIsFromPattern().IsMatch(normalized);

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(which|what) (company|firm|municipality|organi[sz]ation|council|authority|town|employer|agency)\b|\bwhere (is|does|do) .+ (from|work)\b|\bwoher\b|\b(aus|von) welche[rmn]? (kommune|organisation|behoerde|stadt|gemeinde|samtgemeinde|verwaltung|landkreis|kreis|institution|firma|einrichtung|dienststelle)\b|\b(fuer wen|wo) arbeitet\b")]
    private static partial System.Text.RegularExpressions.Regex WhereSomeoneIsFromPattern();

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(aus|von) welche[rmn]? (kommune|organisation|behoerde|stadt|gemeinde|samtgemeinde|verwaltung|landkreis|kreis|institution|firma|einrichtung|dienststelle|haus)\b|\bwoher (kommt|ist|stammt)\b|\bwhere (is|does) (he|she|they) (from|come from|work)\b|\bwhich (municipality|organi[sz]ation|council|authority|town) (is|does) (he|she|they)\b")]
    private static partial System.Text.RegularExpressions.Regex WhereFromPattern();

    /// <summary>"Station", "Stände": a text that speaks of stations.</summary>
    public static bool SpeaksOfStations(string normalizedText) =>
        Tokenizer.Words(normalizedText).Any(w => StationWords.Contains(w.Joined));

    /// <summary>"welche Firmen …", "which companies …": a list of the things a matched term names is asked for.</summary>
    public static bool AsksWhichOf(ParsedQuestion q, IReadOnlySet<string> matched)
    {
        ArgumentNullException.ThrowIfNull(q);
        ArgumentNullException.ThrowIfNull(matched);
        for (var i = 0; i < q.Words.Count - 1; i++)
        {
            if (q.Words[i] is "welche" or "welcher" or "welches" or "welchen" or "which" && matched.Contains(Lexicon.Term(q.Words[i + 1])))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"Bürgermeister von Langeoog", "mayor of Esens": the term of the place or body an office is asked of.</summary>
    public static string? OfWhom(ParsedQuestion q)
    {
        ArgumentNullException.ThrowIfNull(q);
        for (var i = 1; i < q.Words.Count - 1; i++)
        {
            if (q.Words[i] is "von" or "vom" or "of" && q.Words[i - 1].Length >= 4 && !IsCue(q.Words[i - 1]) && !Lexicon.IsIgnorable(q.Words[i - 1])
                && q.Words[i + 1] is var whose && whose.Length >= 3 && !IsCue(whose) && !Lexicon.IsIgnorable(whose))
            {
                return Lexicon.Term(whose);
            }
        }

        return null;
    }

    private static readonly HashSet<string> NumberWords = new(
        ["zwei", "drei", "vier", "fuenf", "sechs", "sieben", "acht", "neun", "zehn", "elf", "zwoelf", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"],
        StringComparer.Ordinal);

    /// <summary>
    /// "Wer ist Sprecherin der AG?" when the contact is "Birte Onken, Sprecherin der AG": the role the question names stands
    /// in the contact's name field, so it asks for the contact, not for someone on the programme.
    /// </summary>
    public static bool NamesContactRole(ParsedQuestion q, Contact? contact)
    {
        ArgumentNullException.ThrowIfNull(q);
        if (contact?.Name is not { } name || !q.HasWord(SpeakerWords))
        {
            return false;
        }

        foreach (var word in Tokenizer.Words(name))
        {
            if ((SpeakerWords.Contains(word.Joined) && q.HasWord(word.Joined))
                // "Wer leitet die AG?" when the contact is "…, Leitung der AG": the role's noun, asked by its verb.
                || (LeadNouns.Contains(word.Joined) && q.HasWord(LeadVerbs)))
            {
                return true;
            }
        }

        return false;
    }

    private static readonly Dictionary<string, int> GroupSizes = new(StringComparer.Ordinal)
    {
        ["zweit"] = 2, ["dritt"] = 3, ["viert"] = 4, ["fuenft"] = 5, ["sechst"] = 6, ["siebt"] = 7, ["acht"] = 8, ["neunt"] = 9, ["zehnt"] = 10,
        ["zwei"] = 2, ["drei"] = 3, ["vier"] = 4, ["fuenf"] = 5, ["sechs"] = 6, ["sieben"] = 7, ["neun"] = 9, ["zehn"] = 10,
        ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7, ["eight"] = 8, ["nine"] = 9, ["ten"] = 10,
    };

    /// <summary>"wenn wir zu viert sind", "mit fünf Leuten", "we are four": how many people a group has, if the question says.</summary>
    public static int? GroupSize(ParsedQuestion q)
    {
        ArgumentNullException.ThrowIfNull(q);
        for (var i = 1; i < q.Words.Count; i++)
        {
            if (q.Words[i - 1] is "zu" or "mit" or "sind" or "are" or "of" && GroupSizes.TryGetValue(q.Words[i], out var size))
            {
                return size;
            }
        }

        return null;
    }

    /// <summary>Words of a question about the cap per organisation: an organisation and a limit ("wie viele … je Kommune").</summary>
    public static bool AsksForCap(IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        return words.Any(OrganisationWords.Contains) && words.Any(LimitWords.Contains);
    }

    /// <summary>"trag mich noch … nach", "nachbuchen", "add me to": a request that adds to a registration there is already.</summary>
    public static bool AddsToRegistration(ParsedQuestion q)
    {
        ArgumentNullException.ThrowIfNull(q);
        return (q.Words.Count > 0 && q.Words[^1] == "nach" && q.HasWord("trag", "trage", "tragt", "tragen", "meld", "melde"))
            || q.HasWord("nachtragen", "nachbuchen", "dazubuchen", "nachmelden", "zubuchen", "add")
            // ("nachtragen" may have been split into "nach tragen" as a compound.)
            || Tokenizer.Words(q.Normalized).Any(w => w.Joined is "nachtragen" or "nachbuchen" or "dazubuchen" or "nachmelden" or "zubuchen");
    }
}

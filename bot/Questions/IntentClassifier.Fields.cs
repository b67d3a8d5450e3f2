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

        foreach (var word in Tokenizer.Words(GermanNormalizer.Normalize(name)))
        {
            if (SpeakerWords.Contains(word.Joined) && q.HasWord(word.Joined))
            {
                return true;
            }
        }

        return false;
    }
}

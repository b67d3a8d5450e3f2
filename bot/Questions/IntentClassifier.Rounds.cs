using System.Collections.Frozen;

namespace VirServerless.Bot.Questions;

public static partial class IntentClassifier
{
    private static readonly FrozenSet<string> OtherWords = WordSet.Of(["andere", "anderen", "anderer", "other"]);
    private static readonly FrozenSet<string> SameWords =
        WordSet.Of(["diese", "dieser", "diesen", "derselben", "dieselbe", "selben", "gleichen", "gleiche", "that", "this", "same"]);
    private static readonly FrozenDictionary<string, int> RoundOrdinals = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["erste"] = 1, ["ersten"] = 1, ["erster"] = 1, ["first"] = 1, ["1"] = 1,
        ["zweite"] = 2, ["zweiten"] = 2, ["zweiter"] = 2, ["second"] = 2, ["2"] = 2,
        ["dritte"] = 3, ["dritten"] = 3, ["dritter"] = 3, ["third"] = 3, ["3"] = 3,
        ["vierte"] = 4, ["vierten"] = 4, ["fourth"] = 4, ["4"] = 4,
        ["letzte"] = -1, ["letzten"] = -1, ["letzter"] = -1, ["last"] = -1,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Which round of parallel workshops a question names ("in der ersten Runde", "round 2", "in der anderen Runde").</summary>
    public static RoundReference? RoundNamed(ParsedQuestion q)
    {
        ArgumentNullException.ThrowIfNull(q);
        var at = -1;
        for (var i = 0; i < q.Words.Count; i++)
        {
            if (RoundWords.Contains(q.Words[i]))
            {
                at = i;
                break;
            }
        }

        if (at < 0)
        {
            return null;
        }

        var before = at > 0 ? q.Words[at - 1] : string.Empty;
        var after = at + 1 < q.Words.Count ? q.Words[at + 1] : string.Empty;
        // "Runde 2", "die zweite Runde", "round 2": the number next to the round word.
        if (RoundOrdinals.TryGetValue(before, out var number) || (after.All(char.IsDigit) && RoundOrdinals.TryGetValue(after, out number)))
        {
            return new RoundReference(number, Other: false, Same: false);
        }

        // "in der anderen Runde" asks for the round not talked about; "the other AGs in that round" for the one talked about.
        return new RoundReference(null, Other: OtherWords.Contains(before), Same: SameWords.Contains(before) || q.HasWord("davon", "dort", "there"));
    }

    /// <summary>"welche davon …?", "which of them …?": the sessions just listed, not the event.</summary>
    public static bool AsksAmongListed(ParsedQuestion q)
    {
        ArgumentNullException.ThrowIfNull(q);
        return q.HasWord("davon", "darunter") || q.Text.Contains("of them", StringComparison.Ordinal) || q.Text.Contains("of those", StringComparison.Ordinal);
    }
}

/// <summary>A round of parallel workshops as a question names it: its number (-1 the last), the other one, or the one talked about.</summary>
public sealed record RoundReference(int? Number, bool Other, bool Same);

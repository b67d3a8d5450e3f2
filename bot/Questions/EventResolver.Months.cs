namespace VirServerless.Bot.Questions;

public static partial class EventResolver
{
    /// <summary>
    /// "anything after June?", "was ist nach dem Juni geplant?": the months after (or before) the one named, up to the year's end
    /// (or from its start), not the month itself.
    /// </summary>
    private static IEnumerable<int> MonthsNamed(ParsedQuestion q, int at, int month) =>
        (at > 0 && q.Words[at - 1] is "dem" or "the" ? at - 2 : at - 1) is var before && before >= 0 ? MonthsNamed(month, q.Words[before]) : [month];

    private static IEnumerable<int> MonthsNamed(int month, string wordBefore) => wordBefore switch
    {
        "nach" or "after" => Enumerable.Range(month + 1, 12 - month),
        "before" or "vor" => Enumerable.Range(1, month - 1),
        _ => [month],
    };
}

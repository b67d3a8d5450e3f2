namespace VirServerless.Bot.Questions;

public static partial class EventResolver
{
    /// <summary>
    /// "how do I get there by car?" – "and parking?", "is there a livestream?": the one word of a follow-up that the directions
    /// or an FAQ question of the event talked about name asks about that event, not about another whose venue's name bears
    /// it ("Forum am Park", "Online über Teams").
    /// </summary>
    private static bool DirectionsOfPrevious(ParsedQuestion q, EventIndex? previous, EventIndex named, string term) =>
        previous is not null && previous != named && q.Terms.Count == 1
        && (previous.DirectionTerms.Contains(term) || previous.FaqQuestionTerms.Any(f => f.Contains(term)));
}

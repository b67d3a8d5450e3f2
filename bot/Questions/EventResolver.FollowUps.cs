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

    /// <summary>
    /// "wann ist der Themenblock E-Akte?" – "und E-Rechnung?": right after a session, the one word of a follow-up that another
    /// session of the same event bears names that session, not another event whose title bears it ("Fachtag E-Rechnung").
    /// </summary>
    private static bool NamesSessionOfPrevious(ParsedQuestion q, EventIndex? previous, ConversationState state, EventIndex named, string term) =>
        previous is not null && previous != named && q.Terms.Count == 1 && state.SessionId is { } before
        && previous.Event.Programme.Any(s => s.Id != before && previous.TitleTerms(s).Contains(term));
}

using VirServerless.Core.Events;

namespace VirServerless.Bot.Questions;

/// <summary>The session a question names; <see cref="Alternatives"/> lists equally good sessions when it is ambiguous.</summary>
public sealed record SessionMatch(EventIndex Event, Session Session, IReadOnlySet<string> Matched, IReadOnlyList<Session> Alternatives)
{
    public bool IsAmbiguous => Alternatives.Count > 1;
}

public sealed record FaqMatch(EventIndex Event, FaqEntry Entry, IReadOnlySet<string> Matched);

/// <summary>
/// BM25 retrieval of the session or FAQ entry a question is about, across the events in scope.
/// More matched query terms beat a higher score, and earlier events in scope win ties (the conversation's event first).
/// </summary>
public static class ProgrammeSearch
{
    public static SessionMatch? FindSession(IReadOnlyList<string> terms, IReadOnlyList<EventIndex> scope, Func<Session, bool>? accept = null)
    {
        SessionMatch? best = null;
        foreach (var candidate in scope)
        {
            var hits = candidate.Programme.Search(terms).Where(h => accept is null || accept(h.Item)).ToList();
            if (hits.Count == 0)
            {
                continue;
            }

            var top = hits[0];
            var equallyGood = hits.Where(h => h.MatchedTerms.SetEquals(top.MatchedTerms)).Select(h => h.Item).ToList();
            var match = new SessionMatch(candidate, top.Item, top.MatchedTerms, equallyGood.Count > 1 ? equallyGood : []);
            if (best is null || match.Matched.Count > best.Matched.Count)
            {
                best = match;
            }
        }

        return best;
    }

    /// <summary>The best FAQ entry that <paramref name="fits"/> the question (see <see cref="FaqFit"/>).</summary>
    public static FaqMatch? FindFaq(IReadOnlyList<string> terms, IReadOnlyList<EventIndex> scope,
        Func<EventIndex, FaqEntry, IReadOnlySet<string>, bool>? fits = null)
    {
        FaqMatch? best = null;
        foreach (var candidate in scope)
        {
            if (candidate.Faq.Search(terms).FirstOrDefault(h => fits is null || fits(candidate, h.Item, h.MatchedTerms)) is { } top
                && (best is null || top.MatchedTerms.Count > best.Matched.Count))
            {
                best = new FaqMatch(candidate, top.Item, top.MatchedTerms);
            }
        }

        return best;
    }
}

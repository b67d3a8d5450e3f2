using System.Collections.Frozen;

namespace VirServerless.Bot.Questions;

/// <summary>The event a question is about; <see cref="NotFound"/> when the question names one the catalog lacks.</summary>
public sealed record EventResolution(EventIndex? Event, bool Explicit, bool NotFound);

/// <summary>
/// Picks the event by kind, year, place, "nächste"/"letzte" and tense; without any of these a follow-up stays with
/// the previous turn's event, and a fresh question gets the next upcoming event.
/// </summary>
public static class EventResolver
{
    private static readonly FrozenSet<string> PastTenseWords = WordSet.Of(["war", "waren", "fand", "sprach", "hielt", "damals", "did", "were"]);
    private static readonly FrozenSet<string> LastWords =
        WordSet.Of(["letzte", "letzten", "letztes", "vergangene", "vergangenen", "vorige", "vorigen", "last", "previous"]);
    private static readonly FrozenSet<string> FutureWords =
        WordSet.Of(["naechste", "naechsten", "naechstes", "naechster", "kommende", "kommenden", "kommendes", "next", "upcoming"]);

    public static bool AsksAboutPast(ParsedQuestion q) =>
        q.HasWord(PastTenseWords) || q.HasWord(LastWords) || (q.HasWord("was") && q.HasWord("when", "where", "who"));

    public static EventResolution Resolve(ParsedQuestion q, CatalogIndex index, ConversationState state, DateTimeOffset now)
    {
        var candidates = index.Events.ToList();
        var kind = q.HasTerm(Lexicon.Plenum) ? Core.Events.EventKind.Plenum
            : q.HasTerm(Lexicon.Marktplatz) ? Core.Events.EventKind.Marktplatz
            : (Core.Events.EventKind?)null;
        var places = q.Terms.Where(t => index.Events.Any(e => e.PlaceTerms.Contains(t))).ToList();
        var past = AsksAboutPast(q);
        var future = q.HasWord(FutureWords);
        var superlative = future || q.HasWord(LastWords);

        if (kind is { } k)
        {
            candidates = [.. candidates.Where(e => e.Event.Kind == k)];
        }

        if (q.Year is { } year)
        {
            candidates = [.. candidates.Where(e => e.Event.Start.Year == year || e.Event.End.Year == year)];
        }

        if (places.Count > 0)
        {
            candidates = [.. candidates.Where(e => places.Any(e.PlaceTerms.Contains))];
        }

        var isExplicit = kind is not null || q.Year is not null || places.Count > 0;
        if (candidates.Count == 0)
        {
            return new EventResolution(null, isExplicit, NotFound: isExplicit);
        }

        var previous = index.Find(state.EventId);
        if (previous is not null && candidates.Contains(previous) && q.Year is null && places.Count == 0 && !superlative
            && (!past || previous.Event.End < now))
        {
            return new EventResolution(previous, isExplicit, NotFound: false);
        }

        var upcoming = candidates.Where(e => e.Event.End >= now).OrderBy(e => e.Event.Start).ToList();
        var finished = candidates.Where(e => e.Event.End < now).OrderByDescending(e => e.Event.Start).ToList();
        EventIndex? chosen = past ? finished.FirstOrDefault() : future ? upcoming.FirstOrDefault()
            : upcoming.FirstOrDefault() ?? finished.FirstOrDefault();
        return new EventResolution(chosen, isExplicit || past || future, NotFound: chosen is null);
    }
}

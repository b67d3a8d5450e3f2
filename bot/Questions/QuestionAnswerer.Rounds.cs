
namespace VirServerless.Bot.Questions;

public sealed partial class QuestionAnswerer
{
    /// <summary>
    /// "Welche AGs gibt es in der ersten Runde?", "und in der anderen Runde?", "the other AGs in that round?", and right
    /// after a list of workshops "welche davon ist schon voll?": answered from the times and seats of the choosable
    /// workshops. Null when the question names no round or the event has none (the other rules answer then).
    /// </summary>
    private static Answer? RoundAnswer(ParsedQuestion q, CatalogIndex index, EventResolution resolution, ConversationState state,
        AnswerComposer compose, Intent intent)
    {
        if (IsPersonal(intent) || intent is not (Intent.Unknown or Intent.Workshops or Intent.FreeSeats or Intent.When or Intent.Where or Intent.Programme))
        {
            return null;
        }

        var named = IntentClassifier.RoundNamed(q);
        var talkedAbout = index.Find(state.EventId);
        var amongListed = named is null && state.LastIntent == Intent.Workshops && talkedAbout is not null && IntentClassifier.AsksAmongListed(q)
            && !NamesAnEvent(q, index);
        // A subject besides the workshops ("die AG zu KI in der ersten Runde") is a session search, not the round's list.
        if ((named is null && !amongListed) || q.Terms.Any(t => t != Lexicon.Workshop && !index.EventNamingTerms.Contains(t)))
        {
            return null;
        }

        // "in der anderen Runde", "the other AGs in that round": "andere" is the round's or the workshops', never another event's,
        // so only a name, town or kind picks the event. With none, the one talked about, else the one event that has rounds.
        var ev = NamesAnEvent(q, index) && resolution.Event is { } namedEvent ? namedEvent
            : talkedAbout
            ?? (resolution.Ambiguous.Append(resolution.Event).OfType<EventIndex>().Distinct().Where(e => AnswerComposer.Rounds(e.Event).Count > 0).ToList()
                is [var onlyOne] ? onlyOne : resolution.Event);
        if (ev is null || AnswerComposer.Rounds(ev.Event) is not { Count: > 0 } rounds)
        {
            return null;
        }

        var before = ev.Event.Id == state.EventId ? ev.Event.FindSession(state.SessionId ?? string.Empty) : null;
        var remembered = before is null ? -1 : rounds.FindIndex(r => r.Contains(before));
        var pick = named switch
        {
            { Number: -1 } => rounds.Count - 1,
            { Number: { } n } => n <= rounds.Count ? n - 1 : -2,
            { Other: true } => rounds.Count == 2 && remembered >= 0 ? 1 - remembered : -2,
            _ => remembered,
        };
        // "die dritte Runde" of two rounds, "die andere" of three: no round to name.
        if (pick == -2)
        {
            return compose.Unknown(ev.Event, state);
        }

        var listed = pick >= 0 ? rounds[pick] : [.. rounds.SelectMany(r => r)];
        var fullOnly = IntentClassifier.AsksIfFull(q);
        bool? yes = null;
        if (compose.YesNoQuestion)
        {
            // "Ist in der ersten Runde noch was frei?" is answered by the seats, any other yes/no question by other rules.
            if (intent != Intent.FreeSeats)
            {
                return null;
            }

            var free = listed.Select(s => compose.SessionFree(ev.Event, s)).ToList();
            yes = fullOnly ? free.All(f => f is <= 0) : free.Any(f => f is null or > 0);
        }

        return Checked(q, ev.Event, compose, state, compose.Round(ev.Event, listed, pick >= 0 ? pick + 1 : null, rounds.Count, state, fullOnly, yes));
    }

    /// <summary>
    /// "gibts was zu essen?" – "und beim Plenum abends?": right after a session, a follow-up that names only a part of the day
    /// (and maybe another event) asks for the session of the same kind then. Null unless exactly that is asked and found.
    /// </summary>
    private static Answer? SameKindInPartOfDay(ParsedQuestion q, CatalogIndex index, EventResolution resolution, ConversationState state,
        AnswerComposer compose, Intent intent)
    {
        // (Only after the session itself: after its free seats "und nachmittags?" asks for those of the afternoon.)
        if (intent != Intent.Unknown || state.LastIntent != Intent.SessionInfo || !IsFollowUp(q) || IntentClassifier.PartOfDay(q) is not { } part
            || q.Terms.Any(t => !index.EventNamingTerms.Contains(t))
            || index.Find(state.EventId)?.Event.FindSession(state.SessionId ?? string.Empty) is not { } before)
        {
            return null;
        }

        var target = resolution.Explicit && resolution.Event is { } named ? named : index.Find(state.EventId);
        var alike = target?.Event.Programme.Where(s => s.Kind == before.Kind && s.Id != before.Id && part.Contains(BerlinTime.MinuteOfDay(s.Start))).ToList();
        return target is null || alike is not { Count: > 0 } ? null
            : alike.Count == 1 ? compose.SessionInfo(target.Event, alike[0], state)
            : compose.SessionList(target.Event, alike, state);
    }
}

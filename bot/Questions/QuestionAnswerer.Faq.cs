using VirServerless.Core.Events;

namespace VirServerless.Bot.Questions;

public sealed partial class QuestionAnswerer
{
    /// <summary>
    /// "welches Stichwort muss ich angeben?" right after the entry about the hotel contingent: a detail that entry's answer
    /// names (and its question does not) is asked of that entry again. Not when another entry of the event asks about it
    /// itself, or the question asks for something the entry does not show (a date, a price …).
    /// </summary>
    private static (EventIndex Event, FaqEntry Entry)? FaqDetailAgain(ParsedQuestion q, CatalogIndex index, ConversationState state,
        List<string> retrievalTerms, Intent intent, bool yesNo)
    {
        // (A refusal in between keeps the entry: "und ein DZ?" – "weiß ich nicht" – "welches Stichwort?". A yes or no is for
        // the rules that read it from the entry: only a question word asks for the detail.)
        if (state.LastIntent is not (Intent.Faq or null) || state.LastFaq is not { } lastFaq || retrievalTerms.Count == 0 || IsPersonal(intent)
            || yesNo || !q.HasWord(QuestionWords)
            || NamesAnEvent(q, index) || index.Find(state.EventId) is not { } ev
            || (ev.Event.Faq ?? []).FirstOrDefault(f => f.Question == lastFaq) is not { } entry)
        {
            return null;
        }

        var answerTerms = index.DocumentTerms(entry.Answer).ToHashSet(StringComparer.Ordinal);
        var questionTerms = index.DocumentTerms(entry.Question).ToHashSet(StringComparer.Ordinal);
        var asked = q.Words.SelectMany(IntentClassifier.CueClasses).Where(FaqFit.IsAttribute).ToList();
        return retrievalTerms.All(answerTerms.Contains) && retrievalTerms.Any(t => !questionTerms.Contains(t))
            && !ev.FaqQuestionTerms.Any(own => retrievalTerms.All(own.Contains))
            && ev.FaqFits[entry].Shows(asked)
            ? (ev, entry)
            : null;
    }
}

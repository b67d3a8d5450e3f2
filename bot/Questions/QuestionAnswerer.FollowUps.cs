using System.Collections.Frozen;
using System.Text.RegularExpressions;
using VirServerless.Core.Events;

namespace VirServerless.Bot.Questions;

public sealed partial class QuestionAnswerer
{
    private static readonly FrozenSet<string> WholeEventWords =
        WordSet.Of(["veranstaltung", "event", "tagung", "konferenz", "conference", "fachtag", "plenum", "marktplatz"]);

    /// <summary>
    /// "wie lange ging die ganze Veranstaltung?" right after a session: a word for the event itself asks about the event,
    /// not the session talked about before.
    /// </summary>
    private static bool NamesTheEventItself(ParsedQuestion q) => q.HasWord(WholeEventWords);

    private static readonly FrozenSet<string> IncludedWords =
        WordSet.Of(["inklusive", "inkl", "enthalten", "inbegriffen", "included", "include", "includes", "inclusive"]);

    /// <summary>"ist das Abendessen inklusive?", "is the dinner included in the fee?": whether the fee covers a thing.</summary>
    private static bool AsksIfIncluded(ParsedQuestion q) => q.HasWord(IncludedWords) && IntentClassifier.IsYesNo(q);

    /// <summary>
    /// The fee text has a clause that names what the question names and says it is charged apart ("das Abendessen wird
    /// gesondert berechnet", "Übernachtung nicht enthalten").
    /// </summary>
    private static bool ChargedApart(string fee, ParsedQuestion q, CatalogIndex index) =>
        FeeSentences().Split(fee).Any(clause => ApartPattern().IsMatch(GermanNormalizer.Normalize(clause))
            && index.DocumentTerms(clause).Any(t => q.Terms.Contains(t, StringComparer.Ordinal) && !PriceTerms.Contains(t)));

    /// <summary>Words of any fee text: they name no part of what the fee covers.</summary>
    private static readonly FrozenSet<string> PriceTerms = WordSet.Of([.. new[] { "euro", "eur", "gebuehr", "teilnahmegebuehr", "pauschale",
        "tagungspauschale", "preis", "kosten", "person", "fee", "price" }.Select(Lexicon.Term)]);

    [GeneratedRegex(@"[;.()]|,\s+")]
    private static partial Regex FeeSentences();

    [GeneratedRegex(@"\b(gesondert|separat|extra|zusaetzlich|nicht (inklusive|enthalten|inbegriffen)|nicht im preis|selbst (zu )?(zahlen|bezahlen|tragen)|charged separately|not included|extra charge)\b")]
    private static partial Regex ApartPattern();

    /// <summary>
    /// The session the conversation is about, when its description names a price of its own ("kostet 38 Euro pro Person",
    /// "ist in der Tagungspauschale enthalten"): a fee question right after it asks for that price.
    /// </summary>
    private static Session? PricedSessionBefore(CatalogEvent ev, ConversationState state) =>
        state.EventId == ev.Id && state.SessionId is { } before && ev.FindSession(before) is { Description: { Length: > 0 } description } session
            && SessionPrice().IsMatch(GermanNormalizer.Normalize(description))
            ? session
            : null;

    [GeneratedRegex(@"\b(\d+([.,]\d+)? ?(euro|eur)|kostet|kostenlos|kostenfrei|gebuehr|(tagungs)?pauschale|costs?|free of charge)\b")]
    private static partial Regex SessionPrice();
}

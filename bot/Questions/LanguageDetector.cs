namespace VirServerless.Bot.Questions;

/// <summary>
/// Decides German or English from the words themselves: clients such as the Agents Playground send
/// <c>en-US</c> as locale whatever the user types. German wins ties because our users are German.
/// </summary>
public static class LanguageDetector
{
    private static readonly HashSet<string> English = new(StringComparer.Ordinal)
    {
        "the", "is", "are", "when", "where", "what", "who", "which", "how", "does", "do", "did", "next", "i", "my",
        "me", "can", "you", "there", "of", "at", "for", "to", "hello", "hi", "thanks", "take", "place", "about",
        "speaking", "speaks", "register", "sign", "day", "second", "first", "time", "cost", "much", "any", "seats",
        "left", "available", "venue", "address", "get", "event", "plenary", "fair", "contact", "topics", "last",
        "it", "this", "will", "held", "on", "please", "help", "want", "have", "workshops", "programme", "program",
        "schedule", "deadline", "fee", "registered", "free", "am", "was", "wheelchair", "accessible", "directions",
        "dinner", "trip", "excursion", "speaker", "speakers", "chose", "change", "cancel", "with", "and", "whats",
    };

    private static readonly HashSet<string> German = new(StringComparer.Ordinal)
    {
        "der", "die", "das", "ist", "wann", "wo", "wer", "was", "und", "ich", "mich", "gibt", "es", "welche", "wie",
        "am", "um", "zum", "zur", "findet", "statt", "noch", "bin", "melde", "kann", "naechste", "naechstes", "war",
        "den", "dem", "im", "ein", "eine", "hallo", "moin", "gibts", "fuer", "ueber", "spricht", "tag", "uhr",
        "welcher", "wir", "sie", "bitte", "laeuft", "kostet", "und", "mir", "habe", "wieviel", "da", "auf", "zu",
    };

    public static string Detect(ParsedQuestion question, string? previous)
    {
        var english = question.Words.Count(English.Contains);
        var german = question.Words.Count(German.Contains);
        return english > german ? "en" : german > english ? "de" : previous ?? "de";
    }
}

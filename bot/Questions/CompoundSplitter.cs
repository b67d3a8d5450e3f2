namespace VirServerless.Bot.Questions;

/// <summary>
/// Splits German compounds ("Plenumsprogramm", "Anmeldeschluss") into words the catalog or the lexicon
/// know, allowing the linking elements s/es/n/e between them. At most three parts, longest head first.
/// </summary>
public static class CompoundSplitter
{
    private static readonly string[] Links = ["", "s", "es", "n", "e"];
    private static readonly HashSet<string> ShortParts = new(StringComparer.Ordinal) { "ki", "ag", "it", "ai" };

    public static IReadOnlyList<string>? Split(string word, Func<string, bool> isKnown) => Split(word, isKnown, 3);

    private static List<string>? Split(string word, Func<string, bool> isKnown, int maxParts)
    {
        if (maxParts < 2 || word.Length < 5)
        {
            return null;
        }

        for (var headLength = word.Length - 2; headLength >= 2; headLength--)
        {
            var head = word[..headLength];
            if (!IsPart(head, isKnown))
            {
                continue;
            }

            foreach (var link in Links)
            {
                var rest = word[headLength..];
                if (!rest.StartsWith(link, StringComparison.Ordinal))
                {
                    continue;
                }

                var tail = rest[link.Length..];
                if (IsPart(tail, isKnown))
                {
                    return [head, tail];
                }

                if (Split(tail, isKnown, maxParts - 1) is { } tailParts)
                {
                    return [head, .. tailParts];
                }
            }
        }

        return null;
    }

    private static bool IsPart(string part, Func<string, bool> isKnown) =>
        (part.Length >= 3 || ShortParts.Contains(part)) && isKnown(part);
}

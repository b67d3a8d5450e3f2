namespace VirServerless.Bot.Questions;

/// <summary>
/// A deliberately light stemmer: it strips common inflection endings so that "Anmeldung", "anmelden" and
/// "Workshops" meet their base forms. Short words are left alone because stripping them creates collisions.
/// </summary>
public static class GermanStemmer
{
    private static readonly string[] Suffixes = ["ungen", "ung", "ern", "en", "er", "em", "es", "e", "n", "s"];

    public static string Stem(string word)
    {
        if (word.Length <= 4 || word.Any(char.IsDigit))
        {
            return word;
        }

        foreach (var suffix in Suffixes)
        {
            if (word.EndsWith(suffix, StringComparison.Ordinal) && word.Length - suffix.Length >= 4)
            {
                return word[..^suffix.Length];
            }
        }

        return word;
    }
}

using System.Globalization;
using System.Text;

namespace VirServerless.Bot.Questions;

/// <summary>
/// Folds text to the form users type on any keyboard: lower case, umlauts as ae/oe/ue, ß as ss,
/// other diacritics dropped. Both questions and catalog text go through it, so they meet in the middle.
/// </summary>
public static class GermanNormalizer
{
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lower = text.ToLowerInvariant();
        // Plain ASCII has no umlauts, dashes or marks to fold: what follows would return it unchanged.
        if (System.Text.Ascii.IsValid(lower))
        {
            return lower;
        }

        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in lower)
        {
            switch (c)
            {
                case 'ä': builder.Append("ae"); break;
                case 'ö': builder.Append("oe"); break;
                case 'ü': builder.Append("ue"); break;
                case 'ß': builder.Append("ss"); break;
                case '\u2013' or '\u2014' or '\u2011': builder.Append('-'); break;
                default: builder.Append(c); break;
            }
        }

        // Unicode normalization throws on a lone surrogate; as the replacement character it is just no letter.
        var decomposed = WithoutLoneSurrogates(builder.ToString()).Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                folded.Append(c);
            }
        }

        return folded.ToString().Normalize(NormalizationForm.FormC);
    }

    private static string WithoutLoneSurrogates(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsSurrogatePair(text, i))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return string.Concat(text.EnumerateRunes().Select(rune => rune.ToString()));
            }
        }

        return text;
    }
}

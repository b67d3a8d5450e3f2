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
        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text.ToLowerInvariant())
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

        var decomposed = builder.ToString().Normalize(NormalizationForm.FormD);
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
}

using System.Globalization;
using System.Text.RegularExpressions;

namespace VirServerless.Bot.Questions;

/// <summary>A day the question points at: the n-th event day, a weekday, or a calendar date.</summary>
public sealed record DaySlot(int? Ordinal, DayOfWeek? Weekday, int? DayOfMonth, int? Month);

/// <summary>Finds years, days and clock times in a normalized question.</summary>
public static partial class DateExpressions
{
    public static int? Year(string text) =>
        YearPattern().Match(text) is { Success: true } m ? int.Parse(m.Value, CultureInfo.InvariantCulture) : null;

    /// <summary>"nächstes Jahr", "letztes Jahr", "dieses Jahr", "last year": the calendar year relative to <paramref name="thisYear"/>.</summary>
    public static int? RelativeYear(string text, int thisYear) =>
        NextYearPattern().IsMatch(text) ? thisYear + 1
        : LastYearPattern().IsMatch(text) ? thisYear - 1
        : ThisYearPattern().IsMatch(text) ? thisYear
        : null;

    [GeneratedRegex(@"\b(naechste[nms]?|kommende[nms]?|folgende[nms]?|next|coming) (jahr|jahres|year|years)\b")]
    private static partial Regex NextYearPattern();

    [GeneratedRegex(@"\b(letzte[nms]?|vergangene[nms]?|vorige[nms]?|last|previous) (jahr|jahres|year|years)\b|\bvorjahr(es)?\b")]
    private static partial Regex LastYearPattern();

    [GeneratedRegex(@"\b(diese[nms]?|dies|this) (jahr|jahres|year|years)\b|\bheuer\b|\bdiesjaehrige[nmrs]?\b")]
    private static partial Regex ThisYearPattern();

    /// <summary>"diese Woche" 0, "nächste Woche" 1, "übernächste Woche" 2: calendar weeks after the one the question is asked in.</summary>
    public static int? RelativeWeek(string normalized) =>
        WeekAfterNextPattern().IsMatch(normalized) ? 2
        : NextWeekPattern().IsMatch(normalized) ? 1
        : ThisWeekPattern().IsMatch(normalized) ? 0
        : null;

    /// <summary>The words of a relative week; they name a time, not a subject.</summary>
    public static IReadOnlyList<string> WeekWords { get; } = ["woche", "wochen", "week", "weeks"];

    [GeneratedRegex(@"\b(?:ueber ?naechste[nrms]?|uebernaechste[nrms]?) woche\b|\bweek after next\b")]
    private static partial Regex WeekAfterNextPattern();

    [GeneratedRegex(@"\b(?:naechste[nrms]?|kommende[nrms]?|next|coming) (?:woche|week)\b")]
    private static partial Regex NextWeekPattern();

    [GeneratedRegex(@"\b(?:diese[nrms]?|this) (?:woche|week)\b")]
    private static partial Regex ThisWeekPattern();

    /// <summary>
    /// "morgen", "übermorgen", "tomorrow": days after the one the question is asked, or null. "heute morgen", "am Morgen" and
    /// "guten Morgen" are a morning and a greeting, not the next day.
    /// </summary>
    public static int? RelativeDay(string normalized) =>
        DayAfterTomorrowPattern().IsMatch(normalized) ? 2 : TomorrowPattern().IsMatch(normalized) ? 1 : null;

    [GeneratedRegex(@"\b(?:ueber ?morg(?:en|n)|day after (?:tomorrow|tomorow|tommorow))\b")]
    private static partial Regex DayAfterTomorrowPattern();

    [GeneratedRegex(@"(?<!\b(?:heute?|guten|gute|this|good|am|jeden|den|der|diesen|zum) )\b(?:morgen|morgn|tomorrow|tomorow|tommorow|tmrw)\b")]
    private static partial Regex TomorrowPattern();

    public static DaySlot? Day(string text)
    {
        if (OrdinalDayPattern().Match(text) is { Success: true } ordinal)
        {
            var word = ordinal.Groups["word"].Value;
            var number = ordinal.Groups["num"].Success
                ? int.Parse(ordinal.Groups["num"].Value, CultureInfo.InvariantCulture)
                : word switch
                {
                    _ when word.StartsWith("erst", StringComparison.Ordinal) || word is "first" or "one" or "eins" => 1,
                    _ when word.StartsWith("zweit", StringComparison.Ordinal) || word is "second" or "two" or "zwei" => 2,
                    _ when word.StartsWith("dritt", StringComparison.Ordinal) || word is "third" or "three" or "drei" => 3,
                    _ => 4,
                };
            return new DaySlot(number, null, null, null);
        }

        // The three date patterns need a digit; most questions have none, and a scan for one is far cheaper.
        var hasDigit = text.AsSpan().IndexOfAnyInRange('0', '9') >= 0;
        if (hasDigit && NumericDatePattern().Match(text) is { Success: true } numeric)
        {
            return new DaySlot(null, null, int.Parse(numeric.Groups["d"].Value, CultureInfo.InvariantCulture),
                int.Parse(numeric.Groups["m"].Value, CultureInfo.InvariantCulture));
        }

        if (hasDigit && NamedDatePattern().Match(text) is { Success: true } named)
        {
            var monthWord = named.Groups["month"].Value;
            var month = Array.IndexOf(Lexicon.GermanMonths, monthWord);
            month = month >= 0 ? month : Array.IndexOf(Lexicon.EnglishMonths, monthWord);
            return new DaySlot(null, null, int.Parse(named.Groups["d"].Value, CultureInfo.InvariantCulture), month + 1);
        }

        if (hasDigit && EnglishDatePattern().Match(text) is { Success: true } english)
        {
            return new DaySlot(null, null, int.Parse(english.Groups["d"].Value, CultureInfo.InvariantCulture),
                Array.IndexOf(Lexicon.EnglishMonths, english.Groups["month"].Value) + 1);
        }

        // Two weekdays in one question: the earlier in DayOfWeek order, as ever.
        DayOfWeek? weekday = null;
        foreach (Match match in WeekdayPattern().Matches(text))
        {
            var name = match.Value.EndsWith('s') ? match.Value[..^1] : match.Value;
            var day = (DayOfWeek)Math.Max(Array.IndexOf(Lexicon.GermanWeekdays, name), Array.IndexOf(Lexicon.EnglishWeekdays, name));
            weekday = weekday is { } earlier && earlier < day ? earlier : day;
        }

        return weekday is { } found ? new DaySlot(null, found, null, null) : null;
    }

    /// <summary>Clock time in minutes after midnight ("um 14 Uhr", "14:30", "at 2 pm").</summary>
    public static int? TimeOfDay(string text)
    {
        // "gegen fünf", "um halb vier": an hour in words is the same hour in digits.
        if (HourWordPattern().IsMatch(text))
        {
            text = HourWordPattern().Replace(text, m => $"{m.Groups["before"].Value} {Array.IndexOf(HourWords, m.Groups["h"].Value) + 1}");
        }

        // Every clock pattern below needs a digit (an hour in words has become one above).
        if (text.AsSpan().IndexOfAnyInRange('0', '9') < 0)
        {
            return null;
        }

        var m = ClockPattern().Match(text);
        // "um halb 3" is 2:30, "viertel nach 2" 2:15, "viertel vor 3" 2:45.
        if (!m.Success && SpokenClockPattern().Match(text) is { Success: true } spoken)
        {
            var h = int.Parse(spoken.Groups["h"].Value, CultureInfo.InvariantCulture);
            var minutes = (h * 60) + (spoken.Groups["how"].Value switch { "halb" => -30, "viertel nach" => 15, _ => -15 });
            return minutes is > 0 and < 24 * 60 ? minutes : null;
        }

        if (!m.Success)
        {
            m = HourPattern().Match(text);
        }

        if (!m.Success)
        {
            return null;
        }

        var hour = int.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture);
        var minute = m.Groups["min"].Success ? int.Parse(m.Groups["min"].Value, CultureInfo.InvariantCulture) : 0;
        if (m.Groups["pm"].Success && m.Groups["pm"].Value == "pm" && hour < 12)
        {
            hour += 12;
        }

        return hour is >= 0 and < 24 && minute is >= 0 and < 60 ? (hour * 60) + minute : null;
    }

    /// <summary>Every name of <see cref="Lexicon.GermanWeekdays"/> and <see cref="Lexicon.EnglishWeekdays"/>, also with a plural or adverbial "s".</summary>
    [GeneratedRegex(@"\b(?:sonntag|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sunday|monday|tuesday|wednesday|thursday|friday|saturday)s?\b", RegexOptions.CultureInvariant)]
    internal static partial Regex WeekdayPattern();

    private static readonly string[] HourWords = ["eins", "zwei", "drei", "vier", "fuenf", "sechs", "sieben", "acht", "neun", "zehn", "elf", "zwoelf"];

    [GeneratedRegex(@"\b(?<before>um|gegen|ab|halb|viertel nach|viertel vor)\s+(?<h>eins|zwei|drei|vier|fuenf|sechs|sieben|acht|neun|zehn|elf|zwoelf)\b")]
    private static partial Regex HourWordPattern();

    [GeneratedRegex(@"\b(19|20)[0-9]{2}\b")]
    private static partial Regex YearPattern();

    [GeneratedRegex(@"\b(?:(?<word>erst\w*|zweit\w*|dritt\w*|viert\w*|first|second|third|fourth)\s+(?:tag\w*|day)|(?<num>[1-4])\.\s*tag\w*|(?:tag|day)\s+(?<num>[1-4])\b|(?:tag|day)\s+(?<word>one|two|three|eins|zwei|drei)\b|\b(?:am|on the)\s+(?<word>erst\w*|zweit\w*|dritt\w*|first|second|third)\s*$)")]
    private static partial Regex OrdinalDayPattern();

    [GeneratedRegex(@"\b(?<d>[0-3]?[0-9])\.(?<m>[01]?[0-9])\.")]
    private static partial Regex NumericDatePattern();

    [GeneratedRegex(@"\b(?<d>[0-3]?[0-9])(?:\.|st|nd|rd|th)?\s*(?:of\s+)?(?<month>januar|februar|maerz|april|mai|juni|juli|august|september|oktober|november|dezember|january|february|march|may|june|july|october|december)\b")]
    private static partial Regex NamedDatePattern();

    /// <summary>"October 6th", "october 6".</summary>
    [GeneratedRegex(@"\b(?<month>january|february|march|april|may|june|july|august|september|october|november|december)\s+(?<d>[0-3]?[0-9])(?:st|nd|rd|th)?\b")]
    private static partial Regex EnglishDatePattern();

    [GeneratedRegex(@"\b(?<h>[01]?[0-9]|2[0-3])[:.](?<min>[0-5][0-9])\b(?!\.)")]
    private static partial Regex ClockPattern();

    [GeneratedRegex(@"\b(?<how>halb|viertel nach|viertel vor)\s+(?<h>[01]?[0-9]|2[0-3])\b")]
    private static partial Regex SpokenClockPattern();

    [GeneratedRegex(@"\b(?:um|at|gegen|ab)\s+(?<h>[01]?[0-9]|2[0-3])\s*(?:uhr|h|o'?clock|(?<pm>am|pm))?\b|\b(?<h>[01]?[0-9]|2[0-3])\s*(?:uhr|(?<pm>am|pm))\b")]
    private static partial Regex HourPattern();
}

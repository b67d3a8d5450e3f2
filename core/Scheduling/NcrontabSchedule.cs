using System.Globalization;
using System.Numerics;

namespace VirServerless.Core.Scheduling;

/// <summary>
/// A six-field NCRONTAB schedule as the Azure Functions timer trigger reads it:
/// <c>{second} {minute} {hour} {day} {month} {day-of-week}</c>, evaluated in UTC.
/// </summary>
/// <remarks>
/// Follows NCrontab (the parser behind the timer trigger), not Vixie cron:
/// <list type="bullet">
/// <item>Day-of-month and day-of-week must BOTH match (NCrontab checks the day field, then the weekday).
/// Vixie cron would OR them when both are restricted.</item>
/// <item>Day-of-week is 0–6 with 0 = Sunday; 7 is rejected, as NCrontab rejects it.</item>
/// <item>Names are English and case-insensitive: three letters or the full name (<c>Mon</c>, <c>monday</c>, <c>Jan</c>).</item>
/// <item><c>a/n</c> means from <c>a</c> to the field maximum in steps of <c>n</c>.</item>
/// </list>
/// </remarks>
public sealed class NcrontabSchedule
{
    private static readonly string[] MonthNames =
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

    private static readonly string[] DayNames = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

    private static readonly FieldSpec[] Specs =
    [
        new("second", 0, 59, null),
        new("minute", 0, 59, null),
        new("hour", 0, 23, null),
        new("day", 1, 31, null),
        new("month", 1, 12, MonthNames),
        new("day-of-week", 0, 6, DayNames),
    ];

    // The Gregorian calendar repeats every 400 years, so a schedule with no hit in that span never fires.
    private const int SearchYears = 400;

    private readonly ulong seconds;
    private readonly ulong minutes;
    private readonly ulong hours;
    private readonly ulong days;
    private readonly ulong months;
    private readonly ulong daysOfWeek;

    private NcrontabSchedule(string expression, ulong[] fields)
    {
        Expression = expression;
        (seconds, minutes, hours, days, months, daysOfWeek) = (fields[0], fields[1], fields[2], fields[3], fields[4], fields[5]);
    }

    /// <summary>The expression as given to <see cref="Parse"/>.</summary>
    public string Expression { get; }

    public static NcrontabSchedule Parse(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        return TryParseCore(expression, out var schedule, out var error) ? schedule : throw new FormatException(error);
    }

    public static bool TryParse(string? expression, out NcrontabSchedule? schedule)
    {
        schedule = null;
        if (expression is null || !TryParseCore(expression, out var parsed, out _))
        {
            return false;
        }

        schedule = parsed;
        return true;
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/>, in UTC; null if the schedule never fires.</summary>
    public DateTimeOffset? GetNextOccurrence(DateTimeOffset after)
    {
        var utc = after.UtcDateTime;
        if (utc >= DateTime.MaxValue.AddSeconds(-1))
        {
            return null;
        }

        var start = new DateTime(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc).AddSeconds(1);
        var lastYear = Math.Min(DateTime.MaxValue.Year, start.Year + SearchYears);

        for (var year = start.Year; year <= lastYear; year++)
        {
            var firstMonth = year == start.Year ? start.Month : 1;
            for (var month = NextIn(months, firstMonth); month > 0; month = NextIn(months, month + 1))
            {
                var isStartMonth = year == start.Year && month == start.Month;
                var daysInMonth = DateTime.DaysInMonth(year, month);
                for (var day = NextIn(days, isStartMonth ? start.Day : 1); day > 0 && day <= daysInMonth; day = NextIn(days, day + 1))
                {
                    var date = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Utc);
                    if (!Contains(daysOfWeek, (int)date.DayOfWeek))
                    {
                        continue;
                    }

                    var time = date == start.Date ? FirstTimeAtOrAfter(start.TimeOfDay) : FirstTime();
                    if (time is { } t)
                    {
                        return new DateTimeOffset(date + t, TimeSpan.Zero);
                    }
                }
            }
        }

        return null;
    }

    /// <summary>All occurrences strictly after <paramref name="from"/> and strictly before <paramref name="to"/>.</summary>
    public IEnumerable<DateTimeOffset> GetOccurrences(DateTimeOffset from, DateTimeOffset to)
    {
        for (var next = GetNextOccurrence(from); next is { } n && n < to; next = GetNextOccurrence(n))
        {
            yield return n;
        }
    }

    public override string ToString() => Expression;

    private TimeSpan FirstTime() => new(NextIn(hours, 0), NextIn(minutes, 0), NextIn(seconds, 0));

    private TimeSpan? FirstTimeAtOrAfter(TimeSpan from)
    {
        for (var hour = NextIn(hours, from.Hours); hour >= 0; hour = NextIn(hours, hour + 1))
        {
            if (hour > from.Hours)
            {
                return new TimeSpan(hour, NextIn(minutes, 0), NextIn(seconds, 0));
            }

            for (var minute = NextIn(minutes, from.Minutes); minute >= 0; minute = NextIn(minutes, minute + 1))
            {
                var second = NextIn(seconds, minute > from.Minutes ? 0 : from.Seconds);
                if (second >= 0)
                {
                    return new TimeSpan(hour, minute, second);
                }
            }
        }

        return null;
    }

    private static bool Contains(ulong mask, int value) => (mask & (1UL << value)) != 0;

    /// <summary>The smallest value in <paramref name="mask"/> that is at least <paramref name="from"/>, or -1.</summary>
    private static int NextIn(ulong mask, int from)
    {
        if (from > 63)
        {
            return -1;
        }

        var rest = mask >> from << from;
        return rest == 0 ? -1 : BitOperations.TrailingZeroCount(rest);
    }

    private static bool TryParseCore(string expression, out NcrontabSchedule schedule, out string error)
    {
        schedule = null!;
        var parts = expression.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != Specs.Length)
        {
            error = $"'{expression}' is not a valid NCRONTAB expression: expected 6 fields " +
                    $"{{second}} {{minute}} {{hour}} {{day}} {{month}} {{day-of-week}}, found {parts.Length}.";
            return false;
        }

        var fields = new ulong[Specs.Length];
        for (var i = 0; i < Specs.Length; i++)
        {
            if (!Specs[i].TryParse(parts[i], out fields[i], out var fieldError))
            {
                error = $"'{expression}' is not a valid NCRONTAB expression: {Specs[i].Name} field '{parts[i]}': {fieldError}";
                return false;
            }
        }

        schedule = new NcrontabSchedule(expression, fields);
        error = "";
        return true;
    }

    private sealed record FieldSpec(string Name, int Min, int Max, string[]? Names)
    {
        public bool TryParse(string text, out ulong mask, out string error)
        {
            mask = 0;
            foreach (var item in text.Split(','))
            {
                if (!TryParseItem(item, out var itemMask, out error))
                {
                    return false;
                }

                mask |= itemMask;
            }

            error = "";
            return true;
        }

        private bool TryParseItem(string item, out ulong mask, out string error)
        {
            mask = 0;
            if (item.Length == 0)
            {
                error = "empty list element.";
                return false;
            }

            var step = 1;
            var slash = item.IndexOf('/', StringComparison.Ordinal);
            var range = slash < 0 ? item : item[..slash];
            if (slash >= 0 && (!int.TryParse(item[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out step) || step < 1 || step > Max))
            {
                error = $"step '{item[(slash + 1)..]}' must be a whole number from 1 to {Max}.";
                return false;
            }

            int first, last;
            if (range == "*")
            {
                (first, last) = (Min, Max);
            }
            else if (range.IndexOf('-', StringComparison.Ordinal) is var dash and > 0)
            {
                if (!TryParseValue(range[..dash], out first, out error) || !TryParseValue(range[(dash + 1)..], out last, out error))
                {
                    return false;
                }

                if (first > last)
                {
                    error = $"range '{range}' runs backwards.";
                    return false;
                }
            }
            else
            {
                if (!TryParseValue(range, out first, out error))
                {
                    return false;
                }

                // NCrontab reads "a/n" as "a to the maximum, every n".
                last = slash >= 0 ? Max : first;
            }

            for (var value = first; value <= last; value += step)
            {
                mask |= 1UL << value;
            }

            error = "";
            return true;
        }

        private bool TryParseValue(string text, out int value, out string error)
        {
            error = "";
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value))
            {
                if (value >= Min && value <= Max)
                {
                    return true;
                }

                error = Name == "day-of-week" && value == 7
                    ? "7 is not a day of week here; use 0 for Sunday (NCrontab accepts 0-6 only)."
                    : $"{value} is outside {Min}-{Max}.";
                return false;
            }

            if (Names is not null && text.Length >= 3)
            {
                var index = Array.FindIndex(Names, name => name.StartsWith(text, StringComparison.OrdinalIgnoreCase));
                if (index >= 0)
                {
                    value = index + Min;
                    return true;
                }
            }

            error = Names is null
                ? $"'{text}' is not a number from {Min} to {Max}."
                : $"'{text}' is neither a number from {Min} to {Max} nor a name ({string.Join(", ", Names.Select(n => n[..3]))}).";
            return false;
        }
    }
}

namespace VirServerless.Bot.Questions;

/// <summary>
/// Renders instants in Europe/Berlin. Day and month names come from our own arrays so that answers do not
/// depend on how complete the machine's ICU culture data is.
/// </summary>
public static class BerlinTime
{
    private static TimeZoneInfo Zone => Core.Events.BerlinTime.Zone;

    private static readonly string[] GermanDays = ["Sonntag", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag"];
    private static readonly string[] EnglishDays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
    private static readonly string[] GermanMonths =
        ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"];
    private static readonly string[] EnglishMonths =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    public static DateTime Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone).DateTime;

    public static DateOnly Day(DateTimeOffset instant) => DateOnly.FromDateTime(Local(instant));

    public static int MinuteOfDay(DateTimeOffset instant) => (Local(instant).Hour * 60) + Local(instant).Minute;

    /// <summary>"Mittwoch, 9. Juni 2027" or "Wednesday, 9 June 2027".</summary>
    public static string Date(DateOnly day, string language) => language == "en"
        ? $"{EnglishDays[(int)day.DayOfWeek]}, {day.Day} {EnglishMonths[day.Month - 1]} {day.Year}"
        : $"{GermanDays[(int)day.DayOfWeek]}, {day.Day}. {GermanMonths[day.Month - 1]} {day.Year}";

    public static string Date(DateTimeOffset instant, string language) => Date(Day(instant), language);

    /// <summary>"15:30" (24-hour clock in both languages).</summary>
    public static string Clock(DateTimeOffset instant)
    {
        var local = Local(instant);
        return $"{local.Hour:00}:{local.Minute:00}";
    }

    /// <summary>"Mittwoch, 9. Juni 2027, 15:30 Uhr".</summary>
    public static string DateAndTime(DateTimeOffset instant, string language) =>
        language == "en" ? $"{Date(instant, language)}, {Clock(instant)}" : $"{Date(instant, language)}, {Clock(instant)} Uhr";

    /// <summary>"13:00–14:15 Uhr".</summary>
    public static string Span(DateTimeOffset start, DateTimeOffset end, string language) =>
        language == "en" ? $"{Clock(start)}–{Clock(end)}" : $"{Clock(start)}–{Clock(end)} Uhr";

    public static string WeekdayName(DayOfWeek day, string language) =>
        language == "en" ? EnglishDays[(int)day] : GermanDays[(int)day];
}

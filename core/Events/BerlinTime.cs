namespace VirServerless.Core.Events;

/// <summary>
/// Catalog times carry offsets but people read them in Europe/Berlin. Day and month names are spelled out here
/// so that output does not depend on the ICU data installed on the host.
/// </summary>
public static class BerlinTime
{
    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    private static readonly string[] DayNames = ["Sonntag", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag"];
    private static readonly string[] MonthNames = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"];

    public static DateTimeOffset ToBerlin(DateTimeOffset value) => TimeZoneInfo.ConvertTime(value, Zone);

    /// <summary>"Mittwoch, 9. Juni 2027"</summary>
    public static string Date(DateTimeOffset value)
    {
        var local = ToBerlin(value);
        return $"{DayNames[(int)local.DayOfWeek]}, {local.Day}. {MonthNames[local.Month - 1]} {local.Year}";
    }

    /// <summary>"15:30 Uhr"</summary>
    public static string Time(DateTimeOffset value)
    {
        var local = ToBerlin(value);
        return $"{local.Hour:00}:{local.Minute:00} Uhr";
    }

    /// <summary>"Mittwoch, 9. Juni 2027, 15:30 Uhr"</summary>
    public static string DateTime(DateTimeOffset value) => $"{Date(value)}, {Time(value)}";

    /// <summary>"Mittwoch, 9. Juni 2027, 15:30 Uhr bis Donnerstag, 10. Juni 2027, 15:00 Uhr", shorter on one day.</summary>
    public static string Range(DateTimeOffset start, DateTimeOffset end)
    {
        var (s, e) = (ToBerlin(start), ToBerlin(end));
        return s.Date == e.Date
            ? $"{Date(start)}, {s.Hour:00}:{s.Minute:00} bis {e.Hour:00}:{e.Minute:00} Uhr"
            : $"{DateTime(start)} bis {DateTime(end)}";
    }
}

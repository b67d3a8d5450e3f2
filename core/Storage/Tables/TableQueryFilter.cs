using System.Globalization;

namespace VirServerless.Core.Storage.Tables;

/// <summary>Turns each hole of an interpolated filter into an OData literal (PROTOCOLS 1.6), so values can never change the query.</summary>
internal static class TableQueryFilter
{
    public static string Create(FormattableString filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var literals = filter.GetArguments().Select(Literal).ToArray<object?>();
        return string.Format(CultureInfo.InvariantCulture, filter.Format, literals);
    }

    internal static string Literal(object? value) => value switch
    {
        null => "null",
        string s => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'",
        char c => "'" + (c == '\'' ? "''" : c.ToString()) + "'",
        bool b => b ? "true" : "false",
        int or short or byte or sbyte or ushort => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        long l => l.ToString(CultureInfo.InvariantCulture) + "L",
        uint u => ((long)u).ToString(CultureInfo.InvariantCulture) + "L",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => ((double)f).ToString("R", CultureInfo.InvariantCulture),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        Guid g => "guid'" + g.ToString("D") + "'",
        DateTimeOffset dto => "datetime'" + TableEntityJson.FormatDateTime(dto) + "'",
        DateTime dt => "datetime'" + TableEntityJson.FormatDateTime(TableEntityJson.ToDateTimeOffset(dt)) + "'",
        byte[] bytes => "X'" + Convert.ToHexString(bytes) + "'",
        BinaryData data => "X'" + Convert.ToHexString(data.ToMemory().Span) + "'",
        _ => throw new ArgumentException($"A filter value of type {value.GetType().Name} cannot be written as an OData literal."),
    };
}

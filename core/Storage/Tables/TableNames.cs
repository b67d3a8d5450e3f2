using System.Text.RegularExpressions;

namespace VirServerless.Core.Storage.Tables;

/// <summary>Client-side checks of the data-model limits (PROTOCOLS 1.9), so bad input fails before any request.</summary>
internal static partial class TableNames
{
    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    private static partial Regex TableNamePattern();

    public static void ValidateTableName(string tableName)
    {
        ArgumentNullException.ThrowIfNull(tableName);
        if (!TableNamePattern().IsMatch(tableName) || tableName.Equals("tables", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException(
                $"'{tableName}' is not a valid table name: 3-63 letters or digits, starting with a letter, and not 'tables'.", nameof(tableName));
        }
    }

    public static void ValidateKey(string? key, string paramName)
    {
        ArgumentNullException.ThrowIfNull(key, paramName);
        if (key.Length > 1024)
        {
            throw new ArgumentException($"The {paramName} is longer than 1024 characters.", paramName);
        }

        foreach (var c in key)
        {
            if (c is '/' or '\\' or '#' or '?' || c <= '\u001F' || c is >= '\u007F' and <= '\u009F')
            {
                throw new ArgumentException(
                    $"The {paramName} '{key}' contains '{(char.IsControl(c) ? $"U+{(int)c:X4}" : c.ToString())}'; keys may not contain / \\ # ? or control characters.",
                    paramName);
            }
        }
    }

    public static void ValidateEntityKeys(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        ValidateKey(entity.PartitionKey, "partitionKey");
        ValidateKey(entity.RowKey, "rowKey");
    }
}

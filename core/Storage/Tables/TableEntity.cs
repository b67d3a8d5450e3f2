using System.Collections;
using System.Diagnostics.CodeAnalysis;
using Azure;

namespace VirServerless.Core.Storage.Tables;

/// <summary>
/// One table row: PartitionKey, RowKey, Timestamp, ETag and typed custom properties.
/// Property names are case-sensitive, as in the service. Supported value types: string, bool, int, long,
/// double, DateTimeOffset, DateTime, Guid and byte[]. A null value is not sent.
/// </summary>
[SuppressMessage("Naming", "CA1710", Justification = "Same type name as Azure.Data.Tables.TableEntity, so the SDK can be swapped in.")]
public sealed class TableEntity : IDictionary<string, object?>
{
    private readonly Dictionary<string, object?> properties = new(StringComparer.Ordinal);

    public TableEntity()
    {
        PartitionKey = string.Empty;
        RowKey = string.Empty;
    }

    public TableEntity(string partitionKey, string rowKey)
    {
        PartitionKey = partitionKey;
        RowKey = rowKey;
    }

    public string PartitionKey
    {
        get => GetString(TableConstants.PartitionKey) ?? string.Empty;
        set => properties[TableConstants.PartitionKey] = value;
    }

    public string RowKey
    {
        get => GetString(TableConstants.RowKey) ?? string.Empty;
        set => properties[TableConstants.RowKey] = value;
    }

    public DateTimeOffset? Timestamp
    {
        get => GetDateTimeOffset(TableConstants.Timestamp);
        set => properties[TableConstants.Timestamp] = value;
    }

    public ETag ETag { get; set; }

    public string? GetString(string key) => Get(key) switch
    {
        null => null,
        string s => s,
        var other => throw WrongType(key, other, "string"),
    };

    public int? GetInt32(string key) => Get(key) switch
    {
        null => null,
        int i => i,
        long l when l is >= int.MinValue and <= int.MaxValue => (int)l,
        var other => throw WrongType(key, other, "int"),
    };

    public long? GetInt64(string key) => Get(key) switch
    {
        null => null,
        long l => l,
        int i => i,
        var other => throw WrongType(key, other, "long"),
    };

    public bool? GetBoolean(string key) => Get(key) switch
    {
        null => null,
        bool b => b,
        var other => throw WrongType(key, other, "bool"),
    };

    public double? GetDouble(string key) => Get(key) switch
    {
        null => null,
        double d => d,
        int i => i,
        long l => l,
        var other => throw WrongType(key, other, "double"),
    };

    public DateTimeOffset? GetDateTimeOffset(string key) => Get(key) switch
    {
        null => null,
        DateTimeOffset d => d,
        DateTime d => new DateTimeOffset(d.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(d, DateTimeKind.Utc) : d),
        var other => throw WrongType(key, other, "DateTimeOffset"),
    };

    public Guid? GetGuid(string key) => Get(key) switch
    {
        null => null,
        Guid g => g,
        var other => throw WrongType(key, other, "Guid"),
    };

    public byte[]? GetBinary(string key) => Get(key) switch
    {
        null => null,
        byte[] b => b,
        BinaryData b => b.ToArray(),
        var other => throw WrongType(key, other, "byte[]"),
    };

    private object? Get(string key) => properties.GetValueOrDefault(key);

    private static InvalidOperationException WrongType(string key, object value, string wanted) =>
        new($"Property '{key}' holds a {value.GetType().Name}, not a {wanted}.");

    public object? this[string key]
    {
        get => properties[key];
        set => properties[key] = value;
    }

    public ICollection<string> Keys => properties.Keys;

    public ICollection<object?> Values => properties.Values;

    public int Count => properties.Count;

    public bool IsReadOnly => false;

    public void Add(string key, object? value) => properties.Add(key, value);

    public void Add(KeyValuePair<string, object?> item) => properties.Add(item.Key, item.Value);

    public void Clear() => properties.Clear();

    public bool Contains(KeyValuePair<string, object?> item) => ((ICollection<KeyValuePair<string, object?>>)properties).Contains(item);

    public bool ContainsKey(string key) => properties.ContainsKey(key);

    public void CopyTo(KeyValuePair<string, object?>[] array, int arrayIndex) =>
        ((ICollection<KeyValuePair<string, object?>>)properties).CopyTo(array, arrayIndex);

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => properties.GetEnumerator();

    public bool Remove(string key) => properties.Remove(key);

    public bool Remove(KeyValuePair<string, object?> item) => ((ICollection<KeyValuePair<string, object?>>)properties).Remove(item);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value) => properties.TryGetValue(key, out value);

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

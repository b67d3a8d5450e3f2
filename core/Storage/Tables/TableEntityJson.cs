using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Xml;
using Azure;

namespace VirServerless.Core.Storage.Tables;

/// <summary>Entity JSON with OData type annotations (PROTOCOLS 1.5), both directions.</summary>
internal static class TableEntityJson
{
    public static byte[] Serialize(TableEntity entity, string? operationStamp = null)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in entity)
            {
                if (value is null || name == TableConstants.Timestamp || name.StartsWith("odata.", StringComparison.Ordinal)
                    || name == TableClient.OperationStampProperty)
                {
                    continue;
                }

                WriteProperty(writer, name, value);
            }

            if (operationStamp is not null)
            {
                writer.WriteString(TableClient.OperationStampProperty, operationStamp);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteProperty(Utf8JsonWriter writer, string name, object value)
    {
        switch (value)
        {
            case string s:
                writer.WriteString(name, s);
                break;
            case bool b:
                writer.WriteBoolean(name, b);
                break;
            case int i:
                writer.WriteNumber(name, i);
                break;
            case long l:
                writer.WriteString(name, l.ToString(CultureInfo.InvariantCulture));
                Annotate(writer, name, "Edm.Int64");
                break;
            case double or float:
                var d = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                if (double.IsFinite(d))
                {
                    writer.WriteNumber(name, d);
                }
                else
                {
                    // JSON has no literal for these; the service takes the OData spellings as strings.
                    writer.WriteString(name, double.IsNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
                }

                Annotate(writer, name, "Edm.Double");
                break;
            case DateTimeOffset dto:
                writer.WriteString(name, FormatDateTime(dto));
                Annotate(writer, name, "Edm.DateTime");
                break;
            case DateTime dt:
                writer.WriteString(name, FormatDateTime(ToDateTimeOffset(dt)));
                Annotate(writer, name, "Edm.DateTime");
                break;
            case Guid g:
                writer.WriteString(name, g.ToString("D"));
                Annotate(writer, name, "Edm.Guid");
                break;
            case byte[] bytes:
                writer.WriteBase64String(name, bytes);
                Annotate(writer, name, "Edm.Binary");
                break;
            case BinaryData data:
                writer.WriteBase64String(name, data.ToMemory().Span);
                Annotate(writer, name, "Edm.Binary");
                break;
            default:
                throw new ArgumentException(
                    $"Property '{name}' has type {value.GetType().Name}, which Table Storage cannot store. Use string, bool, int, long, double, DateTimeOffset, DateTime, Guid or byte[].");
        }
    }

    private static void Annotate(Utf8JsonWriter writer, string name, string edmType) =>
        writer.WriteString(name + TableConstants.OdataTypeSuffix, edmType);

    /// <summary>Unspecified kind counts as UTC, the way the service stores it.</summary>
    internal static DateTimeOffset ToDateTimeOffset(DateTime value) => value.Kind switch
    {
        DateTimeKind.Unspecified => new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc)),
        _ => new DateTimeOffset(value),
    };

    internal static string FormatDateTime(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static TableEntity Deserialize(JsonElement json, ETag headerETag = default)
    {
        var entity = new TableEntity();
        entity.Clear();
        Dictionary<string, string>? annotations = null;
        foreach (var property in json.EnumerateObject())
        {
            if (property.Name.EndsWith(TableConstants.OdataTypeSuffix, StringComparison.Ordinal))
            {
                annotations ??= new(StringComparer.Ordinal);
                annotations[property.Name[..^TableConstants.OdataTypeSuffix.Length]] = property.Value.GetString() ?? string.Empty;
            }
        }

        foreach (var property in json.EnumerateObject())
        {
            var name = property.Name;
            if (name == "odata.etag")
            {
                entity.ETag = new ETag(property.Value.GetString() ?? string.Empty);
                continue;
            }

            if (name.StartsWith("odata.", StringComparison.Ordinal) || name.EndsWith(TableConstants.OdataTypeSuffix, StringComparison.Ordinal)
                || name == TableClient.OperationStampProperty)
            {
                continue;
            }

            var edmType = annotations?.GetValueOrDefault(name);
            entity[name] = name == TableConstants.Timestamp && edmType is null
                ? ParseDateTime(property.Value.GetString()!)
                : ReadValue(property.Value, edmType);
        }

        if (entity.ETag == default && headerETag != default)
        {
            entity.ETag = headerETag;
        }

        return entity;
    }

    internal static string? ReadOperationStamp(JsonElement json) =>
        json.TryGetProperty(TableClient.OperationStampProperty, out var stamp) && stamp.ValueKind == JsonValueKind.String ? stamp.GetString() : null;

    private static object? ReadValue(JsonElement value, string? edmType) => edmType switch
    {
        "Edm.Int64" => long.Parse(value.GetString()!, NumberStyles.Integer, CultureInfo.InvariantCulture),
        "Edm.Double" => value.ValueKind == JsonValueKind.String
            ? double.Parse(value.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture)
            : value.GetDouble(),
        "Edm.DateTime" => ParseDateTime(value.GetString()!),
        "Edm.Guid" => Guid.Parse(value.GetString()!),
        "Edm.Binary" => value.GetBytesFromBase64(),
        "Edm.Int32" => value.GetInt32(),
        "Edm.Boolean" => value.GetBoolean(),
        _ => value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Null => null,
            JsonValueKind.Number when value.TryGetInt32(out var i) => i,
            JsonValueKind.Number => value.GetDouble(),
            _ => value.GetRawText(),
        },
    };

    private static DateTimeOffset ParseDateTime(string text) =>
        new(XmlConvert.ToDateTime(text, XmlDateTimeSerializationMode.Utc), TimeSpan.Zero);
}

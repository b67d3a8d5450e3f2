using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;

namespace VirServerless.Core.Events;

/// <summary>
/// Reads a catalog document as organisers write it and explains every problem in German, keyed by JSON path.
/// </summary>
/// <remarks>
/// Before deserializing, the raw JSON is walked along the model's own serializer metadata. That finds all
/// unknown fields (case-sensitive, like the schema's <c>additionalProperties: false</c>), missing required
/// fields, unknown enum values and times without an offset at once, where the serializer would stop at
/// the first problem and could no longer tell whether a time had an offset.
/// </remarks>
public static partial class EventDocument
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 16,
    };

    // The schema requires "status" although the model defaults it to draft for code that builds events.
    private static readonly HashSet<(Type, string)> AlsoRequired = [(typeof(CatalogEvent), "status")];

    private static readonly ConcurrentDictionary<Type, string[]> EnumNames = new();

    /// <summary>
    /// Parses and validates (<see cref="EventValidator.Validate"/>) one document. Returns true when there is no error.
    /// <paramref name="ev"/> is set whenever the document could be read, even if validation rules failed.
    /// </summary>
    public static bool TryParse(string json, out CatalogEvent? ev, out IReadOnlyDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(json);
        ev = null;
        var found = new FieldErrors();
        try
        {
            using var document = JsonDocument.Parse(json, DocumentOptions);
            CheckShape(document.RootElement, typeof(CatalogEvent), "", found);
        }
        catch (JsonException ex)
        {
            found.Add(FieldErrors.DocumentKey, $"Ungültiges JSON in Zeile {(ex.LineNumber ?? 0) + 1}.");
        }

        if (found.IsEmpty)
        {
            ev = Deserialize(json, found);
        }

        if (ev is not null)
        {
            found.AddRange(EventValidator.Validate(ev));
        }

        errors = found.ToDictionary();
        return found.IsEmpty;
    }

    /// <summary>Like <see cref="TryParse"/>, but throws <see cref="InvalidDataException"/> listing every error.</summary>
    public static CatalogEvent Parse(string json) =>
        TryParse(json, out var ev, out var errors) ? ev! : throw new InvalidDataException(Describe(errors));

    /// <summary>One line per error, "path: message", for exceptions and logs.</summary>
    public static string Describe(IReadOnlyDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return string.Join(Environment.NewLine, errors.SelectMany(pair => pair.Value.Select(message => $"{pair.Key}: {message}")));
    }

    private static CatalogEvent? Deserialize(string json, FieldErrors errors)
    {
        try
        {
            return EventJson.Deserialize(json);
        }
        catch (JsonException ex)
        {
            var path = ex.Path is null or "$" ? FieldErrors.DocumentKey : ex.Path.TrimStart('$').TrimStart('.');
            errors.Add(path, $"Der Wert hat nicht den erwarteten Typ (Zeile {(ex.LineNumber ?? 0) + 1}).");
            return null;
        }
    }

    private static void CheckShape(JsonElement element, Type type, string path, FieldErrors errors)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (element.ValueKind is JsonValueKind.Null)
        {
            return; // whether null is allowed is the serializer's call (RespectNullableAnnotations)
        }

        if (type == typeof(DateTimeOffset))
        {
            CheckTimestamp(element, Key(path), errors);
            return;
        }

        if (type.IsEnum)
        {
            var allowed = EnumNames.GetOrAdd(type, NamesOf);
            if (element.ValueKind is JsonValueKind.String && !allowed.Contains(element.GetString(), StringComparer.Ordinal))
            {
                errors.Add(Key(path), $"Der Wert „{element.GetString()}“ ist nicht zulässig. Erlaubt: {string.Join(", ", allowed)}.");
            }

            return;
        }

        var info = EventJson.Options.GetTypeInfo(type);
        if (info.Kind is JsonTypeInfoKind.Enumerable && element.ValueKind is JsonValueKind.Array && info.ElementType is { } itemType)
        {
            var index = 0;
            foreach (var item in element.EnumerateArray())
            {
                CheckShape(item, itemType, $"{path}[{index++}]", errors);
            }
        }
        else if (info.Kind is JsonTypeInfoKind.Object && element.ValueKind is JsonValueKind.Object)
        {
            CheckObject(element, info, path, errors);
        }
    }

    /// <summary>
    /// The fields a document may contain for <paramref name="type"/>: the contract lists [JsonIgnore]
    /// properties too (without getter and setter), and those must count as unknown.
    /// </summary>
    internal static IReadOnlyList<JsonPropertyInfo> DocumentFields(Type type) =>
        [.. EventJson.Options.GetTypeInfo(type).Properties.Where(p => p.Set is not null || p.AssociatedParameter is not null)];

    private static void CheckObject(JsonElement element, JsonTypeInfo info, string path, FieldErrors errors)
    {
        var fields = DocumentFields(info.Type);
        var known = fields.ToDictionary(p => p.Name, StringComparer.Ordinal);
        foreach (var field in element.EnumerateObject())
        {
            var fieldPath = Join(path, field.Name);
            if (known.TryGetValue(field.Name, out var property))
            {
                CheckShape(field.Value, property.PropertyType, fieldPath, errors);
            }
            else
            {
                var similar = known.Keys.FirstOrDefault(name => string.Equals(name, field.Name, StringComparison.OrdinalIgnoreCase));
                errors.Add(fieldPath, similar is null
                    ? $"Das Feld „{field.Name}“ ist unbekannt."
                    : $"Das Feld „{field.Name}“ ist unbekannt. Meinten Sie „{similar}“?");
            }
        }

        foreach (var property in fields.Where(p => IsRequired(info.Type, p)))
        {
            if (!element.TryGetProperty(property.Name, out _))
            {
                errors.Add(Join(path, property.Name), $"Das Pflichtfeld „{property.Name}“ fehlt.");
            }
        }
    }

    private static bool IsRequired(Type owner, JsonPropertyInfo property) =>
        property.IsRequired
        || property.AssociatedParameter is { HasDefaultValue: false, IsMemberInitializer: false }
        || AlsoRequired.Contains((owner, property.Name));

    private static void CheckTimestamp(JsonElement element, string path, FieldErrors errors)
    {
        if (element.ValueKind is not JsonValueKind.String)
        {
            return; // the serializer reports the wrong type
        }

        var text = element.GetString()!;
        var match = Timestamp().Match(text);
        if (!match.Success || !DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out _))
        {
            errors.Add(path, $"„{text}“ ist keine gültige Zeitangabe; erwartet wird z. B. 2027-06-09T15:30:00+02:00.");
        }
        else if (!match.Groups["offset"].Success)
        {
            errors.Add(path, $"Der Zeitangabe „{text}“ fehlt der UTC-Versatz, z. B. „{text}+02:00“ (Sommerzeit) oder „{text}+01:00“ (Winterzeit).");
        }
    }

    private static string[] NamesOf(Type enumType) =>
        [.. Enum.GetValues(enumType).Cast<object>().Select(value => JsonSerializer.Serialize(value, enumType, EventJson.Options).Trim('"'))];

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static string Key(string path) => path.Length == 0 ? FieldErrors.DocumentKey : path;

    /// <summary>The same shape as the schema's <c>$defs/dateTime</c> pattern, with the offset made optional to name it when missing.</summary>
    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]{1,7})?(?<offset>Z|[+-][0-9]{2}:[0-9]{2})?\z", RegexOptions.CultureInvariant)]
    private static partial Regex Timestamp();
}

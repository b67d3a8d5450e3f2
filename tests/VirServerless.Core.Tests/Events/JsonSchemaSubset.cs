using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace VirServerless.Core.Tests.Events;

/// <summary>
/// A JSON Schema 2020-12 checker for exactly the keywords catalog/event.schema.json uses (no package for this
/// exists in our feed). <see cref="UnsupportedKeywords"/> lets a test fail when the schema grows a keyword this
/// checker would silently ignore.
/// </summary>
internal sealed class JsonSchemaSubset(JsonElement root)
{
    // "format" is an annotation by default in 2020-12; the schema backs every format with a pattern.
    private static readonly HashSet<string> Annotations = ["$schema", "$id", "$defs", "title", "description", "format"];

    private static readonly HashSet<string> Assertions =
    [
        "$ref", "type", "properties", "required", "additionalProperties", "enum", "pattern",
        "minLength", "maxLength", "minimum", "maximum", "items", "uniqueItems",
    ];

    public JsonElement Root { get; } = root;

    public IReadOnlyList<string> UnsupportedKeywords()
    {
        var found = new List<string>();
        CollectUnsupported(Root, "#", found);
        return found;
    }

    public IReadOnlyList<string> Validate(JsonElement instance)
    {
        var errors = new List<string>();
        Validate(Root, instance, "$", errors);
        return errors;
    }

    public JsonElement Definition(string name) => Root.GetProperty("$defs").GetProperty(name);

    private static void CollectUnsupported(JsonElement schema, string where, List<string> found)
    {
        foreach (var keyword in schema.EnumerateObject())
        {
            if (!Annotations.Contains(keyword.Name) && !Assertions.Contains(keyword.Name))
            {
                found.Add($"{where}/{keyword.Name}");
            }
            else if (keyword.Name is "properties" or "$defs")
            {
                foreach (var sub in keyword.Value.EnumerateObject())
                {
                    CollectUnsupported(sub.Value, $"{where}/{keyword.Name}/{sub.Name}", found);
                }
            }
            else if (keyword.Name is "items")
            {
                CollectUnsupported(keyword.Value, $"{where}/items", found);
            }
            else if (keyword.Name is "additionalProperties" && keyword.Value.ValueKind is not JsonValueKind.False)
            {
                found.Add($"{where}/additionalProperties (only false is supported)");
            }
        }
    }

    private void Validate(JsonElement schema, JsonElement instance, string path, List<string> errors)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            Validate(Resolve(reference.GetString()!), instance, path, errors);
        }

        if (schema.TryGetProperty("type", out var type) && !HasType(instance, type))
        {
            errors.Add($"{path}: type {type.GetRawText()} expected, got {instance.ValueKind}");
            return;
        }

        if (schema.TryGetProperty("enum", out var allowed) && !allowed.EnumerateArray().Any(value => JsonElement.DeepEquals(value, instance)))
        {
            errors.Add($"{path}: {instance.GetRawText()} not in enum");
        }

        switch (instance.ValueKind)
        {
            case JsonValueKind.String:
                CheckString(schema, instance.GetString()!, path, errors);
                break;
            case JsonValueKind.Number:
                CheckNumber(schema, instance.GetDecimal(), path, errors);
                break;
            case JsonValueKind.Array:
                CheckArray(schema, instance, path, errors);
                break;
            case JsonValueKind.Object:
                CheckObject(schema, instance, path, errors);
                break;
        }
    }

    private static void CheckString(JsonElement schema, string value, string path, List<string> errors)
    {
        if (schema.TryGetProperty("pattern", out var pattern) && !Regex.IsMatch(value, pattern.GetString()!, RegexOptions.None, TimeSpan.FromSeconds(1)))
        {
            errors.Add($"{path}: \"{value}\" does not match {pattern.GetString()}");
        }

        if (schema.TryGetProperty("minLength", out var min) && value.Length < min.GetInt32())
        {
            errors.Add($"{path}: shorter than {min.GetInt32()}");
        }

        if (schema.TryGetProperty("maxLength", out var max) && value.Length > max.GetInt32())
        {
            errors.Add($"{path}: longer than {max.GetInt32()}");
        }
    }

    private static void CheckNumber(JsonElement schema, decimal value, string path, List<string> errors)
    {
        if (schema.TryGetProperty("minimum", out var min) && value < min.GetDecimal())
        {
            errors.Add($"{path}: {value.ToString(CultureInfo.InvariantCulture)} below minimum {min.GetDecimal()}");
        }

        if (schema.TryGetProperty("maximum", out var max) && value > max.GetDecimal())
        {
            errors.Add($"{path}: {value.ToString(CultureInfo.InvariantCulture)} above maximum {max.GetDecimal()}");
        }
    }

    private void CheckArray(JsonElement schema, JsonElement array, string path, List<string> errors)
    {
        var items = array.EnumerateArray().ToList();
        if (schema.TryGetProperty("items", out var itemSchema))
        {
            for (var i = 0; i < items.Count; i++)
            {
                Validate(itemSchema, items[i], $"{path}[{i}]", errors);
            }
        }

        if (schema.TryGetProperty("uniqueItems", out var unique) && unique.GetBoolean()
            && items.Where((item, i) => items.Take(i).Any(earlier => JsonElement.DeepEquals(earlier, item))).Any())
        {
            errors.Add($"{path}: items are not unique");
        }
    }

    private void CheckObject(JsonElement schema, JsonElement instance, string path, List<string> errors)
    {
        var properties = schema.TryGetProperty("properties", out var declared) ? declared : default;
        foreach (var field in instance.EnumerateObject())
        {
            if (properties.ValueKind is JsonValueKind.Object && properties.TryGetProperty(field.Name, out var fieldSchema))
            {
                Validate(fieldSchema, field.Value, $"{path}.{field.Name}", errors);
            }
            else if (schema.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind is JsonValueKind.False)
            {
                errors.Add($"{path}.{field.Name}: additional property");
            }
        }

        if (schema.TryGetProperty("required", out var required))
        {
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
            {
                if (!instance.TryGetProperty(name, out _))
                {
                    errors.Add($"{path}.{name}: required");
                }
            }
        }
    }

    private JsonElement Resolve(string reference) =>
        reference.StartsWith("#/$defs/", StringComparison.Ordinal)
            ? Definition(reference["#/$defs/".Length..])
            : throw new NotSupportedException($"Only local $defs references are supported, not {reference}.");

    private static bool HasType(JsonElement instance, JsonElement type) =>
        type.ValueKind is JsonValueKind.Array
            ? type.EnumerateArray().Any(t => HasType(instance, t.GetString()!))
            : HasType(instance, type.GetString()!);

    private static bool HasType(JsonElement instance, string type) => type switch
    {
        "object" => instance.ValueKind is JsonValueKind.Object,
        "array" => instance.ValueKind is JsonValueKind.Array,
        "string" => instance.ValueKind is JsonValueKind.String,
        "boolean" => instance.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => instance.ValueKind is JsonValueKind.Null,
        "number" => instance.ValueKind is JsonValueKind.Number,
        "integer" => instance.ValueKind is JsonValueKind.Number && instance.GetDecimal() % 1 == 0,
        _ => throw new NotSupportedException($"Unknown type {type}."),
    };
}

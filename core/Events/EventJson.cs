using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace VirServerless.Core.Events;

/// <summary>The one set of serializer options for catalog documents.</summary>
public static class EventJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        AllowTrailingCommas = false,
        ReadCommentHandling = JsonCommentHandling.Disallow,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
        MaxDepth = 16,
        // Explicit so that GetTypeInfo (used by EventDocument) works before the first (de)serialization.
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };

    public static CatalogEvent Deserialize(string json) =>
        JsonSerializer.Deserialize<CatalogEvent>(json, Options) ?? throw new JsonException("Leeres Dokument.");

    public static string Serialize(CatalogEvent value) => JsonSerializer.Serialize(value, Options);
}

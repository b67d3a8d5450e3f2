using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using VirServerless.Core.Events;
using VirServerless.Core.Registrations;
using VirServerless.Functions.Admin;
using VirServerless.Functions.Registrations;

namespace VirServerless.Functions.Hosting;

/// <summary>
/// Endpoint metadata: the answer with this status has this content type and a schema of the contract (text when
/// <paramref name="Schema"/> is null) beside or instead of the handler's C# type.
/// </summary>
public sealed record ContractResponse(int StatusCode, string? Schema, bool IsArray = false, string ContentType = "application/json");

/// <summary>
/// What the generator cannot see in the handlers: the problem answers, the admin key, the catalog's schema
/// (catalog/event.schema.json, the same file organisers validate against) and the validators' rules for requests.
/// The contract test runs every route through Stoplight Prism against the result.
/// </summary>
public static class ApiContract
{
    public const string AdminKeyScheme = "adminKey";

    public const string ProblemContentType = "application/problem+json";

    private const string FormContentType = "application/x-www-form-urlencoded";

    private const string CatalogSchemaResource = "VirServerless.Functions.event.schema.json";

    /// <summary>Object definitions of the catalog schema keep the names of their C# types, the rest get a prefix.</summary>
    private static readonly Dictionary<string, string> CatalogNames = new(StringComparer.Ordinal)
    {
        ["venue"] = nameof(Venue),
        ["contact"] = nameof(Contact),
        ["registration"] = nameof(RegistrationSettings),
        ["session"] = nameof(Session),
        ["faqEntry"] = nameof(FaqEntry),
    };

    /// <summary>Generated for the C# types, replaced by the catalog schema's inline enums, or by the contract's own answers.</summary>
    private static readonly string[] Superseded = [nameof(EventKind), nameof(EventStatus), nameof(SessionKind), nameof(JsonObject), nameof(JsonArray)];

    /// <summary>Answers that read a body through <see cref="RequestBody"/>: too large, wrong content type.</summary>
    public static TBuilder ProducesBodyProblems<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.ProducesProblems(StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType);

    public static TBuilder ProducesProblems<TBuilder>(this TBuilder builder, params int[] statusCodes) where TBuilder : IEndpointConventionBuilder
    {
        foreach (var status in statusCodes)
        {
            builder.WithMetadata(new ProducesResponseTypeMetadata(status, typeof(ProblemDetails), [ProblemContentType]));
        }
        return builder;
    }

    public static TBuilder ProducesContract<TBuilder>(this TBuilder builder, int statusCode, string schema, bool isArray = false) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ContractResponse(statusCode, schema, isArray));

    public static TBuilder ProducesText<TBuilder>(this TBuilder builder, int statusCode, string contentType) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ContractResponse(statusCode, null, ContentType: contentType));

    public static OpenApiOptions AddApiContract(this OpenApiOptions options)
    {
        options.AddSchemaTransformer((schema, context, _) =>
        {
            if (context.JsonTypeInfo.Type == typeof(RegistrationRequest))
            {
                DescribeRegistrationRequest(schema);
            }
            else if (context.JsonTypeInfo.Type == typeof(TokenRequest) || context.JsonTypeInfo.Type == typeof(SessionChangeRequest))
            {
                Require(schema, "token");
                Property(schema, "token").MinLength = 1;
            }
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            DescribeOperation(operation, context);
            return Task.CompletedTask;
        });
        options.AddDocumentTransformer((document, _, _) =>
        {
            DescribeDocument(document);
            return Task.CompletedTask;
        });
        return options;
    }

    private static void DescribeRegistrationRequest(OpenApiSchema schema)
    {
        Require(schema, "firstName", "lastName", "email", "organization", "consent");
        foreach (var (name, max) in new[]
        {
            ("firstName", RegistrationRequestValidator.MaxNameLength), ("lastName", RegistrationRequestValidator.MaxNameLength),
            ("organization", RegistrationRequestValidator.MaxOrganizationLength), ("role", RegistrationRequestValidator.MaxRoleLength),
            ("dietary", RegistrationRequestValidator.MaxTextLength), ("accessibilityNeeds", RegistrationRequestValidator.MaxTextLength),
            ("requestKey", 100),
        })
        {
            Property(schema, name).MaxLength = max;
        }
        // One line: no control characters and no line or paragraph separators. Links are refused too (see the description).
        const string oneLine = @"^[^\u0000-\u001F\u007F-\u009F\u2028\u2029]*$";
        foreach (var name in new[] { "firstName", "lastName", "organization", "role" })
        {
            var property = Property(schema, name);
            property.Pattern = name == "role" ? oneLine : @"^(?=.*\S)" + oneLine[1..];
            property.Description = RegistrationRequestValidator.SingleLineRule;
        }
        var email = Property(schema, "email");
        email.Format = "email";
        email.MaxLength = 254;
        Property(schema, "consent").Enum = [JsonValue.Create(true)];
        Property(schema, "consent").Description = "Einwilligung in die Verarbeitung der Daten; ohne sie keine Anmeldung.";
        Property(schema, "website").MaxLength = 0;
        Property(schema, "website").Description = "Honigtopf für Programme: muss leer bleiben.";
        Property(schema, "sessions").MaxItems = 50;
    }

    private static void DescribeOperation(OpenApiOperation operation, OpenApiOperationTransformerContext context)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        operation.Responses ??= [];
        if (metadata.OfType<AdminKeyRequired>().Any())
        {
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(AdminKeyScheme, context.Document)] = [] }];
            operation.Responses["401"] = Problem("Kein oder ein falscher Schlüssel im Header x-functions-key.", context.Document);
        }
        foreach (var contract in metadata.OfType<ContractResponse>())
        {
            IOpenApiSchema schema = contract.Schema is null
                ? new OpenApiSchema { Type = JsonSchemaType.String }
                : new OpenApiSchemaReference(contract.Schema, context.Document);
            var content = new OpenApiMediaType
            {
                Schema = contract.IsArray ? new OpenApiSchema { Type = JsonSchemaType.Array, Items = schema } : schema,
            };
            var key = contract.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var response = operation.Responses.TryGetValue(key, out var existing) && existing is OpenApiResponse known ? known : new OpenApiResponse { Description = "OK" };
            response.Content ??= new Dictionary<string, OpenApiMediaType>();
            response.Content[contract.ContentType] = content;
            operation.Responses[key] = response;
        }
        foreach (var (status, response) in operation.Responses)
        {
            if (response is OpenApiResponse { Content: { } content } && content.ContainsKey(ProblemContentType))
            {
                response.Description = ProblemDescription(status) ?? response.Description;
            }
        }
        // Any storage call can meet an outage; the exception handler answers it the same way everywhere.
        if (!operation.Responses.ContainsKey("503"))
        {
            var unavailable = Problem("Ein benötigter Dienst (Table Storage) ist gerade nicht erreichbar.", context.Document);
            unavailable.Headers = new Dictionary<string, IOpenApiHeader>
            {
                ["Retry-After"] = new OpenApiHeader { Description = "Sekunden bis zum nächsten Versuch.", Schema = new OpenApiSchema { Type = JsonSchemaType.Integer } },
            };
            operation.Responses["503"] = unavailable;
        }
    }

    private static string? ProblemDescription(string status) => status switch
    {
        "400" => "Ungültige Angaben oder unlesbarer Inhalt; errors nennt die Felder.",
        "401" => "Kein oder ein falscher Schlüssel.",
        "404" => "Unbekannte Veranstaltung, oder ein ungültiger, abgelaufener oder benutzter Link (alle gleich beantwortet).",
        "409" => "Anmeldung geschlossen, noch nicht geöffnet, ausgebucht oder die Veranstaltung ist abgesagt.",
        "413" => $"Inhalt größer als {RequestBody.MaxBytes / 1024} KiB.",
        "415" => "Anderer Inhaltstyp als application/json oder application/x-www-form-urlencoded.",
        "429" => "Zu viele Anfragen dieser Adresse in einer Minute; Retry-After nennt die Wartezeit.",
        "503" => "Ein benötigter Dienst ist gerade nicht erreichbar; Retry-After nennt die Wartezeit.",
        _ => null,
    };

    private static OpenApiResponse Problem(string description, OpenApiDocument? document) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            [ProblemContentType] = new() { Schema = new OpenApiSchemaReference(nameof(ProblemDetails), document) },
        },
    };

    private static void DescribeDocument(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[AdminKeyScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = AdminKey.HeaderName,
            Description = "Der Admin-Schlüssel (Einstellung Admin:ApiKey); unter dem Functions-Host zugleich der Funktionsschlüssel.",
        };
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        foreach (var name in Superseded)
        {
            document.Components.Schemas.Remove(name);
        }
        foreach (var (name, json) in CatalogSchemas())
        {
            var schema = OpenApiModelFactory.Parse<OpenApiSchema>(json.ToJsonString(), OpenApiSpecVersion.OpenApi3_1, document, out var diagnostic, "json");
            if (schema is null || diagnostic?.Errors.Count > 0)
            {
                throw new InvalidOperationException($"The catalog schema {name} could not be read: {string.Join("; ", diagnostic?.Errors.Select(e => e.Message) ?? [])}");
            }
            document.Components.Schemas[name] = schema;
        }
        document.Components.Schemas[nameof(ProblemDetails)] = ProblemDetailsSchema();
        DescribeFormBodies(document);
    }

    /// <summary>
    /// A form sends text: a checkbox arrives as "on" and one chosen session as a single value. The form bodies get a
    /// schema of their own that says so, derived from the JSON body's.
    /// </summary>
    private static void DescribeFormBodies(OpenApiDocument document)
    {
        var schemas = document.Components!.Schemas!;
        var operations = document.Paths?.Values.SelectMany(path => path.Operations?.Values.AsEnumerable() ?? []) ?? [];
        foreach (var operation in operations)
        {
            if (operation.RequestBody?.Content is not { } content || !content.TryGetValue(FormContentType, out var form)
                || form.Schema is not OpenApiSchemaReference { Reference.Id: { } id }
                || !schemas.TryGetValue(id, out var found) || found is not OpenApiSchema json)
            {
                continue;
            }
            var name = id + "Form";
            if (!schemas.ContainsKey(name))
            {
                schemas[name] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Description = json.Description,
                    Required = json.Required,
                    Properties = json.Properties?.ToDictionary(p => p.Key, p => FormField(p.Key, p.Value)),
                };
            }
            form.Schema = new OpenApiSchemaReference(name, document);
        }
    }

    private static IOpenApiSchema FormField(string name, IOpenApiSchema field) => field.Type switch
    {
        { } type when type.HasFlag(JsonSchemaType.Boolean) => new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Description = field.Description,
            Enum = name == "consent" ? [.. RegistrationForm.Truthy.Select(v => (JsonNode)v)] : null,
        },
        { } type when type.HasFlag(JsonSchemaType.Array) => new OpenApiSchema
        {
            Type = JsonSchemaType.String | JsonSchemaType.Array,
            Description = field.Description,
            Items = field.Items,
            MaxItems = field.MaxItems,
        },
        _ => field,
    };

    /// <summary>The catalog schema as components, plus the answers of the event routes built from it.</summary>
    private static IEnumerable<(string Name, JsonObject Schema)> CatalogSchemas()
    {
        using var stream = typeof(ApiContract).Assembly.GetManifestResourceStream(CatalogSchemaResource)
            ?? throw new InvalidOperationException("The catalog schema is not embedded.");
        var root = JsonNode.Parse(stream)!.AsObject();
        var definitions = root["$defs"]!.AsObject();
        root.Remove("$defs");
        root.Remove("$schema");
        root.Remove("$id");
        RewriteReferences(root);
        RewriteReferences(definitions);
        foreach (var (name, definition) in definitions)
        {
            yield return (ComponentName(name), definition!.AsObject());
        }
        yield return (nameof(CatalogEvent), root);

        var session = definitions["session"]!.DeepClone().AsObject();
        session["description"] = "Ein Programmpunkt; wählbare mit ihren freien Plätzen (null: unbegrenzt).";
        session["properties"]!["freeSeats"] = FreeSeats();
        yield return ("PublishedSession", session);

        var published = WithFigures(root, "Eine veröffentlichte oder abgesagte Veranstaltung mit Programm und freien Plätzen.");
        published["properties"]!["sessions"]!["items"] = Reference("PublishedSession");
        yield return ("PublishedEvent", published);

        var summary = WithFigures(root, "Eine Veranstaltung der Übersicht: ohne Beschreibung, Programm und FAQ.");
        foreach (var left in new[] { "description", "sessions", "faq" })
        {
            summary["properties"]!.AsObject().Remove(left);
        }
        yield return ("PublishedEventSummary", summary);

        var saved = root.DeepClone().AsObject();
        saved.Remove("title");
        saved["description"] = "Die gespeicherte Veranstaltung mit ihrer Version (1 beim ersten Speichern, dann +1).";
        saved["properties"]!["version"] = new JsonObject { ["type"] = "integer", ["minimum"] = 1, ["description"] = "Version des gespeicherten Dokuments." };
        saved["required"]!.AsArray().Add("version");
        yield return ("SavedEvent", saved);
    }

    private static JsonObject WithFigures(JsonObject root, string description)
    {
        var schema = root.DeepClone().AsObject();
        schema.Remove("title");
        schema["description"] = description;
        var properties = schema["properties"]!.AsObject();
        properties["registrationOpen"] = new JsonObject { ["type"] = "boolean", ["description"] = "Ob man sich gerade anmelden kann." };
        properties["registrationClosedReason"] = new JsonObject { ["type"] = "string", ["description"] = "Warum nicht (nur wenn registrationOpen false ist)." };
        properties["freeSeats"] = FreeSeats();
        schema["required"]!.AsArray().Add("registrationOpen");
        return schema;
    }

    private static JsonObject FreeSeats() => new()
    {
        ["type"] = new JsonArray("integer", "null"),
        ["minimum"] = 0,
        ["description"] = "Freie Plätze; null bei unbegrenzten Plätzen, fehlt ohne Anmeldung bzw. bei nicht wählbaren Programmpunkten.",
    };

    private static JsonObject Reference(string component) => new() { ["$ref"] = "#/components/schemas/" + component };

    private static string ComponentName(string definition) =>
        CatalogNames.GetValueOrDefault(definition) ?? "Catalog" + char.ToUpperInvariant(definition[0]) + definition[1..];

    private static void RewriteReferences(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["$ref"] is JsonValue value && value.GetValue<string>() is { } target && target.StartsWith("#/$defs/", StringComparison.Ordinal))
                {
                    obj["$ref"] = "#/components/schemas/" + ComponentName(target["#/$defs/".Length..]);
                }
                foreach (var (_, child) in obj.ToList())
                {
                    RewriteReferences(child);
                }
                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    RewriteReferences(child);
                }
                break;
        }
    }

    /// <summary>RFC 9457 as the app writes it; <c>errors</c> (per field) only on invalid input.</summary>
    private static OpenApiSchema ProblemDetailsSchema() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "RFC 9457 Problem Details mit deutschem detail.",
        Required = new HashSet<string> { "title", "status", "detail" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri-reference" },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "400", Maximum = "599" },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "Deutsche Fehlermeldungen je Feld (JSON-Pfad).",
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            },
        },
    };

    private static void Require(OpenApiSchema schema, params string[] names)
    {
        schema.Required ??= new HashSet<string>();
        foreach (var name in names)
        {
            schema.Required.Add(name);
            // A required field may not be null either: the validators reject a missing and a null value alike.
            Property(schema, name).Type &= ~JsonSchemaType.Null;
        }
    }

    private static OpenApiSchema Property(OpenApiSchema schema, string name) =>
        (schema.Properties is { } properties && properties.TryGetValue(name, out var property) ? property as OpenApiSchema : null)
        ?? throw new InvalidOperationException($"The schema has no inline property {name}.");
}

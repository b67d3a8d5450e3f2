using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Primitives;

namespace VirServerless.Functions.Hosting;

/// <summary>
/// Reads JSON or form bodies ourselves, so that every way a body can be wrong gets a German problem response
/// (413, 415, 400) instead of the framework's English defaults, and nothing is half-parsed.
/// </summary>
public static class RequestBody
{
    public const int MaxBytes = 64 * 1024;

    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        MaxDepth = 16,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Skip,
    };

    public sealed record Parsed<T>(T? Value, ProblemHttpResult? Problem, bool IsForm);

    public static async Task<Parsed<T>> ReadAsync<T>(HttpRequest request, Func<IFormCollection, T> fromForm, CancellationToken cancellationToken)
        where T : class
    {
        if (request.ContentLength > MaxBytes)
        {
            return new(null, Problems.TooLarge(), false);
        }
        var contentType = request.ContentType ?? "";
        var isJson = contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
            || contentType.StartsWith("application/problem+json", StringComparison.OrdinalIgnoreCase);
        var isForm = contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);
        if (!isJson && !isForm)
        {
            return new(null, Problems.UnsupportedMediaType(), false);
        }

        var buffer = await ReadLimitedAsync(request.Body, cancellationToken);
        if (buffer is null)
        {
            return new(null, Problems.TooLarge(), isForm);
        }
        try
        {
            if (isForm)
            {
                var text = System.Text.Encoding.UTF8.GetString(buffer);
                var fields = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(text);
                return new(fromForm(new FormCollection(new Dictionary<string, StringValues>(fields, StringComparer.OrdinalIgnoreCase))), null, true);
            }
            var value = JsonSerializer.Deserialize<T>(buffer, JsonOptions);
            return value is null
                ? new(null, Problems.BadRequest("Der Inhalt der Anfrage fehlt. Bitte senden Sie ein JSON-Objekt."), false)
                : new(value, null, false);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" (Zeile {line + 1}, Position {ex.BytePositionInLine + 1})" : "";
            return new(null, Problems.BadRequest($"Der Inhalt der Anfrage ist kein gültiges JSON oder hat ein falsches Format{where}."), false);
        }
        catch (Exception ex) when (ex is InvalidDataException or ArgumentException)
        {
            return new(null, Problems.BadRequest("Der Inhalt der Anfrage konnte nicht gelesen werden."), isForm);
        }
    }

    private static async Task<byte[]?> ReadLimitedAsync(Stream body, CancellationToken cancellationToken)
    {
        using var memory = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (memory.Length + read > MaxBytes)
            {
                return null;
            }
            memory.Write(chunk, 0, read);
        }
        return memory.ToArray();
    }
}

using System.Text.Json;
using System.Xml.Linq;
using Azure;
using Azure.Core;

namespace VirServerless.Core.Storage.Tables;

/// <summary>
/// Reads the error code and message from the x-ms-error-code header, an OData JSON error or an XML
/// &lt;Error&gt; body. Azurite answers 403 and some 400s in XML even when JSON was asked for.
/// </summary>
internal sealed class TableErrorParser : RequestFailedDetailsParser
{
    public static readonly TableErrorParser Instance = new();

    public override bool TryParse(Response response, out ResponseError? error, out IDictionary<string, string>? data)
    {
        data = null;
        response.Headers.TryGetValue("x-ms-error-code", out var code);
        var (bodyCode, message) = ReadBody(response);
        code ??= bodyCode;
        error = code is null && message is null ? null : new ResponseError(code, message ?? code);
        return error is not null;
    }

    internal static (string? Code, string? Message) ReadBody(Response response)
    {
        BinaryData content;
        try
        {
            content = response.Content;
        }
        catch (InvalidOperationException)
        {
            return (null, null);
        }

        var text = content.ToString().TrimStart();
        if (text.Length == 0)
        {
            return (null, null);
        }

        try
        {
            if (text[0] == '{')
            {
                using var json = JsonDocument.Parse(text);
                if (json.RootElement.TryGetProperty("odata.error", out var odata) || json.RootElement.TryGetProperty("error", out odata))
                {
                    var code = odata.TryGetProperty("code", out var c) ? c.GetString() : null;
                    var message = odata.TryGetProperty("message", out var m)
                        ? m.ValueKind == JsonValueKind.Object && m.TryGetProperty("value", out var v) ? v.GetString() : m.ToString()
                        : null;
                    return (code, message);
                }
            }
            else if (text[0] == '<')
            {
                var root = XDocument.Parse(text).Root;
                return (root?.Element("Code")?.Value, root?.Element("Message")?.Value);
            }
        }
        catch (Exception ex) when (ex is JsonException or System.Xml.XmlException)
        {
            // An unreadable body still leaves the status code; the exception text then shows the raw content.
        }

        return (null, null);
    }
}

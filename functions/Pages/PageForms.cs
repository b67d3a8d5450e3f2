using Microsoft.AspNetCore.Http.Features;
using VirServerless.Functions.Hosting;

namespace VirServerless.Functions.Pages;

/// <summary>
/// Reads the body of an HTML form post. Every way it can be wrong (another content type, multipart without a
/// boundary, a broken or oversized body) gets a German page with 415, 400 or 413 instead of an exception; the size
/// limit is the one of the JSON API, <see cref="RequestBody.MaxBytes"/>.
/// </summary>
public static class PageForms
{
    public sealed record Read(IFormCollection? Form, IResult? Problem);

    public static async Task<Read> ReadAsync(HttpRequest request, CancellationToken cancellationToken, bool embedded = false)
    {
        if (!request.HasFormContentType)
        {
            return new(null, Layout.Page("Format nicht unterstützt", "<p role=\"alert\">Diese Adresse nimmt nur das Formular der Seite entgegen. Bitte nutzen Sie das Formular.</p><p><a href=\"/veranstaltungen\">Zur Übersicht der Veranstaltungen</a></p>", StatusCodes.Status415UnsupportedMediaType, embedded));
        }
        if (request.ContentLength > RequestBody.MaxBytes)
        {
            return new(null, TooLarge(embedded));
        }
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = RequestBody.MaxBytes;
        }
        try
        {
            return new(await request.ReadFormAsync(cancellationToken), null);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return new(null, TooLarge(embedded));
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException)
        {
            return new(null, Layout.Page("Ungültige Anfrage", "<p role=\"alert\">Das Formular kam unvollständig oder beschädigt an. Bitte laden Sie die Seite neu und senden Sie es noch einmal.</p><p><a href=\"/veranstaltungen\">Zur Übersicht der Veranstaltungen</a></p>", StatusCodes.Status400BadRequest, embedded));
        }
    }

    private static IResult TooLarge(bool embedded) =>
        Layout.Page("Anfrage zu groß", $"<p role=\"alert\">Das Formular ist größer als {RequestBody.MaxBytes / 1024} KiB. Bitte kürzen Sie Ihre Angaben.</p>", StatusCodes.Status413PayloadTooLarge, embedded);
}

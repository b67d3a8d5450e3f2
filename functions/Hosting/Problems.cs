using Microsoft.AspNetCore.Http.HttpResults;

namespace VirServerless.Functions.Hosting;

/// <summary>RFC 9457 problem responses with German details.</summary>
public static class Problems
{
    public static ProblemHttpResult BadRequest(string detail) =>
        Create(StatusCodes.Status400BadRequest, "Ungültige Anfrage", detail);

    public static ProblemHttpResult NotFound(string detail = "Die angeforderte Veranstaltung gibt es nicht.") =>
        Create(StatusCodes.Status404NotFound, "Nicht gefunden", detail);

    public static ProblemHttpResult Conflict(string detail) =>
        Create(StatusCodes.Status409Conflict, "Nicht möglich", detail);

    public static ProblemHttpResult TooLarge() =>
        Create(StatusCodes.Status413PayloadTooLarge, "Anfrage zu groß", $"Der Inhalt der Anfrage ist größer als {RequestBody.MaxBytes / 1024} KiB.");

    public static ProblemHttpResult UnsupportedMediaType() =>
        Create(StatusCodes.Status415UnsupportedMediaType, "Format nicht unterstützt", "Bitte senden Sie die Daten als application/json oder application/x-www-form-urlencoded.");

    public static ProblemHttpResult Unauthorized() =>
        Create(StatusCodes.Status401Unauthorized, "Nicht angemeldet", "Für diesen Bereich ist ein gültiger Schlüssel im Header x-functions-key nötig.");

    public static ProblemHttpResult TooManyAttempts() =>
        Create(StatusCodes.Status429TooManyRequests, "Zu viele Versuche", "Von Ihrer Adresse kamen zu viele falsche Schlüssel. Bitte warten Sie einige Minuten und versuchen Sie es dann erneut.");

    /// <summary>One answer for every bad token, so a response never tells a wrong token from an expired one.</summary>
    public static ProblemHttpResult InvalidToken() =>
        Create(StatusCodes.Status404NotFound, "Link ungültig", "Der Link ist ungültig oder abgelaufen. Bitte melden Sie sich erneut an oder nutzen Sie den Link aus Ihrer letzten E-Mail.");

    public static ValidationProblem Validation(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, detail: "Bitte prüfen Sie Ihre Angaben. " + string.Join(" ", errors.Values.SelectMany(v => v)), title: "Ungültige Angaben");

    private static ProblemHttpResult Create(int status, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title);
}

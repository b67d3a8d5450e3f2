using Microsoft.AspNetCore.Http.HttpResults;
using VirServerless.Core.Registrations;
using VirServerless.Functions.Hosting;

namespace VirServerless.Functions.Registrations;

public sealed record RegistrationAccepted(string Id, string Status);

public sealed record TokenRequest(string? Token);

/// <summary>The answer to a confirmation: the status and the event, nothing personal (the manage link shows the rest).</summary>
public sealed record ConfirmationView(string Status, string EventId);

public sealed record SessionChangeRequest(string? Token, IReadOnlyList<string>? Sessions);

/// <summary>What a person sees of their own registration; never anything about anyone else.</summary>
public sealed record RegistrationView(
    string Id, string EventId, string Status, string FirstName, string LastName, string Email, string Organization,
    string? Role, string? Dietary, string? AccessibilityNeeds, IReadOnlyList<SessionChoiceView> Sessions,
    DateTimeOffset CreatedAt, DateTimeOffset? ConfirmedAt, string ConsentVersion, DateTimeOffset ConsentGivenAt)
{
    public static RegistrationView From(Registration r) => new(
        r.Id, r.EventId, StatusName(r.Status), r.FirstName, r.LastName, r.Email, r.Organization, r.Role, r.Dietary,
        r.AccessibilityNeeds, [.. r.Sessions.Select(s => new SessionChoiceView(s.Id, s.Status.ToString().ToLowerInvariant()))],
        r.CreatedAt, r.ConfirmedAt, r.ConsentVersion, r.ConsentGivenAt);

    public static string StatusName(RegistrationStatus status) => status.ToString().ToLowerInvariant();
}

public sealed record SessionChoiceView(string Id, string Status);

public static class RegistrationsApi
{
    public static IEndpointRouteBuilder MapRegistrations(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/events/{id}/registrations", Register).WithTags("Anmeldungen")
            .Accepts<RegistrationRequest>("application/json", "application/x-www-form-urlencoded").ProducesBodyProblems()
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status429TooManyRequests)
            .WithSummary("Meldet eine Person an (Double-Opt-in per E-Mail). Antwortet immer gleich, ob die Adresse neu ist oder nicht.");

        var api = app.MapGroup("/api/registrations").WithTags("Anmeldungen")
            .AddEndpointFilter(async (context, next) =>
            {
                // Personal data must never sit in a shared cache.
                context.HttpContext.Response.Headers.CacheControl = "no-store";
                return await next(context);
            })
            .ProducesBodyProblems().ProducesProblems(StatusCodes.Status404NotFound);
        api.MapPost("/confirm", Confirm).ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status409Conflict).Accepts<TokenRequest>("application/json", "application/x-www-form-urlencoded")
            .WithSummary("Bestätigt eine Anmeldung mit dem Token aus der E-Mail: Platz oder Warteliste.");
        api.MapPost("/manage", View).Accepts<TokenRequest>("application/json", "application/x-www-form-urlencoded")
            .WithSummary("Zeigt die eigene Anmeldung (Token aus dem Verwaltungslink).");
        api.MapPost("/manage/sessions", ChangeSessions).ProducesProblems(StatusCodes.Status409Conflict).Accepts<SessionChangeRequest>("application/json", "application/x-www-form-urlencoded")
            .WithSummary("Ändert die gewählten Programmpunkte.");
        api.MapPost("/manage/cancel", Cancel).ProducesProblems(StatusCodes.Status409Conflict).Accepts<TokenRequest>("application/json", "application/x-www-form-urlencoded")
            .WithSummary("Sagt die Teilnahme ab; die erste Person der Warteliste rückt nach.");
        api.MapPost("/manage/delete", Delete).ProducesProblems(StatusCodes.Status400BadRequest).Accepts<TokenRequest>("application/json", "application/x-www-form-urlencoded")
            .WithSummary("Löscht die Anmeldung und alle Daten sofort (DSGVO Art. 17); der Platz wird frei.");
        api.MapPost("/manage/export", Export).Produces<PersonalDataView>(StatusCodes.Status200OK, "application/json").ProducesProblems(StatusCodes.Status400BadRequest).Accepts<TokenRequest>("application/json", "application/x-www-form-urlencoded")
            .WithSummary("Alle gespeicherten Daten zur eigenen Anmeldung als JSON (DSGVO Art. 15).");
        return app;
    }

    private static async Task<Results<Accepted<RegistrationAccepted>, ValidationProblem, ProblemHttpResult>> Register(
        string id, HttpRequest request, RegistrationService registrations, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync(request, RegistrationForm.ToRequest, cancellationToken);
        if (body.Problem is not null)
        {
            return body.Problem;
        }
        var registrationRequest = body.Value! with { RequestKey = body.Value!.RequestKey ?? request.Headers["Idempotency-Key"].FirstOrDefault() };
        return await registrations.RegisterAsync(id, registrationRequest, body.IsForm ? "web" : "api", cancellationToken: cancellationToken) switch
        {
            RegisterOutcome.Accepted accepted => TypedResults.Accepted((string?)null, new RegistrationAccepted(accepted.RegistrationId, "pending")),
            RegisterOutcome.Invalid invalid => Problems.Validation(invalid.Errors),
            RegisterOutcome.Closed closed => Problems.Conflict(closed.Detail),
            _ => Problems.NotFound(),
        };
    }

    private static async Task<Results<Ok<ConfirmationView>, ProblemHttpResult>> Confirm(HttpRequest request, RegistrationService registrations, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync(request, form => new TokenRequest(form["token"]), cancellationToken);
        if (body.Problem is not null)
        {
            return body.Problem;
        }
        return await registrations.ConfirmAsync(body.Value!.Token, cancellationToken) switch
        {
            ConfirmOutcome.Done done => TypedResults.Ok(new ConfirmationView(RegistrationView.StatusName(done.Registration.Status), done.Registration.EventId)),
            ConfirmOutcome.Closed closed => Problems.Conflict(closed.Detail),
            ConfirmOutcome.Full full => Problems.Conflict(full.Detail),
            _ => Problems.InvalidToken(),
        };
    }

    private static async Task<Results<Ok<RegistrationView>, ValidationProblem, ProblemHttpResult>> View(HttpRequest request, RegistrationService registrations, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync(request, form => new TokenRequest(form["token"]), cancellationToken);
        return body.Problem ?? ToResult(await registrations.ViewAsync(body.Value!.Token, cancellationToken));
    }

    private static async Task<Results<Ok<RegistrationView>, ValidationProblem, ProblemHttpResult>> ChangeSessions(HttpRequest request, RegistrationService registrations, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync(request, form => new SessionChangeRequest(form["token"], [.. form["sessions"].OfType<string>()]), cancellationToken);
        return body.Problem ?? ToResult(await registrations.ChangeSessionsAsync(body.Value!.Token, body.Value.Sessions ?? [], cancellationToken));
    }

    private static async Task<Results<Ok<RegistrationView>, ValidationProblem, ProblemHttpResult>> Cancel(HttpRequest request, RegistrationService registrations, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync(request, form => new TokenRequest(form["token"]), cancellationToken);
        return body.Problem ?? ToResult(await registrations.CancelAsync(body.Value!.Token, cancellationToken));
    }

    /// <summary>DSGVO Art. 17: erases the person's data at once; answers 204.</summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(HttpRequest request, RegistrationService registrations, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync(request, form => new TokenRequest(form["token"]), cancellationToken);
        if (body.Problem is not null)
        {
            return body.Problem;
        }
        return await registrations.DeleteAsync(body.Value!.Token, cancellationToken) is ManageOutcome.Done ? TypedResults.NoContent() : Problems.InvalidToken();
    }

    /// <summary>DSGVO Art. 15: everything stored about the person, as a JSON download.</summary>
    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Export(HttpRequest request, RegistrationService registrations, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync(request, form => new TokenRequest(form["token"]), cancellationToken);
        if (body.Problem is not null)
        {
            return body.Problem;
        }
        var export = await registrations.ExportAsync(body.Value!.Token, cancellationToken);
        if (export is null)
        {
            return Problems.InvalidToken();
        }
        var json = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(PersonalDataView.From(export), PersonalDataView.JsonOptions);
        return TypedResults.File(json, "application/json; charset=utf-8", $"meine-daten-{export.Registration.EventId}.json");
    }

    private static Results<Ok<RegistrationView>, ValidationProblem, ProblemHttpResult> ToResult(ManageOutcome outcome) => outcome switch
    {
        ManageOutcome.Done done => TypedResults.Ok(RegistrationView.From(done.Registration)),
        ManageOutcome.Invalid invalid => Problems.Validation(invalid.Errors),
        ManageOutcome.Closed closed => Problems.Conflict(closed.Detail),
        _ => Problems.InvalidToken(),
    };
}

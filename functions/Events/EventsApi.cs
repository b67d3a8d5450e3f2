using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using VirServerless.Core.Events;
using VirServerless.Core.Registrations;
using VirServerless.Core.Storage.Events;
using VirServerless.Functions.Admin;
using VirServerless.Functions.Hosting;
using VirServerless.Functions.Pages;

namespace VirServerless.Functions.Events;

public static class EventsApi
{
    public static IEndpointRouteBuilder MapEvents(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/events").WithTags("Veranstaltungen");
        api.MapGet("/", ListEvents).ProducesContract(StatusCodes.Status200OK, "PublishedEventSummary", isArray: true).WithSummary("Veröffentlichte Veranstaltungen, kommende zuerst, mit freien Plätzen.");
        api.MapGet("/{id}", GetEvent).ProducesContract(StatusCodes.Status200OK, "PublishedEvent").ProducesProblems(StatusCodes.Status404NotFound).WithSummary("Eine Veranstaltung mit Programm und freien Plätzen je wählbarem Programmpunkt.");
        api.MapGet("/{id}/calendar.ics", EventCalendarFile.GetAsync).Produces<string>(StatusCodes.Status200OK, "text/calendar").ProducesProblems(StatusCodes.Status404NotFound).WithSummary("Kalenderdatei (iCalendar) der Veranstaltung, ohne persönliche Daten.");

        var admin = app.MapGroup("/api/admin/events").WithTags("Verwaltung").RequireAdminKey();
        admin.MapPut("/{id}", PutEvent).Accepts<CatalogEvent>("application/json").ProducesBodyProblems()
            .ProducesContract(StatusCodes.Status200OK, "SavedEvent").ProducesContract(StatusCodes.Status201Created, "SavedEvent")
            .WithSummary("Legt eine Veranstaltung an oder ersetzt sie (Format: catalog/event.schema.json). Header x-functions-key.");
        return app;
    }

    private static async Task<Ok<JsonArray>> ListEvents(EventStore events, RegistrationService registrations, CancellationToken cancellationToken)
    {
        var list = new JsonArray();
        foreach (var ev in await events.ListPublishedAsync(cancellationToken))
        {
            list.Add(await ToJsonAsync(ev, registrations, withProgramme: false, cancellationToken));
        }
        return TypedResults.Ok(list);
    }

    private static async Task<Results<Ok<JsonObject>, ProblemHttpResult>> GetEvent(string id, EventStore events, RegistrationService registrations, CancellationToken cancellationToken)
    {
        var stored = await events.GetAsync(id, cancellationToken);
        if (stored is null || stored.Event.Status == EventStatus.Draft)
        {
            return Problems.NotFound();
        }
        return TypedResults.Ok(await ToJsonAsync(stored.Event, registrations, withProgramme: true, cancellationToken));
    }

    private static async Task<Results<Ok<JsonObject>, Created<JsonObject>, ValidationProblem, ProblemHttpResult>> PutEvent(
        string id, HttpRequest request, EventService publisher, CancellationToken cancellationToken)
    {
        if (!EventIds.IsValid(id))
        {
            return Problems.BadRequest("Die Kennung muss aus Kleinbuchstaben, Ziffern und Bindestrichen bestehen (2 bis 63 Zeichen).");
        }
        var body = await RequestBody.ReadAsync<JsonNode>(request, _ => new JsonObject(), cancellationToken);
        if (body.Problem is not null)
        {
            return body.Problem;
        }
        if (body.IsForm)
        {
            return Problems.UnsupportedMediaType();
        }
        if (!EventDocument.TryParse(body.Value!.ToJsonString(), out var ev, out var parseErrors))
        {
            return Problems.Validation(new Dictionary<string, string[]>(parseErrors));
        }
        if (!string.Equals(ev!.Id, id, StringComparison.Ordinal))
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["id"] = [$"Die Kennung im Dokument („{ev.Id}“) muss der Kennung in der Adresse („{id}“) entsprechen."] });
        }
        switch (await publisher.PublishAsync(ev, cancellationToken))
        {
            case PublishOutcome.Invalid invalid:
                return Problems.Validation(new Dictionary<string, string[]>(invalid.Errors));
            case PublishOutcome.Saved { Event: var saved, Created: var created }:
                await OrganiserAudit.RecordAsync(request.HttpContext, created ? "event.created" : "event.changed", id, null,
                    created ? $"Veranstaltung angelegt (Fassung {saved.Version})" : $"Veranstaltung geändert (Fassung {saved.Version})", cancellationToken);
                var json = (JsonObject)JsonSerializer.SerializeToNode(saved.Event, EventJson.Options)!;
                json["version"] = saved.Version;
                return created ? TypedResults.Created($"/api/events/{id}", json) : TypedResults.Ok(json);
            default:
                throw new InvalidOperationException("Unknown publish outcome.");
        }
    }

    /// <summary>The catalog document plus live figures: free seats of the event and of each choosable session.</summary>
    internal static async Task<JsonObject> ToJsonAsync(CatalogEvent ev, RegistrationService registrations, bool withProgramme, CancellationToken cancellationToken)
    {
        var json = (JsonObject)JsonSerializer.SerializeToNode(ev, EventJson.Options)!;
        var seats = await registrations.GetSeatsAsync(ev.Id, cancellationToken);
        var closed = registrations.WhyClosed(ev);
        json["registrationOpen"] = closed is null;
        if (closed is not null)
        {
            json["registrationClosedReason"] = closed.Detail;
        }
        if (ev.Registration is not null)
        {
            json["freeSeats"] = seats.EventFree(ev);
        }
        if (!withProgramme)
        {
            json.Remove("sessions");
            json.Remove("faq");
            json.Remove("description");
            return json;
        }
        if (json["sessions"] is JsonArray sessions)
        {
            foreach (var node in sessions.OfType<JsonObject>())
            {
                if (ev.FindSession((string?)node["id"] ?? "") is { Choosable: true } session)
                {
                    node["freeSeats"] = seats.SessionFree(session);
                }
            }
        }
        return json;
    }
}

using System.Globalization;
using CsvHelper;
using Microsoft.AspNetCore.Http.HttpResults;
using VirServerless.Core.Events;
using VirServerless.Core.Registrations;
using VirServerless.Functions.Hosting;
using VirServerless.Functions.Registrations;
using VirServerless.Core.Storage.Events;

namespace VirServerless.Functions.Admin;

public sealed record AttendeeList(string EventId, string Title, AttendeeCounts Counts, IReadOnlyList<AttendeeRow> Registrations);

public sealed record AttendeeCounts(int Pending, int Confirmed, int Waitlisted, int Cancelled, int Declined, IReadOnlyDictionary<string, int> ConfirmedPerOrganization);

public sealed record AttendeeRow(
    string Id, string Status, string FirstName, string LastName, string Email, string Organization, string? Role,
    string Sessions, string? Dietary, string? AccessibilityNeeds, DateTimeOffset CreatedAt, DateTimeOffset? ConfirmedAt, string Source);

public static class AdminApi
{
    public static IEndpointRouteBuilder MapAdmin(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin").WithTags("Verwaltung").RequireAdminKey()
            .AddEndpointFilter(async (context, next) =>
            {
                context.HttpContext.Response.Headers.CacheControl = "no-store";
                return await next(context);
            });
        admin.MapGet("/events/{id}/registrations", ListRegistrations).Produces<AttendeeList>().ProducesText(StatusCodes.Status200OK, "text/csv")
            .ProducesProblems(StatusCodes.Status404NotFound)
            .WithSummary("Teilnehmendenliste als JSON oder, mit Accept: text/csv, als CSV. Header x-functions-key.");
        return app;
    }

    private static async Task<Results<Ok<AttendeeList>, FileContentHttpResult, ProblemHttpResult>> ListRegistrations(
        string id, HttpRequest request, EventStore events, RegistrationService registrations, CancellationToken cancellationToken)
    {
        var stored = await events.GetAsync(id, cancellationToken);
        if (stored is null)
        {
            return Problems.NotFound();
        }
        var all = await registrations.ListAsync(id, cancellationToken);
        var organizations = Organization.Names(all.Select(r => r.Organization));
        var rows = AttendeeRows.Of(all, organizations);

        if (request.Headers.Accept.Any(a => a?.Contains("text/csv", StringComparison.OrdinalIgnoreCase) == true))
        {
            return TypedResults.File(AttendeeCsv.Write(rows), "text/csv; charset=utf-8", $"teilnehmende-{id}.csv");
        }
        var counts = new AttendeeCounts(
            all.Count(r => r.Status == RegistrationStatus.Pending),
            all.Count(r => r.Status == RegistrationStatus.Confirmed),
            all.Count(r => r.Status == RegistrationStatus.Waitlisted),
            all.Count(r => r.Status == RegistrationStatus.Cancelled),
            all.Count(r => r.Status == RegistrationStatus.Declined),
            all.Where(r => r.Status == RegistrationStatus.Confirmed).GroupBy(r => organizations.Of(r.Organization), StringComparer.Ordinal)
                .OrderBy(g => g.Key, Organization.NameOrder).ToDictionary(g => g.Key, g => g.Count()));
        return TypedResults.Ok(new AttendeeList(id, stored.Event.Title, counts, rows));
    }
}

/// <summary>The attendee list of the JSON and the CSV; each organisation under its one name, so a spreadsheet counts it once.</summary>
public static class AttendeeRows
{
    public static IReadOnlyList<AttendeeRow> Of(IReadOnlyList<Registration> all, OrganizationNames organizations)
    {
        ArgumentNullException.ThrowIfNull(all);
        ArgumentNullException.ThrowIfNull(organizations);
        return [.. all
            .OrderBy(r => r.Status).ThenBy(r => r.ConfirmedAt ?? r.CreatedAt)
            .Select(r => new AttendeeRow(
                r.Id, RegistrationView.StatusName(r.Status), r.FirstName, r.LastName, r.Email, organizations.Of(r.Organization), r.Role,
                string.Join(", ", r.Sessions.Select(s => $"{s.Id} ({s.Status.ToString().ToLowerInvariant()})")),
                r.Dietary, r.AccessibilityNeeds, r.CreatedAt, r.ConfirmedAt, r.Source))];
    }
}

/// <summary>CSV for German spreadsheet programs: UTF-8 with BOM, semicolons, RFC 4180 quoting.</summary>
/// <summary>
/// The attendee list as CSV for German spreadsheets: semicolons, UTF-8 with BOM, CRLF. Cells are quoted per RFC 4180
/// (CsvHelper) when they hold the delimiter, a quote or a line break, and also when they hold a comma, which
/// spreadsheets of other locales split on; a leading = + - @ tab or CR is escaped so no cell runs as a formula.
/// </summary>
public static class AttendeeCsv
{
    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with
    {
        Separator = ';',
        Injection = CsvInjection.Escape,
        // Spreadsheets of other locales split on a comma: a cell with one is quoted as if it held the separator.
        ShouldQuote = (field, _, _, _) => field.Contains(','),
        WriteByteOrderMark = true,
    };

    public static byte[] Write(IEnumerable<AttendeeRow> rows)
    {
        using var output = new MemoryStream();
        using (var csv = CsvWriter.Create(output, Options, leaveOpen: true))
        {
            csv.WriteRecord(["Status", "Vorname", "Nachname", "E-Mail", "Organisation", "Funktion", "Programmpunkte", "Ernährung", "Barrierefreiheit", "Angemeldet am", "Bestätigt am", "Kanal", "Kennung"]);
            foreach (var r in rows)
            {
                csv.WriteRecord([r.Status, r.FirstName, r.LastName, r.Email, r.Organization, r.Role ?? "", r.Sessions, r.Dietary ?? "", r.AccessibilityNeeds ?? "",
                    BerlinTime.ToBerlin(r.CreatedAt).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                    r.ConfirmedAt is { } c ? BerlinTime.ToBerlin(c).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "",
                    r.Source, r.Id]);
            }
        }
        return output.ToArray();
    }
}

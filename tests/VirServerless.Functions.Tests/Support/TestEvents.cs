using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace VirServerless.Functions.Tests.Support;

/// <summary>Builds small catalog documents for tests and publishes them through the admin API.</summary>
public static class TestEvents
{
    public static JsonObject Create(string id, int? capacity = 10, bool waitlist = true, int? maxPerOrganization = null, int? workshopCapacity = 2,
        string opens = "2026-01-01T00:00:00+01:00", string closes = "2030-05-01T00:00:00+02:00", string status = "published") => new()
    {
        ["id"] = id,
        ["kind"] = "plenum",
        ["title"] = $"Testplenum {id}",
        ["status"] = status,
        ["start"] = "2030-06-05T09:00:00+02:00",
        ["end"] = "2030-06-05T17:00:00+02:00",
        ["venue"] = new JsonObject { ["name"] = "Rathaus", ["street"] = "Markt 1", ["postalCode"] = "26122", ["city"] = "Oldenburg" },
        ["contact"] = new JsonObject { ["name"] = "Geschäftsstelle ViR-Nordwest", ["email"] = "geschaeftsstelle@vir-nordwest.example" },
        ["registration"] = new JsonObject
        {
            ["opens"] = opens,
            ["closes"] = closes,
            ["capacity"] = capacity,
            ["waitlist"] = waitlist,
            ["fee"] = "kostenlos",
            ["maxPerOrganization"] = maxPerOrganization,
        },
        ["sessions"] = new JsonArray
        {
            new JsonObject { ["id"] = "impuls", ["kind"] = "talk", ["title"] = "Impulsvortrag", ["start"] = "2030-06-05T09:30:00+02:00", ["end"] = "2030-06-05T10:30:00+02:00", ["room"] = "Saal" },
            new JsonObject { ["id"] = "ag-ki", ["kind"] = "workshop", ["title"] = "AG Künstliche Intelligenz", ["start"] = "2030-06-05T13:00:00+02:00", ["end"] = "2030-06-05T15:00:00+02:00", ["room"] = "Raum 1", ["choosable"] = true, ["capacity"] = workshopCapacity },
            new JsonObject { ["id"] = "ag-ozg", ["kind"] = "workshop", ["title"] = "AG OZG", ["start"] = "2030-06-05T13:00:00+02:00", ["end"] = "2030-06-05T15:00:00+02:00", ["room"] = "Raum 2", ["choosable"] = true },
        },
    };

    public static async Task PublishAsync(HttpClient admin, JsonObject ev)
    {
        using var response = await admin.PutAsJsonAsync($"api/admin/events/{ev["id"]}", ev);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Publishing failed with {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    public static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 60)];
}

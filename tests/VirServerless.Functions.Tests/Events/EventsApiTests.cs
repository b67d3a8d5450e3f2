using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VirServerless.Functions.Tests.Support;
using VirServerless.Testing;

namespace VirServerless.Functions.Tests.Events;

public class EventsApiTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private FunctionAppProcess App => fixture.App;

    [Fact]
    public async Task ListsUpcomingEventsFirstThenPastOnes()
    {
        var events = await App.Client.GetFromJsonAsync<JsonElement>("api/events");

        var ids = events.EnumerateArray().Select(e => e.GetProperty("id").GetString()).ToList();
        Assert.Contains("plenum-2027", ids);
        Assert.Contains("plenum-2017", ids);
        Assert.True(ids.IndexOf("plenum-2027") < ids.IndexOf("plenum-2024"));
        Assert.True(ids.IndexOf("plenum-2024") < ids.IndexOf("plenum-2017"));
        Assert.True(ids.IndexOf("plenum-2017") < ids.IndexOf("plenum-2015"));
    }

    [Fact]
    public async Task SamplePlenumShowsProgrammeAndFreeSeats()
    {
        var plenum = await App.Client.GetFromJsonAsync<JsonElement>("api/events/plenum-2027");

        Assert.True(plenum.GetProperty("registrationOpen").GetBoolean());
        Assert.Equal(120, AdminQueries.FreeSeats(plenum));
        var workshops = plenum.GetProperty("sessions").EnumerateArray()
            .Where(s => s.GetProperty("kind").GetString() == "workshop" && s.TryGetProperty("choosable", out var c) && c.GetBoolean()).ToList();
        Assert.Equal(3, workshops.Count);
        Assert.All(workshops, w => Assert.Equal(w.GetProperty("capacity").GetInt32(), w.GetProperty("freeSeats").GetInt32()));
    }

    [Fact]
    public async Task FreeSeatsDropWhenSomeoneConfirms()
    {
        var eventId = TestEvents.NewId("seats");
        await TestEvents.PublishAsync(App.Admin, TestEvents.Create(eventId, capacity: 5, workshopCapacity: 3));

        await new Attendee(App, eventId, "Anna").RegisterAndConfirmAsync("ag-ki");

        var ev = await AdminQueries.EventAsync(App, eventId);
        Assert.Equal(4, AdminQueries.FreeSeats(ev));
        Assert.Equal(2, AdminQueries.FreeSeats(ev, "ag-ki"));
        Assert.Null(AdminQueries.FreeSeats(ev, "ag-ozg"));
    }

    [Fact]
    public async Task DraftEventsStayHidden()
    {
        var eventId = TestEvents.NewId("draft");
        await TestEvents.PublishAsync(App.Admin, TestEvents.Create(eventId, status: "draft"));

        using var one = await App.Client.GetAsync($"api/events/{eventId}");
        var all = await App.Client.GetFromJsonAsync<JsonElement>("api/events");

        Assert.Equal(HttpStatusCode.NotFound, one.StatusCode);
        Assert.DoesNotContain(all.EnumerateArray(), e => e.GetProperty("id").GetString() == eventId);
    }
}

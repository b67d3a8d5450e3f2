using System.Globalization;
using System.Text.Json.Nodes;
using VirServerless.Functions.Tests.Support;

namespace VirServerless.Functions.Tests.Mail;

/// <summary>Test events dated relative to the real clock, so timers work without moving time.</summary>
public static class SoonEvents
{
    /// <summary>An event starting in one hour whose only reminder falls due <paramref name="reminderIn"/> from now.</summary>
    public static (JsonObject Event, DateTimeOffset ReminderDue) WithReminderIn(string id, TimeSpan reminderIn, int capacity = 10)
    {
        var start = DateTimeOffset.UtcNow.AddHours(1);
        var before = TimeSpan.FromHours(1) - reminderIn;
        var ev = At(id, start, capacity);
        ev["reminders"] = new JsonArray($"PT{(int)before.TotalSeconds}S");
        return (ev, start - before);
    }

    /// <summary>The standard test event moved to <paramref name="start"/> (8 hours long, sessions shifted along).</summary>
    public static JsonObject At(string id, DateTimeOffset start, int capacity = 10, int? retentionDays = null)
    {
        var ev = TestEvents.Create(id, capacity: capacity, opens: Iso(start.AddDays(-30)), closes: Iso(start));
        ev["start"] = Iso(start);
        ev["end"] = Iso(start.AddHours(8));
        var offset = TimeSpan.Zero;
        foreach (var session in ev["sessions"]!.AsArray().OfType<JsonObject>())
        {
            session["start"] = Iso(start + offset);
            session["end"] = Iso(start + offset + TimeSpan.FromHours(1));
            offset += TimeSpan.FromHours(1);
        }
        if (retentionDays is { } days)
        {
            ev["retentionDays"] = days;
        }
        return ev;
    }

    public static async Task WaitUntilAsync(DateTimeOffset instant)
    {
        var wait = instant - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(500);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }
    }

    private static string Iso(DateTimeOffset value) => value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

using System.Text.Json.Serialization;

namespace VirServerless.Core.Events;

/// <summary>
/// One event of the catalog, exactly as organisers write it (see <c>catalog/event.schema.json</c>).
/// The JSON shape is a public contract: rename nothing without a schema change.
/// </summary>
public sealed record CatalogEvent
{
    public required string Id { get; init; }
    public required EventKind Kind { get; init; }
    public required string Title { get; init; }
    public string? Motto { get; init; }
    public string? Summary { get; init; }
    /// <summary>Markdown.</summary>
    public string? Description { get; init; }
    public EventStatus Status { get; init; } = EventStatus.Draft;
    public required DateTimeOffset Start { get; init; }
    public required DateTimeOffset End { get; init; }
    public Venue? Venue { get; init; }
    public string? Host { get; init; }
    public Contact? Contact { get; init; }
    public RegistrationSettings? Registration { get; init; }
    /// <summary>ISO 8601 durations before the start, e.g. <c>P7D</c>.</summary>
    public IReadOnlyList<string>? Reminders { get; init; }
    public int? RetentionDays { get; init; }
    public IReadOnlyList<string>? Topics { get; init; }
    public IReadOnlyList<Session>? Sessions { get; init; }
    public IReadOnlyList<FaqEntry>? Faq { get; init; }

    /// <summary>
    /// The store's version of this document (1 on the first save, +1 on each), not part of the document itself.
    /// Calendar entries use it as SEQUENCE, change notices in their mail ids.
    /// </summary>
    [JsonIgnore]
    public int Version { get; init; }

    [JsonIgnore]
    public IReadOnlyList<Session> Programme => Sessions ?? [];

    [JsonIgnore]
    public IEnumerable<Session> ChoosableSessions => Programme.Where(s => s.Choosable);

    public Session? FindSession(string sessionId) =>
        Programme.FirstOrDefault(s => string.Equals(s.Id, sessionId, StringComparison.Ordinal));
}

[JsonConverter(typeof(JsonStringEnumConverter<EventKind>))]
public enum EventKind
{
    [JsonStringEnumMemberName("plenum")] Plenum,
    [JsonStringEnumMemberName("marktplatz")] Marktplatz,
    [JsonStringEnumMemberName("conference")] Conference,
    [JsonStringEnumMemberName("workshop")] Workshop,
    [JsonStringEnumMemberName("other")] Other,
}

[JsonConverter(typeof(JsonStringEnumConverter<EventStatus>))]
public enum EventStatus
{
    [JsonStringEnumMemberName("draft")] Draft,
    [JsonStringEnumMemberName("published")] Published,
    [JsonStringEnumMemberName("cancelled")] Cancelled,
}

public sealed record Venue
{
    public required string Name { get; init; }
    public string? Street { get; init; }
    public string? PostalCode { get; init; }
    public string? City { get; init; }
    public string? Directions { get; init; }
    public string? Accessibility { get; init; }
}

public sealed record Contact
{
    public required string Name { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
}

public sealed record RegistrationSettings
{
    public DateTimeOffset? Opens { get; init; }
    public DateTimeOffset? Closes { get; init; }
    public int? Capacity { get; init; }
    public bool Waitlist { get; init; } = true;
    public string? Fee { get; init; }
    public int? MaxPerOrganization { get; init; }
}

public sealed record Session
{
    public required string Id { get; init; }
    public SessionKind Kind { get; init; } = SessionKind.Other;
    public required string Title { get; init; }
    public required DateTimeOffset Start { get; init; }
    public required DateTimeOffset End { get; init; }
    public string? Room { get; init; }
    public IReadOnlyList<string>? Speakers { get; init; }
    public string? Description { get; init; }
    public bool Choosable { get; init; }
    public int? Capacity { get; init; }
}

[JsonConverter(typeof(JsonStringEnumConverter<SessionKind>))]
public enum SessionKind
{
    [JsonStringEnumMemberName("talk")] Talk,
    [JsonStringEnumMemberName("panel")] Panel,
    [JsonStringEnumMemberName("workshop")] Workshop,
    [JsonStringEnumMemberName("excursion")] Excursion,
    [JsonStringEnumMemberName("meal")] Meal,
    [JsonStringEnumMemberName("break")] Break,
    [JsonStringEnumMemberName("station")] Station,
    [JsonStringEnumMemberName("other")] Other,
}

public sealed record FaqEntry(string Question, string Answer);

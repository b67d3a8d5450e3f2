namespace VirServerless.Core.Events;

/// <summary>An event as stored: its document, version number, time of the last change and storage revision.</summary>
public sealed record StoredEvent(CatalogEvent Event, int Version, DateTimeOffset UpdatedAt, string? Revision);

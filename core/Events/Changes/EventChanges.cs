namespace VirServerless.Core.Events.Changes;

/// <summary>What changed that a registrant must know: when, where, or that the event is cancelled.</summary>
public enum ChangeKind { Time, Venue, Room, Cancelled, SessionRemoved }

/// <summary>One change. <see cref="SessionId"/> is null for the event itself.</summary>
public sealed record EventChange(ChangeKind Kind, string? SessionId, string Description);

/// <summary>The changes between two versions of an event, and who they concern.</summary>
public sealed record EventChangeSet(IReadOnlyList<EventChange> Changes)
{
    public bool IsEmpty => Changes.Count == 0;

    public bool IsCancellation => Changes.Any(c => c.Kind == ChangeKind.Cancelled);

    /// <summary>A change of the event itself, or of a session everyone attends, concerns every registrant.</summary>
    public bool ConcernsEveryone { get; init; }

    /// <summary>Choosable sessions whose change concerns only the people booked or waiting for them.</summary>
    public IReadOnlySet<string> ChangedSessions { get; init; } = new HashSet<string>(StringComparer.Ordinal);
}

/// <summary>
/// Compares two versions of an event for change notices. Only time, venue and room count (and cancellation);
/// a new description or FAQ entry is no reason to mail anyone.
/// </summary>
public static class EventChanges
{
    public static EventChangeSet Compare(CatalogEvent old, CatalogEvent current)
    {
        ArgumentNullException.ThrowIfNull(old);
        ArgumentNullException.ThrowIfNull(current);
        var changes = new List<EventChange>();
        var everyone = false;
        var sessions = new HashSet<string>(StringComparer.Ordinal);

        if (current.Status == EventStatus.Cancelled && old.Status != EventStatus.Cancelled)
        {
            changes.Add(new(ChangeKind.Cancelled, null, "Die Veranstaltung wurde abgesagt."));
            return new EventChangeSet(changes) { ConcernsEveryone = true };
        }
        if (current.Status == EventStatus.Cancelled)
        {
            return new EventChangeSet([]);
        }

        if (old.Start != current.Start || old.End != current.End)
        {
            changes.Add(new(ChangeKind.Time, null, $"Neuer Termin: {BerlinTime.Range(current.Start, current.End)} (bisher {BerlinTime.Range(old.Start, old.End)})."));
            everyone = true;
        }
        var (oldPlace, newPlace) = (Place(old.Venue), Place(current.Venue));
        if (!string.Equals(oldPlace, newPlace, StringComparison.Ordinal))
        {
            changes.Add(new(ChangeKind.Venue, null, $"Neuer Veranstaltungsort: {newPlace ?? "wird noch bekannt gegeben"} (bisher {oldPlace ?? "nicht angegeben"})."));
            everyone = true;
        }

        foreach (var before in old.Programme)
        {
            var after = current.FindSession(before.Id);
            var sessionChanges = new List<EventChange>();
            if (after is null)
            {
                sessionChanges.Add(new(ChangeKind.SessionRemoved, before.Id, $"Der Programmpunkt „{before.Title}“ entfällt."));
            }
            else
            {
                if (before.Start != after.Start || before.End != after.End)
                {
                    sessionChanges.Add(new(ChangeKind.Time, before.Id, $"„{after.Title}“: neue Zeit {BerlinTime.Range(after.Start, after.End)} (bisher {BerlinTime.Range(before.Start, before.End)})."));
                }
                if (!string.Equals(Normalize(before.Room), Normalize(after.Room), StringComparison.Ordinal))
                {
                    sessionChanges.Add(new(ChangeKind.Room, before.Id, $"„{after.Title}“: neuer Raum {after.Room ?? "wird noch bekannt gegeben"} (bisher {before.Room ?? "nicht angegeben"})."));
                }
            }
            if (sessionChanges.Count == 0)
            {
                continue;
            }
            changes.AddRange(sessionChanges);
            if (before.Choosable)
            {
                sessions.Add(before.Id);
            }
            else
            {
                everyone = true;
            }
        }
        return new EventChangeSet(changes) { ConcernsEveryone = everyone, ChangedSessions = sessions };
    }

    /// <summary>Whether a change set concerns a person with these session choices.</summary>
    public static bool Concerns(EventChangeSet set, IEnumerable<string> chosenSessionIds)
    {
        ArgumentNullException.ThrowIfNull(set);
        return set.ConcernsEveryone || chosenSessionIds.Any(set.ChangedSessions.Contains);
    }

    /// <summary>The changes one person should read: event-wide ones and those of sessions they attend.</summary>
    public static IReadOnlyList<EventChange> For(EventChangeSet set, CatalogEvent old, IEnumerable<string> chosenSessionIds)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(old);
        var chosen = chosenSessionIds.ToHashSet(StringComparer.Ordinal);
        return [.. set.Changes.Where(c => c.SessionId is null || chosen.Contains(c.SessionId) || old.FindSession(c.SessionId) is { Choosable: false })];
    }

    private static string? Place(Venue? venue) =>
        venue is null
            ? null
            : string.Join(", ", new[] { venue.Name, venue.Street, $"{venue.PostalCode} {venue.City}".Trim() }.Select(Normalize).Where(p => p is not null));

    private static string? Normalize(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}

namespace VirServerless.Core.Calendar;

/// <summary>One event for an iCalendar document.</summary>
/// <remarks>
/// <c>Uid</c> must be stable per event and person, so a later REQUEST or CANCEL updates the same calendar item;
/// raise <c>Sequence</c> on every change the recipient should see (time, place, cancellation).
/// <c>Reminder</c> is how long before the start a VALARM fires (null: no alarm).
/// The attendee is the registered person, written as already accepted and without RSVP so no reply mail is asked for.
/// </remarks>
public sealed record CalendarEntry(
    string Uid,
    int Sequence,
    string Summary,
    DateTimeOffset Start,
    DateTimeOffset End,
    string? Location,
    string? Description,
    Uri? Url,
    string? OrganizerName,
    string? OrganizerEmail,
    bool Cancelled = false,
    TimeSpan? Reminder = null,
    string? AttendeeName = null,
    string? AttendeeEmail = null);

/// <summary>The iTIP method of the whole document.</summary>
public enum CalendarMethod
{
    /// <summary>A download ("in meinen Kalender").</summary>
    Publish,

    /// <summary>An invitation or update attached to a mail.</summary>
    Request,

    /// <summary>A cancellation attached to a mail; every event is written as CANCELLED.</summary>
    Cancel,
}

using VirServerless.Core.Events;

namespace VirServerless.Bot.Questions;

/// <summary>Free seats of one event as the registration store reports them; <c>null</c> means unlimited.</summary>
public sealed record SeatAvailability(int? EventFree, IReadOnlyDictionary<string, int?> SessionFree);

/// <summary>Everything the answerer may read: the catalog, live seat counts (by event id) and the fallback contact.</summary>
public sealed record CatalogView(
    IReadOnlyList<CatalogEvent> Events,
    IReadOnlyDictionary<string, SeatAvailability> Seats,
    Contact DefaultContact);

/// <summary>What a follow-up question ("Und wo?") refers to. Small and serializable on purpose.</summary>
/// <remarks><see cref="Pending"/> is the question the bot asked back about ("Welche Veranstaltung meinen Sie?").</remarks>
public sealed record ConversationState(string? EventId, string? SessionId, int? Day, string? Language, string? Pending = null)
{
    public static ConversationState Empty { get; } = new(null, null, null, null);

    /// <summary>What the previous answer was about, so "und in Vechta?" asks the same about another event.</summary>
    public Intent? LastIntent { get; init; }

    /// <summary>The previous question expected "Ja"/"Nein", so "und in der KI-AG?" does too.</summary>
    public bool LastYesNo { get; init; }

    /// <summary>The question of the FAQ entry the previous answer quoted, so "bis wann?" asks about what it was about.</summary>
    public string? LastFaq { get; init; }

    /// <summary>The clock time (minute of the day) the previous answer gave the programme at, so "und danach?" continues from it.</summary>
    public int? LastMinute { get; init; }
}

public enum Intent
{
    Unknown,
    Greeting,
    Help,
    When,
    Where,
    Programme,
    ProgrammeAtTime,
    SessionInfo,
    Speakers,
    Workshops,
    FreeSeats,
    Topics,
    Deadline,
    Fee,
    Contact,
    Faq,
    AmIRegistered,
    Register,
    Cancel,
    MySessions,
    ChangeSessions,
    Host,
    Waitlist,
    PerOrganisation,
    RegistrationState,
    Stations,
    Clarify,
}

/// <summary>A part of the day ("vormittags", "am Nachmittag") as minutes since midnight, end exclusive.</summary>
public readonly record struct DayPart(int From, int To)
{
    public bool Contains(int minuteOfDay) => From <= minuteOfDay && minuteOfDay < To;
}

/// <summary>One label/value pair of an answer, shown as a FactSet row in Teams.</summary>
public sealed record Fact(string Label, string Value);

public sealed record Answer(
    Intent Intent,
    string Text,
    string? EventId,
    string? SessionId,
    IReadOnlyList<Fact> Facts,
    ConversationState NextState,
    string Language)
{
    public bool Answered => Intent != Intent.Unknown;

    /// <summary>Titles of the events a <see cref="Intent.Clarify"/> answer offers as buttons.</summary>
    public IReadOnlyList<string> Choices { get; init; } = [];

    /// <summary>Personal intents are only recognised here; the bot handler executes them.</summary>
    public bool IsPersonal => Intent is Intent.AmIRegistered or Intent.Register or Intent.Cancel
        or Intent.MySessions or Intent.ChangeSessions;
}

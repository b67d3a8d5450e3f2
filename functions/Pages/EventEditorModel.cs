using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using VirServerless.Core.Events;

namespace VirServerless.Functions.Pages;

/// <summary>One programme row of the editor, as typed (strings, so a wrong entry comes back unchanged).</summary>
public sealed record EditorSession(
    string Id = "", string Kind = "other", string Title = "", string Start = "", string End = "", string Room = "",
    string Speakers = "", string Description = "", bool Choosable = false, string Capacity = "");

public sealed record EditorFaq(string Question = "", string Answer = "");

/// <summary>
/// The event editor's state: what the form posted, field by field, named by the JSON paths of the catalog contract
/// (<c>venue.name</c>, <c>sessions[2].end</c>), so the validator's error keys point straight at the fields. Times are
/// Berlin wall-clock times (<c>datetime-local</c>); the offset is added here, so organisers never type one.
/// </summary>
public sealed partial record EventEditorModel
{
    public bool IsNew { get; init; } = true;
    public string Id { get; init; } = "";
    public string Kind { get; init; } = "plenum";
    public string Title { get; init; } = "";
    public string Motto { get; init; } = "";
    public string Summary { get; init; } = "";
    public string Description { get; init; } = "";
    public string Start { get; init; } = "";
    public string End { get; init; } = "";
    public string VenueName { get; init; } = "";
    public string VenueStreet { get; init; } = "";
    public string VenuePostalCode { get; init; } = "";
    public string VenueCity { get; init; } = "";
    public string VenueDirections { get; init; } = "";
    public string VenueAccessibility { get; init; } = "";
    public string Host { get; init; } = "";
    public string ContactName { get; init; } = "";
    public string ContactEmail { get; init; } = "";
    public string ContactPhone { get; init; } = "";
    public bool HasRegistration { get; init; } = true;
    public string Opens { get; init; } = "";
    public string Closes { get; init; } = "";
    public string Capacity { get; init; } = "";
    public bool Waitlist { get; init; } = true;
    public string Fee { get; init; } = "";
    public string MaxPerOrganization { get; init; } = "";
    public string Reminders { get; init; } = "";
    public string RetentionDays { get; init; } = "";
    public string Topics { get; init; } = "";
    public IReadOnlyList<EditorSession> Sessions { get; init; } = [];
    public IReadOnlyList<EditorFaq> Faq { get; init; } = [];

    /// <summary>The field that gets focus after a row was added or moved; null for none.</summary>
    public string? Focus { get; init; }

    public static EventEditorModel FromForm(IFormCollection form)
    {
        string S(string name) => form[name].ToString();
        bool B(string name) => form[name].ToString() == "true";
        var sessions = new List<EditorSession>();
        for (var i = 0; form.ContainsKey($"sessions[{i}].title"); i++)
        {
            var p = $"sessions[{i}].";
            sessions.Add(new(S(p + "id"), S(p + "kind"), S(p + "title"), S(p + "start"), S(p + "end"), S(p + "room"), S(p + "speakers"),
                S(p + "description"), B(p + "choosable"), S(p + "capacity")));
        }
        var faq = new List<EditorFaq>();
        for (var i = 0; form.ContainsKey($"faq[{i}].question"); i++)
        {
            faq.Add(new(S($"faq[{i}].question"), S($"faq[{i}].answer")));
        }
        return new()
        {
            IsNew = S("neu") == "true",
            Id = S("id"), Kind = S("kind"), Title = S("title"), Motto = S("motto"), Summary = S("summary"), Description = S("description"),
            Start = S("start"), End = S("end"),
            VenueName = S("venue.name"), VenueStreet = S("venue.street"), VenuePostalCode = S("venue.postalCode"), VenueCity = S("venue.city"),
            VenueDirections = S("venue.directions"), VenueAccessibility = S("venue.accessibility"),
            Host = S("host"), ContactName = S("contact.name"), ContactEmail = S("contact.email"), ContactPhone = S("contact.phone"),
            HasRegistration = B("registration.enabled"), Opens = S("registration.opens"), Closes = S("registration.closes"),
            Capacity = S("registration.capacity"), Waitlist = B("registration.waitlist"), Fee = S("registration.fee"),
            MaxPerOrganization = S("registration.maxPerOrganization"),
            Reminders = S("reminders"), RetentionDays = S("retentionDays"), Topics = S("topics"),
            Sessions = sessions, Faq = faq,
        };
    }

    public static EventEditorModel FromEvent(CatalogEvent ev, bool isNew) => new()
    {
        IsNew = isNew,
        Id = ev.Id, Kind = Name(ev.Kind), Title = ev.Title, Motto = ev.Motto ?? "", Summary = ev.Summary ?? "", Description = ev.Description ?? "",
        Start = Local(ev.Start), End = Local(ev.End),
        VenueName = ev.Venue?.Name ?? "", VenueStreet = ev.Venue?.Street ?? "", VenuePostalCode = ev.Venue?.PostalCode ?? "", VenueCity = ev.Venue?.City ?? "",
        VenueDirections = ev.Venue?.Directions ?? "", VenueAccessibility = ev.Venue?.Accessibility ?? "",
        Host = ev.Host ?? "", ContactName = ev.Contact?.Name ?? "", ContactEmail = ev.Contact?.Email ?? "", ContactPhone = ev.Contact?.Phone ?? "",
        HasRegistration = ev.Registration is not null,
        Opens = ev.Registration?.Opens is { } opens ? Local(opens) : "", Closes = ev.Registration?.Closes is { } closes ? Local(closes) : "",
        Capacity = Number(ev.Registration?.Capacity), Waitlist = ev.Registration?.Waitlist ?? true, Fee = ev.Registration?.Fee ?? "",
        MaxPerOrganization = Number(ev.Registration?.MaxPerOrganization),
        Reminders = Lines(ev.Reminders), RetentionDays = Number(ev.RetentionDays), Topics = Lines(ev.Topics),
        Sessions = [.. ev.Programme.Select(s => new EditorSession(s.Id, Name(s.Kind), s.Title, Local(s.Start), Local(s.End), s.Room ?? "",
            Lines(s.Speakers), s.Description ?? "", s.Choosable, Number(s.Capacity)))],
        Faq = [.. (ev.Faq ?? []).Select(f => new EditorFaq(f.Question, f.Answer))],
    };

    /// <summary>
    /// The catalog document these fields describe, and the entries the document cannot even hold (a time or number
    /// that does not parse); the catalog rules themselves are <see cref="EventValidator"/>'s, applied by the caller.
    /// </summary>
    public (CatalogEvent Event, Dictionary<string, string[]> Errors) ToEvent(EventStatus status)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        DateTimeOffset Time(string name, string value)
        {
            if (ParseLocal(value) is { } time)
            {
                return time;
            }
            errors[name] = [value.Trim().Length == 0 ? "Bitte geben Sie Datum und Uhrzeit an." : $"„{value}“ ist keine gültige Zeitangabe; erwartet wird z. B. 2027-06-09T15:30."];
            return default;
        }
        DateTimeOffset? OptionalTime(string name, string value) => value.Trim().Length == 0 ? null : Time(name, value);
        int? Int(string name, string value)
        {
            if (value.Trim().Length == 0)
            {
                return null;
            }
            if (int.TryParse(value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
            {
                return number;
            }
            errors[name] = [$"„{value}“ ist keine ganze Zahl."];
            return null;
        }

        var title = Title.Trim();
        var sessions = Sessions.Select((s, i) => new Session
        {
            Id = s.Id.Trim().Length > 0 ? s.Id.Trim() : Slug(s.Title),
            Kind = Enum<SessionKind>(s.Kind, SessionKind.Other),
            Title = s.Title.Trim(),
            Start = Time($"sessions[{i}].start", s.Start),
            End = Time($"sessions[{i}].end", s.End),
            Room = Text(s.Room),
            Speakers = SplitLines(s.Speakers),
            Description = Text(s.Description),
            Choosable = s.Choosable,
            Capacity = Int($"sessions[{i}].capacity", s.Capacity),
        }).ToList();
        var ev = new CatalogEvent
        {
            Id = Id.Trim().Length > 0 ? Id.Trim() : Slug(title),
            Kind = Enum<EventKind>(Kind, EventKind.Other),
            Title = title,
            Motto = Text(Motto),
            Summary = Text(Summary),
            Description = Text(Description),
            Status = status,
            Start = Time("start", Start),
            End = Time("end", End),
            Venue = new[] { VenueName, VenueStreet, VenuePostalCode, VenueCity, VenueDirections, VenueAccessibility }.All(string.IsNullOrWhiteSpace) ? null : new Venue
            {
                Name = VenueName.Trim(), Street = Text(VenueStreet), PostalCode = Text(VenuePostalCode), City = Text(VenueCity),
                Directions = Text(VenueDirections), Accessibility = Text(VenueAccessibility),
            },
            Host = Text(Host),
            Contact = new[] { ContactName, ContactEmail, ContactPhone }.All(string.IsNullOrWhiteSpace) ? null
                : new Contact { Name = ContactName.Trim(), Email = Text(ContactEmail), Phone = Text(ContactPhone) },
            Registration = !HasRegistration ? null : new RegistrationSettings
            {
                Opens = OptionalTime("registration.opens", Opens),
                Closes = OptionalTime("registration.closes", Closes),
                Capacity = Int("registration.capacity", Capacity),
                Waitlist = Waitlist,
                Fee = Text(Fee),
                MaxPerOrganization = Int("registration.maxPerOrganization", MaxPerOrganization),
            },
            Reminders = SplitLines(Reminders),
            RetentionDays = Int("retentionDays", RetentionDays),
            Topics = SplitLines(Topics),
            Sessions = sessions.Count == 0 ? null : sessions,
            Faq = Faq.Count == 0 ? null : [.. Faq.Select(f => new FaqEntry(f.Question.Trim(), f.Answer.Trim()))],
        };
        return (ev, errors);
    }

    /// <summary>Applies a row button ("programmpunkt-hoch-2", "frage-neu", …); false when the action is none of them.</summary>
    public bool TryApplyRowAction(string action, out EventEditorModel result)
    {
        result = this;
        if (RowAction().Match(action) is not { Success: true } match)
        {
            return false;
        }
        var index = match.Groups["i"].Success ? int.Parse(match.Groups["i"].ValueSpan, CultureInfo.InvariantCulture) : -1;
        var verb = match.Groups["verb"].Value;
        if (match.Groups["list"].Value == "programmpunkt")
        {
            var (list, focus) = Apply(Sessions, verb, index, () => new EditorSession(Start: Start, End: Start));
            result = this with { Sessions = list, Focus = focus is null ? null : $"sessions[{focus}].{(verb == "neu" ? "title" : verb == "entfernen" ? "" : "aktion-" + verb)}" };
        }
        else
        {
            var (list, focus) = Apply(Faq, verb, index, () => new EditorFaq());
            result = this with { Faq = list, Focus = focus is null ? null : $"faq[{focus}].{(verb == "neu" ? "question" : verb == "entfernen" ? "" : "aktion-" + verb)}" };
        }
        return true;
    }

    private static (List<T> List, int? Focus) Apply<T>(IReadOnlyList<T> rows, string verb, int index, Func<T> create)
    {
        var list = rows.ToList();
        if (verb == "neu")
        {
            list.Add(create());
            return (list, list.Count - 1);
        }
        if (index < 0 || index >= list.Count)
        {
            return (list, null);
        }
        var target = verb switch { "hoch" => index - 1, "runter" => index + 1, _ => -1 };
        if (verb == "entfernen")
        {
            list.RemoveAt(index);
            return (list, null);
        }
        if (target < 0 || target >= list.Count)
        {
            return (list, index);
        }
        (list[index], list[target]) = (list[target], list[index]);
        return (list, target);
    }

    /// <summary>A Berlin wall-clock time from a <c>datetime-local</c> field, with the offset Berlin has then.</summary>
    public static DateTimeOffset? ParseLocal(string value)
    {
        if (!DateTime.TryParseExact(value.Trim(), ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return null;
        }
        return new DateTimeOffset(local, BerlinTime.Zone.GetUtcOffset(local));
    }

    public static string Local(DateTimeOffset value) => BerlinTime.ToBerlin(value).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A catalog id from a title, for when the organiser leaves the id empty: "Plenum 2027 in Aurich" → "plenum-2027-in-aurich".</summary>
    public static string Slug(string title)
    {
        var sb = new StringBuilder();
        foreach (var c in title.ToLowerInvariant())
        {
            sb.Append(c switch
            {
                'ä' => "ae", 'ö' => "oe", 'ü' => "ue", 'ß' => "ss",
                >= 'a' and <= 'z' or >= '0' and <= '9' => c.ToString(),
                _ => "-",
            });
        }
        var slug = Dashes().Replace(sb.ToString(), "-").Trim('-');
        return slug.Length > 63 ? slug[..63].TrimEnd('-') : slug;
    }

    private static string? Text(string value) => value.Trim().Length == 0 ? null : value.Trim();

    private static List<string>? SplitLines(string value)
    {
        var lines = value.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        return lines.Count == 0 ? null : lines;
    }

    private static string Lines(IEnumerable<string>? values) => string.Join("\n", values ?? []);

    private static string Number(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    public static string Name<T>(T value) where T : struct, Enum =>
        System.Text.Json.JsonSerializer.Serialize(value, EventJson.Options).Trim('"');

    private static T Enum<T>(string name, T fallback) where T : struct, Enum =>
        System.Enum.GetValues<T>().FirstOrDefault(v => Name(v) == name, fallback);

    [GeneratedRegex("^(?<list>programmpunkt|frage)-(?<verb>neu|entfernen|hoch|runter)(?:-(?<i>[0-9]{1,3}))?\\z", RegexOptions.CultureInvariant)]
    private static partial Regex RowAction();

    [GeneratedRegex("-{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex Dashes();
}

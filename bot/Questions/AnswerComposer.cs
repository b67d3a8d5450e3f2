using System.Globalization;
using System.Text.RegularExpressions;
using VirServerless.Core.Events;

namespace VirServerless.Bot.Questions;

/// <summary>
/// Builds answer texts and facts from templates over the catalog, in German (formal "Sie") or English.
/// Every date, time and place in an answer comes from the catalog; nothing is invented.
/// </summary>
public sealed partial class AnswerComposer(string language, DateTimeOffset now, CatalogView catalog)
{
    private bool En => language == "en";

    /// <summary>The question expects "Ja"/"Nein" first ("Gibt es noch Plätze?").</summary>
    public bool YesNoQuestion { get; set; }

    /// <summary>The question asks why ("warum", "why"): a cancelled event's answer then quotes the catalog's reason.</summary>
    public bool AsksWhy { get; init; }

    /// <summary>The question asks whether the event is cancelled, so "Ja" confirms the cancellation.</summary>
    public bool AsksIfCancelled { get; init; }

    /// <summary>"Ist sie schon voll?": the yes or no is about being full, not about seats left.</summary>
    public bool AsksIfFull { get; init; }

    /// <summary>"Wie lange dauert der Rundgang?": a session's answer names its length as well as its times.</summary>
    public bool AsksHowLong { get; init; }

    public static IReadOnlyList<DateOnly> Days(CatalogEvent ev)
    {
        var first = BerlinTime.Day(ev.Start);
        var last = BerlinTime.Day(ev.End);
        return [.. Enumerable.Range(0, Math.Max(1, last.DayNumber - first.DayNumber + 1)).Select(first.AddDays)];
    }

    public Answer Unknown(CatalogEvent? ev, ConversationState state)
    {
        var contact = ev?.Contact ?? catalog.DefaultContact;
        var text = En
            ? $"Sorry, I don't know that. Please contact {ContactLine(contact)}."
            : $"Das weiß ich leider nicht. Bitte wenden Sie sich an {ContactLine(contact)}.";
        return new Answer(Intent.Unknown, text, ev?.Id, null, ContactFacts(contact),
            state with { Language = language, EventId = ev?.Id ?? state.EventId, SessionId = KeptSession(ev, state), LastIntent = null }, language);
    }

    /// <summary>
    /// "gibts vegetarisch?" refused right after the dinner: a question without an answer names no new subject, so "und was
    /// kostet das?" after it still asks about the dinner.
    /// </summary>
    private static string? KeptSession(CatalogEvent? ev, ConversationState state) => ev is null || ev.Id == state.EventId ? state.SessionId : null;

    public Answer Help(Intent intent, ConversationState state)
    {
        var greeting = intent == Intent.Greeting ? (En ? "Hello! " : "Guten Tag! ") : string.Empty;
        var text = greeting + (En
            ? "I answer questions about the events of the ViR Nordwest: dates, venue and directions, programme, workshops, free seats, registration deadline, fee and contact. I can also register you, cancel your registration and change your workshop."
            : "Ich beantworte Fragen zu den Veranstaltungen der ViR Nordwest: Termine, Ort und Anfahrt, Programm, Arbeitsgruppen, freie Plätze, Anmeldeschluss, Kosten und Kontakt. Außerdem kann ich Sie anmelden, abmelden und Ihre Arbeitsgruppe ändern.");
        return new Answer(intent, text, state.EventId, null, [], state with { Language = language }, language);
    }

    public Answer Personal(Intent intent, CatalogEvent ev, ConversationState state)
    {
        var title = Quote(ev.Title);
        var text = (intent, En) switch
        {
            (Intent.Register, false) => $"Gern melde ich Sie für {title} an.",
            (Intent.Register, true) => $"I will register you for {title}.",
            (Intent.Cancel, false) => $"Ich melde Sie von {title} ab.",
            (Intent.Cancel, true) => $"I will cancel your registration for {title}.",
            (Intent.AmIRegistered, false) => $"Ich sehe nach, ob Sie für {title} angemeldet sind.",
            (Intent.AmIRegistered, true) => $"Let me check whether you are registered for {title}.",
            (Intent.MySessions, false) => $"Ich sehe nach, welche Arbeitsgruppen Sie für {title} gewählt haben.",
            (Intent.MySessions, true) => $"Let me look up the workshops you chose for {title}.",
            (_, false) => $"Sie können Ihre Arbeitsgruppe für {title} wechseln.",
            (_, true) => $"You can change your workshop for {title}.",
        };
        return Make(intent, text, ev, null, [Fact("Veranstaltung", "Event", ev.Title)], state);
    }

    // yes: the "Ja" or "Nein" the entry gives to the question asked, when the entry does not start with it or asks another one.
    public Answer Faq(CatalogEvent ev, FaqEntry entry, ConversationState state, bool? yes = null)
    {
        var text = yes is { } y ? Always(y).TrimEnd(' ', ',') + ". " + Capitalized(LeadingYesNo().Replace(entry.Answer, string.Empty)) : entry.Answer;
        var answer = Make(Intent.Faq, text, ev, null, [Fact("Frage", "Question", entry.Question)], state);
        return answer with { NextState = answer.NextState with { LastFaq = entry.Question } };
    }

    /// <summary>"Gibt es ein viertes Treffen?" over a series of three: no, and the last one of the series.</summary>
    public Answer NoFurtherMeeting(CatalogEvent last, ConversationState state)
    {
        var text = En
            ? $"No, no further meeting is in the catalogue: the last one is {Quote(last.Title)} on {BerlinTime.Date(last.Start, language)}."
            : $"Nein, ein weiteres Treffen steht nicht im Katalog: Als letztes findet {Quote(last.Title)} am {BerlinTime.Date(last.Start, language)} statt.";
        return Make(Intent.When, text, last, null, EventFacts(last), state);
    }

    /// <summary>" (Treffen 2 is on 18 January 2029.)": which event an answer is about, by its date.</summary>
    public static string DateNote(CatalogEvent ev, string language) => language == "en"
        ? $" (“{ev.Title}” is on {BerlinTime.Date(ev.Start, language)}.)"
        : $" („{ev.Title}“ ist am {BerlinTime.Date(ev.Start, language)}.)";

    public Answer When(CatalogEvent ev, bool withPlace, ConversationState state)
    {
        var past = ev.End < now;
        var singleDay = BerlinTime.Day(ev.Start) == BerlinTime.Day(ev.End);
        var span = (singleDay, En) switch
        {
            (true, false) => $"am {BerlinTime.Date(ev.Start, language)}, von {BerlinTime.Clock(ev.Start)} bis {BerlinTime.Clock(ev.End)} Uhr",
            (true, true) => $"on {BerlinTime.Date(ev.Start, language)}, from {BerlinTime.Clock(ev.Start)} to {BerlinTime.Clock(ev.End)}",
            (false, false) => $"vom {BerlinTime.DateAndTime(ev.Start, language)} bis {BerlinTime.DateAndTime(ev.End, language)}",
            (false, true) => $"from {BerlinTime.DateAndTime(ev.Start, language)} to {BerlinTime.DateAndTime(ev.End, language)}",
        };
        // "Wie lange dauert das Netzwerktreffen?": a one-day event's length, not only its clock times.
        if (AsksHowLong && singleDay)
        {
            span += $" ({Length(ev.End - ev.Start)})";
        }

        var place = withPlace && ev.Venue is { } v ? (En ? $" at {PlaceName(v)}{AddressSuffix(v)}" : $" im Veranstaltungsort {PlaceName(v)}{AddressSuffix(v)}")
            : TownPart(ev);
        // A cancelled event does not take place: its date is the one it was planned for.
        var text = (ev.Status == EventStatus.Cancelled, En) switch
        {
            (true, true) => $"{Quote(ev.Title)} was planned {span}{place}{Relative(ev)}.",
            (true, false) => $"{Quote(ev.Title)} war {span}{place} geplant{Relative(ev)}.",
            (false, true) => $"{Quote(ev.Title)} {(past ? "took" : "takes")} place {span}{place}{Relative(ev)}.",
            (false, false) => $"{Quote(ev.Title)} {(past ? "fand" : "findet")} {span}{place} statt{Relative(ev)}.",
        };
        return Make(Intent.When, text, ev, null, EventFacts(ev), state);
    }

    /// <summary>"Ist das Plenum übermorgen?": "Ja" or "Nein" to the day or year asked, then when the event takes place.</summary>
    public Answer OnTheDay(CatalogEvent ev, bool onIt, ConversationState state)
    {
        var when = When(ev, withPlace: false, state);
        return when with { Text = (onIt ? (En ? "Yes, " : "Ja, ") : (En ? "No, " : "Nein, ")) + when.Text };
    }

    // accessible: the "Ja" or "Nein" of the accessibility (or directions) text to what was asked ("Eine Höranlage gibt es nicht." → Nein).
    public Answer Where(CatalogEvent ev, bool directions, bool accessibility, ConversationState state, bool accessible = true)
    {
        if (ev.Venue is not { } venue)
        {
            return Unknown(ev, state);
        }

        var past = ev.End < now;
        var text = En
            ? $"{Quote(ev.Title)} {(past ? "took" : "takes")} place at {PlaceName(venue)}{AddressSuffix(venue)}."
            : $"{Quote(ev.Title)} {(past ? "fand" : "findet")} im Veranstaltungsort {PlaceName(venue)}{AddressSuffix(venue)} statt.";
        if (directions)
        {
            if (venue.Directions is null)
            {
                return Unknown(ev, state);
            }

            text += (En ? " Directions: " : " Anfahrt: ") + venue.Directions;
            if (!accessibility)
            {
                text = YesNo(accessible).TrimEnd(' ', ',') + (YesNoQuestion ? ". " : string.Empty) + text;
            }
        }

        if (accessibility)
        {
            if (venue.Accessibility is null)
            {
                return Unknown(ev, state);
            }

            text = YesNo(accessible).TrimEnd(' ', ',') + (YesNoQuestion ? ". " : string.Empty) + text + (En ? " Accessibility: " : " Barrierefreiheit: ") + venue.Accessibility;
        }

        List<Fact> facts = [Fact("Ort", "Venue", venue.Name)];
        AddIf(facts, Fact("Adresse", "Address", Address(venue)), Address(venue).Length > 0);
        AddIf(facts, Fact("Anfahrt", "Directions", venue.Directions ?? string.Empty), venue.Directions is not null);
        AddIf(facts, Fact("Barrierefreiheit", "Accessibility", venue.Accessibility ?? string.Empty), venue.Accessibility is not null);
        return Make(Intent.Where, text, ev, null, facts, state);
    }

    // speaks: whether the person asked about is among the speakers, when the question asks that.
    public Answer SessionInfo(CatalogEvent ev, Session session, ConversationState state, bool? speaks = null)
    {
        var past = session.End < now;
        var when = $"{BerlinTime.Date(session.Start, language)}, {BerlinTime.Span(session.Start, session.End, language)}{(AsksHowLong ? $" ({Length(session.End - session.Start)})" : string.Empty)}";
        var text = (speaks is { } yes ? YesNo(yes) : string.Empty) + (En
            ? $"{Quote(session.Title)} ({ev.Title}) {(past ? "was" : "is")} on {when}{RoomPart(session)}{SpeakerPart(session)}."
            : $"{Quote(session.Title)} ({ev.Title}) {(past ? "war" : "ist")} am {when}{RoomPart(session)}{SpeakerPart(session)}.");
        return Make(Intent.SessionInfo, text, ev, session, SessionFacts(session), state, DayNumber(ev, session.Start));
    }

    /// <summary>"Hab ich die Notfallübung schon verpasst?": whether the session is over at this moment, and until or from when it runs.</summary>
    public Answer Missed(CatalogEvent ev, Session session, ConversationState state)
    {
        var text = (session.End <= now, session.Start <= now, En) switch
        {
            (true, _, true) => $"Yes, {Quote(session.Title)} was on {BerlinTime.Date(session.Start, language)}, {BerlinTime.Span(session.Start, session.End, language)}.",
            (true, _, false) => $"Ja, {Quote(session.Title)} war am {BerlinTime.Date(session.Start, language)}, {BerlinTime.Span(session.Start, session.End, language)}.",
            (false, true, true) => $"No, {Quote(session.Title)} runs until {BerlinTime.Clock(session.End)}{RoomPart(session)}.",
            (false, true, false) => $"Nein, {Quote(session.Title)} läuft noch bis {BerlinTime.Clock(session.End)} Uhr{RoomPart(session)}.",
            (false, false, true) => $"No, {Quote(session.Title)} begins on {BerlinTime.Date(session.Start, language)} at {BerlinTime.Clock(session.Start)}{RoomPart(session)}.",
            (false, false, false) => $"Nein, {Quote(session.Title)} beginnt am {BerlinTime.Date(session.Start, language)} um {BerlinTime.Clock(session.Start)} Uhr{RoomPart(session)}.",
        };
        return Make(Intent.SessionInfo, text, ev, session, SessionFacts(session), state, DayNumber(ev, session.Start));
    }

    private string Length(TimeSpan span)
    {
        var (hours, minutes) = ((int)span.TotalHours, span.Minutes);
        var hourText = hours == 0 ? string.Empty : En ? $"{hours} hour{(hours == 1 ? "" : "s")}" : $"{hours} Stunde{(hours == 1 ? "" : "n")}";
        var minuteText = minutes == 0 ? string.Empty : En ? $"{minutes} minutes" : $"{minutes} Minuten";
        var length = string.Join(' ', new[] { hourText, minuteText }.Where(t => t.Length > 0));
        // "90 Minuten": under two hours a length is said in minutes as often as in hours and minutes.
        return hours == 1 && minutes != 0 ? length + (En ? $", i.e. {(int)span.TotalMinutes} minutes" : $", also {(int)span.TotalMinutes} Minuten") : length;
    }

    [GeneratedRegex(@"\p{L}*(führerin|führer|leiterin|leiter|referentin|referent|moderatorin|moderator|guide)\s+(Dr\.\s+)?\p{Lu}\p{Ll}+(-\p{Lu}\p{Ll}+)?\s+\p{Lu}\p{Ll}+|\b(Leitung|Führung|Moderation|led by|guided by):?\s+(Dr\.\s+)?\p{Lu}\p{Ll}+\s+\p{Lu}\p{Ll}+")]
    private static partial Regex GuideNamed();

    public Answer SessionWhere(CatalogEvent ev, Session session, ConversationState state)
    {
        var place = session.Room ?? ev.Venue?.Name;
        if (place is null)
        {
            return Unknown(ev, state);
        }

        var venue = ev.Venue is { } v && session.Room is not null ? $" ({PlaceName(v)}{AddressSuffix(v)})" : AddressSuffix(ev.Venue);
        var text = En
            ? $"{Quote(session.Title)} takes place in {place}{venue}."
            : $"{Quote(session.Title)} findet in {place}{venue} statt.";
        // An excursion's place is its meeting point; where it goes, its description says.
        if (session.Kind == SessionKind.Excursion && session.Description is { Length: > 0 } route)
        {
            text += " " + route;
        }

        // "Die Räume der Arbeitsgruppen im 1. Obergeschoss erreichen Sie mit dem Aufzug": where in the house, if the venue says.
        if (WayInside(ev, session) is { } inside)
        {
            text += " " + inside;
        }

        return Make(Intent.Where, text, ev, session, SessionFacts(session), state, DayNumber(ev, session.Start));
    }

    /// <summary>The sentence of the venue's accessibility text that names the session's room or its kind's rooms.</summary>
    private static string? WayInside(CatalogEvent ev, Session session)
    {
        if (ev.Venue?.Accessibility is not { } accessibility || session.Room is null)
        {
            return null;
        }

        var roomWords = Tokenizer.Words(session.Room).Select(w => w.Joined)
            .Where(w => w.Length >= 4 && w is not ("raum" or "saal" or "room" or "halle" or "stand")).ToHashSet(StringComparer.Ordinal);
        string[] kindWords = session.Kind switch
        {
            SessionKind.Workshop => ["arbeitsgruppe", "arbeitsgruppen", "workshop", "workshops", "workshopraeume", "gruppenraeume", "ag"],
            SessionKind.Station => ["station", "stationen"],
            _ => [],
        };
        return SentenceEnd().Split(accessibility).Select(x => x.Trim())
            .FirstOrDefault(x => Tokenizer.Words(x).Select(w => w.Joined).Any(w => roomWords.Contains(w) || kindWords.Contains(w)));
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<=[^\d][.;!?])\s+(?=\p{Lu})")]
    private static partial System.Text.RegularExpressions.Regex SentenceEnd();

    public Answer Speakers(CatalogEvent ev, IReadOnlyList<Session> sessions, ConversationState state)
    {
        var withSpeakers = sessions.Where(s => s.Speakers is { Count: > 0 }).ToList();
        if (withSpeakers.Count == 0)
        {
            // "wer führt?" of a tour that names no speakers but whose description names its guide ("mit der Stadtführerin …").
            return sessions is [{ Description: { } told } guided] && GuideNamed().IsMatch(told)
                ? Make(Intent.Speakers, $"{Quote(guided.Title)}: {told}", ev, guided, [new Fact(guided.Title, told)], state, DayNumber(ev, guided.Start))
                : Unknown(ev, state);
        }

        var lines = withSpeakers.Select(s => $"{Quote(s.Title)}: {string.Join(", ", s.Speakers!)}");
        var single = sessions.Count == 1 ? sessions[0] : null;
        var text = single is not null
            ? (En ? $"{Quote(single.Title)} is given by {string.Join(", ", single.Speakers!)}" : $"Bei {Quote(single.Title)} spricht {string.Join(", ", single.Speakers!)}")
                + $" ({BerlinTime.Date(single.Start, language)}, {BerlinTime.Span(single.Start, single.End, language)}{RoomPart(single)})."
            : (En ? $"Speakers at {Quote(ev.Title)}: " : $"Es sprechen bei {Quote(ev.Title)}: ") + string.Join("; ", lines) + ".";
        var facts = withSpeakers.Select(s => new Fact(s.Title, string.Join(", ", s.Speakers!))).ToList();
        return Make(Intent.Speakers, text, ev, single, facts, state, single is null ? null : DayNumber(ev, single.Start));
    }

    /// <summary>Who holds a role asked about (moderation, lead), with the sessions they hold it in.</summary>
    public Answer RoleHolders(CatalogEvent ev, IReadOnlyList<(string Speaker, Session Session)> holders, ConversationState state)
    {
        var people = holders.GroupBy(h => IntentClassifier.PersonOf(h.Speaker), StringComparer.Ordinal)
            .Select(g => (Speaker: g.First().Speaker, Sessions: g.Select(h => h.Session).Distinct().ToList())).ToList();
        var text = $"{(En ? "At" : "Bei")} {Quote(ev.Title)}: "
            + string.Join("; ", people.Select(p => $"{p.Speaker} ({string.Join(", ", p.Sessions.Select(s => Quote(s.Title)))})")) + ".";
        var facts = people.Select(p => new Fact(p.Speaker, string.Join(", ", p.Sessions.Select(s => s.Title)))).ToList();
        // (The first session held stands for the answer, so a follow-up "und wann?" has one to ask about.)
        var first = people[0].Sessions[0];
        return Make(Intent.Speakers, text, ev, first, facts, state, DayNumber(ev, first.Start));
    }

    public Answer SessionList(CatalogEvent ev, IReadOnlyList<Session> sessions, ConversationState state)
    {
        var intent = sessions.All(s => s.Choosable) ? Intent.Workshops : Intent.Programme;
        var text = (En ? $"At {Quote(ev.Title)}: " : $"Bei {Quote(ev.Title)}: ") + string.Join("; ", sessions.Select(SessionLine)) + ".";
        return Make(intent, text, ev, null, ProgrammeFacts(sessions), state);
    }

    public Answer ProgrammeOverview(CatalogEvent ev, ConversationState state)
    {
        if (ev.Programme.Count == 0)
        {
            return Unknown(ev, state);
        }

        var parts = Days(ev).Select(d => (Day: d, Sessions: SessionsOn(ev, d)))
            .Where(x => x.Sessions.Count > 0)
            .Select(x => $"{BerlinTime.Date(x.Day, language)}: {string.Join("; ", x.Sessions.Select(s => $"{BerlinTime.Clock(s.Start)} {s.Title}"))}");
        var text = (En ? $"Programme of {Quote(ev.Title)} — " : $"Programm von {Quote(ev.Title)} – ") + string.Join(" | ", parts) + ".";
        return Make(Intent.Programme, text, ev, null, ProgrammeFacts(ev.Programme), state);
    }

    /// <summary>" in Buxtehude" for "Plenum 2030 der ViR-Nordwest": a title that does not name the town leaves it to the answer to say where.</summary>
    private static string TownPart(CatalogEvent ev) =>
        ev.Venue?.City is { Length: > 0 } city && !ev.Title.Contains(city, StringComparison.OrdinalIgnoreCase) ? $" in {city}" : string.Empty;

    public Answer ProgrammeDay(CatalogEvent ev, DateOnly day, ConversationState state, DayPart? part = null)
    {
        var sessions = SessionsOn(ev, day);
        // "was ist morgen abend?": the part of the day named, when the programme has something then. (Its bounds are
        // loose: a boat trip at 17:00 is still "nachmittags".)
        if (part is { } named && sessions.Where(s => BerlinTime.MinuteOfDay(s.Start) is var m && named.From <= m && m <= named.To).ToList()
            is { Count: > 0 } inPart)
        {
            sessions = inPart;
        }

        if (sessions.Count == 0)
        {
            return Unknown(ev, state);
        }

        var text = (En ? $"Programme of {Quote(ev.Title)}{TownPart(ev)} on {BerlinTime.Date(day, language)}: " : $"Programm von {Quote(ev.Title)}{TownPart(ev)} am {BerlinTime.Date(day, language)}: ")
            + string.Join("; ", sessions.Select(s => $"{BerlinTime.Span(s.Start, s.End, language)} {s.Title}{RoomPart(s)}")) + ".";
        return Make(Intent.Programme, text, ev, null, ProgrammeFacts(sessions), state, Days(ev).ToList().IndexOf(day) + 1);
    }

    /// <summary>The sessions running at a clock time, on one day of the event or on any.</summary>
    public static List<Session> RunningAt(CatalogEvent ev, int minuteOfDay, DateOnly? day) =>
        [.. ev.Programme
            .Where(s => day is null || BerlinTime.Day(s.Start) == day)
            .Where(s => BerlinTime.MinuteOfDay(s.Start) <= minuteOfDay && minuteOfDay < BerlinTime.MinuteOfDay(s.End)
                && BerlinTime.Day(s.Start) == BerlinTime.Day(s.End))
            .OrderBy(s => s.Start)];

    public Answer ProgrammeAt(CatalogEvent ev, int minuteOfDay, DateOnly? day, ConversationState state, bool startingOnly = false)
    {
        var running = RunningAt(ev, minuteOfDay, day);
        // "was kommt als nächstes?": what begins then, not the stands open all day that were shown already.
        if (startingOnly && running.Where(s => BerlinTime.MinuteOfDay(s.Start) == minuteOfDay).ToList() is { Count: > 0 } starting)
        {
            running = starting;
        }

        var clock = $"{minuteOfDay / 60:00}:{minuteOfDay % 60:00}";
        if (running.Count == 0)
        {
            var none = En
                ? $"According to the programme of {Quote(ev.Title)}, nothing is scheduled at {clock}."
                : $"Laut Programm von {Quote(ev.Title)} ist um {clock} Uhr nichts geplant.";
            return Make(Intent.ProgrammeAtTime, none, ev, null, [], state);
        }

        var text = (En ? $"At {clock} ({Quote(ev.Title)}): " : $"Um {clock} Uhr läuft bei {Quote(ev.Title)}: ")
            + string.Join("; ", running.Select(SessionLine)) + ".";
        var single = running.Count == 1 ? running[0] : null;
        var answer = Make(Intent.ProgrammeAtTime, text, ev, single, ProgrammeFacts(running), state,
            day is { } d ? Days(ev).ToList().IndexOf(d) + 1 : null);
        return answer with { NextState = answer.NextState with { LastMinute = minuteOfDay } };
    }

    /// <summary>The workshops (else every choosable session) of an event, as <see cref="Workshops"/> lists them.</summary>
    public static List<Session> ListedWorkshops(CatalogEvent ev, DayPart? part = null)
    {
        var workshops = ev.ChoosableSessions.Where(s => s.Kind is SessionKind.Workshop or SessionKind.Other)
            .Where(s => part is null || part.Value.Contains(BerlinTime.MinuteOfDay(s.Start))).ToList();
        return workshops.Count > 0
            ? workshops
            : [.. ev.ChoosableSessions.Where(s => part is null || part.Value.Contains(BerlinTime.MinuteOfDay(s.Start)))];
    }

    public Answer Workshops(CatalogEvent ev, ConversationState state, DayPart? part = null, DateOnly? day = null)
    {
        var workshops = ListedWorkshops(ev, part);
        // "welche AGs gibt es morgen?": the day named keeps its own, when it has any.
        if (day is { } onDay && workshops.Where(s => BerlinTime.Day(s.Start) == onDay).ToList() is { Count: > 0 } ofDay)
        {
            workshops = ofDay;
        }

        if (workshops.Count == 0)
        {
            return Unknown(ev, state);
        }

        var text = (En ? $"{workshops.Count} workshops at {Quote(ev.Title)}: " : $"{workshops.Count} Arbeitsgruppen bei {Quote(ev.Title)}: ")
            + string.Join("; ", workshops.Select(s => SessionLine(s) + SeatSuffix(ev, s))) + ".";
        return Make(Intent.Workshops, text, ev, null, ProgrammeFacts(workshops), state);
    }

    /// <summary>"Kann man Workshops wählen?": the choosable sessions, or "Nein" when the programme has none.</summary>
    public Answer Choosable(CatalogEvent ev, ConversationState state)
    {
        if (!ev.ChoosableSessions.Any(s => s.Kind == SessionKind.Workshop))
        {
            // A guided tour to choose is no workshop, but worth naming.
            var others = ev.ChoosableSessions.Select(s => s.Title).ToList();
            var text = En
                ? $"No, at {Quote(ev.Title)} there are no workshops to choose.{(others.Count > 0 ? $" To choose: {string.Join("; ", others)}." : "")}"
                : $"Nein, bei {Quote(ev.Title)} gibt es keine wählbaren Workshops.{(others.Count > 0 ? $" Wählbar ist: {string.Join("; ", others)}." : "")}";
            return Make(Intent.Workshops, text, ev, null, [], state);
        }

        var listed = Workshops(ev, state);
        return listed.Intent == Intent.Unknown ? listed : listed with { Text = (En ? "Yes. " : "Ja. ") + listed.Text };
    }

    public Answer FreeSeats(CatalogEvent ev, Session? session, ConversationState state, DayPart? part = null)
    {
        if (!catalog.Seats.TryGetValue(ev.Id, out var seats) || ev.End < now)
        {
            return Unknown(ev, state);
        }

        // "Ist vormittags noch was frei?": the choosable sessions of that part of the day.
        var inPart = part is { } p && session is null
            ? ev.ChoosableSessions.Where(s => seats.SessionFree.ContainsKey(s.Id) && p.Contains(BerlinTime.MinuteOfDay(s.Start))).ToList()
            : [];
        if (inPart.Count > 0)
        {
            var any = inPart.Any(s => seats.SessionFree[s.Id] is null or > 0);
            var lines = Capitalized(SeatsYesNo(any) + string.Join("; ", inPart.Select(s => $"{Quote(s.Title)}: {SeatText(seats.SessionFree[s.Id])}"))) + ".";
            return Make(Intent.FreeSeats, lines, ev, inPart.Count == 1 ? inPart[0] : null,
                [.. inPart.Select(s => new Fact(s.Title, SeatText(seats.SessionFree[s.Id])))], state);
        }

        if (session is not null)
        {
            if (!seats.SessionFree.TryGetValue(session.Id, out var free))
            {
                return Unknown(ev, state);
            }

            var line = Capitalized($"{SeatsYesNo(free is null or > 0)}{Quote(session.Title)}: {SeatText(free)}") + ".";
            // "Wie viele passen in den Workshop?" asks for the room, "noch Platz?" for what is left: the answer gives both.
            if (session.Capacity is { } sessionCapacity)
            {
                line += En ? $" Capacity: {sessionCapacity} seats." : $" Insgesamt {sessionCapacity} Plätze.";
            }

            return Make(Intent.FreeSeats, line, ev, session, [new Fact(session.Title, SeatText(free))], state);
        }

        var facts = new List<Fact> { Fact("Veranstaltung", "Event", SeatText(seats.EventFree)) };
        var text = Capitalized($"{SeatsYesNo(seats.EventFree is null or > 0)}{Quote(ev.Title)}: {SeatText(seats.EventFree)}.");
        if (ev.Registration?.Capacity is { } capacity)
        {
            text += En ? $" Capacity: {capacity} seats." : $" Insgesamt {capacity} Plätze.";
            facts.Add(Fact("Kapazität", "Capacity", capacity.ToString(CultureInfo.InvariantCulture)));
        }

        // Fully booked: whether a waiting list is kept is what the member can still do.
        if (seats.EventFree is <= 0 && ev.Registration is { } booked && AnswerCard.IsOpenForRegistration(ev, now))
        {
            text += (booked.Waitlist, En) switch
            {
                (true, true) => " You can join the waiting list.",
                (true, false) => " Sie können sich auf die Warteliste setzen lassen.",
                (false, true) => " There is no waiting list.",
                (false, false) => " Eine Warteliste gibt es nicht.",
            };
        }

        var choosable = ev.ChoosableSessions.Where(s => seats.SessionFree.ContainsKey(s.Id)).ToList();
        if (choosable.Count > 0)
        {
            text += (En ? " Workshops: " : " Arbeitsgruppen: ")
                + string.Join("; ", choosable.Select(s => $"{s.Title}: {SeatText(seats.SessionFree[s.Id])}")) + ".";
            facts.AddRange(choosable.Select(s => new Fact(s.Title, SeatText(seats.SessionFree[s.Id]))));
        }

        return Make(Intent.FreeSeats, text, ev, null, facts, state);
    }

    /// <summary>The fee; <paramref name="yes"/> answers a yes/no question about it first ("Kostet das extra?" – "Nein, …").</summary>
    public Answer Fee(CatalogEvent ev, ConversationState state, bool? yes = null) =>
        ev.Registration?.Fee is { } fee
            ? Make(Intent.Fee, (yes is { } y ? Always(y) : string.Empty)
                + (En ? $"Fee for {Quote(ev.Title)}: {fee}." : $"Teilnahmegebühr für {Quote(ev.Title)}: {fee}."),
                ev, null, [Fact("Teilnahmegebühr", "Fee", fee)], state)
            : Unknown(ev, state);

    /// <summary>The sentence of a past event's description that gives how many came ("Mit rund 190 Besucherinnen …").</summary>
    public static string? AttendanceSentence(CatalogEvent ev) =>
        SentenceSplit().Split($"{ev.Summary} {ev.Description}")
            .FirstOrDefault(x => AttendanceWords().IsMatch(x) && HeadCount().IsMatch(x) && ReviewVerbs().IsMatch(x))?.Replace("**", string.Empty, StringComparison.Ordinal).Trim();

    /// <summary>The sentence of the description that says whom the event addresses ("Die Infostunde richtet sich an …").</summary>
    public static string? AudienceSentence(CatalogEvent ev) =>
        SentenceSplit().Split($"{ev.Summary} {ev.Description}")
            .FirstOrDefault(IntentClassifier.SpeaksOfAudience)?.Replace("**", string.Empty, StringComparison.Ordinal).Trim();

    public Answer Recap(CatalogEvent ev, string sentence, ConversationState state) =>
        Make(Intent.Topics, $"{Quote(ev.Title)}: {sentence}", ev, null, [Fact("Rückblick", "Review", sentence)], state);

    [System.Text.RegularExpressions.GeneratedRegex(@"besucher|teilnehm|gäste|personen|people|attendees|visitors|participants", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex AttendanceWords();

    [System.Text.RegularExpressions.GeneratedRegex(@"\b\d{2,5}\b")]
    private static partial System.Text.RegularExpressions.Regex HeadCount();

    /// <summary>A review says how many came ("war gut besucht", "kamen"), not how many are expected.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"\b(war|waren|kamen|nahmen|besuchten|teilgenommen|besucht|were|came|attended)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex ReviewVerbs();

    /// <summary>What a session is about: its description, or its title, time and room when it has none.</summary>
    public Answer SessionAbout(CatalogEvent ev, Session session, ConversationState state)
    {
        if (session.Description is not { Length: > 0 } description)
        {
            return SessionInfo(ev, session, state);
        }

        var text = $"{Quote(session.Title)} ({BerlinTime.Date(session.Start, language)}, {BerlinTime.Span(session.Start, session.End, language)}{RoomPart(session)}{SpeakerPart(session)}): {description}";
        return Make(Intent.SessionInfo, text, ev, session, SessionFacts(session), state, DayNumber(ev, session.Start));
    }


    public Answer Deadline(CatalogEvent ev, ConversationState state)
    {
        if (ev.Registration?.Closes is not { } closes)
        {
            return Unknown(ev, state);
        }

        var text = En
            ? $"Registration for {Quote(ev.Title)} {(closes < now ? "closed" : "closes")} on {BerlinTime.DateAndTime(closes, language)}."
            : $"Anmeldeschluss für {Quote(ev.Title)} {(closes < now ? "war" : "ist")} am {BerlinTime.DateAndTime(closes, language)}.";
        var facts = new List<Fact> { Fact("Anmeldeschluss", "Registration closes", BerlinTime.DateAndTime(closes, language)) };
        if (ev.Registration.Opens is { } opens)
        {
            text += opens > now
                ? (En ? $" Registration opens on {BerlinTime.DateAndTime(opens, language)}." : $" Die Anmeldung öffnet am {BerlinTime.DateAndTime(opens, language)}.")
                : (En ? $" Registration opened on {BerlinTime.DateAndTime(opens, language)}." : $" Die Anmeldung ist seit {BerlinTime.DateAndTime(opens, language)} möglich.");
            facts.Add(Fact("Anmeldung ab", "Registration opens", BerlinTime.DateAndTime(opens, language)));
        }

        return Make(Intent.Deadline, text, ev, null, facts, state);
    }

    public Answer Contact(CatalogEvent ev, ConversationState state)
    {
        var contact = ev.Contact ?? catalog.DefaultContact;
        var text = En ? $"Your contact for {Quote(ev.Title)}: {ContactLine(contact)}." : $"Ihr Kontakt für {Quote(ev.Title)}: {ContactLine(contact)}.";
        return Make(Intent.Contact, text, ev, null, ContactFacts(contact), state);
    }

    public Answer Topics(CatalogEvent ev, ConversationState state, bool withDescription = false)
    {
        // "Worum geht es?" is answered by what the description says, the topics beside it.
        var description = withDescription && ev.Description is { Length: > 0 } d ? " " + d : string.Empty;
        if (ev.Topics is not { Count: > 0 } topics)
        {
            // (A motto without topics is still what "what's the motto?" asks for.)
            return description.Length > 0 ? Make(Intent.Topics, $"{Quote(ev.Title)}:{description}", ev, null, [], state)
                : ev.Motto is { Length: > 0 } onlyMotto ? Make(Intent.Topics, $"{Quote(ev.Title)}: Motto: {Quote(onlyMotto)}.", ev, null, [], state)
                : Unknown(ev, state);
        }

        var motto = ev.Motto is null ? string.Empty : (En ? $" Motto: {Quote(ev.Motto)}." : $" Motto: {Quote(ev.Motto)}.");
        var text = (En ? $"Topics of {Quote(ev.Title)}: " : $"Themen von {Quote(ev.Title)}: ") + string.Join(", ", topics) + "." + motto + description;
        return Make(Intent.Topics, text, ev, null, [Fact("Themen", "Topics", string.Join(", ", topics))], state);
    }

    private Answer Make(Intent intent, string text, CatalogEvent ev, Session? session, IReadOnlyList<Fact> facts,
        ConversationState state, int? day = null) =>
        new(intent, Cancelled(ev, text) + text, ev.Id, session?.Id, facts,
            new ConversationState(ev.Id, session?.Id ?? (ev.Id == state.EventId && intent is Intent.Faq ? state.SessionId : null),
                day, language) { LastIntent = intent, LastYesNo = YesNoQuestion },
            language);

    private Fact Fact(string german, string english, string value) => new(En ? english : german, value);

    private List<Fact> EventFacts(CatalogEvent ev)
    {
        List<Fact> facts =
        [
            Fact("Veranstaltung", "Event", ev.Title),
            Fact("Beginn", "Start", BerlinTime.DateAndTime(ev.Start, language)),
            Fact("Ende", "End", BerlinTime.DateAndTime(ev.End, language)),
        ];
        AddIf(facts, Fact("Ort", "Venue", ev.Venue is { } v ? PlaceName(v) + AddressSuffix(v) : string.Empty), ev.Venue is not null);
        return facts;
    }

    private List<Fact> SessionFacts(Session s)
    {
        List<Fact> facts =
        [
            Fact("Programmpunkt", "Session", s.Title),
            Fact("Datum", "Date", BerlinTime.Date(s.Start, language)),
            Fact("Zeit", "Time", BerlinTime.Span(s.Start, s.End, language)),
        ];
        AddIf(facts, Fact("Raum", "Room", s.Room ?? string.Empty), s.Room is not null);
        AddIf(facts, Fact("Referierende", "Speakers", string.Join(", ", s.Speakers ?? [])), s.Speakers is { Count: > 0 });
        return facts;
    }

    private List<Fact> ProgrammeFacts(IEnumerable<Session> sessions) =>
        [.. sessions.Select(s => new Fact($"{BerlinTime.WeekdayName(BerlinTime.Day(s.Start).DayOfWeek, language)[..2]} {BerlinTime.Span(s.Start, s.End, language)}", s.Title))];

    private List<Fact> ContactFacts(Contact contact)
    {
        List<Fact> facts = [Fact("Kontakt", "Contact", contact.Name)];
        AddIf(facts, Fact("E-Mail", "E-mail", contact.Email ?? string.Empty), contact.Email is not null);
        AddIf(facts, Fact("Telefon", "Phone", contact.Phone ?? string.Empty), contact.Phone is not null);
        return facts;
    }

    private static void AddIf(List<Fact> facts, Fact fact, bool condition)
    {
        if (condition)
        {
            facts.Add(fact);
        }
    }

    private string SessionLine(Session s) =>
        $"{s.Title} ({BerlinTime.Date(s.Start, language)}, {BerlinTime.Span(s.Start, s.End, language)}{RoomPart(s)})";

    private string SeatSuffix(CatalogEvent ev, Session s) =>
        catalog.Seats.TryGetValue(ev.Id, out var seats) && seats.SessionFree.TryGetValue(s.Id, out var free) && ev.End >= now
            ? $" – {SeatText(free)}"
            : string.Empty;

    private string SeatText(int? free) => (free, En) switch
    {
        (null, false) => "Plätze frei (unbegrenzt)",
        (null, true) => "seats available (unlimited)",
        ( <= 0, false) => "ausgebucht (0 Plätze frei)",
        ( <= 0, true) => "fully booked (0 seats left)",
        (1, false) => "noch 1 Platz frei",
        (1, true) => "1 seat left",
        (var n, false) => string.Create(CultureInfo.InvariantCulture, $"noch {n} Plätze frei"),
        (var n, true) => string.Create(CultureInfo.InvariantCulture, $"{n} seats left"),
    };

    private string RoomPart(Session s) => s.Room is null ? string.Empty : (En ? $", {s.Room}" : $", {s.Room}");

    private string SpeakerPart(Session s) =>
        s.Speakers is { Count: > 0 } speakers ? (En ? $", with {string.Join(", ", speakers)}" : $", mit {string.Join(", ", speakers)}") : string.Empty;

    private string Relative(CatalogEvent ev)
    {
        var days = BerlinTime.Day(ev.Start).DayNumber - BerlinTime.Day(now).DayNumber;
        return days switch
        {
            < 0 => string.Empty,
            0 => En ? " (today)" : " (heute)",
            1 => En ? " (tomorrow)" : " (morgen)",
            _ => En ? string.Create(CultureInfo.InvariantCulture, $" (in {days} days)") : string.Create(CultureInfo.InvariantCulture, $" (in {days} Tagen)"),
        };
    }

    /// <summary>Every answer about a cancelled event says so first; a yes/no question gets its "Nein" (or "Ja, abgesagt").</summary>
    private string Cancelled(CatalogEvent ev, string text)
    {
        if (ev.Status != EventStatus.Cancelled || text.Contains(En ? "cancelled" : "abgesagt", StringComparison.Ordinal))
        {
            return string.Empty;
        }

        var answer = YesNoQuestion ? (AsksIfCancelled ? (En ? "Yes, " : "Ja, ") : (En ? "No, " : "Nein, ")) : string.Empty;
        var reason = AsksWhy || YesNoQuestion ? CancellationReason(ev) : null;
        var line = (En ? $"{Quote(ev.Title)} has been cancelled{reason}. " : $"{Quote(ev.Title)} wurde abgesagt{reason}. ")
            + (AsksWhy || YesNoQuestion ? CancellationNote(ev) : string.Empty);
        return answer + (answer.Length > 0 ? line : (En ? "Note: " : "Hinweis: ") + line);
    }

    private string Always(bool yes) => yes ? (En ? "Yes, " : "Ja, ") : (En ? "No, " : "Nein, ");

    /// <summary>The sentences of the event's description that speak about the cancellation (reason, replacement).</summary>
    private static string CancellationNote(CatalogEvent ev) =>
        // (Markdown emphasis goes first: "**Abgesagt.** Weil …" are two sentences.)
        string.Concat(SentenceSplit().Split($"{ev.Summary} {ev.Description}".Replace("**", string.Empty, StringComparison.Ordinal))
            .Where(x => CancellationWords().IsMatch(x) && !x.Contains("abgesagt", StringComparison.Ordinal))
            .Select(x => x.Trim() + " ").Distinct(StringComparer.Ordinal));

    /// <summary>Whether the event's own text says why it was cancelled or what comes instead.</summary>
    public static bool SaysWhyCancelled(CatalogEvent ev) => CancellationReason(ev) is not null || CancellationNote(ev).Length > 0;

    /// <summary>"…wurde abgesagt, weil der Tagungsort …": the reason clause of the sentence that announces the cancellation.</summary>
    private static string? CancellationReason(CatalogEvent ev) =>
        SentenceSplit().Split($"{ev.Summary} {ev.Description}")
            .Select(x => x.Replace("**", string.Empty, StringComparison.Ordinal).Trim().TrimEnd('.'))
            .Where(x => x.Contains("abgesagt", StringComparison.Ordinal) || x.Contains("cancelled", StringComparison.Ordinal))
            .Select(x => ReasonClause().Match(x))
            .FirstOrDefault(m => m.Success)?.Value;

    [System.Text.RegularExpressions.GeneratedRegex(@",?\s+(weil|da|wegen|aufgrund|because|due to|as)\b.*$")]
    private static partial System.Text.RegularExpressions.Regex ReasonClause();

    private string SeatsYesNo(bool seatsLeft) => YesNo(seatsLeft != AsksIfFull);

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?:Ja|Nein|Yes|No)\b[,.!]?\s*")]
    private static partial System.Text.RegularExpressions.Regex LeadingYesNo();

    private string YesNo(bool yes) => !YesNoQuestion ? string.Empty : yes ? (En ? "Yes, " : "Ja, ") : (En ? "No, " : "Nein, ");

    /// <summary>"Welche Plenen sind geplant?": the events with date and town, a cancelled one marked as such.</summary>
    /// <summary>
    /// "Für welche Veranstaltungen kann ich mich gerade anmelden?": the events whose registration is open now, without the
    /// fully booked ones that keep no waiting list.
    /// </summary>
    public Answer OpenForRegistration(IEnumerable<CatalogEvent> candidates, ConversationState state)
    {
        var events = candidates.Where(e => AnswerCard.IsOpenForRegistration(e, now)
                && !(e.Registration is { Waitlist: false } && catalog.Seats.TryGetValue(e.Id, out var seats) && seats.EventFree == 0))
            .OrderBy(e => e.Start).ToList();
        return OpenEvents(events, state);
    }

    private Answer OpenEvents(List<CatalogEvent> events, ConversationState state) => events.Count == 0
        ? new Answer(Intent.RegistrationState, En ? "Registration is not open for any event at the moment." : "Zurzeit ist für keine Veranstaltung die Anmeldung geöffnet.",
            null, null, [], state with { Language = language, LastIntent = Intent.RegistrationState, Pending = null }, language)
        : Events(events, past: false, state, En ? "Registration is open for: " : "Anmelden können Sie sich zurzeit für: ");

    public Answer Events(IReadOnlyList<CatalogEvent> events, bool past, ConversationState state, string? heading = null)
    {
        var items = events.Select(e =>
        {
            var where = e.Venue?.City is { } town ? $" in {town}" : e.Venue?.Name is { } name ? $" ({name})" : string.Empty;
            var cancelled = e.Status == EventStatus.Cancelled ? (En ? " (cancelled)" : " (abgesagt)") : string.Empty;
            return $"{Quote(e.Title)} {(En ? "on" : "am")} {BerlinTime.Date(e.Start, language)}{where}{cancelled}";
        });
        var lead = (past, En) switch
        {
            (false, false) => "Geplant sind: ",
            (false, true) => "Coming up: ",
            (true, false) => "Stattgefunden haben: ",
            (true, true) => "Past events: ",
        };
        return new Answer(Intent.When, (heading ?? lead) + string.Join("; ", items) + ".", null, null, [],
            state with { Language = language, LastIntent = Intent.When, Pending = null }, language);
    }

    /// <summary>"welcher hat mehr Stationen?": the events' counts of one kind of session, the one with most (or fewest) first.</summary>
    public Answer Compare(IReadOnlyList<CatalogEvent> events, SessionKind kind, bool fewer, ConversationState state)
    {
        var counted = events.Select(e => (Event: e, Count: e.Programme.Count(s => s.Kind == kind)))
            .OrderBy(x => fewer ? x.Count : -x.Count).ThenBy(x => x.Event.Start).ToList();
        var noun = (kind, En) switch
        {
            (SessionKind.Station, false) => "Stationen",
            (SessionKind.Station, true) => "stations",
            (_, false) => "Arbeitsgruppen",
            _ => "workshops",
        };
        var lead = counted[0].Count == counted[1].Count
            ? (En ? $"Equally many {noun}: " : $"Gleich viele {noun}: ")
            : En ? $"{(fewer ? "Fewest" : "Most")} {noun}: " : $"Die {(fewer ? "wenigsten" : "meisten")} {noun} hat {Quote(counted[0].Event.Title)}: ";
        var text = lead + string.Join("; ", counted.Select(x => $"{Quote(x.Event.Title)} {x.Count}")) + ".";
        return Make(kind == SessionKind.Station ? Intent.Stations : Intent.Workshops, text, counted[0].Event, null,
            [.. counted.Select(x => new Fact(x.Event.Title, x.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)))], state);
    }

    public Answer Clarify(IReadOnlyList<CatalogEvent> events, string question, ConversationState state)
    {
        var titles = events.Select(e => Quote(e.Title)).ToList();
        var list = string.Join(En ? " or " : " oder ", [string.Join(", ", titles[..^1]), titles[^1]]);
        var text = En ? $"Which event do you mean: {list}?" : $"Welche Veranstaltung meinen Sie: {list}?";
        return new Answer(Intent.Clarify, text, null, null, [], state with { Language = language, Pending = question }, language)
        {
            Choices = [.. events.Select(e => e.Title)],
        };
    }

    public Answer Host(CatalogEvent ev, ConversationState state)
    {
        if (ev.Host is null)
        {
            return Contact(ev, state);
        }

        var contact = ev.Contact ?? catalog.DefaultContact;
        var text = En
            ? $"{Quote(ev.Title)} is hosted by {ev.Host}. Contact: {ContactLine(contact)}."
            : $"Gastgeber von {Quote(ev.Title)} ist {ev.Host}. Kontakt: {ContactLine(contact)}.";
        return Make(Intent.Host, text, ev, null, [Fact("Gastgeber", "Host", ev.Host), .. ContactFacts(contact)], state);
    }

    /// <summary>
    /// Whether there is a waiting list, with what the FAQ entry about it says. "Wie lang ist die Warteliste?" is answered
    /// only by an entry that counts it; "kann ich noch drauf?" is "Nein" once the registration has closed.
    /// </summary>
    public Answer Waitlist(CatalogEvent ev, ConversationState state, bool asksSize = false, bool asksStill = false)
    {
        if (ev.Registration is not { } registration)
        {
            return Unknown(ev, state);
        }

        var entry = (ev.Faq ?? []).FirstOrDefault(f => WaitlistWords().IsMatch(GermanNormalizer.Normalize(f.Question)));
        if (asksSize)
        {
            return entry is not null && entry.Answer.Any(char.IsDigit) ? Faq(ev, entry, state) : Unknown(ev, state);
        }

        var told = entry is null ? string.Empty : " " + entry.Answer;
        if (registration.Waitlist && asksStill && registration.Closes is { } closed && closed < now)
        {
            var closedText = En
                ? $"No, registration for {Quote(ev.Title)} closed on {BerlinTime.DateAndTime(closed, language)}, and with it the waiting list.{told}"
                : $"Nein, die Anmeldung für {Quote(ev.Title)} ist seit {BerlinTime.DateAndTime(closed, language)} geschlossen, damit auch die Warteliste.{told}";
            return Make(Intent.Waitlist, closedText, ev, null, [Fact("Warteliste", "Waiting list", En ? "closed" : "geschlossen")], state);
        }

        var free = catalog.Seats.TryGetValue(ev.Id, out var seats) ? seats.EventFree : null;
        var seatLine = seats is null ? string.Empty : $" {Capitalized(SeatText(free))}.";
        var text = (registration.Waitlist, En) switch
        {
            (true, false) => $"{Always(true)}für {Quote(ev.Title)} gibt es eine Warteliste: Ist die Veranstaltung voll, kommen Sie auf die Warteliste und rücken nach, sobald ein Platz frei wird.",
            (true, true) => $"{Always(true)}{Quote(ev.Title)} has a waiting list: when it is full, you are put on the waiting list and move up when a seat becomes free.",
            (false, false) => $"{Always(false)}für {Quote(ev.Title)} gibt es keine Warteliste.",
            (false, true) => $"{Always(false)}{Quote(ev.Title)} has no waiting list.",
        };
        return Make(Intent.Waitlist, Capitalized(text) + seatLine + told, ev, null, [Fact("Warteliste", "Waiting list", registration.Waitlist ? (En ? "yes" : "ja") : (En ? "no" : "nein"))], state);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(warteliste|wartelisten|waiting list|waitlist)\b")]
    private static partial System.Text.RegularExpressions.Regex WaitlistWords();

    /// <summary>The cap per organisation; "dürfen wir mit 4 Leuten kommen?" gets "Ja" or "Nein" against it.</summary>
    public Answer PerOrganisation(CatalogEvent ev, ConversationState state, int? askedFor = null)
    {
        if (ev.Registration is null)
        {
            return Unknown(ev, state);
        }

        // The catalog's contract: no cap per organisation means any number may register.
        if (ev.Registration.MaxPerOrganization is not { } max)
        {
            var unlimited = En
                ? $"{YesNo(askedFor is not null)}there is no cap per organisation for {Quote(ev.Title)}."
                : $"{YesNo(askedFor is not null)}für {Quote(ev.Title)} gibt es keine Obergrenze je Organisation.";
            return Make(Intent.PerOrganisation, Capitalized(unlimited), ev, null, [Fact("Höchstens je Organisation", "Per organisation", En ? "no cap" : "keine Obergrenze")], state);
        }

        var text = En
            ? $"{YesNo(askedFor is null || askedFor <= max)}at most {max} people per organisation can register for {Quote(ev.Title)}."
            : $"{YesNo(askedFor is null || askedFor <= max)}für {Quote(ev.Title)} können sich höchstens {max} Personen je Organisation anmelden.";
        // More than the cap: what happens to the others is the organiser's to say, in the entry about the cap if there is one.
        if (askedFor > max && CapEntry(ev) is { } entry)
        {
            text += " " + entry.Answer;
        }

        return Make(Intent.PerOrganisation, Capitalized(text), ev, null, [Fact("Höchstens je Organisation", "Per organisation", max.ToString(CultureInfo.InvariantCulture))], state);
    }

    public Answer RegistrationState(CatalogEvent ev, ConversationState state)
    {
        if (ev.Registration is not { } registration)
        {
            return Unknown(ev, state);
        }

        var opens = registration.Opens is { } o ? BerlinTime.DateAndTime(o, language) : null;
        var closes = registration.Closes is { } c ? BerlinTime.DateAndTime(c, language) : null;
        var free = catalog.Seats.TryGetValue(ev.Id, out var seats) ? seats.EventFree : null;
        string text;
        if (ev.End < now || ev.Start <= now || registration.Closes < now)
        {
            text = En
                ? $"{YesNo(false)}registration for {Quote(ev.Title)} is closed{(closes is null ? "" : $" (it closed on {closes})")}."
                : $"{YesNo(false)}die Anmeldung für {Quote(ev.Title)} ist geschlossen{(closes is null ? "" : $" (Anmeldeschluss war am {closes})")}.";
            // A past event: registering is over because it took place, and when.
            if (ev.End < now)
            {
                text += En ? $" The event took place on {BerlinTime.Date(ev.Start, language)}." : $" Die Veranstaltung fand am {BerlinTime.Date(ev.Start, language)} statt.";
            }
        }
        else if (registration.Opens > now)
        {
            text = En
                ? $"{YesNo(false)}registration for {Quote(ev.Title)} is not open yet: it opens on {opens}{(closes is null ? "" : $" and closes on {closes}")}."
                : $"{YesNo(false)}die Anmeldung für {Quote(ev.Title)} ist noch nicht geöffnet: Sie öffnet am {opens}{(closes is null ? "" : $", Anmeldeschluss ist am {closes}")}.";
        }
        else
        {
            var full = seats is not null && free is <= 0;
            var seatLine = seats is null ? string.Empty : $" {Capitalized(SeatText(free))}{(full && registration.Waitlist ? (En ? " (waiting list)" : " (Warteliste)") : "")}.";
            // Fully booked with a waiting list: one can no longer register for a seat, only join the waiting list.
            text = full && registration.Waitlist
                ? En
                    ? $"{YesNo(false)}{Quote(ev.Title)}: {SeatText(free)}; until {closes ?? "registration closes"} you can only join the waiting list."
                    : $"{YesNo(false)}{Quote(ev.Title)}: {SeatText(free)}; {(closes is null ? "" : $"bis {closes} ")}können Sie sich nur noch auf die Warteliste setzen lassen."
                : En
                ? $"{YesNo(!full || registration.Waitlist)}registration for {Quote(ev.Title)} is open{(closes is null ? "" : $" until {closes}")}.{seatLine}"
                : $"{YesNo(!full || registration.Waitlist)}die Anmeldung für {Quote(ev.Title)} ist geöffnet{(closes is null ? "" : $", bis {closes}")}.{seatLine}";
        }

        List<Fact> facts = [];
        AddIf(facts, Fact("Anmeldung ab", "Registration opens", opens ?? string.Empty), opens is not null);
        AddIf(facts, Fact("Anmeldeschluss", "Registration closes", closes ?? string.Empty), closes is not null);
        return Make(Intent.RegistrationState, Capitalized(text), ev, null, facts, state);
    }

    public Answer Stations(CatalogEvent ev, ConversationState state)
    {
        var stations = ev.Programme.Where(s => s.Kind == SessionKind.Station).OrderBy(s => s.Start).ToList();
        if (stations.Count == 0)
        {
            return Unknown(ev, state);
        }

        var text = (En ? $"{stations.Count} stations at {Quote(ev.Title)}: " : $"{stations.Count} Stationen bei {Quote(ev.Title)}: ")
            + string.Join("; ", stations.Select(s => s.Room is null ? s.Title : $"{s.Title} ({s.Room})")) + ".";
        return Make(Intent.Stations, text, ev, null, ProgrammeFacts(stations), state);
    }

    /// <summary>"Ja, " before a positive answer to "Gibt es …?" that names what exists.</summary>
    public Answer Affirmed(Answer answer) =>
        !YesNoQuestion || answer.Text.StartsWith(En ? "Yes" : "Ja", StringComparison.Ordinal) || answer.Text.StartsWith(En ? "No" : "Nein", StringComparison.Ordinal)
            ? answer
            : answer with { Text = (En ? "Yes. " : "Ja. ") + answer.Text };

    private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static int DayNumber(CatalogEvent ev, DateTimeOffset instant) => BerlinTime.Day(instant).DayNumber - BerlinTime.Day(ev.Start).DayNumber + 1;

    private static List<Session> SessionsOn(CatalogEvent ev, DateOnly day) =>
        [.. ev.Programme.Where(s => BerlinTime.Day(s.Start) == day).OrderBy(s => s.Start)];

    private static string PlaceName(Venue v) => v.City is { } city && !v.Name.Contains(city, StringComparison.Ordinal) ? $"{v.Name}, {city}" : v.Name;

    private static string AddressSuffix(Venue? v) => v is null || Address(v).Length == 0 ? string.Empty : $" ({Address(v)})";

    private static string Address(Venue v) =>
        string.Join(", ", new[] { v.Street, string.Join(' ', new[] { v.PostalCode, v.City }.Where(x => x is not null)) }.Where(x => !string.IsNullOrWhiteSpace(x)));

    private string Quote(string text) => En ? $"“{text}”" : $"„{text}“";

    private static string ContactLine(Contact c) =>
        c.Name + (c.Email is null && c.Phone is null ? string.Empty
            : " (" + string.Join(", ", new[] { c.Email, c.Phone is null ? null : "Tel. " + c.Phone }.Where(x => x is not null)) + ")");

    // "am 22. November" is no sentence end.
    [System.Text.RegularExpressions.GeneratedRegex(@"(?<=[.!?])(?<!\b\d{1,2}\.)\s+")]
    private static partial System.Text.RegularExpressions.Regex SentenceSplit();

    [System.Text.RegularExpressions.GeneratedRegex(@"entf(a|ä)llt|entfallen|weil|stattdessen|Ersatztermin|verschoben|cancel|because|instead", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex CancellationWords();
}

using System.Collections.Frozen;
using System.Text.RegularExpressions;
using VirServerless.Core.Events;

namespace VirServerless.Bot.Questions;

/// <summary>
/// The event a question is about; <see cref="NotFound"/> when the question names one the catalog lacks, and
/// <see cref="Ambiguous"/> lists the events it fits equally when it names none of them apart.
/// </summary>
public sealed record EventResolution(EventIndex? Event, bool Explicit, bool NotFound)
{
    public IReadOnlyList<EventIndex> Ambiguous { get; init; } = [];

    /// <summary>Every event the question's kind, title words, year, season and place fit, before tense and order pick one.</summary>
    public IReadOnlyList<EventIndex> Fitting { get; init; } = [];

    /// <summary>The other meetings of the series the question names without telling one apart; what only one holds is theirs.</summary>
    public IReadOnlyList<EventIndex> Series { get; init; } = [];

    /// <summary>The event was picked as the one before or after another ("was kommt nach dem Fachtag?").</summary>
    public bool Ordered { get; init; }

    /// <summary>The event is under way and was taken because the question names no other.</summary>
    public bool Underway { get; init; }
}

/// <summary>
/// Picks the event by kind, title words, year, season, place, "nächste"/"übernächste"/"letzte" and tense; without any
/// of these a follow-up stays with the previous turn's event, and a fresh question gets the next upcoming event that
/// is not cancelled.
/// </summary>
public static partial class EventResolver
{
    private static readonly FrozenSet<string> PastTenseWords = WordSet.Of(["war", "waren", "fand", "sprach", "hielt", "damals", "did", "were", "gab", "gabs", "gewesen", "stattgefunden",
        "gehalten", "gesprochen", "begann", "begonnen", "endete", "dauerte", "gedauert", "kamen", "gekommen", "came", "warn"]);
    private static readonly FrozenSet<string> LastWords =
        WordSet.Of(["letzte", "letzten", "letztes", "vergangene", "vergangenen", "vorige", "vorigen", "last", "previous"]);
    private static readonly FrozenSet<string> FutureWords =
        WordSet.Of(["naechste", "naechsten", "naechstes", "naechster", "kommende", "kommenden", "kommendes", "next", "upcoming"]);
    private static readonly FrozenSet<string> OtherWords = WordSet.Of(["andere", "anderen", "anderes", "other"]);
    private static readonly FrozenSet<string> NowWords =
        WordSet.Of(["gerade", "grad", "jetzt", "aktuell", "momentan", "heute", "heut", "now", "currently", "today"]);
    private static readonly FrozenSet<string> YesterdayWords = WordSet.Of(["gestern", "yesterday"]);
    private static readonly FrozenSet<string> NumberSigns = WordSet.Of(["nr", "nummer", "no", "number"]);
    private static readonly FrozenDictionary<string, int> OrdinalWords = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["erste"] = 1, ["ersten"] = 1, ["erster"] = 1, ["erstes"] = 1, ["first"] = 1,
        ["zweite"] = 2, ["zweiten"] = 2, ["zweiter"] = 2, ["zweites"] = 2, ["second"] = 2,
        ["dritte"] = 3, ["dritten"] = 3, ["dritter"] = 3, ["drittes"] = 3, ["third"] = 3,
        ["vierte"] = 4, ["vierten"] = 4, ["vierter"] = 4, ["viertes"] = 4, ["fourth"] = 4,
        ["fuenfte"] = 5, ["fuenften"] = 5, ["fuenfter"] = 5, ["fuenftes"] = 5, ["fifth"] = 5,
    }.ToFrozenDictionary(StringComparer.Ordinal);
    private static readonly FrozenSet<string> FollowingWords = WordSet.Of(["kommt", "folgt", "folgende", "folgenden", "following", "comes"]);
    private static readonly FrozenSet<string> PointerWords =
        WordSet.Of(["this", "that", "one", "it", "dem", "der", "die", "das", "diesem", "dieser", "dieses", "diese", "jenem", "the"]);

    /// <summary>Season words by the months they cover.</summary>
    public static readonly IReadOnlyDictionary<string, int[]> Seasons = new Dictionary<string, int[]>(StringComparer.Ordinal)
    {
        ["fruehjahr"] = [3, 4, 5], ["fruehling"] = [3, 4, 5], ["spring"] = [3, 4, 5],
        ["sommer"] = [6, 7, 8], ["summer"] = [6, 7, 8],
        ["herbst"] = [9, 10, 11], ["autumn"] = [9, 10, 11], ["fall"] = [9, 10, 11],
        ["winter"] = [12, 1, 2],
    };

    /// <summary>Words for a kind of event that German joins to a season ("Frühjahrsplenum", "Herbsttagung").</summary>
    private static readonly HashSet<string> SeasonedEventWords = new HashSet<string>(StringComparer.Ordinal)
    {
        Lexicon.Plenum, Lexicon.Marktplatz, "tagung", "fachtag", "treffen", "sitzung", "veranstaltung", "konferenz", "forum",
    };

    /// <summary>"frühjahrsplenum", "herbsttreffen": the season of a German compound whose head is a kind of event.</summary>
    public static string? SeasonOfCompound(string word)
    {
        foreach (var season in Seasons.Keys)
        {
            if (word.Length > season.Length + 3 && word.StartsWith(season, StringComparison.Ordinal)
                && word[season.Length..] is var head && (SeasonedEventWords.Contains(head) || (head[0] == 's' && SeasonedEventWords.Contains(head[1..]))))
            {
                return season;
            }
        }

        return null;
    }

    /// <summary>
    /// "Ersatzplenum", "Ersatzfachtag": the event held in place of a cancelled one. ("Ersatztermin" alone may be asked of the
    /// cancelled event, whose own text names it.)
    /// </summary>
    public static bool NamesReplacement(string word) =>
        word.Length > 6 && word.StartsWith("ersatz", StringComparison.Ordinal) && SeasonedEventWords.Contains(word[6..]);

    /// <summary>Whether the event's own title or summary calls it a replacement (and it is not itself cancelled).</summary>
    private static bool IsReplacement(CatalogEvent ev) => ev.Status != EventStatus.Cancelled
        && (ReplacementText().IsMatch(ev.Title) || (ev.Summary is { } summary && ReplacementText().IsMatch(summary)));

    [GeneratedRegex(@"\bErsatz|\bNachholtermin|\bAusweichtermin|\breplacement\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ReplacementText();

    /// <summary>"heute", "gerade", "right now": the day the question is asked.</summary>
    public static bool AsksAboutToday(ParsedQuestion q) => q.HasWord(NowWords);

    /// <summary>"Was läuft gerade?", "what's happening right now?": this moment, not the whole day.</summary>
    public static bool AsksAboutThisMoment(ParsedQuestion q) => q.HasWord(NowWords) && !q.HasWord("heute", "heut", "today");

    private static bool DatesAnotherWord(ParsedQuestion q, int year, CatalogIndex index)
    {
        var at = q.Words.ToList().IndexOf(year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (at < 1)
        {
            return false;
        }

        var before = q.Words[at - 1];
        var term = Lexicon.Term(before);
        return before.Length > 3 && !Lexicon.IsIgnorable(before) && !IntentClassifier.IsCue(before) && !IsGenericTerm(term)
            && term is not (Lexicon.Plenum or Lexicon.Marktplatz)
            && !index.Events.Any(e => e.NameTerms.Contains(term) || e.PlaceTerms.Contains(term));
    }

    /// <summary>"und das danach?", "the one after that", "und das übernächste?": an event named by its order and nothing else.</summary>
    public static bool NamesByOrderOnly(ParsedQuestion q) =>
        q.Terms.Count == 0 && (AsksWhatFollows(q) || AfterNextPosition(q) > 0);

    /// <summary>"und danach?", "was kommt danach?", "the one after that".</summary>
    public static bool AsksWhatFollows(ParsedQuestion q) =>
        q.HasWord("danach", "darauffolgende", "darauffolgenden", "darauffolgendes", "anschliessend", "afterwards")
        || q.Text.Contains("after that", StringComparison.Ordinal);

    /// <summary>"und was kommt danach?" right after the programme at a time or a session asks for the programme's next item.</summary>
    public static bool FollowsInProgramme(ParsedQuestion q, ConversationState state) =>
        AsksWhatFollows(q) && state.EventId is not null && state.LastIntent is Intent.ProgrammeAtTime or Intent.SessionInfo or Intent.Speakers;

    /// <summary>"was kommt als nächstes?", "who's next?": the next item, not the next event, while one is under way.</summary>
    public static bool AsksNextItem(ParsedQuestion q) =>
        q.Text.Contains("als naechstes", StringComparison.Ordinal) || q.Text.Contains("next up", StringComparison.Ordinal)
        || (q.Words.Count > 1 && q.Words[^1] == "next") || NextAfter(q);

    /// <summary>"what's next after lunch?", "was kommt als nächstes nach der Pause?": the item after a session, not the next event.</summary>
    public static bool NextAfter(ParsedQuestion q)
    {
        for (var i = 0; i + 1 < q.Words.Count; i++)
        {
            if ((q.Words[i] == "next" && q.Words[i + 1] == "after") || (q.Words[i] == "naechstes" && q.Words[i + 1] == "nach"))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Meetings of one series: the same kind, and titles that differ only in numbers, dates and places.</summary>
    public static bool SameSeries(EventIndex one, EventIndex other) =>
        one.Event.Kind == other.Event.Kind && one.NameTerms.SetEquals(other.NameTerms);

    /// <summary>"gestern", "yesterday": the day before the question is asked.</summary>
    public static bool AsksAboutYesterday(ParsedQuestion q) => q.HasWord(YesterdayWords);

    /// <summary>
    /// "das 2. Treffen der AG", "der zweite Marktplatz", "Treffen Nr. 2": the n-th of the events the question names, in the
    /// order they take place; null when no ordinal stands before (or a number after) a word that names an event.
    /// ("am zweiten Tag" and "am 2. Oktober" are days, not events.)
    /// </summary>
    private static int? SeriesOrdinal(ParsedQuestion q, List<EventIndex> candidates)
    {
        if (q.Day is { Ordinal: not null } or { DayOfMonth: not null })
        {
            return null;
        }

        for (var i = 0; i < q.Words.Count; i++)
        {
            var word = q.Words[i];
            var digit = word.Length == 1 && word[0] is >= '1' and <= '9';
            var n = digit ? word[0] - '0' : OrdinalWords.GetValueOrDefault(word);
            if (n == 0)
            {
                continue;
            }

            // "der erste AG-Slot": a working group without a word for a meeting or the group's name is a part of the programme,
            // not the n-th meeting ("der dritte Arbeitskreis Friedhofswesen" is).
            if (i + 1 < q.Words.Count && Lexicon.Term(q.Words[i + 1]) == Lexicon.Workshop && !q.Words.Any(Lexicon.GenericEventWords.Contains)
                && !candidates.Any(e => e.NameTerms.Contains(Lexicon.Workshop) && q.Terms.Any(t => t != Lexicon.Workshop && e.NameTerms.Contains(t))))
            {
                continue;
            }

            if ((i + 1 < q.Words.Count && NamesAnEvent(q.Words[i + 1], candidates))
                || (digit && i >= 2 && NumberSigns.Contains(q.Words[i - 1]) && NamesAnEvent(q.Words[i - 2], candidates)))
            {
                return n;
            }
        }

        return null;
    }

    private static bool NamesAnEvent(string word, List<EventIndex> candidates) =>
        Lexicon.Term(word) is var term && (term is Lexicon.Plenum or Lexicon.Marktplatz || Lexicon.GenericEventWords.Contains(word)
            || candidates.Any(e => e.NameTerms.Contains(term)));

    private static bool NamesOtherSessions(ParsedQuestion q)
    {
        for (var i = 0; i + 1 < q.Words.Count; i++)
        {
            if (OtherWords.Contains(q.Words[i]) && Lexicon.Term(q.Words[i + 1]) is Lexicon.Workshop or "station" or "vortrag" or "ausflug")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"in Hemmoor", "nach Lilienthal": a place word before a town the catalog knows only as a municipality.</summary>
    private static bool NamesOrganisationTown(ParsedQuestion q, CatalogIndex index)
    {
        for (var i = 0; i + 1 < q.Words.Count; i++)
        {
            if (q.Words[i] is "in" or "nach" or "at" && index.OrganisationTowns.Contains(Lexicon.Term(q.Words[i + 1])))
            {
                return true;
            }
        }

        return false;
    }

    public static bool AsksAboutPast(ParsedQuestion q) =>
        (q.HasWord(PastTenseWords) && !SaysOwnPresence(q))
        || NamesLastEvent(q) || (q.HasWord("was") && q.HasWord("when", "where", "who"));

    /// <summary>
    /// "eine Bescheinigung, dass ich da war", "which group did I pick?": a past tense about one's own presence or choice, not
    /// about the event.
    /// </summary>
    private static bool SaysOwnPresence(ParsedQuestion q) =>
        OwnPresence().IsMatch(q.Text);

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(ich|wir) (da|dort|dabei) (war|waren|gewesen)\b|\bdass (ich|wir)\b[^,]*\b(war|waren|gewesen)\b|\b(i|we) (was|were) there\b|\bdid (i|we) (pick|choose|select|register|sign|book|enrol|enroll)\b")]
    private static partial System.Text.RegularExpressions.Regex OwnPresence();

    /// <summary>
    /// "das letzte Plenum", "letztes Jahr", "last time" point at a past event; "der letzte Programmpunkt" does not:
    /// there "letzte" orders the programme.
    /// </summary>
    private static bool NamesLastEvent(ParsedQuestion q)
    {
        for (var i = 0; i < q.Words.Count; i++)
        {
            if (LastWords.Contains(q.Words[i]) && (i + 1 == q.Words.Count || !IsPartOfAnEvent(q.Words[i + 1])))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// "das zweite AG-Treffen", "the next AG meeting": a kind of programme part beside a word for an event names the events
    /// titled with it (the meetings of a working group), not the working groups inside another event's programme.
    /// </summary>
    public static bool NamesMeetingsOf(ParsedQuestion q, string term) =>
        term == Lexicon.Workshop && q.Words.Any(Lexicon.GenericEventWords.Contains);

    private static bool IsGenericTerm(string term) => IsPartOfAnEvent(term) || Lexicon.GenericEventWords.Contains(term);

    /// <summary>A word that names a part of an event's programme rather than an event or a time.</summary>
    private static bool IsPartOfAnEvent(string word) =>
        Lexicon.Term(word) is Lexicon.Workshop or "vortrag" or "keynote" or "ausflug" or "diskussion" or "station" or "begruessung"
            or "abendessen" or "mittag"
        || word is "programmpunkt" or "punkt" or "session" or "sitzung" or "tagesordnungspunkt" or "item" or "talk" or "redner"
            or "rednerin" or "referent" or "referentin" or "speaker" or "block" or "themenblock" or "tag" or "day";

    /// <summary>
    /// "die Station zum digitalen Bauantrag": "digital" is in the title of „Digitale Bauakte“, but the question names the
    /// station „Digitaler Bauantrag“ of another event with it and another word of that title, so it does not name the event.
    /// </summary>
    private static bool NamesSessionElsewhere(ParsedQuestion q, CatalogIndex index, EventIndex named, string term) =>
        index.Events.Any(other => other != named && other.Event.Programme.Select(other.TitleTerms)
            .Any(title => title.Contains(term) && title.Any(t => t != term && q.Terms.Contains(t, StringComparer.Ordinal) && !named.NameTerms.Contains(t))));

    /// <summary>
    /// "will it be held online instead?" after the cancelled plenum: "online" names the online session, but with "it" the
    /// question points back, and the plenum's own FAQ asks with that word and another of the question's.
    /// </summary>
    private static bool AsksFaqOfPrevious(ParsedQuestion q, EventIndex? previous, EventIndex named, string term) =>
        previous is not null && previous != named && q.HasWord("it", "es", "das", "they", "this", "that", "da", "dort")
        && previous.FaqQuestionTerms.Any(f => f.Contains(term) && q.Terms.Any(t => t != term && f.Contains(t)));

    private static readonly string OnlineTerm = Lexicon.Term("online");

    /// <summary>"wie in Wittmund", "like in Leer": the term of a place named after a comparison, when the question names another too.</summary>
    private static string? ComparedPlace(ParsedQuestion q)
    {
        for (var i = 2; i < q.Words.Count; i++)
        {
            if (q.Words[i - 2] is "wie" or "like" or "as" && q.Words[i - 1] is "in" or "im" or "bei" or "beim" or "at"
                && q.Words.Take(i - 2).Any(w => w is "in" or "im" or "bei" or "beim" or "at"))
            {
                return Lexicon.Term(q.Words[i]);
            }
        }

        return null;
    }

    /// <summary>The events that pass <paramref name="filter"/>, or all of them when none does.</summary>
    private static List<EventIndex> Narrowed(List<EventIndex> events, Func<EventIndex, bool> filter) =>
        events.Where(filter).ToList() is { Count: > 0 } narrowed ? narrowed : events;

    /// <summary>
    /// "die nächste Veranstaltung nach dem Marktplatz", "the OZG session after this one": the first event that begins after the
    /// one named behind "nach"/"after" (or the one talked about, for "this one") and fits what the question names before it.
    /// Null when the question asks for no such order.
    /// </summary>
    private static EventResolution? After(ParsedQuestion q, CatalogIndex index, EventIndex? previous, DateTimeOffset now)
    {
        var at = -1;
        for (var i = 1; i < q.Words.Count - 1 && at < 0; i++)
        {
            // ("vor Ort" is on site, no order.)
            at = q.Words[i] is "nach" or "after" or "before" || (q.Words[i] == "vor" && q.Words[i + 1] != "ort") ? i : -1;
        }

        // "die Veranstaltung vor dem Fachtag": the last one that begins before it.
        var backwards = at >= 0 && q.Words[at] is "vor" or "before";

        if (at < 0)
        {
            return null;
        }

        var before = QuestionParser.Parse(string.Join(' ', q.Words.Take(at)), index);
        var behind = q.Words.Skip(at + 1).ToList();
        var wanted = Resolve(before, index, ConversationState.Empty, now);
        var namesEvent = before.HasTerm(Lexicon.Plenum) || before.HasTerm(Lexicon.Marktplatz) || before.Words.Any(Lexicon.GenericEventWords.Contains)
            || wanted.Fitting.Count < index.Events.Count;
        EventIndex? basis;
        if (behind.All(PointerWords.Contains))
        {
            // "after this one" needs an event the question names or the conversation is about.
            basis = namesEvent && wanted.Fitting.Count < index.Events.Count ? wanted.Fitting.Contains(previous!) ? previous : wanted.Event : null;
        }
        else
        {
            var named = Resolve(QuestionParser.Parse(string.Join(' ', behind), index), index, ConversationState.Empty, now);
            basis = named is { Explicit: true, NotFound: false, Ambiguous.Count: 0 } ? named.Event : null;
            // "nach dem Marktplatz" alone may be a way there; only an order asked for ("die nächste", "was kommt") makes it one
            // in time, and "die Veranstaltung vor dem Fachtag" names the one before.
            basis = basis is not null && ((namesEvent && (before.HasWord(FutureWords) || backwards)) || before.HasWord(FollowingWords)) ? basis : null;
        }

        if (basis is null)
        {
            return null;
        }

        var later = backwards
            ? wanted.Fitting.Where(e => e != basis && e.Event.Status != EventStatus.Cancelled && e.Event.Start < basis.Event.Start).MaxBy(e => e.Event.Start)
            : wanted.Fitting.Where(e => e != basis && e.Event.Status != EventStatus.Cancelled && e.Event.Start > basis.Event.Start).MinBy(e => e.Event.Start);
        return new EventResolution(later, true, NotFound: later is null) { Ordered = true };
    }

    public static EventResolution Resolve(ParsedQuestion q, CatalogIndex index, ConversationState state, DateTimeOffset now)
    {
        var candidates = index.Events.ToList();
        // ("Frühjahrsplenum", "Ersatzplenum": a compound whose head is the kind.)
        var kindWord = q.HasTerm(Lexicon.Plenum) || q.HasTerm(Lexicon.Marktplatz);
        var kind = q.HasTerm(Lexicon.Plenum) || q.Words.Any(w => w.EndsWith(Lexicon.Plenum, StringComparison.Ordinal)) ? EventKind.Plenum
            : q.HasTerm(Lexicon.Marktplatz) || q.Words.Any(w => w.EndsWith(Lexicon.Marktplatz, StringComparison.Ordinal)) ? EventKind.Marktplatz
            : (EventKind?)null;
        // "Kann ich bei der Abschlussveranstaltung online teilnehmen?": "online" says how to take part, not which event (the
        // online session's title and venue bear it too), when another word of the question names an event.
        // So does "is there a livestream?" with nothing else named, in a conversation about an event: a stream of that event.
        var fromAfar = IntentClassifier.AsksToTakePartFromAfar(q.Text)
            && (q.Terms.Any(t => t != OnlineTerm && index.Events.Any(e => e.NameTerms.Contains(t)))
                || (state.EventId is not null && q.Terms.All(t => t == OnlineTerm) && !q.Words.Any(Lexicon.GenericEventWords.Contains)))
            ? OnlineTerm : null;
        // "gibt es in Syke auch so eine Bustour wie in Wittmund?": the place compared with is not the one asked about.
        var compared = ComparedPlace(q);
        // "and parking?" after the Fachtag where another venue is "Forum am Park": in a conversation about an event, a common
        // word of the lexicon asks about that event's venue, it does not name the other one.
        var places = q.Terms.Where(t => t != fromAfar && t != compared && !(state.EventId is not null && Lexicon.IsConcept(t))
            && index.Events.Any(e => e.PlaceTerms.Contains(t) && !AsksFaqOfPrevious(q, index.Find(state.EventId), e, t)
                && !DirectionsOfPrevious(q, index.Find(state.EventId), e, t))).ToList();
        var past = AsksAboutPast(q);
        var afterNextPosition = AfterNextPosition(q);
        var afterNext = afterNextPosition > 0;
        var future = q.HasWord(FutureWords) || afterNext;
        // "the other groups", "die anderen AGs": other sessions of the event talked about, not another event.
        var other = q.HasWord(OtherWords) && !NamesOtherSessions(q);
        var superlative = future || NamesLastEvent(q) || other;
        // "falls" is German "if", not the English season.
        var seasons = q.Words.Select(w => Seasons.ContainsKey(w) ? w : w.EndsWith('s') && w != "falls" && Seasons.ContainsKey(w[..^1]) ? w[..^1] : SeasonOfCompound(w))
            .OfType<string>().SelectMany(w => Seasons[w]).ToHashSet();
        for (var i = 0; i < q.Words.Count; i++)
        {
            var word = q.Words[i];
            var month = Array.IndexOf(Lexicon.GermanMonths, word) is >= 0 and var de ? de : Array.IndexOf(Lexicon.EnglishMonths, word);
            if (month >= 0 && q.Day?.DayOfMonth is null)
            {
                seasons.UnionWith(MonthsNamed(q, i, month + 1));
            }
        }


        if (kind is { } k)
        {
            candidates = [.. candidates.Where(e => e.Event.Kind == k || e.NameTerms.Contains(k == EventKind.Plenum ? Lexicon.Plenum : Lexicon.Marktplatz))];
        }

        var named = false;
        // "ist die Anmeldung fürs Ersatzplenum offen?": the event whose own text says it replaces a cancelled one.
        if (q.Words.Any(NamesReplacement) && candidates.Where(e => IsReplacement(e.Event)).ToList() is { Count: > 0 } replacements)
        {
            candidates = replacements;
            named = true;
        }

        var byName = candidates.Select(e => (e, Hits: q.Terms.Count(t => t != fromAfar && e.NameTerms.Contains(t) && !NamesSessionElsewhere(q, index, e, t)
                && !AsksFaqOfPrevious(q, index.Find(state.EventId), e, t) && !NamesSessionOfPrevious(q, index.Find(state.EventId), state, e, t))))
            // "die AG-Räume" names the plenum's working groups, not the events titled "AG …": a title word that only says
            // what kind of programme part or event it is names none of them alone.
            .Where(x => x.Hits > 0 && q.Terms.Any(t => x.e.NameTerms.Contains(t) && (!IsGenericTerm(t) || NamesMeetingsOf(q, t)))).ToList();
        if (byName.Count > 0)
        {
            var most = byName.Max(x => x.Hits);
            candidates = [.. byName.Where(x => x.Hits == most).Select(x => x.e)];
            named = true;
        }

        // "Themen für die Jahresplanung 2029 der AG": a year behind a word that names no event dates that, not the event.
        var year = q.Year;
        if (year is { } y && named && !candidates.Any(e => e.Event.Start.Year == y || e.Event.End.Year == y) && DatesAnotherWord(q, y, index))
        {
            year = null;
        }

        if (year is { } asked)
        {
            candidates = [.. candidates.Where(e => e.Event.Start.Year == asked || e.Event.End.Year == asked)];
        }

        if (seasons.Count > 0)
        {
            candidates = [.. candidates.Where(e => seasons.Contains(BerlinTime.Day(e.Event.Start).Month))];
        }

        if (places.Count > 0)
        {
            candidates = [.. candidates.Where(e => places.Any(e.PlaceTerms.Contains))];
        }

        // "Wann ist das Plenum in Hemmoor?" where Hemmoor is only a speaker's municipality: no event takes place there.
        var absentPlace = places.Count == 0 && NamesOrganisationTown(q, index);
        if (absentPlace)
        {
            candidates = [];
        }

        if (q.Day is { DayOfMonth: { } dayOfMonth, Month: { } month2 })
        {
            var onThatDay = candidates.Where(e => AnswerComposer.Days(e.Event).Any(d => d.Day == dayOfMonth && d.Month == month2)).ToList();
            if (onThatDay.Count > 0)
            {
                candidates = onThatDay;
                seasons.Add(month2);
            }
        }

        // "das Treffen nächste Woche": the events of that calendar week, none if none falls in it.
        if (q.Week is { } monday)
        {
            candidates = [.. candidates.Where(e => BerlinTime.Day(e.Event.Start) <= monday.AddDays(6) && monday <= BerlinTime.Day(e.Event.End))];
        }

        if (SeriesOrdinal(q, candidates) is { } nth)
        {
            // "das erste Treffen": with events titled "… Treffen 1/2/3" in the catalog, the n-th of those, not of every event.
            var titled = candidates.Where(e => q.Words.Any(w => Lexicon.GenericEventWords.Contains(w) && e.NameTerms.Contains(Lexicon.Term(w)))).ToList();
            var series = (titled.Count > 1 ? titled : candidates).OrderBy(e => e.Event.Start).ToList();
            var picked = nth <= series.Count ? series[nth - 1] : null;
            return new EventResolution(picked, true, NotFound: picked is null) { Fitting = picked is null ? series : candidates };
        }

        var isExplicit = kind is not null || named || year is not null || places.Count > 0 || seasons.Count > 0 || absentPlace || q.Week is not null;
        if (candidates.Count == 0)
        {
            return new EventResolution(null, isExplicit, NotFound: isExplicit);
        }

        var previous = index.Find(state.EventId);
        if (After(q, index, previous, now) is { } after)
        {
            return after;
        }

        // "Was läuft gerade?", "ist heute noch was?", "was war gestern um 4?": the event on that day is meant, whatever was
        // talked about before; in the past tense only while it has begun.
        var yesterday = AsksAboutYesterday(q);
        var today = BerlinTime.Day(now);
        var day = yesterday ? today.AddDays(-1) : today;
        var onToday = candidates.Where(e => e.Event.Status != EventStatus.Cancelled
            && BerlinTime.Day(e.Event.Start) <= day && day <= BerlinTime.Day(e.Event.End)).ToList();
        var begun = onToday.Count == 1 && onToday[0].Event.Start <= now;
        if (onToday.Count == 1 && !superlative && (!past || begun) && (q.HasWord(NowWords) || yesterday))
        {
            return new EventResolution(onToday[0], true, NotFound: false) { Fitting = candidates };
        }

        // An event under way is the one a question means that names no other: its past ("wo war das Abendessen?") as well.
        // ("am ersten Tag", "am Donnerstag" may name a day it does not have.)
        var running = q.Day is null
            ? candidates.Where(e => e.Event.Status != EventStatus.Cancelled && e.Event.Start <= now && now <= e.Event.End).ToList()
            : [];
        if (running.Count == 1 && kind is null && !named && AsksNextItem(q))
        {
            return new EventResolution(running[0], true, NotFound: false) { Fitting = candidates, Underway = true };
        }

        // "wann ist das letzte Treffen der AG dieses Jahr?": in the present tense the final one of those named, still to come.
        if ((named || kind is not null) && NamesLastEvent(q) && !q.HasWord(PastTenseWords) && q.HasWord("wann", "when")
            && q.HasWord("ist", "is", "findet", "will")
            && candidates.Where(e => e.Event.Start > now && e.Event.Status != EventStatus.Cancelled).MaxBy(e => e.Event.Start) is { } final)
        {
            return new EventResolution(final, true, NotFound: false) { Fitting = candidates };
        }

        // "und das danach?", "the one after that": the next event after the one talked about, if there is one; after a
        // meeting of a series the next meeting of it. Right after the programme it is the programme's next item.
        if (AsksWhatFollows(q) && !FollowsInProgramme(q, state))
        {
            var basis = previous ?? candidates.Where(e => e.Event.End >= now && e.Event.Status != EventStatus.Cancelled).MinBy(e => e.Event.Start);
            var later = candidates.Where(e => e.Event.Status != EventStatus.Cancelled && (basis is null || e.Event.Start > basis.Event.Start))
                .OrderBy(e => basis is null || !SameSeries(e, basis)).ThenBy(e => e.Event.Start).FirstOrDefault();
            // A cancelled event between the two is what comes next in the calendar; its answer says first that it is cancelled.
            var cancelledBetween = later is null || basis is null ? null
                : candidates.Where(e => e.Event.Status == EventStatus.Cancelled && e.Event.Start > basis.Event.Start && e.Event.Start < later.Event.Start
                    && SameSeries(e, basis) == SameSeries(later, basis)).MinBy(e => e.Event.Start);
            return new EventResolution(cancelledBetween ?? later, true, NotFound: later is null);
        }

        // "und das nächste, das wirklich stattfindet?" right after a cancelled event: the next one after it that is not cancelled.
        if (future && !afterNext && q.Terms.Count == 0 && previous is { Event.Status: EventStatus.Cancelled }
            && candidates.Where(e => e.Event.Status != EventStatus.Cancelled && e.Event.Start > previous.Event.Start).MinBy(e => e.Event.Start) is { } held)
        {
            return new EventResolution(held, true, NotFound: false) { Fitting = candidates };
        }

        if (other && previous is not null && candidates.Count > 1)
        {
            // "das andere" after the spring plenum is the other plenum, and an upcoming event's other one is upcoming too.
            candidates.Remove(previous);
            var others = Narrowed(Narrowed(candidates, e => e.Event.Kind == previous.Event.Kind),
                e => e.Event.End >= now == previous.Event.End >= now && e.Event.Status != EventStatus.Cancelled);
            return new EventResolution(others.OrderBy(e => Math.Abs((e.Event.Start - previous.Event.Start).Ticks)).First(), true, NotFound: false);
        }

        // (A cancelled event is spoken of in the past tense too: "wo war der geplant?")
        if (previous is not null && candidates.Contains(previous) && year is null && places.Count == 0 && !superlative
            && (!past || previous.Event.Start < now || previous.Event.Status == EventStatus.Cancelled))
        {
            return new EventResolution(previous, isExplicit, NotFound: false);
        }

        // "Wer spricht um halb 3?" on the day of an event: a clock time without a day is today's.
        if (onToday.Count == 1 && !superlative && (!past || begun) && q.TimeOfDay is not null && q.Day is null)
        {
            return new EventResolution(onToday[0], true, NotFound: false) { Fitting = candidates };
        }

        // A cancelled event is never "the next one"; it is found only when named.
        // The next one is the next to begin: the one under way is not "next".
        var upcoming = candidates.Where(e => e.Event.End >= now && !(future && running.Contains(e)))
            .OrderBy(e => e.Event.Status == EventStatus.Cancelled).ThenBy(e => e.Event.Start).ToList();
        var lastNamed = NamesLastEvent(q);
        var finished = candidates.Where(e => e.Event.End < now || (!lastNamed && running.Contains(e))).OrderByDescending(e => e.Event.Start).ToList();
        if (afterNext)
        {
            // "und das übernächste?" after the next plenum is the plenum after it, whatever lies between; after the next
            // event of a kind no word names ("die nächste Veranstaltung": an AG meeting) it is the event after next.
            var live = upcoming.Where(e => e.Event.Status != EventStatus.Cancelled).ToList();
            live = kind is null && previous is { Event.Kind: EventKind.Plenum or EventKind.Marktplatz }
                && live.Where(e => e.Event.Kind == previous.Event.Kind).ToList() is { Count: > 1 } sameKind
                ? sameKind : live;
            return new EventResolution(live.Count > afterNextPosition ? live[afterNextPosition] : null, true, NotFound: live.Count <= afterNextPosition);
        }

        // With every coming event of the kind cancelled there is no "next" one, unless the question names it.
        // A cancelled event is spoken of in the past tense too ("welche AGs waren geplant?").
        EventIndex? chosen = past ? finished.FirstOrDefault() ?? upcoming.FirstOrDefault(e => e.Event.Status == EventStatus.Cancelled)
            : future ? upcoming.FirstOrDefault(e => e.Event.Status != EventStatus.Cancelled) ?? (named || places.Count > 0 || year is not null || seasons.Count > 0 ? upcoming.FirstOrDefault() : null)
            : upcoming.FirstOrDefault() ?? finished.FirstOrDefault();
        // Nothing tells the events apart: not a title word, place, year or order. A kind or a month may narrow them.
        // A kind and a month without a year fit that month's past event as well as the coming one ("das Plenum im September").
        // ("das Herbstplenum" is the coming one: the season in the word names the event as its title would.)
        var bookable = seasons.Count > 0 ? (year is null && kindWord && !future ? [.. upcoming, .. finished] : upcoming)
            : [.. upcoming.Where(e => e.Event.Status != EventStatus.Cancelled)];
        // Title words that two coming events share ("Fachtag E-Akte" in two towns) name neither of them apart.
        var ambiguous = (!named || candidates.Count > 1) && !superlative && !past && places.Count == 0 && bookable.Count > 1
            && (previous is null || !candidates.Contains(previous)) && !(!named && running.Count == 1 && chosen == running[0])
            ? bookable
            : [];
        return new EventResolution(chosen, isExplicit || past || future, NotFound: chosen is null)
        {
            Ambiguous = ambiguous, Fitting = candidates, Underway = !named && running.Count == 1 && chosen == running[0],
            Series = named && !superlative && chosen is not null && candidates.Count > 1 && candidates.All(e => SameSeries(e, chosen))
                ? [.. candidates.Where(e => e != chosen).OrderBy(e => e.Event.Start)]
                : [],
        };
    }
}

using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using VirServerless.Core.Events;

namespace VirServerless.Bot.Questions;

/// <summary>Search structures of one event: its programme and FAQ as BM25 indexes, and the words that name it.</summary>
public sealed partial class EventIndex
{
    public EventIndex(CatalogEvent catalogEvent, Func<string?, IEnumerable<string>> documentTerms, Func<string, IReadOnlyList<string>> wordKeys)
    {
        Event = catalogEvent;
        Programme = new Bm25Index<Session>(catalogEvent.Programme.Select(s => (s, SessionTerms(s, documentTerms))));
        NamingTerms = catalogEvent.Programme.ToDictionary(s => s, s => documentTerms(string.Join(' ', [s.Title, s.Room, .. s.Speakers ?? []]))
            .Concat(KindTerms(s)).ToHashSet(StringComparer.Ordinal));
        foreach (var session in catalogEvent.Programme)
        {
            titleTerms[session] = [.. documentTerms(session.Title), .. KindTerms(session)];
            subjectTerms[session] = [.. titleTerms[session], .. documentTerms(session.Description), .. documentTerms(session.Room)];
        }

        Faq = new Bm25Index<FaqEntry>((catalogEvent.Faq ?? []).Select(f => (f, documentTerms(f.Question + " " + f.Answer))));
        NormalizedTitles = [.. catalogEvent.Programme.Select(s => GermanNormalizer.Normalize(s.Title))];
        PlaceTerms = CatalogIndex.Terms($"{catalogEvent.Venue?.Name} {catalogEvent.Venue?.City}")
            .Concat(CatalogIndex.TownAdjectives(catalogEvent.Venue?.City).Select(Lexicon.Term))
            .Where(t => t.Length >= 4 && !char.IsDigit(t[0]))
            .ToHashSet(StringComparer.Ordinal);
        NameTerms = documentTerms(catalogEvent.Title)
            .Where(t => t.Length >= 3 && !char.IsDigit(t[0]) && !Lexicon.IsIgnorable(t) && !IntentClassifier.IsCue(t)
                && t is not (Lexicon.Plenum or Lexicon.Marktplatz) && !PlaceTerms.Contains(t))
            .ToHashSet(StringComparer.Ordinal);
        // "Station 4" is the session titled so, not the one in the room "Stände 4 bis 6": a title's label comes before a room's.
        Labels = catalogEvent.Programme.SelectMany(session => LabelsIn(session.Title).Select(label => (label, session)))
            .Concat(catalogEvent.Programme.SelectMany(session => LabelsIn(session.Room ?? string.Empty).Select(label => (label, session))))
            .GroupBy(x => x.label, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().session, StringComparer.Ordinal);
        VenueTerms = documentTerms(string.Join(' ', [
            catalogEvent.Venue?.Name, catalogEvent.Venue?.Street, catalogEvent.Venue?.City,
            catalogEvent.Venue?.Directions, catalogEvent.Venue?.Accessibility]))
            .ToHashSet(StringComparer.Ordinal);
        FeeTerms = documentTerms(catalogEvent.Registration?.Fee).ToHashSet(StringComparer.Ordinal);
        DirectionTerms = documentTerms(catalogEvent.Venue?.Directions).ToHashSet(StringComparer.Ordinal);
        AccessibilityTerms = documentTerms(catalogEvent.Venue?.Accessibility).ToHashSet(StringComparer.Ordinal);
        OwnTerms = NameTerms.Concat(PlaceTerms).Concat(documentTerms(catalogEvent.Title)).Append(Lexicon.Plenum).Append(Lexicon.Marktplatz)
            .ToHashSet(StringComparer.Ordinal);
        FaqFits = (catalogEvent.Faq ?? []).ToDictionary(f => f, f => new FaqFit(f, OwnTerms, wordKeys));
        FaqQuestionTerms = [.. (catalogEvent.Faq ?? []).Select(f => documentTerms(f.Question).ToHashSet(StringComparer.Ordinal))];
        FaqQuestionForms = [.. (catalogEvent.Faq ?? []).Select(f => QuestionForm.Of([.. Tokenizer.Words(f.Question).Select(w => w.Joined)]))];
        // An event with workshops or an excursion is asked about by those words too ("Vorträge vor den Workshops").
        HeadlineTerms = documentTerms(string.Join(' ', [catalogEvent.Title, catalogEvent.Motto, catalogEvent.Host, .. catalogEvent.Topics ?? []]))
            .Concat(OwnTerms).Concat(catalogEvent.Programme.SelectMany(KindTerms)).ToHashSet(StringComparer.Ordinal);
        DescriptorTerms = documentTerms(string.Join(' ', [
            catalogEvent.Title, catalogEvent.Motto, catalogEvent.Summary, catalogEvent.Description,
            catalogEvent.Host, .. catalogEvent.Topics ?? []]))
            .ToHashSet(StringComparer.Ordinal);
    }

    public CatalogEvent Event { get; }

    /// <summary>The sessions' titles as typed words are compared with ("Busrundfahrt" holds "bus" and "fahrt").</summary>
    public IReadOnlyList<string> NormalizedTitles { get; }
    public Bm25Index<Session> Programme { get; }
    public Bm25Index<FaqEntry> Faq { get; }
    public IReadOnlySet<string> PlaceTerms { get; }

    /// <summary>The terms that name a session (title, kind, room, speakers), as against those its description merely mentions.</summary>
    public IReadOnlyDictionary<Session, HashSet<string>> NamingTerms { get; }
    public IReadOnlySet<string> DescriptorTerms { get; }

    /// <summary>Terms of the event's title, motto, host and topics: what may name the event in a question about any of its fields.</summary>
    public IReadOnlySet<string> HeadlineTerms { get; }

    /// <summary>Terms of the venue's name, address, directions and accessibility: what a place question may ask about.</summary>
    public IReadOnlySet<string> VenueTerms { get; }

    /// <summary>Terms of the venue's directions alone ("Parkhaus", "Buslinie").</summary>
    public IReadOnlySet<string> DirectionTerms { get; }

    /// <summary>Terms of the venue's accessibility notes alone ("Aufzug", "Obergeschoss").</summary>
    public IReadOnlySet<string> AccessibilityTerms { get; }

    /// <summary>Terms of the fee text ("45 Euro inkl. Mittagessen"): what a fee question may ask about.</summary>
    public IReadOnlySet<string> FeeTerms { get; }

    /// <summary>The terms that name the event itself: title, place and kind.</summary>
    public IReadOnlySet<string> OwnTerms { get; }

    /// <summary>The question word and content words of each FAQ entry's own question (see <see cref="QuestionForm"/>).</summary>
    public IReadOnlyList<QuestionForm> FaqQuestionForms { get; }

    /// <summary>The terms of each FAQ entry's own question.</summary>
    public IReadOnlyList<HashSet<string>> FaqQuestionTerms { get; }

    /// <summary>What each FAQ entry answers (see <see cref="FaqFit"/>).</summary>
    public IReadOnlyDictionary<FaqEntry, FaqFit> FaqFits { get; }

    /// <summary>Sessions by their short label: "AG 2", "Workshop B", "Stand 5" (as "workshop 2", "station 5").</summary>
    public IReadOnlyDictionary<string, Session> Labels { get; }

    /// <summary>The short labels ("workshop b", "station 5") a text names, with the label word as its concept.</summary>
    public static IEnumerable<string> LabelsIn(string text) =>
        LabelPattern().Matches(GermanNormalizer.Normalize(text))
            .Select(m => (Word: Lexicon.Term(m.Groups["word"].Value), Id: m.Groups["id"].Value))
            .Where(x => x.Word is Lexicon.Workshop or "station" or "themenblock" or "block")
            .Select(x => $"{(x.Word == "block" ? "themenblock" : x.Word)} {x.Id}");

    // "AG 1B" (a slot and a letter) and "ag1b" typed without the space name a session as "AG 2" does.
    [GeneratedRegex(@"\b(?<word>\p{L}{2,})(?:\s+(?<id>[a-z]|\d{1,2}[a-z]?)|(?<id>\d{1,2}[a-z]?))(?![\p{L}\d-])")]
    private static partial Regex LabelPattern();

    /// <summary>Content terms of the event's title ("Fachtag", "Sprechstunde"): they name the event, never a session or FAQ entry.</summary>
    public IReadOnlySet<string> NameTerms { get; }

    /// <summary>The concept a session's kind is asked by ("AG" for a workshop, "Ausflug" for an excursion).</summary>
    public static string[] KindTerms(Session session) => session.Kind switch
    {
        SessionKind.Workshop => [Lexicon.Workshop],
        SessionKind.Excursion => ["ausflug"],
        SessionKind.Talk => ["vortrag"],
        SessionKind.Panel => ["diskussion"],
        SessionKind.Station => ["station"],
        SessionKind.Meal => ["essen"],
        _ => [],
    };

    /// <summary>Terms of a session's title and kind: what names the session rather than what it mentions.</summary>
    public IReadOnlySet<string> TitleTerms(Session session) => titleTerms[session];

    private readonly Dictionary<Session, HashSet<string>> titleTerms = [];

    /// <summary>Terms of a session's title, kind, description and room: what it is about and where, not who gives it.</summary>
    public IReadOnlySet<string> SubjectTerms(Session session) => subjectTerms[session];

    private readonly Dictionary<Session, HashSet<string>> subjectTerms = [];

    private static IEnumerable<string> SessionTerms(Session session, Func<string?, IEnumerable<string>> documentTerms)
    {
        // The title counts twice: "AG 1: KI in der Verwaltung" is about KI more than its description is.
        var title = documentTerms(session.Title).ToList();
        return [.. title, .. title, .. KindTerms(session),
            .. documentTerms(session.Description),
            .. documentTerms(string.Join(' ', session.Speakers ?? [])),
            .. documentTerms(session.Room)];
    }
}

/// <summary>
/// The catalog's vocabulary (for typo correction and compound splitting) and one <see cref="EventIndex"/> per event.
/// Built once per <see cref="CatalogView"/> instance.
/// </summary>
public sealed partial class CatalogIndex
{
    private static readonly ConditionalWeakTable<CatalogView, CatalogIndex> Cache = [];

    /// <summary>Words members typed before: splitting a long word against the vocabulary is the dearest step of a question.</summary>
    private const int MaxRememberedWords = 20_000;

    private readonly HashSet<string> words = new(StringComparer.Ordinal);
    private readonly HashSet<string> terms = new(StringComparer.Ordinal);
    private readonly string[] compounds;
    private readonly ConcurrentDictionary<string, IReadOnlyList<string>> wordKeys = new(StringComparer.Ordinal);

    private CatalogIndex(CatalogView catalog)
    {
        foreach (var word in Lexicon.AllWords)
        {
            words.Add(word);
        }

        var catalogWords = new HashSet<string>(StringComparer.Ordinal);
        foreach (var catalogEvent in catalog.Events)
        {
            foreach (var word in Tokenizer.IndexTerms(EventText(catalogEvent)))
            {
                if (!word.Any(char.IsDigit))
                {
                    catalogWords.Add(word);
                }
            }
        }

        words.UnionWith(catalogWords);

        compounds = [.. catalogWords.Where(w => w.Length >= 8).Order(StringComparer.Ordinal)];

        foreach (var catalogEvent in catalog.Events)
        {
            words.UnionWith(TownAdjectives(catalogEvent.Venue?.City));
        }

        foreach (var word in words)
        {
            terms.Add(Lexicon.Term(word));
        }

        Events = [.. catalog.Events.Where(e => e.Status != EventStatus.Draft).Select(e => new EventIndex(e, DocumentTerms, WordKeys))];
        EventNamingTerms = Events.SelectMany(e => e.OwnTerms.Concat(e.PlaceTerms)).ToHashSet(StringComparer.Ordinal);
        var eventPlaces = Events.SelectMany(e => e.PlaceTerms).ToHashSet(StringComparer.Ordinal);
        OrganisationTowns = catalog.Events
            .SelectMany(e => OrganisationTown().Matches(GermanNormalizer.Normalize(EventText(e))).Select(m => Lexicon.Term(m.Groups["town"].Value)))
            .Where(t => t.Length >= 4 && !eventPlaces.Contains(t) && !Lexicon.AllWordSet.Contains(t))
            .ToHashSet(StringComparer.Ordinal);
        Typos = new TypoCorrector([.. words.Order(StringComparer.Ordinal)]);
    }

    public IReadOnlyList<EventIndex> Events { get; }
    public TypoCorrector Typos { get; }

    /// <summary>The terms that name any event (title, kind, place): they say which event, not what is asked.</summary>
    public IReadOnlySet<string> EventNamingTerms { get; }

    /// <summary>
    /// Towns the catalog names only as a speaker's or partner's municipality ("Stadt Hemmoor"), never as an event's place:
    /// "das Plenum in Hemmoor" names an event the catalog does not have.
    /// </summary>
    public IReadOnlySet<string> OrganisationTowns { get; }

    public static CatalogIndex For(CatalogView catalog) => Cache.GetValue(catalog, c => new CatalogIndex(c));

    /// <summary>The word itself is in the catalog or the lexicon (not only its stem).</summary>
    public bool IsWord(string word) => words.Contains(word);

    public bool IsKnown(string word) => words.Contains(word) || terms.Contains(Lexicon.Term(word));

    /// <summary>
    /// "Shuttle" where the catalog writes only "Shuttlebus": the one catalog compound that begins with the word and ends in a
    /// known word names what the word names (null when none or several do).
    /// </summary>
    public string? CompoundBeginningWith(string word)
    {
        if (word.Length < 5)
        {
            return null;
        }

        string? found = null;
        var at = Array.BinarySearch(compounds, word, StringComparer.Ordinal);
        for (var i = at < 0 ? ~at : at + 1; i < compounds.Length && compounds[i].StartsWith(word, StringComparison.Ordinal); i++)
        {
            var tail = compounds[i][word.Length..];
            if (tail.Length >= 3 && !Lexicon.IsIgnorable(tail) && IsKnown(tail))
            {
                if (found is not null)
                {
                    return null;
                }

                found = compounds[i];
            }
        }

        return found;
    }

    public EventIndex? Find(string? eventId) => Events.FirstOrDefault(e => e.Event.Id == eventId);

    /// <summary>Terms of catalog text without compound splitting (names of places, for example).</summary>
    public static IEnumerable<string> Terms(string? text) =>
        Tokenizer.IndexTerms(text).Select(Lexicon.Term);

    /// <summary>Index terms of catalog text; long compounds also contribute their known parts ("Parkplätze" → park).</summary>
    public IEnumerable<string> DocumentTerms(string? text)
    {
        foreach (var word in Tokenizer.IndexTerms(text))
        {
            yield return Lexicon.Term(word);
            if (word.Length >= 8 && CompoundSplitter.Split(word, part => part != word && IsKnown(part)) is { } parts)
            {
                foreach (var part in parts)
                {
                    yield return Lexicon.Term(part);
                }
            }
        }
    }

    /// <summary>
    /// What a normalized word names: its term first, then the attributes it asks about ("cue:fee") and, for a
    /// compound, its head's term and attributes ("Zimmerkontingent" → hotel, "Teilnahmegebühr" → cue:fee).
    /// </summary>
    public IReadOnlyList<string> WordKeys(string word)
    {
        if (wordKeys.TryGetValue(word, out var known))
        {
            return known;
        }
        var keys = KeysOf(word);
        if (wordKeys.Count < MaxRememberedWords)
        {
            wordKeys.TryAdd(word, keys);
        }
        return keys;
    }

    private string[] KeysOf(string word)
    {
        List<string> keys = [Lexicon.Term(word), .. IntentClassifier.CueClasses(word).Select(c => "cue:" + c)];
        // The head of a compound is its last part, whether or not the parts before it are known words.
        var head = word.Length < 8 ? null
            : CompoundSplitter.Split(word, part => part != word && IsKnown(part)) is { } parts ? parts[^1]
            : Enumerable.Range(3, word.Length - 6).Select(i => word[i..]).FirstOrDefault(IsKnown);
        if (head is not null)
        {
            keys.Add(Lexicon.Term(head));
            keys.AddRange(IntentClassifier.CueClasses(head).Select(c => "cue:" + c));
        }

        return [.. keys];
    }

    /// <summary>"das Emder Plenum", "die Oldenburger Tagung": the adjective German forms from a town's name names the town.</summary>
    public static IEnumerable<string> TownAdjectives(string? city) =>
        Tokenizer.IndexTerms(city).Where(w => w.Length >= 4 && !w.Any(char.IsDigit))
            .SelectMany(w => w.EndsWith("en", StringComparison.Ordinal) ? [w + "er", w[..^2] + "er"] : new[] { w + "er" });

    [GeneratedRegex(@"\b(?:stadt|gemeinde|samtgemeinde|einheitsgemeinde|landkreis|flecken|hansestadt|kreisstadt)\s+(?<town>\p{L}+)")]
    private static partial Regex OrganisationTown();

    private static string EventText(CatalogEvent e) => string.Join(' ', [
        e.Title, e.Motto, e.Summary, e.Description, e.Host, e.Venue?.Name, e.Venue?.Street, e.Venue?.City,
        e.Venue?.Directions, e.Venue?.Accessibility, e.Contact?.Name, .. e.Topics ?? [],
        .. e.Programme.SelectMany(s => (string?[])[s.Title, s.Description, s.Room, .. s.Speakers ?? []]),
        .. (e.Faq ?? []).SelectMany(f => (string?[])[f.Question, f.Answer])]);
}

/// <summary>
/// A question reduced to its question word ("wo", "kann", "gibt" …, German and English alike) and its content words as
/// terms: "Was passiert mit meiner Anmeldung?" and "what happens to my registration?" have the same form.
/// </summary>
public sealed record QuestionForm(string Asks, IReadOnlySet<string> Content)
{
    private static readonly Dictionary<string, string> QuestionWords = new(StringComparer.Ordinal)
    {
        ["wo"] = "wo", ["where"] = "wo", ["wohin"] = "wo", ["wann"] = "wann", ["when"] = "wann", ["wer"] = "wer", ["who"] = "wer",
        ["wen"] = "wer", ["wem"] = "wer", ["whom"] = "wer", ["wie"] = "wie", ["how"] = "wie", ["was"] = "was", ["what"] = "was",
        ["warum"] = "warum", ["wieso"] = "warum", ["weshalb"] = "warum", ["why"] = "warum", ["worin"] = "worin",
        ["kann"] = "kann", ["koennen"] = "kann", ["can"] = "kann", ["could"] = "kann", ["darf"] = "kann", ["duerfen"] = "kann", ["may"] = "kann",
        ["muss"] = "muss", ["muessen"] = "muss", ["musste"] = "muss", ["mussten"] = "muss", ["konnte"] = "kann", ["konnten"] = "kann", ["must"] = "muss", ["gibt"] = "gibt", ["gibts"] = "gibt",
        ["bekomme"] = "bekomme", ["bekommt"] = "bekomme", ["krieg"] = "bekomme", ["kriege"] = "bekomme", ["kriegt"] = "bekomme", ["erhalte"] = "bekomme",
        ["wird"] = "wird", ["werden"] = "wird", ["will"] = "wird",
    };

    /// <summary>Words that turn a question around and so must be shared ("ohne Anmeldung").</summary>
    private static readonly HashSet<string> Polar = new(StringComparer.Ordinal) { "ohne", "without", "nicht", "not", "kein", "keine", "keinen", "no" };

    public static QuestionForm Of(IReadOnlyList<string> normalizedWords)
    {
        var first = normalizedWords.FirstOrDefault(w => w is not ("und" or "and" or "ok" or "okay" or "also" or "dann" or "hallo" or "hi")) ?? string.Empty;
        var content = normalizedWords.Where(w => w.Length > 1 && !w.All(char.IsDigit) && (Polar.Contains(w) || !Lexicon.IsIgnorable(w)))
            .Select(w => Polar.Contains(w) ? "ohne" : Lexicon.Term(w)).ToHashSet(StringComparer.Ordinal);
        return new QuestionForm(QuestionWords.GetValueOrDefault(first, first), content);
    }

    /// <summary>Both ask with the same question word for the same things, apart from words that name an event.</summary>
    public bool SameAs(QuestionForm other, IReadOnlySet<string> eventTerms)
    {
        ArgumentNullException.ThrowIfNull(other);
        ArgumentNullException.ThrowIfNull(eventTerms);
        var mine = Content.Where(t => !eventTerms.Contains(t)).ToHashSet(StringComparer.Ordinal);
        return Asks == other.Asks && mine.Count > 0 && mine.SetEquals(other.Content.Where(t => !eventTerms.Contains(t)));
    }
}

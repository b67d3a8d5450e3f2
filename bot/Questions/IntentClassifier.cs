using System.Collections.Frozen;
using System.Text.RegularExpressions;
using VirServerless.Core.Events;

namespace VirServerless.Bot.Questions;

/// <summary>
/// Rule-based intent recognition over the corrected question text. Rules are tried in a fixed order, most
/// specific first ("Bis wann kann ich mich anmelden?" is a deadline question, not a registration).
/// </summary>
public static partial class IntentClassifier
{
    private static readonly FrozenSet<string> WhenWords =
        WordSet.Of(["wann", "datum", "termin", "uhrzeit", "beginn", "beginnt", "anfang", "faengt", "start", "startet", "ende", "endet",
         "dauert", "lange", "lang", "when", "date", "starts", "begin", "begins", "ends", "wochentag", "weekday",
         "end", "finish", "finishes", "finished", "vorbei", "aufhoeren", "endzeit", "schluss",
         // Past forms, for events that took place ("wann hat es angefangen?").
         "beginnen", "anfangen", "enden", "starten", "begann", "begonnen", "angefangen", "fing", "endete", "geendet", "dauerte", "gedauert", "startete", "gestartet", "began", "started", "ended"]);
    private static readonly FrozenSet<string> WhereWords =
        WordSet.Of(["wo", "ort", "adresse", "anschrift", "anfahrt", "anreise", "anreisen", "veranstaltungsort", "raum", "saal",
         "location", "where", "address", "venue", "directions", "stadt", "city", "room", "strasse", "tagungsort", "treffpunkt", "wohin", "trifft"]);
    private static readonly FrozenSet<string> AccessibilityWords =
        WordSet.Of(["barrierefrei", "barrierefreiheit", "rollstuhl", "rollstuhlgerecht", "rollstuhlfahrer", "aufzug", "accessible",
         "accessibility", "wheelchair", "wheelchairs", "barrierearm", "stufenlos", "rolli", "rollifahrer", "gehbehindert", "barrierefreie"]);
    private static readonly FrozenSet<string> DirectionWords =
        WordSet.Of(["anfahrt", "anreise", "anreisen", "hinkommen", "bahn", "zug", "bus", "bahnhof", "hauptbahnhof", "hbf", "haltestelle", "autobahn", "oepnv", "directions", "train", "wegbeschreibung", "auto", "pkw", "car", "drive", "driving"]);
    private static readonly FrozenSet<string> MorningWords = WordSet.Of(["vormittag", "vormittags", "morgens", "frueh", "morning"]);
    private static readonly FrozenSet<string> AfternoonWords = WordSet.Of(["nachmittag", "nachmittags", "afternoon"]);
    private static readonly FrozenSet<string> EveningWords = WordSet.Of(["abend", "abends", "evening"]);
    private static readonly FrozenSet<string> ProgrammeWords =
        WordSet.Of(["programm", "ablauf", "agenda", "tagesordnung", "zeitplan", "programme", "program", "schedule", "laeuft",
         "passiert", "geplant", "plan", "lief", "liefen"]);
    private static readonly FrozenSet<string> SpeakerWords =
        WordSet.Of(["referent", "referentin", "referenten", "redner", "rednerin", "sprecher", "sprecherin", "vortragende",
         "vortragenden", "speaker", "speakers", "moderiert", "moderation", "moderieren", "moderator", "moderatorin", "moderates", "moderate", "moderating", "spricht", "sprach", "sprechen", "speaks",
         "speaking", "haelt", "hielt", "redet", "leitet", "leiten", "fuehrt", "fuehren", "praesentiert", "praesentieren",
         "presents", "presented", "presenting", "leads", "led", "ran",
         // Past forms ("wer hat die Keynote gehalten?").
         "gehalten", "gesprochen", "geredet", "vorgetragen", "vortragen", "geleitet", "sprachen", "hielten", "redete", "leitete", "moderierte", "spoke", "gave", "chaired"]);
    private static readonly FrozenSet<string> TopicWords =
        WordSet.Of(["thema", "themen", "themenschwerpunkte", "schwerpunkt", "schwerpunkte", "worum", "motto", "inhalt", "inhalte",
         "topic", "topics", "subjects", "worueber"]);
    private static readonly FrozenSet<string> FeeWords =
        WordSet.Of(["kosten", "kostet", "gebuehr", "gebuehren", "teilnahmegebuehr", "preis", "euro", "bezahlen", "zahlen",
         "kostenlos", "kostenfrei", "gratis", "gekostet", "fee", "fees", "cost", "costs", "price", "pay", "beitrag", "teilnahmebeitrag",
         "kostenbeitrag", "gaestebeitrag", "charge", "charged", "umsonst", "zahlt", "zahle", "bezahle", "kost",
         "kostenlose", "kostenlosen", "kostenfreie", "kostenfreien", "kostenpflichtig", "kostenpflichtige", "kostenpflichtigen", "gebuehrenpflichtig"]);
    private static readonly FrozenSet<string> ContactWords =
        WordSet.Of(["kontakt", "ansprechpartner", "ansprechpartnerin", "ansprechperson", "erreiche", "mailadresse", "emailadresse",
         "rueckfragen", "fragen", "wenden", "wende", "wendet", "email", "mail", "telefon", "telefonnummer", "anrufen", "erreichen", "contact", "phone", "wen"]);
    private static readonly FrozenSet<string> HostWords =
        WordSet.Of(["gastgeber", "gastgeberin", "ausrichter", "ausrichterin", "ausgerichtet", "richtet", "veranstaltet", "veranstalter",
         "veranstalterin", "organisator", "organisiert", "organisatoren", "host", "hosts", "hosted", "hosting", "organiser", "organizer",
         "organised", "organized", "runs", "veranstaltete", "organisierte", "richtete", "organise", "organize", "organises", "organizes",
         "organising", "organizing", "organisers", "organizers", "ausrichtende", "gastgebende",
         // "Wer lädt zum Plenum ein?": who invites is who hosts.
         "laedt", "einlaedt", "lud", "invites"]);
    private static readonly FrozenSet<string> WaitlistWords =
        WordSet.Of(["warteliste", "wartelisten", "nachruecken", "nachruecker", "waitlist", "waiting"]);
    private static readonly FrozenSet<string> OrganisationWords =
        WordSet.Of(["kommune", "kommunen", "organisation", "organisationen", "behoerde", "dienststelle", "gemeinde", "haus", "landkreis",
         "municipality", "organization", "authority", "council"]);
    private static readonly FrozenSet<string> LimitWords =
        WordSet.Of(["pro", "je", "per", "viele", "wieviele", "wieviel", "many", "obergrenze", "limit", "begrenzt", "begrenzung",
         "hoechstens", "maximal", "max", "one", "einer", "grenze", "hoechstzahl", "beschraenkung", "beschraenkt", "cap", "capped"]);
    private static readonly FrozenSet<string> CapacityWords = WordSet.Of(["kapazitaet", "insgesamt", "teilnehmerzahl", "capacity", "total", "ausgelegt", "passen", "fassungsvermoegen"]);
    private static readonly FrozenSet<string> OpenWords =
        WordSet.Of(["offen", "geoeffnet", "oeffnet", "oeffnete", "oeffneten", "oeffnen", "besetzt", "freigeschaltet", "moeglich", "open", "opened", "noch", "still", "schon", "bereits", "already"]);
    private static readonly FrozenSet<string> StationWords = WordSet.Of(["station", "stationen", "staende", "stand", "stande", "stations", "booth", "booths", "stands"]);
    private static readonly FrozenSet<string> YesNoStarts =
        WordSet.Of(["ist", "sind", "gibt", "gibts", "kann", "koennen", "kann", "darf", "duerfen", "muss", "muessen", "soll", "sollen", "sollte",
         "komm", "komme", "hat", "haben", "findet", "sitzt", "spricht", "moderiert",
         "faellt", "bekomme", "krieg", "kriege", "bekommt", "brauche", "brauch", "wird", "werden", "gilt", "geht", "is", "are", "can",
         "do", "does", "will", "has", "have", "may", "must", "should", "did", "muessen", "muesste", "sollte", "sollen", "was", "were", "isn", "laeuft", "bin", "any", "gehts", "klappt", "reicht", "steht", "stehen", "gab", "hatte", "hattet", "kostet", "kosten", "kostets", "costs", "cost",
         "uebernimmt", "uebernehmt", "zahlt", "erstattet", "kommt", "gaebe", "mus", "hab", "habe"]);
    // A round is the set of choosable workshops that run at the same time; the catalog has no field for it, only the times.
    // (Here and not in IntentClassifier.Rounds.cs: CueWords below reads it while the type is initialised.)
    private static readonly FrozenSet<string> RoundWords =
        WordSet.Of(["runde", "runden", "round", "rounds", "slot", "slots", "zeitfenster", "zeitslot", "zeitslots", "durchgang", "durchgaenge"]);
    private static readonly FrozenSet<string> CancelledWords =
        WordSet.Of(["abgesagt", "ausgefallen", "ausfallen", "faellt", "cancelled", "canceled", "called"]);
    // Not "was"/"welche"/"what"/"which": "Was ist die nächste Veranstaltung?" asks for the event itself.
    private static readonly FrozenSet<string> Interrogatives =
        WordSet.Of(["wer", "warum", "wieso", "weshalb", "wem", "wen", "who", "how", "why", "whom", "inklusive", "inkl", "enthalten",
         "included", "include", "includes", "drin"]);
    private static readonly FrozenSet<string> WhyWords = WordSet.Of(["warum", "wieso", "weshalb", "grund", "why", "reason"]);
    private static readonly FrozenSet<string> SeatWords =
        WordSet.Of(["frei", "freie", "freien", "platz", "plaetze", "ausgebucht", "voll", "restplaetze", "kapazitaet", "seats",
         "seat", "free", "spots", "available", "left", "booked", "full"]);
    private static readonly FrozenSet<string> DeadlineWords =
        WordSet.Of(["anmeldeschluss", "anmeldefrist", "frist", "deadline", "spaetestens", "until", "meldeschluss"]);
    private static readonly FrozenSet<string> ListWords = WordSet.Of(["welche", "gibt", "which", "what", "list", "liste", "alle", "angebot", "auswahl", "waehlen", "zur", "there"]);
    private static readonly FrozenSet<string> HelpWords = WordSet.Of(["hilfe", "help", "kannst", "funktioniert", "funktionierst", "bist"]);
    private static readonly FrozenSet<string> GreetingWords = WordSet.Of(["hallo", "hi", "hey", "moin", "servus", "guten", "hello", "gruess", "morning"]);
    private static readonly FrozenSet<string> ChangeWords = WordSet.Of(["wechseln", "aendern", "umbuchen", "tauschen", "tausch", "tausche", "wechsel", "aendere", "aender", "andere", "anderen", "change", "switch", "umwaehlen"]);
    private static readonly FrozenSet<string> ChosenWords = WordSet.Of(["gewaehlt", "gebucht", "ausgewaehlt", "genommen", "belegt", "chose", "chosen", "picked", "booked"]);
    private static readonly FrozenSet<string> CancelWords =
        WordSet.Of(["abmelden", "abmeldung", "stornieren", "storniere", "storno", "absagen", "cancel", "unregister", "austragen"]);
    private static readonly FrozenSet<string> RegisterWords =
        WordSet.Of(["anmelden", "anmeldung", "registrieren", "teilnehmen", "mitmachen", "register", "signup", "buchen", "anmelde", "melde", "meld"]);

    /// <summary>Every cue word; they are known words and never the subject of a search.</summary>
    public static IEnumerable<string> CueWords =>
        WhenWords.Concat(WhereWords).Concat(AccessibilityWords).Concat(DirectionWords).Concat(ProgrammeWords)
            .Concat(SpeakerWords).Concat(TopicWords).Concat(FeeWords).Concat(ContactWords).Concat(SeatWords)
            .Concat(DeadlineWords).Concat(ListWords).Concat(HelpWords).Concat(GreetingWords).Concat(ChangeWords)
            .Concat(ChosenWords).Concat(CancelWords).Concat(RegisterWords).Concat(HostWords).Concat(WaitlistWords)
            .Concat(OrganisationWords).Concat(LimitWords).Concat(CapacityWords).Concat(OpenWords).Concat(StationWords).Concat(CancelledWords).Concat(WhyWords)
            .Concat(MorningWords).Concat(AfternoonWords).Concat(EveningWords).Concat(RoundWords)
            .Concat(["erreiche", "sign", "up", "signed", "angemeldet", "registriert", "eingetragen", "wechsle", "melden", "bin", "trag", "tragen", "eintragen", "setz", "setze", "setzen", "setzt", "pick", "choose", "select", "selected", "buch", "buche", "praesenz", "physisch", "onsite",
                // "zu viert": the size of a group, never a subject.
                "zweit", "dritt", "viert", "fuenft", "sechst", "siebt", "neunt", "zehnt",
                // "worum gings da?": "ging es" typed as one word, like "gibts".
                "gings",
                // "was ist in den 95 Euro drin?": what a fee includes is asked, the words name no subject.
                "inklusive", "inkl", "enthalten", "einschliesslich", "drin", "included", "include", "includes",
                // "can I watch it online?": taking part from afar.
                "watch", "zuschauen", "zugucken",
                // "welcher hat weniger Stationen?": a comparison, not a subject.
                "weniger", "wenigsten", "meisten", "fewer", "fewest"]);

    private static readonly HashSet<string> CueSet = new(CueWords, StringComparer.Ordinal);

    public static bool IsCue(string word) => CueSet.Contains(word);

    /// <summary>The attributes a question can ask about, with the cue words that ask for them.</summary>
    private static readonly FrozenDictionary<string, string[]> ClassesByWord = new (string Class, IEnumerable<string> Words)[]
    {
        ("when", WhenWords), ("where", WhereWords), ("address", ["adresse", "anschrift", "strasse", "address", "postleitzahl"]),
        ("accessibility", AccessibilityWords), ("directions", DirectionWords), ("speaker", SpeakerWords), ("topic", TopicWords),
        ("fee", FeeWords), ("contact", ContactWords), ("host", HostWords), ("waitlist", WaitlistWords),
        ("organisation", OrganisationWords), ("capacity", CapacityWords), ("seats", SeatWords), ("deadline", DeadlineWords),
        ("station", StationWords), ("cancel", CancelWords),
    }
        .SelectMany(c => c.Words.Select(w => (Word: w, c.Class)))
        .Where(x => x.Word is not ("wen" or "fragen" or "haus" or "pro" or "je" or "per" or "one" or "einer" or "free" or "left" or "lange"))
        .GroupBy(x => x.Word, StringComparer.Ordinal)
        .ToFrozenDictionary(g => g.Key, g => g.Select(x => x.Class).Distinct().ToArray(), StringComparer.Ordinal);

    /// <summary>The attributes ("when", "fee", "seats", …) a word asks about; none for function words.</summary>
    public static IReadOnlyList<string> CueClasses(string word) => ClassesByWord.GetValueOrDefault(word) ?? [];

    public static Intent Classify(ParsedQuestion q)
    {
        var text = q.Text;
        var aboutWorkshops = q.HasTerm(Lexicon.Workshop) || q.HasWord("session", "sessions");
        var aboutRegistration = q.Words.Any(w => Lexicon.Term(w) == Lexicon.Registration) || SignUpPattern().IsMatch(text)
            || q.HasWord("melde", "meld", "melden", "eintragen") || (q.HasWord("teilnehmen") && !AsksToTakePartFromAfar(text))
            || (q.HasWord("tragen", "trag") && q.HasWord("mich", "uns"));

        // "Muss ich mich jetzt abmelden?", "do I have to cancel?": a question about the duty to cancel, not the request.
        if ((q.HasWord(CancelWords) || SignOffPattern().IsMatch(text))
            && !UntilPattern().IsMatch(text) && !q.HasWord(FeeWords) && !q.HasWord("man", "kostenlos", "kostenfrei", "frist")
            && !MustICancelPattern().IsMatch(text))
        {
            return Intent.Cancel;
        }

        // Changing or looking up one's own choice is personal only when the question speaks of oneself ("kann man … ändern?" is general).
        var personal = FirstPersonPattern().IsMatch(text);
        // "Kann ich die AG nach der Anmeldung noch ändern?": registering named as a step in time asks for the rule, not the change.
        // A station chosen at registration is changed as a workshop is ("meine Station ändern").
        if ((aboutWorkshops || (q.HasWord(StationWords) && personal)) && !AfterRegisteringPattern().IsMatch(text) && (q.HasWord(ChangeWords) || text.Contains("wechsle", StringComparison.Ordinal) || InsteadPattern().IsMatch(text)
                || RebookPattern().IsMatch(text))
            && (personal || !q.HasWord("man", "one")))
        {
            return Intent.ChangeSessions;
        }

        if (aboutWorkshops && (q.HasWord(ChosenWords) || MinePattern().IsMatch(text)) && personal)
        {
            return Intent.MySessions;
        }

        // "was hab ich beim Plenum im März gebucht?": one's own choice, whatever the sessions are called.
        if (q.HasWord(ChosenWords) && OwnChoiceQuestionPattern().IsMatch(text))
        {
            return Intent.MySessions;
        }

        // "Bin ich dann auf der Warteliste, wenn ich mich jetzt noch anmelde?": what happens if, not one's own status.
        if (AmIRegisteredPattern().IsMatch(text) && !IfIPattern().IsMatch(text))
        {
            return Intent.AmIRegistered;
        }

        if ((q.HasWord(DeadlineWords) && !(q.HasWord("schluss") && !aboutRegistration && q.Words.Count(DeadlineWords.Contains) == 1))
            || (aboutRegistration && (q.HasWord("wann", "when") || UntilPattern().IsMatch(text))))
        {
            return Intent.Deadline;
        }

        // "Setz mich auf die Warteliste": a request to be put on it is a registration.
        if (q.HasWord(WaitlistWords) && !RegisterPattern().IsMatch(text))
        {
            return Intent.Waitlist;
        }

        if (q.HasWord(OrganisationWords) && (q.HasWord(LimitWords) || AskedNumber(q) is not null))
        {
            return Intent.PerOrganisation;
        }

        if (RegisterPattern().IsMatch(text))
        {
            return Intent.Register;
        }

        // "kannst du das nachtragen?", "bitte noch die Busfahrt nachbuchen": a request to add to one's registration.
        if (AddsToRegistration(q) && (q.HasWord("kannst", "koenntest", "bitte", "please") || q.Words[0] is "trag" or "buch" or "add"))
        {
            return Intent.Register;
        }

        if (aboutRegistration && (IsYesNo(q) || q.HasWord(OpenWords)))
        {
            return Intent.RegistrationState;
        }

        if (q.HasWord(StationWords) && !q.HasWord(SpeakerWords) && !q.HasWord(WhereWords) && !q.HasWord(ProgrammeWords) && !WhoPattern().IsMatch(text))
        {
            return Intent.Stations;
        }

        // "Wie viele können maximal teilnehmen?": the capacity, not one's own organisation's cap.
        if (q.HasWord(CapacityWords) || (AsksHowMany(q) && q.HasWord("max", "maximal", "hoechstens", "teilnehmen", "mitmachen", "attend", "participate", "fit", "join")))
        {
            return Intent.FreeSeats;
        }

        if (q.HasWord(SeatWords) && !FreeOfChargePattern().IsMatch(text))
        {
            return Intent.FreeSeats;
        }

        // "how much is it?", "ist das Mittagessen inklusive?": the fee and what it includes.
        if (q.HasWord(FeeWords) || FreeOfChargePattern().IsMatch(text) || HowMuchPattern().IsMatch(text) || IncludedPattern().IsMatch(text))
        {
            return Intent.Fee;
        }

        // "Für wen ist das gedacht?", "who is it for?": the audience, told by an FAQ entry or the description, never the contact.
        if (AudiencePattern().IsMatch(text))
        {
            return Intent.Unknown;
        }

        // "geht das auch per Telefon?": taking part by phone, not the contact's phone number.
        if (ByPhonePattern().IsMatch(text))
        {
            return Intent.Unknown;
        }

        // "who do I ask about …?": the contact, as "wen frag ich …?" is.
        if (q.HasWord(ContactWords) || (q.HasWord("who", "whom") && q.HasWord("ask", "asking")))
        {
            return Intent.Contact;
        }

        // "who runs workshop A?", "who runs the archive station?": the one who leads a session is its speaker, not the event's host.
        if (q.HasWord(HostWords) && !aboutWorkshops && !q.HasWord(StationWords))
        {
            return Intent.Host;
        }

        if (WhoMayPattern().IsMatch(text))
        {
            return Intent.Unknown;
        }

        // "Wann spricht Frau X?": the time of the sessions she speaks in.
        if (q.HasWord(SpeakerWords) && q.HasWord(WhenWords) && !WhoPattern().IsMatch(text))
        {
            return Intent.When;
        }

        // "wie heißt das Motto?" asks for a name that is no person's.
        if (q.HasWord(SpeakerWords) || (WhoPattern().IsMatch(text) && !(q.HasWord("heisst", "heissen") && q.HasWord(TopicWords))))
        {
            return Intent.Speakers;
        }

        if (q.TimeOfDay is not null && !q.HasWord(WhenWords))
        {
            return Intent.ProgrammeAtTime;
        }

        if (q.HasWord(TopicWords) || AboutPattern().IsMatch(text))
        {
            return Intent.Topics;
        }

        if (aboutWorkshops && (q.HasWord(ListWords) || q.Terms.Count == 1) && !q.HasWord("wo", "where"))
        {
            return Intent.Workshops;
        }

        if (q.HasWord(ProgrammeWords) || WhatIsOnPattern().IsMatch(text))
        {
            return Intent.Programme;
        }

        if (q.HasWord(WhenWords) || WhenPattern().IsMatch(text))
        {
            return Intent.When;
        }

        if (AsksOnlineOrOnSite(text) || q.HasWord(WhereWords) || q.HasWord(AccessibilityWords) || q.HasWord(DirectionWords) || HowToGetTherePattern().IsMatch(text) || q.HasTerm(Parking))
        {
            return Intent.Where;
        }

        if (q.HasWord(HelpWords) || HelpPattern().IsMatch(text))
        {
            return Intent.Help;
        }

        return q.HasWord(GreetingWords) ? Intent.Greeting : Intent.Unknown;
    }

    /// <summary>A question that expects "Ja"/"Nein" first: it opens with a verb ("Gibt es noch Plätze?", "Is it free?").</summary>
    public static bool IsYesNo(ParsedQuestion q) =>
        OpensYesNo(q.Words)
        // "wir sind Mitgliedskommune, müssen wir was zahlen?": a statement about oneself first, then the question.
        || (q.Normalized.Split(',', ';') is { Length: > 1 } clauses
            && Tokenizer.Words(clauses[0]) is { Count: > 0 } opening
            && (opening[0].Joined is "ich" or "wir" or "i" or "we" or "mein" or "meine" or "unser" or "unsere" or "my" or "our" or "als" or "as"
                // "Seminarraum Alexander, komm ich da mit Rollstuhl hin?": a bare name first, the question after it.
                || (opening[0].Joined is not ("und" or "and") && opening.All(w => !YesNoStarts.Contains(w.Joined) && !QuestionWordsAll.Contains(w.Joined))))
            && OpensYesNo([.. Tokenizer.Words(clauses[^1]).Select(w => w.Joined)]));

    private static readonly FrozenSet<string> QuestionWordsAll =
        WordSet.Of(["wer", "was", "wann", "wo", "wie", "welche", "welcher", "welches", "welchen", "warum", "wieso", "weshalb", "wohin", "woher",
         "who", "what", "when", "where", "which", "why", "how"]);

    /// <summary>"morgen früh", "heute abend" put before the verb ("morgen früh gibts Kaffee?").</summary>
    public static readonly FrozenSet<string> LeadingTimeWords = WordSet.Of(["morgen", "morgn", "uebermorgen", "ueber", "heute", "heut", "frueh",
        "vormittags", "nachmittags", "abend", "abends", "mittags", "tomorrow", "today", "tonight"]);

    private static bool OpensYesNo(IReadOnlyList<string> words) =>
        words.FirstOrDefault(w => w is not ("und" or "and" or "also" or "ok" or "okay" or "so" or "dann" or "hm" or "oh" or "ah" or "mist"
            or "schade" or "super" or "prima" or "gut" or "eigentlich") && !LeadingTimeWords.Contains(w)) is { } first
        && YesNoStarts.Contains(first)
        // German "was" asks what; only English "was it …?" expects a yes or no.
        && (first != "was" || words.SkipWhile(w => w != "was").Skip(1).FirstOrDefault() is "it" or "there" or "the" or "this" or "that" or "i" or "my");

    public static bool StartsYesNo(string word) => YesNoStarts.Contains(word) && word != "was";

    /// <summary>"vormittags", "am Nachmittag", "abends": the part of the day a question narrows a list to.</summary>
    public static DayPart? PartOfDay(ParsedQuestion q) =>
        q.HasWord(MorningWords) ? new DayPart(0, 12 * 60)
        : q.HasWord(AfternoonWords) ? new DayPart(12 * 60, 17 * 60)
        : q.HasWord(EveningWords) ? new DayPart(17 * 60, 24 * 60)
        : null;

    public static bool AsksHowMany(ParsedQuestion q) => q.HasWord("viele", "wieviele", "wieviel", "many", "anzahl", "zahl") && !ClockQuestionPattern().IsMatch(q.Text);

    public static bool AsksWhy(ParsedQuestion q) => q.HasWord(WhyWords);

    /// <summary>"Worum geht es?", "what is it about?": what the event is about, not only its list of topics.</summary>
    public static bool AsksWhatAbout(ParsedQuestion q) => q.HasWord("worum", "worueber") || AboutPattern().IsMatch(q.Text);

    /// <summary>A small head count the question names ("mit 4 Leuten"); years and clock times are not one.</summary>
    public static int? AskedNumber(ParsedQuestion q) =>
        q.Words.Where(w => w.Length <= 2 && w.All(char.IsAsciiDigit)).Select(w => int.Parse(w, System.Globalization.CultureInfo.InvariantCulture)).Where(n => n is > 0 and < 50).Cast<int?>().FirstOrDefault()
        ?? GroupSize(q);

    /// <summary>
    /// "Kann ich online teilnehmen?", "can I watch it online?": taking part from afar, which a stream or the venue tells,
    /// not the registration state.
    /// </summary>
    public static bool AsksToTakePartFromAfar(string text) => FromAfarPattern().IsMatch(text);

    [GeneratedRegex(@"\b(online|remote|virtuell|livestream|stream|video)\s+(teilnehmen|teilnahme|dabei sein|mitmachen|zuschauen|zugucken|zuhoeren|zuschalten|dazuschalten|verfolgen|mitverfolgen)\b|\b(join|attend|watch|participate|take part|follow)\b.*\b(online|remotely|virtually|via (live)?stream)\b|\b(livestream\w*|streams?|streamed|streaming|gestreamt)\b")]
    private static partial Regex FromAfarPattern();

    /// <summary>"per Telefon", "by phone": the phone as the way to take part.</summary>
    public static bool AsksByPhone(string text) => ByPhonePattern().IsMatch(text);

    [GeneratedRegex(@"\b(per|via|ueber|by|over the) (telefon|phone)\b|\btelefonisch\b")]
    private static partial Regex ByPhonePattern();

    /// <summary>"online oder in Präsenz?", "in person or online?": the venue tells which.</summary>
    public static bool AsksOnlineOrOnSite(string text) => OnlineOrOnSitePattern().IsMatch(text);

    [GeneratedRegex(@"\b(online|virtuell|digital|remote)\b.*\b(oder|or)\b.*\b(praesenz|vor ort|in person|persoenlich|on site|onsite|physisch)\b|\b(praesenz|vor ort|in person|persoenlich|on site|onsite|physisch)\b.*\b(oder|or)\b.*\b(online|virtuell|digital|remote)\b")]
    private static partial Regex OnlineOrOnSitePattern();

    /// <summary>"Für wen ist der Fachtag gedacht?", "who is it for?": whom the event addresses.</summary>
    public static bool AsksForAudience(string text) => AudiencePattern().IsMatch(text);

    [GeneratedRegex(@"\bfuer wen\b|\bwho is\b.*\b(meant|intended|aimed) (for|at)\b|\bwho is (it|this|that) for\b|\bfor whom\b|\bzielgruppe\b|\btarget (group|audience)\b|\bwen (richtet|spricht)\b")]
    private static partial Regex AudiencePattern();

    /// <summary>A sentence of a description that says whom the event addresses ("richtet sich an …").</summary>
    public static bool SpeaksOfAudience(string sentence) => AudienceTextPattern().IsMatch(GermanNormalizer.Normalize(sentence));

    [GeneratedRegex(@"\brichte[nt]? sich an\b|\bzielgruppe\b|\bgedacht fuer\b|\bist (offen )?fuer alle\b|\beingeladen sind\b|\bis (meant|intended) for\b|\baimed at\b")]
    private static partial Regex AudienceTextPattern();

    /// <summary>"Wer darf teilnehmen?", "who can attend?": answered by an FAQ entry that asks the same.</summary>
    public static bool AsksWhoMay(string text) => WhoMayPattern().IsMatch(text);

    /// <summary>"Was ist inklusive?", "what's included?": answered by the fee text or an FAQ entry about what it includes.</summary>
    public static bool AsksWhatIsIncluded(string text) => IncludedPattern().IsMatch(text);

    /// <summary>"Kann ich nur am Donnerstag kommen?", "only one day?": taking part on one day of several.</summary>
    public static bool AsksForOneDay(string text) => OneDayPattern().IsMatch(text);

    /// <summary>"der letzte Programmpunkt", "the first talk": true for the first, false for the last, null otherwise.</summary>
    public static bool? AsksFirstOrLastItem(ParsedQuestion q) =>
        !q.HasWord("programmpunkt", "punkt", "vortrag", "beitrag", "item", "talk", "session", "agenda", "programm", "programme") ? null
        : q.HasWord("erste", "ersten", "erster", "erstes", "first") ? true
        : q.HasWord("letzte", "letzten", "letzter", "letztes", "last", "final") ? false
        : null;

    /// <summary>"wie viele Leute waren da?": the number of people who came.</summary>
    public static bool AsksForAttendance(ParsedQuestion q) =>
        q.HasWord("leute", "leuten", "personen", "teilnehmer", "teilnehmende", "besucher", "gaeste", "people", "attendees", "visitors", "participants")
        || q.HasWord("da", "dort", "there");

    /// <summary>"Wie nehme ich teil?", "how do I join?": how to take part (a link, a room), not how to register.</summary>
    public static bool AsksHowToJoin(string text) => HowToJoinPattern().IsMatch(text);

    /// <summary>"Bis wann kann ich stornieren?", "was, wenn ich krank werde?": withdrawing or sending someone else.</summary>
    public static bool AsksHowToWithdraw(string text) => WithdrawDeadlinePattern().IsMatch(text) || CannotAttendPattern().IsMatch(text)
        || WithdrawingPattern().IsMatch(text) || SendInsteadPattern().IsMatch(text);

    /// <summary>Withdrawing oneself ("absagen", "cancel"), not an event that was cancelled ("abgesagt", "cancelled").</summary>
    [GeneratedRegex(@"\b(abmelden|abmeldung|stornieren|stornierung|absagen|austragen|cancel|withdraw|unregister)\b")]
    private static partial Regex WithdrawingPattern();

    [GeneratedRegex(@"\b(kollege|kollegen|kollegin|kolleginnen|vertretung|ersatz\w*|jemand\w*|colleague|someone|substitute)\b.*\b(schicken|schicke|senden|hinschicken|send|gehen|kommen|come|go)\b|\bstattdessen\b|\binstead\b")]
    private static partial Regex SendInsteadPattern();

    /// <summary>"Bis wann kann ich stornieren?": the deadline for withdrawing.</summary>
    public static bool AsksWithdrawalDeadline(string text) => WithdrawDeadlinePattern().IsMatch(text);

    /// <summary>An FAQ text about withdrawing or a substitute.</summary>
    public static bool SpeaksOfWithdrawal(string text) => WithdrawalTextPattern().IsMatch(text);

    /// <summary>"welchen … hatte ich genommen?": the one asking looks up what they chose.</summary>
    public static bool AsksForOwnChoice(ParsedQuestion q) => (q.HasWord(ChosenWords) || MinePattern().IsMatch(q.Text)) && FirstPersonPattern().IsMatch(q.Text)
        && !q.HasWord(RegisterWords) && !q.HasWord(ChangeWords);

    /// <summary>"tauschen", "wechseln", "lieber … statt …": a wish to change a choice, by the one asking.</summary>
    public static bool AsksToChange(ParsedQuestion q) =>
        (q.HasWord(ChangeWords) || InsteadPattern().IsMatch(q.Text)) && FirstPersonPattern().IsMatch(q.Text);

    /// <summary>"Ist das kostenlos?", "is it free?": a "Ja" means free of charge.</summary>
    public static bool AsksIfFree(ParsedQuestion q) => FreeOfChargePattern().IsMatch(q.Text);

    public static bool AsksIfCancelled(ParsedQuestion q) => q.HasWord(CancelledWords);

    /// <summary>"ändern", "wechseln", "tauschen": words of changing a choice.</summary>
    public static bool SpeaksOfChange(IEnumerable<string> words) => words.Any(w => ChangeWords.Contains(w) && w is not ("andere" or "anderen"));

    /// <summary>"Ist die AG schon voll?", "is it fully booked?": a "Ja" means no seat is left.</summary>
    public static bool AsksIfFull(ParsedQuestion q) => q.HasWord("voll", "ausgebucht", "full", "overbooked") || FullyBookedPattern().IsMatch(q.Text);

    [GeneratedRegex(@"\b(fully|already) booked\b|\bbooked (out|up)\b|\bsold out\b")]
    private static partial Regex FullyBookedPattern();

    public static bool AsksForAccessibility(ParsedQuestion q) => q.HasWord(AccessibilityWords) && AccessibilitySubject(q) is null;

    /// <summary>"was zu Barrierefreiheit", "the one on accessibility": the term of an accessibility word that names a subject.</summary>
    public static string? AccessibilitySubject(ParsedQuestion q)
    {
        for (var i = 1; i < q.Words.Count; i++)
        {
            if (AccessibilityWords.Contains(q.Words[i])
                && q.Words[i - 1] is "zu" or "zum" or "zur" or "ueber" or "about" or "on" or "der" or "die" or "das" or "dem"
                && (q.Words[i - 1] is not ("der" or "die" or "das" or "dem") || (i >= 2 && q.Words[i - 2] is "zu" or "ueber")))
            {
                return Lexicon.Term(q.Words[i]);
            }
        }

        return null;
    }

    /// <summary>The terms of the accessibility words in the question ("barrierefreien" → its term).</summary>
    public static IEnumerable<string> AccessibilityTerms(ParsedQuestion q) => q.Words.Where(AccessibilityWords.Contains).Select(Lexicon.Term);

    public static bool AsksForDirections(ParsedQuestion q) => q.HasWord(DirectionWords) || HowToGetTherePattern().IsMatch(q.Text) || q.HasTerm(Parking);

    /// <summary>The lexicon's concept for parking: the venue's directions say where to park.</summary>
    private const string Parking = "parken";

    public static bool AsksWhere(ParsedQuestion q) => q.HasWord(WhereWords);


    /// <summary>"Wo kann ich mitmachen?", "Wo melde ich mich an?": where to take part, not where the event is.</summary>
    public static bool AsksWhereToTakePart(ParsedQuestion q) =>
        q.HasWord("wo", "where") && q.HasWord("mitmachen", "teilnehmen", "anmelden", "registrieren", "melden", "melde", "beteiligen", "join", "register", "sign")
        && !q.HasWord("ort", "adresse", "veranstaltungsort", "stadt", "raum", "saal", "address", "venue", "location", "room", "city");

    /// <summary>"Wer moderiert?", "who chairs …": a role in a session, which only that session's speakers can fill.</summary>
    public static bool AsksForRole(ParsedQuestion q) =>
        q.HasWord("moderiert", "moderation", "moderator", "moderatorin", "moderiert", "leitet", "leitung", "chairs", "moderates", "moderating");

    public static bool AsksWho(ParsedQuestion q) => WhoPattern().IsMatch(q.Text);

    /// <summary>"Kann man bar zahlen?", "wie wird bezahlt?", "vorab überweisen?": the way the fee is paid.</summary>
    public static bool AsksHowToPay(ParsedQuestion q) =>
        q.HasWord("zahlen", "bezahlen", "zahle", "bezahle", "zahlt", "bezahlt", "gezahlt", "zahlung", "bezahlung", "ueberweisen", "ueberweisung", "ueberweise",
            "pay", "paid", "payment", "transfer")
        && q.HasWord("wie", "how", "bar", "bargeld", "cash", "ueberweisen", "ueberweisung", "ueberweise", "vorab", "rechnung", "invoice", "karte", "card", "transfer", "ort", "site");

    /// <summary>A text about paying: an invoice, a transfer, cash, payment on site.</summary>
    public static bool SpeaksOfPayment(string text) => PaymentPattern().IsMatch(text);

    [GeneratedRegex(@"(?<![-\w])(rechnung|sammelrechnung|abgerechnet|abrechnung|ueberweis\w*|bar|barzahlung|bargeld|zahlung|zahlbar|bezahlt|invoice)\b")]
    private static partial Regex PaymentPattern();

    /// <summary>"Wie heißt …?", "what is the name of …": a name is asked for.</summary>
    public static bool AsksForName(ParsedQuestion q) => q.HasWord("heisst", "heissen", "name", "called");

    /// <summary>"abmelden", "stornieren", "cancel": words of withdrawing a registration.</summary>
    public static bool SpeaksOfCancelling(string text) => CancellingPattern().IsMatch(text);

    [GeneratedRegex(@"\b(abmeld\w*|stornier\w*|storno\w*|absag\w*|cancel\w*|withdraw\w*)\b")]
    private static partial Regex CancellingPattern();

    /// <summary>"bis wann?", "until when?": the end of something.</summary>
    public static bool AsksUntilWhen(ParsedQuestion q) => UntilPattern().IsMatch(q.Text);

    /// <summary>"Grenze", "Obergrenze", "limit": a cap is asked about.</summary>
    public static bool NamesLimit(ParsedQuestion q) =>
        q.HasWord("grenze", "obergrenze", "limit", "begrenzung", "begrenzt", "hoechstzahl", "beschraenkung", "beschraenkt", "cap", "capped", "maximal", "hoechstens");

    /// <summary>"Kann man Workshops wählen?", "can you pick a workshop?": choosing among sessions, not one's own choice.</summary>
    public static bool AsksToChoose(ParsedQuestion q) =>
        q.HasWord("waehlen", "auswaehlen", "aussuchen", "waehlbar", "waehlbare", "waehlbaren", "choose", "pick", "select", "choosable") && IsYesNo(q);

    /// <summary>"Kostet das was?", "does parking cost anything?": whether something costs, not how much.</summary>
    public static bool AsksIfItCosts(ParsedQuestion q) =>
        q.HasWord("kostet", "kosten", "kostets", "cost", "costs", "charge", "charged", "kostenpflichtig", "gebuehrenpflichtig") && !q.HasWord("wie", "viel", "how", "much");

    public static bool AsksWhen(ParsedQuestion q) => q.HasWord("wann", "when") || UntilPattern().IsMatch(q.Text);

    /// <summary>"what time do the stations close?", "um wieviel Uhr?": a clock time asked for.</summary>
    public static bool AsksClockTime(ParsedQuestion q) => ClockQuestionPattern().IsMatch(q.Text) || q.Text.Contains("what time", StringComparison.Ordinal);

    /// <summary>"hab ich das schon verpasst?", "did I miss it?": whether something is over by now.</summary>
    public static bool AsksIfMissed(ParsedQuestion q) => q.HasWord("verpasst", "verpassen", "verpasse", "missed", "miss");

    /// <summary>"Kann ich …?", "Darf man …?", "Can I …?": a question about what is allowed or possible.</summary>
    public static bool AsksMayOrCan(ParsedQuestion q) =>
        IsYesNo(q) && q.Words.FirstOrDefault(w => w is not ("und" or "and" or "also" or "ok" or "okay" or "dann")) is
            "kann" or "koennen" or "darf" or "duerfen" or "muss" or "muessen" or "brauche" or "brauch" or "can" or "may" or "must" or "should";

    /// <summary>The question asks something (who, why, what is included, may I …), so naming an event is not all it says.</summary>
    public static bool AsksSomething(ParsedQuestion q) =>
        q.HasWord(Interrogatives) || AsksMayOrCan(q);

    /// <summary>
    /// "die Station zum …", "die Stände": the question names stations. Station words are cue words, never search terms,
    /// so only this tells a station from a talk elsewhere with the same title words (other kinds are search terms).
    /// </summary>
    public static SessionKind? SessionKindNamed(ParsedQuestion q) => q.HasWord(StationWords) ? SessionKind.Station : null;

    /// <summary>"Wie viele sind schon angemeldet?": a count of registrations, as against how many may register.</summary>
    public static bool AsksForRegisteredCount(ParsedQuestion q) =>
        q.HasWord("angemeldet", "registriert", "eingetragen", "registered", "signed", "dabei")
        && !q.HasWord("darf", "duerfen", "kann", "koennen", "may", "can", "maximal", "hoechstens", "max", "limit", "hoechstzahl", "obergrenze");

    /// <summary>"kann ich nur am 2. Tag kommen?", "only on the first day?": taking part on one day of several.</summary>
    public static bool AsksForOneDayOnly(ParsedQuestion q) =>
        q.HasWord("nur", "only") && (q.Day is { Ordinal: not null } || SpeaksOfOneDayOnly(q.Text))
        && q.HasWord("kommen", "komme", "teilnehmen", "teilnehme", "dabei", "hinkommen", "come", "attend", "join", "participate", "take");

    /// <summary>"nur an einem Tag", "only one day", "einzelne Tage": one day of an event of several.</summary>
    public static bool SpeaksOfOneDayOnly(string normalized) => OneDayOnly().IsMatch(normalized);

    [GeneratedRegex(@"\b(nur|only)\b.*\b(einem|einen|eine|einzelnen|einzelne|one|a single|single) (tag|tage|tagen|day|days)\b|\beinzelne[nr]? (tag|tage|tagen)\b|\b(tagesticket|tageskarte)\b")]
    private static partial Regex OneDayOnly();

    /// <summary>"die Teilnehmerliste", "list of participants": who takes part, which the catalog never lists.</summary>
    public static bool AsksForParticipantList(string normalized) => ParticipantList().IsMatch(normalized);

    [GeneratedRegex(@"\b(teilnehmer(innen)?|teilnehmenden|anwesenheits)[- ]?liste|\bliste (der|aller) (teilnehm|angemeldet)|\b(list|lists) of (participants|attendees)\b|\b(participant|attendee|delegate)s?[- ]?lists?\b")]
    private static partial Regex ParticipantList();

    /// <summary>"Welche Plenen sind geplant?", "which events are coming up?": events in the plural, asked for as a list.</summary>
    public static bool AsksForEvents(ParsedQuestion q) => q.HasWord(PluralEventWords);

    private static readonly FrozenSet<string> PluralEventWords =
        WordSet.Of(["plenen", "plena", "plenums", "plenaries", "veranstaltungen", "events", "termine", "marktplaetze", "marketplaces",
         "fachtage", "tagungen", "vollversammlungen", "conferences", "meetings"]);

    /// <summary>
    /// "Was hält der Minister von …?", "what does X think of …?": someone's opinion, which no catalog field holds
    /// (a speaker named in it does not make it a question about the session).
    /// </summary>
    public static bool AsksOpinion(ParsedQuestion q) => OpinionPattern().IsMatch(q.Text);

    /// <summary>"da", "dort", "dabei": the question points back at what the conversation is about.</summary>
    public static bool PointsBack(ParsedQuestion q) => q.HasWord("da", "dort", "dabei", "dahin", "dorthin", "dazu", "davon", "darueber", "dafuer");

    [GeneratedRegex(@"\bwas (haelt|halten|hielt|denkt|denken|dachte|meint|meinen|sagt|sagen|sagte) (der|die|das|den|er|sie|man|\p{L}+ \p{L}+|\p{L}+)\b.*\b(von|vom|zu|zum|zur|ueber)\b|\b(meinung|ansicht|einschaetzung|haltung|standpunkt|opinion|view|views|stance)\b|\bwhat (does|do|did) \p{L}+( \p{L}+)? (think|say|believe)\b|\bhow (does|do|did) \p{L}+( \p{L}+)? feel\b")]
    private static partial Regex OpinionPattern();

    [GeneratedRegex(@"\b(melde?|trag)\s+(mich|uns)\b.*\b(ab|aus)\b|\bnicht\b.*\b(teilnehmen|kommen)\b")]
    private static partial Regex SignOffPattern();

    [GeneratedRegex(@"\b(meine|meinen|my|habe ich|hab ich|bin ich|hatte ich|did i|did we|have i)\b")]
    private static partial Regex MinePattern();

    [GeneratedRegex(@"\b(ich|mich|mir|mein|meine|meinen|meiner|wir|uns|unser|unsere|i|me|my|we|us|our)\b")]
    private static partial Regex FirstPersonPattern();

    [GeneratedRegex(@"^(und |also )?(was|welche[nrs]?|what|which( \w+)?) (hab|habe|hatte|haben|hatten|have|had|did) (ich|wir|i|we)\b")]
    private static partial Regex OwnChoiceQuestionPattern();

    // "… vor Ort wechseln?": a change at the venue asks for the rule, not for the change now.
    [GeneratedRegex(@"\bnach (der|dem|meiner) (anmeldung|anmelden|registrierung)\b|\bnachtraeglich\b|\bvor ort\b|\bon site\b|\bafter (registering|registration|signing up|i registered)\b")]
    private static partial Regex AfterRegisteringPattern();

    [GeneratedRegex(@"\b(wenn|falls|if) (ich|wir|i|we) (mich |uns )?\w")]
    private static partial Regex IfIPattern();

    [GeneratedRegex(@"\bstatt\b.*\blieber\b|\blieber\b.*\bstatt\b|\binstead\b")]
    private static partial Regex InsteadPattern();

    /// <summary>"buch mich von AG 1 auf AG 3 um", "trag mich in die AG X ein statt in meine": moving one's own choice.</summary>
    [GeneratedRegex(@"\b(buch|buche|trag|trage|setz|setze)\s+(mich|uns)\b.*\bum\s*$|\b(buch|buche|trag|trage|setz|setze|meld|melde)\s+(mich|uns)\b.*\bstatt\b")]
    private static partial Regex RebookPattern();

    [GeneratedRegex(@"\b(muss|muessen|sollte|sollten|soll|brauche|brauch) (ich|wir)\b.*\b(abmelden|absagen|stornieren|austragen|ab)\b|\b(do|does|should|must) (i|we) (have to |need to )?(cancel|unregister|withdraw)\b|\b(need|have) to (cancel|unregister|withdraw)\b")]
    private static partial Regex MustICancelPattern();

    [GeneratedRegex(@"\b(bin ich|sind wir|am i|is my)\b.*\b(angemeldet|registriert|eingetragen|registered|signed up|anmeldung|registration)\b|\b(habe|hab|hatte|haben|hatten) (ich|wir) (mich|uns)\b.*\b(angemeldet|registriert|eingetragen)\b|\b(war|waren) (ich|wir)\b.*\b(angemeldet|registriert|eingetragen)\b|\b(was i|were we)\b.*\b(registered|signed up)\b|\bmeine anmeldung\b.*\b(bestaetigt|eingegangen|gueltig|status)\b|\b(steh|stehe|bin) ich\b.*\bwarteliste\b|\bam i\b.*\bwarteliste\b|^(und |ok |also )?(bin ich|sind wir|steh ich|stehe ich)\b.*\b(drauf|drin|dabei)\b|\bam i (on it|on the list|in)\b")]
    private static partial Regex AmIRegisteredPattern();

    /// <summary>"ab wieviel Uhr?", "ab wann?", "from what time?": the moment something becomes possible.</summary>
    public static bool AsksFromWhen(ParsedQuestion q) => FromWhenPattern().IsMatch(q.Text);

    [GeneratedRegex(@"\bab (wann|wieviel|wie viel|welche[mnr]?|wieviel uhr)\b|\bfrom (when|what time)\b")]
    private static partial Regex FromWhenPattern();

    [GeneratedRegex(@"\bsign(ing)? up\b|\bsignup\b|\benrol(l)?\b")]
    private static partial Regex SignUpPattern();

    [GeneratedRegex(@"\b(bis|ab) wann\b|\buntil when\b|\bhow long\b")]
    private static partial Regex UntilPattern();

    [GeneratedRegex(@"\b(melde?|trag|schreib|buch|setz)e?\s+(mich|uns)\b|\b(put|add) (me|us) (on|to)\b|\bich (moechte|will|wuerde gern|moecht)\b.*\b(anmelden|registrieren|teilnehmen|dabei sein|buchen)\b|\b(register|sign) me\b|\bsign me up\b|\bi (would like|want|d like) to (register|sign up|attend)\b|\bplease register\b|^(bitte )?(anmelden|anmeldung|registrieren|register|sign up)( bitte| please)?$|\bbitte anmelden\b|\banmelden bitte\b|^bitte (fuer|zum|zur|beim|bei) [^?]*\b(anmelden|registrieren|eintragen)$|\bwie (kann|koennen) (ich|wir) (mich|uns)\b.*\b(anmelden|registrieren)\b|\bhow (do|can) i (register|sign up)\b|\bkannst du (mich|uns)\b.*\b(anmelden|eintragen|registrieren|an)\b|\bcan you (register|sign) (me|us)\b")]
    private static partial Regex RegisterPattern();

    [GeneratedRegex(@"\b(kostenlos|kostenfrei|gratis|umsonst|free of charge)\b|\bis it free\b|^(is|are)\b[^?]*\bfree$")]
    private static partial Regex FreeOfChargePattern();

    [GeneratedRegex(@"\bhow much (is|does|do|will|are|was)\b|\bwie teuer\b")]
    private static partial Regex HowMuchPattern();

    [GeneratedRegex(@"(\bwer (darf|duerfen|kann|koennen)\b|\bwho (can|may|is allowed)\b)(?!.*\b(contact|ask|call|email|reach|talk|kontaktieren|anrufen|fragen|erreichen|ansprechen)\b)")]
    private static partial Regex WhoMayPattern();

    [GeneratedRegex(@"\b(inklusive|inkl|included|includes|enthalten|einschliesslich|drin)\b")]
    private static partial Regex IncludedPattern();

    [GeneratedRegex(@"\bwie (komm|komme|kommt|kommen) (ich|man|wir) (da |dort )?(rein|hinein|rin)\b|\bwie (komm|komme|kommt|kommen) (ich|man|wir) (in|ins|zu|zur|zum) (die |das |den |der |dem )?(\w*besprechung|\w*meeting|\w*konferenz|teams\w*|call|webex|zoom)\b|\bwie (nehme|nehmen) (ich|wir|man)\b.*\bteil\b|\bwie (kann|koennen) (ich|wir|man) teilnehmen\b|\bhow (do|can|does) (i|we|one) (join|take part|participate|attend|dial in)\b|\bhow to (join|take part|participate|dial in)\b")]
    private static partial Regex HowToJoinPattern();

    [GeneratedRegex(@"\bnur (am|an|fuer) (einem|einen|ein|den|dem|\w+tag|ersten|zweiten)\b|\b(einzelnen|einem) tag\b|\bnur (einen|ein|1) tag\b|\bnur (am |an |fuer )?(montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)s?\b|\bonly (for |on )?(one|the first|the second|a single|\w+day)\b|\bsingle day\b|\bnur (am |den |fuer den |fuer |zum )?(vormittags?|nachmittags?|morgens|abends)\b|\bonly (in )?the (morning|afternoon)\b|\b(beide|beiden) tagen?\b|\ban allen tagen\b|\bboth days\b|\ball (the )?days\b")]
    private static partial Regex OneDayPattern();

    [GeneratedRegex(@"\b(bis wann|until when|by when|deadline)\b.*\b(stornier\w*|abmeld\w*|abmelden|absagen|cancel\w*|withdraw\w*)\b|\b(stornier\w*|abmeld\w*|cancel\w*)\b.*\b(bis wann|until when|by when|deadline)\b")]
    private static partial Regex WithdrawDeadlinePattern();

    [GeneratedRegex(@"\b(krank|erkrankt|verhindert|sick|ill)\b|\bstatt mir\b|\binstead of me\b|\bin my place\b|\b(kann|koennen) (ich|wir) (doch )?nicht\b|\b(ich|wir)\b.*\b(ausfalle|ausfallen)\b|\bcan ?n?o?t make it\b")]
    private static partial Regex CannotAttendPattern();

    [GeneratedRegex(@"\b(abmelden|abmeldung|stornieren|stornierung|storniert|vertretung|ersatz\w*|kollegin|kollegen|substitute|nicht teilnehmen|absage|absagen|hinfaellig)\b")]
    private static partial Regex WithdrawalTextPattern();

    [GeneratedRegex(@"\bwer\b|\bwho\b|\bvon wem\b|\bby whom\b|\bwie heissen\b|\bwie heisst\b")]
    private static partial Regex WhoPattern();

    [GeneratedRegex(@"\bworum (geht|gehts|ging)\b|\bum was (geht|gehts|ging)\b|\bwhat is it about\b|\bwhat is the .* about\b|\bwhats (the|this|that) .* about\b|\bwhat'?s it about\b")]
    private static partial Regex AboutPattern();

    [GeneratedRegex(@"\bwas (ist|gibt es|steht|passiert) (am|an)\b|\bwhat is on\b|\bwhat's on\b|\bwhats on\b")]
    private static partial Regex WhatIsOnPattern();

    [GeneratedRegex(@"\bwhat time\b|\bgeht\b.*\blos\b|\bwie lange\b|\bwelche[mn]? tag\b|\bwhich day\b|\bwie ?viel uhr\b|\bhow long\b")]
    private static partial Regex WhenPattern();

    [GeneratedRegex(@"\bwie ?viel uhr\b")]
    private static partial Regex ClockQuestionPattern();

    [GeneratedRegex(@"\bwie (komm|komme|kommt|kommen) (ich|man|wir)\b|\bhow do i get\b|\bget there\b")]
    private static partial Regex HowToGetTherePattern();

    [GeneratedRegex(@"\bwas kannst du\b|\bwas kann ich (dich )?fragen\b|\bwhat can you do\b|\bwer bist du\b")]
    private static partial Regex HelpPattern();
}

using System.Text.RegularExpressions;

namespace VirServerless.Bot.Questions;

/// <summary>
/// The fixed words of the domain: synonyms that name one concept, words that carry no content,
/// and calendar words. Catalog words are added at run time by <see cref="CatalogIndex"/>.
/// </summary>
public static partial class Lexicon
{
    /// <summary>Concept ids that name an event kind; they pick the event, never a session.</summary>
    public const string Plenum = "plenum";
    public const string Marktplatz = "marktplatz";
    public const string Workshop = "workshop";
    public const string Registration = "anmeldung";

    private static readonly Dictionary<string, string[]> SynonymGroups = new()
    {
        [Plenum] = ["plenum", "plenums", "plenen", "vollversammlung", "tagung", "jahrestagung", "plenary", "assembly"],
        [Marktplatz] = ["marktplatz", "marktplatzes", "marktplaetze", "marketplaces", "messe", "egovernmentmarktplatz", "itmarktplatz", "marketplace", "fair", "markt", "maerkte", "expo", "hausmesse"],
        [Workshop] = ["ag", "ags", "arbeitsgruppe", "arbeitsgruppen", "workshop", "workshops", "arbeitskreis", "breakout", "group", "groups"],
        [Registration] = ["anmeldung", "anmelden", "angemeldet", "registrierung", "registrieren", "registriert", "registration", "register", "registered"],
        ["ausflug"] = ["ausflug", "exkursion", "hafenbus", "hafenrundfahrt", "rundfahrt", "bustour", "busfahrt", "excursion", "trip", "tour"],
        ["abendessen"] = ["abendessen", "dinner", "abendveranstaltung", "abendbrot"],
        ["begruessung"] = ["begruessung", "begruesst", "begruessen", "grusswort", "grussworte", "welcome", "welcomes", "willkommen", "eroeffnung", "eroeffnet", "eroeffnen", "eroeffnete", "opening", "opens", "opened"],
        ["abrechnung"] = ["abrechnung", "abgerechnet", "abrechnen", "bezahlung", "zahlung", "zahlungsweise", "payment", "billing", "billed", "bezahlt", "gezahlt",
            "ueberweisen", "ueberweisung", "ueberwiesen", "transfer"],
        ["beschaeftigte"] = ["beschaeftigte", "beschaeftigten", "mitarbeiter", "mitarbeitende", "mitarbeitenden", "mitarbeiterinnen", "staff", "employees", "employee"],
        ["gast"] = ["gast", "gaeste", "gaesten", "guest", "guests"],
        ["kollege"] = ["kollege", "kollegen", "kollegin", "kolleginnen", "colleague", "colleagues", "vertretung", "substitute", "ersatzperson"],
        ["firma"] = ["firma", "firmen", "unternehmen", "company", "companies", "firm", "firms"],
        ["station"] = ["station", "stationen", "stand", "staende", "booth", "booths", "stations"],
        ["hafen"] = ["hafen", "harbour", "harbor", "port"],
        ["boot"] = ["boot", "bootsfahrt", "bootstour", "schiff", "schiffstour", "barkasse", "boat", "ship"],
        ["vegetarisch"] = ["vegetarisch", "vegetarische", "vegetarisches", "vegetarischen", "vegetarier", "vegetarierin", "vegetarian", "veggie"],
        // "is the restaurant accessible?" where the catalog says "Gasthaus": one kind of place to eat.
        ["gasthaus"] = ["gasthaus", "gasthof", "gaststaette", "restaurant", "restaurants", "wirtshaus"],
        ["toilette"] = ["toilette", "toiletten", "wc", "klo", "toilet", "toilets", "restroom", "restrooms"],
        ["bar"] = ["bar", "bargeld", "barzahlung", "cash"],
        ["parken"] = ["parken", "parkplatz", "parkplaetze", "parkhaus", "parkt", "parking", "park", "abstellen", "parkmoeglichkeit", "parkmoeglichkeiten"],
        ["wetter"] = ["wetter", "regen", "regnet", "unwetter", "weather", "rain", "rains", "raining", "rainy"],
        ["bescheinigung"] = ["bescheinigung", "teilnahmebescheinigung", "teilnahmebestaetigung", "teilnahmenachweis", "teilnahmezertifikat", "zertifikat", "nachweis", "certificate"],
        ["folien"] = ["folien", "praesentation", "praesentationen", "slides", "unterlagen"],
        ["hotel"] = ["hotel", "hotels", "zimmer", "uebernachtung", "uebernachten", "hotelkontingent", "abrufkontingent", "kontingent", "room", "rooms", "accommodation"],
        ["link"] = ["link", "zugangslink", "einwahl", "einwahllink", "teamslink", "join"],
        ["kamera"] = ["kamera", "webcam", "camera"],
        ["lizenz"] = ["lizenz", "license", "licence"],
        ["fuehrung"] = ["fuehrung", "fuehrungen", "rundgang", "rundgaenge", "guided"],
        ["garderobe"] = ["garderobe", "jacke", "mantel", "cloakroom", "coat"],
        ["mittag"] = ["mittagspause", "mittagessen", "mittag", "mittagsimbiss", "lunch"],
        ["kaffee"] = ["kaffee", "kaffeepause", "kaffeepausen", "coffee"],
        ["pause"] = ["pause", "pausen", "break", "breaks"],
        ["vortrag"] = ["vortrag", "vortraege", "talk", "talks", "rede"],
        ["keynote"] = ["keynote", "impulsvortrag", "eroeffnungsvortrag", "hauptvortrag"],
        ["ki"] = ["ki", "kuenstliche", "intelligenz", "ai"],
        ["netzwerk"] = ["netzwerk", "network", "networking"],
        ["diskussion"] = ["diskussion", "abschlussdiskussion", "podiumsdiskussion", "podium", "panel", "discussion"],
        ["sicherheit"] = ["sicherheit", "informationssicherheit", "itsicherheit", "security", "cybersicherheit", "infosec", "cybersecurity"],
        ["aufzeichnung"] = ["aufzeichnung", "aufzeichnungen", "aufgezeichnet", "aufzeichnen", "mitschnitt", "mitgeschnitten", "recording", "recordings", "recorded", "record"],
        ["reisekosten"] = ["reisekosten", "fahrtkosten", "anreisekosten", "fahrkosten", "reisekostenerstattung"],
        ["erstatten"] = ["erstatten", "erstattet", "erstattung", "uebernehmen", "uebernimmt", "uebernommen", "refund", "refunded", "reimburse", "reimbursed"],
        ["konto"] = ["konto", "account", "accounts"],
        ["themenblock"] = ["themenblock", "themenbloecke", "block", "bloecke", "blocks"],
        ["hoeranlage"] = ["hoeranlage", "induktionsschleife", "induktionsanlage", "ringschleife", "hearing"],
        ["projekt"] = ["projekt", "projekts", "projekte", "project", "projects", "modellprojekt", "modellprojekts", "modellprojekte", "modellprojekten"],
        ["stattdessen"] = ["stattdessen", "ersatzweise", "instead"],
        ["vorab"] = ["vorab", "vorweg", "vorneweg", "beforehand"],
        ["bereitstellen"] = ["bereitstellen", "bereitgestellt", "verschickt", "verschicken", "versendet", "versenden", "veroeffentlicht", "veroeffentlichen",
            "shared", "share", "published", "publish", "distributed"],
        ["weitergeben"] = ["weitergeben", "weiterleiten", "weitergeleitet", "weiterleite", "abgeben", "abtreten", "uebertragen", "uebergeben", "forward", "forwarded", "pass"],
        ["einschalten"] = ["einschalten", "anmachen", "anschalten", "aktivieren", "eingeschaltet", "anhaben"],
        ["protokoll"] = ["protokoll", "protokolle", "ergebnisprotokoll", "dokumentation", "mitschrift", "minutes", "documentation"],
        ["essen"] = ["essen", "gegessen", "verpflegung", "catering", "imbiss", "mahlzeit", "mahlzeiten", "food", "eat", "eating", "meal", "meals", "snack", "snacks"],
        ["gepaeck"] = ["gepaeck", "koffer", "taschen", "luggage", "baggage", "suitcase", "suitcases", "bags"],
        ["wlan"] = ["wlan", "wifi", "internet", "gaestewlan"],
        ["ersatztermin"] = ["ersatztermin", "ersatztermine", "nachholtermin", "ausweichtermin"],
        ["barrierefrei"] = ["barrierefrei", "barrierefreie", "barrierefreien", "barrierefreier", "barrierefreies", "barrierefreiheit"],
        ["vegan"] = ["vegan", "vegane", "veganes", "veganen", "veganer", "veganem"],
        ["zugangsdaten"] = ["zugangsdaten", "passwort", "kennwort", "password", "login", "credentials"],
        // "Wird das gestreamt?": a stream is a way to take part online.
        ["online"] = ["online", "livestream", "livestreams", "stream", "streams", "streamed", "streaming", "gestreamt", "livestreaming"],
        ["leitfaden"] = ["leitfaden", "leitfadens", "handreichung", "guide", "guidelines", "guidance"],
    };

    private static readonly Dictionary<string, string> ConceptByStem = BuildConcepts();

    /// <summary>English phrases of the domain and their German catalog words ("office hour" → "Sprechstunde"), in order;
    /// source-generated, so a German question (no English phrase in it) is passed over at the cost of a few vector scans.</summary>
    private static readonly (Regex Pattern, string German)[] Glossary =
    [
        (Glossary00(), "sprechstunde"),
        // "what's", "where's": the verb "is" (the apostrophe is gone after normalisation).
        (Glossary01(), "$1 is"),
        // "how long does it last": the verb, not "the last one".
        (Glossary02(), "$1 dauert"),
        (Glossary03(), "e-rechnung"),
        (Glossary04(), "rechnung"),
        (Glossary05(), "buergerbuero"),
        (Glossary06(), "baugenehmigung"),
        (Glossary07(), "statt mir"),
        (Glossary08(), "hoeranlage"),
        (Glossary09(), "reisekosten"),
        (Glossary10(), "abschlussveranstaltung"),
        (Glossary11(), "modellprojekt"),
        (Glossary12(), "modellkommunen"),
        (Glossary13(), "kommunen"),
        (Glossary14(), "warteliste"),
        (Glossary15(), "arbeitsgruppe"),
        (Glossary16(), "teilnahme"),
        (Glossary17(), "zimmerkontingent"),
        (Glossary18(), "vorab"),
        (Glossary19(), "einreichen"),
        (Glossary20(), "fragen"),
        // "ein neuer Termin", "a new date" after a cancellation: the replacement date.
        (Glossary21(), "ersatztermin"),
        (Glossary22(), "praesentation"),
        (Glossary23(), "abschlussrunde"),
        (Glossary24(), "personalakte"),
        (Glossary25(), "souveraene"),
        (Glossary26(), "e-akte"),
        // "auch wenn ich nicht hinfahre?": without taking part, as an FAQ entry says it.
        (Glossary30(), "ohne teilnahme"),
        // "when is registration closing?": the registration deadline, not the closing event.
        (Glossary27(), "registration deadline"),
        (Glossary28(), "projektbilanz"),
        (Glossary29(), "geodaten"),
        (Glossary31(), "rathaus"),
        // "how can I reach him?": a person's contact, not the way to the venue ("reach the venue").
        (Glossary32(), "kontakt"),
        // "which rooms are the groups in?": the rooms of sessions, not hotel rooms.
        (Glossary33(), "$1 room"),
        // "im Moment", "at the moment": now.
        (Glossary34(), "jetzt"),
    ];

    [GeneratedRegex(@"\bim moment\b|\bat the moment\b", RegexOptions.CultureInvariant)]
    private static partial Regex Glossary34();

    [GeneratedRegex(@"\boffice hours?\b", RegexOptions.CultureInvariant)]
    private static partial Regex Glossary00();

    [GeneratedRegex(@"\b(what|where|who|when|how|there|it|that)(?:'|’| )s\b", RegexOptions.CultureInvariant)]
    private static partial Regex Glossary01();

    [GeneratedRegex(@"\b(how long (?:does|do|will|did|is) .*?)\blast\b", RegexOptions.CultureInvariant)]
    private static partial Regex Glossary02();

    [GeneratedRegex(@"\be-?invoic(e|es|ing)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Glossary03();

    [GeneratedRegex(@"\binvoic(e|es|ing)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Glossary04();

    [GeneratedRegex(@"\bcitizens?'? (service )?office\b", RegexOptions.CultureInvariant)]
    private static partial Regex Glossary05();

    [GeneratedRegex(@"\bbuilding permits?\b", RegexOptions.CultureInvariant)]
    private static partial Regex Glossary06();

    [GeneratedRegex(@"\binstead of (me|us)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Glossary07();

    [GeneratedRegex(@"\b(hearing|induction) loops?\b", RegexOptions.CultureInvariant)]
    private static partial Regex Glossary08();

    [GeneratedRegex(@"\btravel(ling)? (costs?|expenses)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Glossary09();

    [GeneratedRegex(@"\bclosing (event|conference|session)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Glossary10();

    [GeneratedRegex(@"\bmodel (project|pilot)s?\b", RegexOptions.CultureInvariant)]
    private static partial Regex Glossary11();

    [GeneratedRegex(@"\bmodel municipalit(y|ies)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Glossary12();

    [GeneratedRegex(@"\bmunicipalities\b", RegexOptions.CultureInvariant)]
    private static partial Regex Glossary13();

    [GeneratedRegex(@"\b(waiting list|wait list)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Glossary14();

    [GeneratedRegex(@"\bworking groups?\b", RegexOptions.CultureInvariant)]
    private static partial Regex Glossary15();

    [GeneratedRegex(@"\battendance\b", RegexOptions.CultureInvariant)]
    private static partial Regex Glossary16();

    [GeneratedRegex(@"\b(hotel |room )?(room allocation|room block|allocation|contingent)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Glossary17();

    [GeneratedRegex(@"\b(beforehand|in advance|ahead of time)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Glossary18();

    [GeneratedRegex(@"\b(send in|submit)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Glossary19();

    [GeneratedRegex(@"\bquestions\b", RegexOptions.CultureInvariant)]
    private static partial Regex Glossary20();

    [GeneratedRegex(@"\b(neue[nrs]?|anderen?|new|another) (termin|datum|date)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Glossary21();

    [GeneratedRegex(@"\b(power ?point|presentations?)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Glossary22();

    [GeneratedRegex(@"\b(final|closing) (round|panel|discussion)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Glossary23();

    [GeneratedRegex(@"\b(e-?)?personnel[- ]files?\b", RegexOptions.CultureInvariant)]
    private static partial Regex Glossary24();

    /// <summary>"the e-file working group": the electronic file, „E-Akte“ (not a personnel file, which goes first).</summary>
    [GeneratedRegex(@"\be-?files?\b", RegexOptions.CultureInvariant)]
    private static partial Regex Glossary26();

    [GeneratedRegex(@"\bsovereign\b", RegexOptions.CultureInvariant)]
    private static partial Regex Glossary25();

    [GeneratedRegex(@"\b(wenn|falls) (ich|wir|man) (gar )?nicht (hinfahre|hinfahren|hinkomme|hinkommen|teilnehme|teilnehmen|dabei bin|dabei sind|komme|kommen|hingehe|hingehen)\b|\bif (i|we) (do not|don't|dont|can't|cannot|cant) (attend|come|go)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Glossary30();

    [GeneratedRegex(@"\b(registration|signups?|sign-ups?) (is |will )?(closing|close|closes|closed)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Glossary27();

    [GeneratedRegex(@"\bproject (review|results review|stocktaking)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Glossary28();

    [GeneratedRegex(@"\b(geodata|geo data|geospatial data)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Glossary29();

    [GeneratedRegex(@"\b(town|city) hall\b", RegexOptions.CultureInvariant)]
    private static partial Regex Glossary31();

    [GeneratedRegex(@"\breach (him|her|them|someone|somebody|the organi[sz]ers?)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Glossary32();

    [GeneratedRegex(@"\b(which|what|in which) rooms\b(?= (are|is|do|does)\b)", RegexOptions.CultureInvariant)]
    private static partial Regex Glossary33();

    /// <summary>Replaces English domain phrases of a normalized question by the German words the catalogs use.</summary>
    public static string Translate(string normalized)
    {
        foreach (var (pattern, german) in Glossary)
        {
            // Most questions match no entry: IsMatch only scans, Replace also prepares its replacement first.
            if (pattern.IsMatch(normalized))
            {
                normalized = pattern.Replace(normalized, german);
            }
        }

        return normalized;
    }

    /// <summary>Function words (German and English) that never carry the subject of a question.</summary>
    public static readonly IReadOnlySet<string> Stopwords = new HashSet<string>(StringComparer.Ordinal)
    {
        "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "eines", "und", "oder",
        "aber", "zu", "zum", "zur", "im", "in", "am", "an", "auf", "aus", "bei", "beim", "mit", "von", "vom", "fuer", "ohne", "without",
        "ueber", "unter", "nach", "vor", "bis", "ab", "ist", "sind", "war", "waren", "wird", "werden", "wurde",
        "sein", "es", "er", "sie", "ich", "mich", "mir", "mein", "meine", "meinen", "meiner", "du", "dich", "dir",
        "ihr", "ihre", "ihnen", "uns", "wir", "man", "da", "dort", "hier", "denn", "doch", "noch", "schon", "auch",
        "nur", "mal", "so", "wie", "was", "wer", "wem", "wen", "whom", "wo", "wann", "welche", "welcher", "welches", "welchen", "welchem",
        "gibt", "gib", "geben", "gab", "hat", "haben", "habe", "hab", "hatte", "kann", "koennen", "kannst", "koennte",
        "moechte", "moechten", "will", "wollen", "soll", "sollte", "muss", "darf", "bitte", "danke", "ja", "nein",
        "nicht", "nich", "kein", "keine", "um", "als", "wenn", "dass", "ob", "dann", "jetzt", "heute", "heut", "gestern", "yesterday", "morgen", "morgn", "uebermorgen", "tomorrow", "denn",
        "dieses", "diese", "dieser", "diesem", "diesen", "jahr", "jahres", "uhr", "tag", "tage", "tagen", "sich",
        "the", "a", "an", "is", "are", "was", "were", "be", "when", "where", "what", "who", "which", "how", "does",
        "do", "did", "i", "me", "my", "you", "your", "can", "could", "there", "of", "on", "at", "for", "to", "it",
        "this", "that", "will", "about", "and", "or", "with", "please", "thanks", "any", "still", "much", "many",
        "year", "day", "time", "held", "take", "takes", "place", "happening", "on", "from", "tell", "us", "we",
        "gerade", "grad", "momentan", "currently", "right", "now", "pm", "anything", "something", "halb", "viertel", "dreiviertel",
        "eins", "zwei", "drei", "vier", "fuenf", "sechs", "sieben", "acht", "neun", "zehn", "elf", "zwoelf",
        "werde", "wuerdest", "fuers", "fuern", "ins", "ans", "aufs", "aufm", "vors", "uebers", "unterm", "seit", "falls", "sofern", "weil", "wegen",
        // Colloquial and subjunctive forms of the words above ("wat kost …", "mus ich …", "gäbe es …").
        "wat", "mus", "gaebe", "warn", "years",
    };

    /// <summary>Colloquial words that are known but carry no subject.</summary>
    public static readonly IReadOnlySet<string> Fillers = new HashSet<string>(StringComparer.Ordinal)
    {
        "eigentlich", "genau", "nochmal", "gern", "gerne", "klingt", "sounds", "gut", "good", "prima", "etwa", "ungefaehr", "also", "ok", "okay", "halt", "eben",
        "bzw", "sagen", "sag", "sagst", "erzaehl", "erzaehlen", "wissen", "weisst", "weiss", "infos", "info",
        "informationen", "information", "details", "mehr", "denn", "nun", "ganz", "bald", "kurz", "einfach", "mal",
        "findet", "finden", "statt", "stattfinden", "fand", "geht", "gehts", "los", "laeuft", "laufen", "passiert", "steht",
        "stehen", "kommen", "komme", "hin", "hinkommen", "genau", "eigentlich", "nochmals", "zusammen", "leute",
        "bot", "du", "sie", "liebe", "lieber", "hey", "hallo", "moin", "servus", "gruess", "gott", "guten", "morgen",
        "tag", "abend", "hello", "hi", "good", "morning", "know", "need", "want", "like", "would", "get", "go",
        "gehen", "gehe", "mache", "machen", "macht", "nochmal", "kurzer", "kurze", "frage", "fragen", "antwort",
        "naechste", "naechsten", "naechstes", "naechster", "kommende", "kommenden", "kommendes", "letzte", "letzten",
        "letztes", "vergangene", "vergangenen", "vorige", "vorigen", "damals", "next", "last", "previous", "upcoming",
        "giving", "gives", "give", "given", "taking", "taken", "come", "comes", "coming", "along", "join", "joining", "send", "sent",
        "beforehand", "included", "include", "includes", "inclusive", "inklusive", "inkl", "drin", "enthalten", "participants",
        "attendees", "attendee", "participant", "someone", "anyone", "everyone", "people", "person", "should", "would", "might",
        "need", "needs", "bring", "get", "gets", "got", "exactly", "really", "also", "too", "again", "there", "here", "its",
        "they", "them", "their", "our", "ours", "we", "he", "she", "his", "her", "if", "so", "then", "than", "but", "not", "no",
        "yes", "all", "some", "one", "ones", "other", "others", "own", "same", "such", "only", "very", "just", "back", "out",
        "up", "down", "over", "into", "by", "as", "after", "before", "during", "between", "both", "each", "few", "more", "most",
        "should", "find", "found", "going", "goes", "made", "make", "makes", "put", "see", "seen", "look", "looking", "let",
        "angewiesen", "fangen", "faengt", "anfangen", "dabei", "trotzdem", "zwingend", "unbedingt", "vielleicht", "lieber",
        "einfach", "extra", "extra", "wirklich", "selben", "gleichen", "gleiche", "selbe", "jemanden", "einer", "einem", "einen",
        "unserer", "unsere", "unser", "unseren", "euch", "euer", "eure", "ihm", "ihn", "ihnen", "sein", "seine", "deren", "dessen",
        "ne", "nen", "nem", "ner", "n", "is", "isses", "hab", "habt", "hast", "hat", "wirst", "wuerde", "wuerden", "koennt",
        "duerfen", "darf", "darfst", "muessen", "musst", "mussen", "sollen", "brauche", "brauchen", "braucht", "brauch",
        "krieg", "krieg", "kriege", "kriegt", "bekommt", "bekomm", "lassen", "lass", "kann", "drauf", "dran", "damit", "dafuer",
        "davon", "dazu", "darauf", "darin", "worauf", "wofuer", "womit", "wobei", "vorher", "nachher", "danach", "davor",
        "sowie", "bzw", "usw", "etc", "ganz", "genauso", "gar", "sonst", "trotz", "statt", "anstatt", "waehrend", "gegen",
        "uebernaechste", "uebernaechsten", "uebernaechstes", "uebernaechster", "andere", "anderen", "anderes", "other", "one",
        "fruehjahr", "fruehling", "spring", "sommer", "summer", "herbst", "autumn", "fall", "winter", "geplant", "planned",
        "genau", "exactly", "mist", "schade", "super", "prima", "toll", "great", "dann", "then", "oh", "ah", "hm",
        "alle", "alles", "ueberhaupt", "zeit", "wieder", "jemand", "irgendwie", "sowas", "zeig", "zeige", "zeigen",
        "hoch", "etwas", "bekomme", "bekommen", "ging", "spass", "kommt", "leider", "gibts", "like", "and", "isn",
        "pls", "plz", "thx", "danke", "frau", "herr", "herrn", "dr", "prof", "mr", "mrs", "ms", "nr", "nummer", "number",
        "sitzt", "sitzen", "gemacht", "macht", "durfte", "durften", "angeben", "angegeben", "ansehen", "anschauen", "gesprochen",
        "geredet", "schaffe", "schaffs", "schaff", "steh", "stehe", "spaeter", "later", "finde", "besuchen", "besuche", "krank", "erkrankt", "verhindert", "sick", "ill",
        "viel", "whats", "wats", "komm", "kommst", "hinterher", "anschliessend", "happens", "happen", "happened", "long", "two", "three", "sah", "sieht", "aussehen", "gabs", "have", "has", "had", "kurzfristig", "ausfalle", "werd", "waere", "waeren", "haette", "haetten", "gewesen", "supposed", "getagt", "mitm", "sache", "ding", "dings",
        "gerade", "aktuell", "derzeit", "momentan", "grad", "yet", "today", "direkt", "gleich", "unmittelbar", "directly", "right", "immediately",
        "schwerhoerig", "schwerhoerige", "schwerhoerigen", "hoergeschaedigt", "hoergeschaedigte", "hoergeraet", "hoergeraete", "ueberall",
        "doing", "heisst", "heissen", "called", "frag", "fragt", "halb", "viertel", "anything", "something", "download", "herunterladen", "runterladen", "schicken", "schicke", "beide", "beiden", "lohnt", "lohnen", "hinfahren", "hinzufahren", "hingehen", "worth", "ask", "asking", "close", "closes", "closed",
        "neu", "neue", "neuer", "neuen", "new", "stellen", "stellt", "vorstellen", "vorgestellt", "fully", "completely", "nochmal", "mitnehmen", "jetzt", "now", "currently",
        "drop", "leave", "store", "rein", "hinein", "gedacht", "gemeint", "angesprochen", "meant", "intended", "aimed",
        "verpasst", "verpassen", "verpasse", "missed", "miss",
        "musste", "mussten", "konnte", "konnten", "early", "oft", "often", "say",
        // "Sept 1st": a date, not a subject (the other short months are parts of too many words).
        "sept",
        "jetzige", "jetzigen", "jetziger", "aktuelle", "aktuellen", "bisherige", "bisherigen", "current",
    };

    /// <summary>Known words that name the network or events in general; they never pick a session.</summary>
    public static readonly IReadOnlySet<string> GenericTerms = new HashSet<string>(StringComparer.Ordinal)
    {
        "veranstaltung", "veranstaltungen", "event", "events", "termin", "termine", "vir", "nordwest", "virnordwest", "region",
        "virtuelle", "virtuellen", "treffens", "teilnahme", "teilnehmen", "teilnehmer", "mitmachen", "dabei", "session",
        "sessions", "programmpunkt", "punkt", "thema", "attend", "attending", "participate", "participating", "participation", "person", "personen", "leute", "leuten", "egov", "egovernment", "people", "persons", "sitzung", "treffen", "konferenz", "conference", "meeting", "meet", "meets",
    };

    /// <summary>Words that name an event without naming which one.</summary>
    public static readonly IReadOnlySet<string> GenericEventWords = new HashSet<string>(StringComparer.Ordinal)
    {
        "veranstaltung", "event", "treffen", "konferenz", "conference", "meeting", "sitzung",
    };

    public static readonly string[] GermanWeekdays = ["sonntag", "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag"];
    public static readonly string[] EnglishWeekdays = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
    public static readonly string[] GermanMonths =
        ["januar", "februar", "maerz", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "dezember"];
    public static readonly string[] EnglishMonths =
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
    public static readonly string[] GermanOrdinals = ["ersten", "zweiten", "dritten", "vierten", "fuenften"];
    public static readonly string[] EnglishOrdinals = ["first", "second", "third", "fourth", "fifth"];

    /// <summary>All fixed words, used as a typo-correction target next to the catalog's words.</summary>
    public static IEnumerable<string> AllWords =>
        SynonymGroups.Values.SelectMany(g => g)
            .Concat(Stopwords).Concat(Fillers).Concat(GenericTerms)
            .Concat(GermanWeekdays).Concat(EnglishWeekdays).Concat(GermanMonths).Concat(EnglishMonths)
            .Concat(GermanOrdinals).Concat(EnglishOrdinals).Concat(["erste", "zweite", "dritte", "januar", "jaenner"])
            .Concat(IntentClassifier.CueWords);

    /// <summary>The fixed words as a set: a catalog compound that is one of them is no compound typed apart.</summary>
    public static readonly IReadOnlySet<string> AllWordSet = new HashSet<string>(AllWords, StringComparer.Ordinal);

    /// <summary>Stem of a normalized word, mapped onto its concept when it is a synonym.</summary>
    public static string Term(string normalizedWord)
    {
        if (ConceptByStem.TryGetValue(normalizedWord, out var direct))
        {
            return direct;
        }

        var stem = GermanStemmer.Stem(normalizedWord);
        return ConceptByStem.TryGetValue(stem, out var concept) ? concept : stem;
    }

    /// <summary>Whether a term is one of the fixed concepts ("parken", "hafen"): a common word, never a proper name.</summary>
    public static bool IsConcept(string term) => SynonymGroups.ContainsKey(term);

    public static bool IsIgnorable(string word) =>
        Stopwords.Contains(word) || Fillers.Contains(word) || GenericTerms.Contains(word)
        || GermanWeekdays.Contains(word) || EnglishWeekdays.Contains(word)
        || (word.EndsWith('s') && (GermanWeekdays.Contains(word[..^1]) || EnglishWeekdays.Contains(word[..^1])))
        || GermanMonths.Contains(word) || EnglishMonths.Contains(word)
        || GermanOrdinals.Contains(word) || EnglishOrdinals.Contains(word) || word is "erste" or "zweite" or "dritte";

    private static Dictionary<string, string> BuildConcepts()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (concept, words) in SynonymGroups)
        {
            foreach (var word in words)
            {
                map[word] = concept;
                map[GermanStemmer.Stem(word)] = concept;
            }
        }

        return map;
    }
}

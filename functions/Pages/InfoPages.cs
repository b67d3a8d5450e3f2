using VirServerless.Core.Registrations;

namespace VirServerless.Functions.Pages;

/// <summary>Datenschutzhinweise (with the versioned consent text) and the Erklärung zur Barrierefreiheit.</summary>
public static class InfoPages
{
    private const string ContactEmail = "geschaeftsstelle@vir-nordwest.example";

    public static IEndpointRouteBuilder MapInfoPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/datenschutz", () => Layout.Page("Datenschutzhinweise", Privacy));
        app.MapGet("/barrierefreiheit", () => Layout.Page("Erklärung zur Barrierefreiheit", Accessibility));
        return app;
    }

    private static readonly string Privacy = $"""
        <p>Hier erfahren Sie, welche Angaben wir bei der Anmeldung zu Veranstaltungen der Virtuellen Region Nordwest (ViR-Nordwest) verarbeiten, wozu und wie lange.</p>
        <h2>Verantwortliche Stelle</h2>
        <p>Geschäftsstelle der ViR-Nordwest<br>E-Mail: <a href="mailto:{ContactEmail}">{ContactEmail}</a></p>
        <h2>Welche Angaben wir verarbeiten</h2>
        <ul>
        <li>Vorname, Nachname, E-Mail-Adresse, Kommune oder Behörde und – wenn Sie sie angeben – Ihre Funktion;</li>
        <li>Ihre Auswahl an Programmpunkten und Ihre Angaben zu Ernährung und Unterstützungsbedarf;</li>
        <li>Zeitpunkte von Anmeldung, Bestätigung und Einwilligung sowie die Fassung des Einwilligungstexts.</li>
        </ul>
        <p>Angaben zu Ernährung und Unterstützungsbedarf sind freiwillig. Wir nutzen sie nur, um die Veranstaltung für Sie passend vorzubereiten.</p>
        <h2>Zweck und Rechtsgrundlage</h2>
        <p>Wir verarbeiten Ihre Angaben, um die Veranstaltung zu organisieren: Teilnehmendenliste, Namensschild, Verpflegung, Wartelisten und Erinnerungen per E-Mail. Rechtsgrundlage ist Ihre Einwilligung (Art. 6 Abs. 1 Buchst. a DSGVO, bei Angaben zur Gesundheit Art. 9 Abs. 2 Buchst. a DSGVO).</p>
        <h2>Speicherdauer</h2>
        <p>Wir löschen Ihre persönlichen Angaben spätestens 30 Tage nach der Veranstaltung, bei einer Absage sofort. Für Statistiken behalten wir nur die Zahl der Teilnehmenden je Kommune, ohne Namen.</p>
        <h2>Empfänger</h2>
        <p>Die Daten werden in Rechenzentren von Microsoft Azure in der Europäischen Union gespeichert, die im Auftrag der ViR-Nordwest arbeiten. Die Veranstalterinnen und Veranstalter vor Ort erhalten die Teilnehmendenliste.</p>
        <h2>Ihre Rechte</h2>
        <p>Sie haben das Recht auf Auskunft, Berichtigung, Löschung, Einschränkung der Verarbeitung und Datenübertragbarkeit (Art. 15 bis 20 DSGVO). Sie können Ihre Einwilligung jederzeit mit Wirkung für die Zukunft widerrufen, am einfachsten über den Link zum Verwalten Ihrer Anmeldung in der Bestätigungsmail. Sie können sich bei der Landesbeauftragten für den Datenschutz Niedersachsen beschweren.</p>
        <h2>Einwilligungstext</h2>
        <p>Diesem Text stimmen Sie bei der Anmeldung zu (Fassung vom {ConsentText.CurrentVersion}; die Fassung wird mit Ihrer Anmeldung gespeichert):</p>
        <blockquote><p>{Layout.E(ConsentText.Current)}</p></blockquote>
        """;

    private static readonly string Accessibility = $"""
        <p>Die Geschäftsstelle der ViR-Nordwest ist bemüht, ihre Anmeldeseiten für Veranstaltungen barrierefrei zugänglich zu machen. Rechtsgrundlage sind das Niedersächsische Behindertengleichstellungsgesetz (NBGG) und die Barrierefreie-Informationstechnik-Verordnung (BITV 2.0), die die Richtlinie (EU) 2016/2102 umsetzen.</p>
        <h2>Stand der Vereinbarkeit mit den Anforderungen</h2>
        <p>Diese Seiten sind mit den Anforderungen der WCAG 2.1 auf Stufe AA weitgehend vereinbar. Jede Seite wird bei jeder Änderung automatisch mit dem Prüfwerkzeug axe-core in einem echten Browser geprüft, und alle Abläufe – Anmelden, Bestätigen, Ändern und Absagen – werden auch allein mit der Tastatur getestet.</p>
        <h2>Nicht barrierefreie Inhalte</h2>
        <ul>
        <li>Beschreibungen einzelner Veranstaltungen stammen von den Veranstaltenden und sind nicht immer in Leichter Sprache verfügbar.</li>
        <li>Eine Prüfung durch Menschen mit Behinderungen (BITV-Test durch eine unabhängige Prüfstelle) steht noch aus.</li>
        </ul>
        <h2>Erstellung dieser Erklärung</h2>
        <p>Diese Erklärung beruht auf einer Selbstbewertung und wurde am 1. November 2026 erstellt.</p>
        <h2>Barrieren melden: Kontakt</h2>
        <p>Sind Ihnen Mängel beim barrierefreien Zugang aufgefallen, oder brauchen Sie Informationen in einer für Sie zugänglichen Form? Schreiben Sie uns: <a href="mailto:{ContactEmail}?subject=Barriere%20melden">{ContactEmail}</a>. Wir antworten innerhalb von zwei Wochen. Sie können sich auch ohne die Anmeldeseite bei uns anmelden: Schreiben Sie uns einfach, an welcher Veranstaltung Sie teilnehmen möchten.</p>
        <h2>Durchsetzungsverfahren</h2>
        <p>Erhalten Sie auf Ihre Rückmeldung innerhalb von sechs Wochen keine oder keine zufriedenstellende Antwort, können Sie sich an die Schlichtungsstelle bei der oder dem Landesbeauftragten für Menschen mit Behinderungen in Niedersachsen wenden. Das Verfahren ist kostenlos.</p>
        """;
}

namespace VirServerless.Core.Registrations;

/// <summary>The consent text people agree to. Its version is stored with every registration.</summary>
public static class ConsentText
{
    public const string CurrentVersion = "2026-11-01";

    public const string Current =
        "Ich willige ein, dass die Geschäftsstelle der ViR-Nordwest meine Angaben zur Organisation dieser Veranstaltung "
        + "verarbeitet (Teilnehmendenliste, Namensschild, Verpflegung, Erinnerungen). Meine Daten werden spätestens 30 Tage "
        + "nach der Veranstaltung gelöscht. Ich kann meine Einwilligung jederzeit über den Link in der Bestätigungsmail widerrufen.";
}

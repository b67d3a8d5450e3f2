namespace VirServerless.Core.Registrations;

/// <summary>The German words for where a registration stands, for every place a person reads them: mails, pages, the bot and the organiser view.</summary>
public static class StatusTexts
{
    /// <summary>Short label for tables, lists and the facts in mails.</summary>
    public static string Label(RegistrationStatus status) => status switch
    {
        RegistrationStatus.Confirmed => "bestätigt",
        RegistrationStatus.Waitlisted => "Warteliste",
        RegistrationStatus.Pending => "unbestätigt",
        RegistrationStatus.Declined => "abgelehnt (ausgebucht)",
        _ => "abgesagt",
    };

    /// <summary>A sentence to the person (formal "Sie") about their registration.</summary>
    public static string Sentence(RegistrationStatus status) => status switch
    {
        RegistrationStatus.Confirmed => "Ihr Platz ist bestätigt.",
        RegistrationStatus.Waitlisted => "Ihre Anmeldung ist bestätigt. Alle Plätze sind vergeben; Sie stehen auf der Warteliste und rücken automatisch nach, sobald ein Platz frei wird.",
        RegistrationStatus.Pending => "Ihre Anmeldung ist noch nicht bestätigt. Bitte nutzen Sie den Link in unserer E-Mail.",
        RegistrationStatus.Declined => "Leider sind alle Plätze vergeben, und diese Veranstaltung führt keine Warteliste.",
        _ => "Diese Anmeldung ist nicht mehr aktiv.",
    };

    /// <summary>Short label of a chosen session.</summary>
    public static string Label(SessionSeatStatus status) => status switch
    {
        SessionSeatStatus.Booked => "gebucht",
        SessionSeatStatus.Waitlisted => "Warteliste",
        _ => "gewünscht",
    };
}

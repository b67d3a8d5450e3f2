using System.Net.Mail;
using System.Text;
using System.Text.RegularExpressions;
using VirServerless.Core.Events;

namespace VirServerless.Core.Registrations;

/// <summary>What a person submits, from the web form, the JSON API or the bot.</summary>
public sealed record RegistrationRequest
{
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? Email { get; init; }
    public string? Organization { get; init; }
    public string? Role { get; init; }
    public IReadOnlyList<string>? Sessions { get; init; }
    public string? Dietary { get; init; }
    public string? AccessibilityNeeds { get; init; }
    public bool Consent { get; init; }
    public string? ConsentVersion { get; init; }
    /// <summary>Honeypot: people never see it, so it must stay empty.</summary>
    public string? Website { get; init; }
    /// <summary>Optional idempotency key, so a retried submission is recognised.</summary>
    public string? RequestKey { get; init; }
}

public static partial class RegistrationRequestValidator
{
    public const int MaxNameLength = 100;
    public const int MaxOrganizationLength = 150;
    public const int MaxRoleLength = 100;
    public const int MaxTextLength = 500;

    /// <summary>Names, organisation and role go into mails others read, so they are one line without links.</summary>
    public const string SingleLineRule = "Eine Zeile ohne Zeilenumbrüche, Steuerzeichen und Links (http://, https://, www., name.de/…).";

    /// <summary>Per-field German errors, keyed by the field's JSON name. Empty when the request is valid.</summary>
    public static Dictionary<string, string[]> Validate(RegistrationRequest request, CatalogEvent ev)
    {
        var errors = new Dictionary<string, string[]>();
        void Add(string field, string message) => errors[field] = [.. errors.GetValueOrDefault(field, []).Append(message).Distinct(StringComparer.Ordinal)];

        Required(request.FirstName, "firstName", "Bitte geben Sie Ihren Vornamen an.", MaxNameLength, Add);
        Required(request.LastName, "lastName", "Bitte geben Sie Ihren Nachnamen an.", MaxNameLength, Add);
        Required(request.Organization, "organization", "Bitte geben Sie Ihre Kommune oder Behörde an.", MaxOrganizationLength, Add);
        if (!IsEmail(request.Email))
        {
            Add("email", "Bitte geben Sie eine gültige E-Mail-Adresse an, zum Beispiel name@kommune.de.");
        }
        Optional(request.Role, "role", MaxRoleLength, Add);
        foreach (var (value, field, max) in new[] { (request.FirstName, "firstName", MaxNameLength), (request.LastName, "lastName", MaxNameLength), (request.Organization, "organization", MaxOrganizationLength), (request.Role, "role", MaxRoleLength) })
        {
            SingleLine(value, field, max, Add);
        }
        Optional(request.Dietary, "dietary", MaxTextLength, Add);
        Optional(request.AccessibilityNeeds, "accessibilityNeeds", MaxTextLength, Add);
        if (!request.Consent)
        {
            Add("consent", "Bitte stimmen Sie der Verarbeitung Ihrer Daten zu. Ohne Ihre Zustimmung können wir Ihre Anmeldung nicht bearbeiten.");
        }
        if (!string.IsNullOrEmpty(request.Website))
        {
            Add("website", "Dieses Feld muss leer bleiben.");
        }
        if (request.RequestKey is { Length: > 100 })
        {
            Add("requestKey", "Der Anfrageschlüssel ist zu lang.");
        }
        ValidateSessions(request.Sessions ?? [], ev, Add);
        return errors;
    }

    private static void ValidateSessions(IReadOnlyList<string> ids, CatalogEvent ev, Action<string, string> add)
    {
        if (ids.Count > 50)
        {
            add("sessions", "Bitte wählen Sie weniger Programmpunkte aus.");
            return;
        }
        var chosen = new List<Session>();
        foreach (var id in ids.Distinct(StringComparer.Ordinal))
        {
            var session = ev.FindSession(id ?? "");
            if (session is null || !session.Choosable)
            {
                add("sessions", $"Den Programmpunkt „{Shorten(id)}“ können Sie bei dieser Veranstaltung nicht wählen.");
                continue;
            }
            var clash = chosen.FirstOrDefault(c => c.Start < session.End && session.Start < c.End);
            if (clash is not null)
            {
                add("sessions", $"„{clash.Title}“ und „{session.Title}“ finden gleichzeitig statt. Bitte wählen Sie nur einen der beiden Programmpunkte.");
            }
            chosen.Add(session);
        }
    }

    private static void Required(string? value, string field, string message, int maxLength, Action<string, string> add)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            add(field, message);
        }
        else
        {
            Optional(value, field, maxLength, add);
        }
    }

    private static void Optional(string? value, string field, int maxLength, Action<string, string> add)
    {
        if (value is null)
        {
            return;
        }
        if (value.Length > maxLength)
        {
            add(field, $"Bitte kürzen Sie Ihre Eingabe auf höchstens {maxLength} Zeichen.");
        }
        if (value.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
        {
            add(field, "Die Eingabe enthält unzulässige Steuerzeichen.");
        }
    }

    /// <summary>
    /// A line break would let a name start a paragraph of its own in a mail, and a link would let a stranger send
    /// "please sign in again: https://…" with our sender; both are refused with a message at the field.
    /// </summary>
    private static void SingleLine(string? value, string field, int maxLength, Action<string, string> add)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }
        if (value.Any(c => c is '\n' or '\r' or '\v' or '\f' or '\u0085' or '\u2028' or '\u2029'))
        {
            add(field, "Bitte schreiben Sie diese Angabe in eine Zeile, ohne Zeilenumbruch.");
        }
        else if (value.Contains('\t', StringComparison.Ordinal))
        {
            add(field, "Die Eingabe enthält unzulässige Steuerzeichen.");
        }
        // Past the cap the length error stands already, and the pattern need not read kilobytes.
        if (value.Length <= maxLength && ContainsLink(value))
        {
            add(field, "Bitte geben Sie hier keine Internetadresse und keinen Link an.");
        }
    }

    /// <summary>True for text a mail program could show as a link: a scheme, www., an IP address or a domain name.</summary>
    public static bool ContainsLink(string value) => LinkPattern().IsMatch(value.Normalize(NormalizationForm.FormKC));

    // Compatibility normalisation first, so that full-width letters and dots ("ｗｗｗ．") count as what they look like.
    // Domains: with a path after them, or ending in a top-level domain common in links; "St.Peter" or "Dr.med" stay allowed.
    [GeneratedRegex("""
        [a-z][a-z0-9+.-]*://
        | \bwww\d*\.
        | \b\d{1,3}(\.\d{1,3}){3}\b
        | \b([\p{L}\p{N}-]+\.)+\p{L}{2,}/
        | \b([\p{L}\p{N}-]+\.)+(de|com|net|org|eu|info|biz|io|co|me|ly|app|online|site|xyz|top|link|click|ru|cn)\b
        """, RegexOptions.IgnoreCase | RegexOptions.IgnorePatternWhitespace | RegexOptions.CultureInvariant)]
    private static partial Regex LinkPattern();

    public static bool IsEmail(string? email)
    {
        if (string.IsNullOrWhiteSpace(email) || email.Length > 254 || email.Any(char.IsWhiteSpace))
        {
            return false;
        }
        if (!MailAddress.TryCreate(email, out var parsed) || !string.Equals(parsed.Address, email.Trim(), StringComparison.Ordinal))
        {
            return false;
        }
        var at = email.LastIndexOf('@');
        var domain = email[(at + 1)..];
        return domain.Contains('.', StringComparison.Ordinal) && !domain.StartsWith('.') && !domain.EndsWith('.');
    }

    private static string Shorten(string? value) =>
        value is null ? "" : value.Length <= 40 ? value : value[..40] + "…";
}

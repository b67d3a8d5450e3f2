using VirServerless.Core.Events;
using VirServerless.Core.Registrations;

namespace VirServerless.Core.Messages;

/// <summary>Who a message goes to: everyone confirmed, the event's waiting list, or the people booked in one session.</summary>
public enum MessageAudience { Confirmed, Waitlisted, Session }

/// <summary>
/// A message from the Geschäftsstelle to the attendees of one event. <see cref="Id"/> comes with the form, so a
/// repeated submission writes the same outbox rows again, which exist already: each person gets it once.
/// </summary>
public sealed record AttendeeMessage(string Id, MessageAudience Audience, string? SessionId, string Subject, string Text)
{
    public const string MailKind = "AttendeeMessage";
    public const int MaxSubjectLength = 100;
    public const int MaxTextLength = 10_000;
    private const string SessionAudiencePrefix = "programmpunkt:";

    public static string NewId() => Guid.NewGuid().ToString("N");

    /// <summary>The outbox mail id of this message for one person.</summary>
    public string MailIdFor(string registrationId) => $"{registrationId}-msg-{Id}";

    /// <summary>Whether an outbox mail id belongs to the message <paramref name="messageId"/>.</summary>
    public static bool IsMailOf(string mailId, string messageId) =>
        mailId.EndsWith("-msg-" + messageId, StringComparison.Ordinal);

    /// <summary>The people it goes to, in the order the organiser list shows them.</summary>
    public static IReadOnlyList<Registration> Recipients(IEnumerable<Registration> registrations, MessageAudience audience, string? sessionId)
    {
        ArgumentNullException.ThrowIfNull(registrations);
        return [.. registrations.Where(r => r.Email.Length > 0 && audience switch
            {
                MessageAudience.Confirmed => r.Status == RegistrationStatus.Confirmed,
                MessageAudience.Waitlisted => r.Status == RegistrationStatus.Waitlisted,
                _ => r.Status == RegistrationStatus.Confirmed && r.Sessions.Any(c => c.Id == sessionId && c.Status == SessionSeatStatus.Booked),
            })
            .OrderBy(r => r.CreatedAt)];
    }

    public IReadOnlyList<Registration> RecipientsAmong(IEnumerable<Registration> registrations) => Recipients(registrations, Audience, SessionId);

    /// <summary>Per-field German errors (keys <c>audience</c>, <c>subject</c>, <c>text</c>); empty when the message can go out.</summary>
    public static Dictionary<string, string[]> Validate(string? id, string? audience, string? subject, string? text, CatalogEvent ev, out AttendeeMessage? message)
    {
        ArgumentNullException.ThrowIfNull(ev);
        var errors = new Dictionary<string, string[]>();
        message = null;
        var parsed = ParseAudience(audience, ev);
        if (parsed is null)
        {
            errors["audience"] = ["Bitte wählen Sie, wer die Nachricht erhalten soll."];
        }
        if (string.IsNullOrWhiteSpace(subject))
        {
            errors["subject"] = ["Bitte geben Sie einen Betreff an."];
        }
        else if (subject.Length > MaxSubjectLength)
        {
            errors["subject"] = [$"Bitte kürzen Sie den Betreff auf höchstens {MaxSubjectLength} Zeichen."];
        }
        else if (subject.Any(char.IsControl))
        {
            errors["subject"] = ["Der Betreff darf keine Zeilenumbrüche oder Steuerzeichen enthalten."];
        }
        if (string.IsNullOrWhiteSpace(text))
        {
            errors["text"] = ["Bitte schreiben Sie den Text der Nachricht."];
        }
        else if (text.Length > MaxTextLength)
        {
            errors["text"] = [$"Bitte kürzen Sie den Text auf höchstens {MaxTextLength} Zeichen."];
        }
        else if (text.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
        {
            errors["text"] = ["Die Eingabe enthält unzulässige Steuerzeichen."];
        }
        if (!IsId(id))
        {
            errors["id"] = ["Das Formular ist unvollständig. Bitte laden Sie die Seite neu."];
        }
        if (errors.Count == 0)
        {
            message = new AttendeeMessage(id!, parsed!.Value.Audience, parsed.Value.SessionId, subject!.Trim(), text!.Replace("\r\n", "\n", StringComparison.Ordinal).Trim());
        }
        return errors;
    }

    /// <summary>The form value of an audience: <c>bestaetigt</c>, <c>warteliste</c> or <c>programmpunkt:{id}</c> of a choosable session.</summary>
    public static string AudienceValue(MessageAudience audience, string? sessionId) => audience switch
    {
        MessageAudience.Confirmed => "bestaetigt",
        MessageAudience.Waitlisted => "warteliste",
        _ => SessionAudiencePrefix + sessionId,
    };

    public static (MessageAudience Audience, string? SessionId)? ParseAudience(string? value, CatalogEvent ev)
    {
        ArgumentNullException.ThrowIfNull(ev);
        if (value?.StartsWith(SessionAudiencePrefix, StringComparison.Ordinal) == true)
        {
            var id = value[SessionAudiencePrefix.Length..];
            return ev.ChoosableSessions.Any(s => s.Id == id) ? (MessageAudience.Session, id) : null;
        }
        return value switch
        {
            "bestaetigt" => (MessageAudience.Confirmed, null),
            "warteliste" => (MessageAudience.Waitlisted, null),
            _ => null,
        };
    }

    /// <summary>Message ids go into table keys: 32 lower-case hex digits only.</summary>
    public static bool IsId(string? id) => id is { Length: 32 } && id.All(char.IsAsciiHexDigitLower);
}

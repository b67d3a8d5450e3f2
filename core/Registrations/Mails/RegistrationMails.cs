using System.Net;
using System.Text;
using VirServerless.Core.Calendar;
using VirServerless.Core.Events;
using VirServerless.Core.Events.Changes;
using VirServerless.Core.Mail;

namespace VirServerless.Core.Registrations.Mails;

public enum RegistrationMailKind { ConfirmationRequest, AlreadyRegistered, Confirmed, Waitlisted, MovedUp, SessionMovedUp, Cancelled }

/// <summary>Renders the German registration mails as plain text and HTML.</summary>
/// <remarks>Mails that confirm a seat carry a calendar entry (METHOD:REQUEST) whose UID is stable per event and person.</remarks>
public sealed class RegistrationMails(Uri publicBaseUrl, TimeProvider? timeProvider = null)
{
    private readonly TimeProvider clock = timeProvider ?? TimeProvider.System;

    public Uri ConfirmLink(string token) => new(publicBaseUrl, "anmeldung/bestaetigen?token=" + Uri.EscapeDataString(token));

    public Uri ManageLink(string token) => new(publicBaseUrl, "anmeldung/verwalten?token=" + Uri.EscapeDataString(token));

    public Uri EventLink(CatalogEvent ev) => new(publicBaseUrl, "veranstaltungen/" + ev.Id);

    public OutgoingMail Render(string mailId, RegistrationMailKind kind, Registration registration, CatalogEvent ev, string? token, string? sessionId = null)
    {
        var text = new MailText();
        var subject = kind switch
        {
            RegistrationMailKind.ConfirmationRequest => $"Bitte bestätigen Sie Ihre Anmeldung: {ev.Title}",
            RegistrationMailKind.AlreadyRegistered => $"Ihre Anmeldung zu {ev.Title}",
            RegistrationMailKind.Confirmed => $"Anmeldung bestätigt: {ev.Title}",
            RegistrationMailKind.Waitlisted => $"Sie stehen auf der Warteliste: {ev.Title}",
            RegistrationMailKind.MovedUp => $"Ein Platz ist frei geworden: {ev.Title}",
            RegistrationMailKind.SessionMovedUp => $"Platz im Programmpunkt frei geworden: {ev.Title}",
            RegistrationMailKind.Cancelled => $"Abmeldung bestätigt: {ev.Title}",
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        text.Paragraph($"Guten Tag {registration.FullName},");
        switch (kind)
        {
            case RegistrationMailKind.ConfirmationRequest:
                text.Paragraph($"vielen Dank für Ihre Anmeldung zu „{ev.Title}“. Bitte bestätigen Sie Ihre Anmeldung innerhalb von 48 Stunden über diesen Link:");
                text.Link(ConfirmLink(token!), "Anmeldung bestätigen");
                text.Paragraph("Erst mit der Bestätigung ist Ihr Platz reserviert. Wenn Sie sich nicht angemeldet haben, ignorieren Sie diese E-Mail bitte; Ihre Angaben werden dann nach Ablauf der Frist gelöscht.");
                break;
            case RegistrationMailKind.AlreadyRegistered when registration.Status == RegistrationStatus.Pending:
                text.Paragraph($"für diese E-Mail-Adresse liegt bereits eine Anmeldung zu „{ev.Title}“ vor, die noch nicht bestätigt ist. Bitte bestätigen Sie sie über diesen Link:");
                text.Link(ConfirmLink(token!), "Anmeldung bestätigen");
                break;
            case RegistrationMailKind.AlreadyRegistered:
                text.Paragraph($"für diese E-Mail-Adresse besteht bereits eine Anmeldung zu „{ev.Title}“ ({StatusTexts.Label(registration.Status)}). Eine zweite Anmeldung ist nicht nötig. Über diesen Link können Sie Ihre Anmeldung ansehen, ändern oder absagen:");
                text.Link(ManageLink(token!), "Anmeldung verwalten");
                break;
            case RegistrationMailKind.Confirmed:
                text.Paragraph($"Ihre Anmeldung zu „{ev.Title}“ ist bestätigt. Wir freuen uns auf Sie.");
                break;
            case RegistrationMailKind.Waitlisted:
                text.Paragraph($"Ihre Anmeldung zu „{ev.Title}“ ist bestätigt, aber alle Plätze sind im Moment vergeben. Sie stehen auf der Warteliste. Sobald ein Platz frei wird, rücken Sie automatisch nach und erhalten eine E-Mail.");
                break;
            case RegistrationMailKind.MovedUp:
                text.Paragraph($"gute Nachricht: Für „{ev.Title}“ ist ein Platz frei geworden. Sie sind von der Warteliste nachgerückt und fest angemeldet.");
                break;
            case RegistrationMailKind.SessionMovedUp:
                var session = sessionId is null ? null : ev.FindSession(sessionId);
                text.Paragraph($"im Programmpunkt „{session?.Title ?? sessionId}“ ist ein Platz frei geworden. Sie sind von der Warteliste nachgerückt.");
                break;
            case RegistrationMailKind.Cancelled:
                text.Paragraph($"Sie haben sich von „{ev.Title}“ abgemeldet. Ihr Platz wurde freigegeben. Ihre persönlichen Angaben haben wir gelöscht.");
                break;
        }

        if (kind is not RegistrationMailKind.Cancelled)
        {
            AppendEventFacts(text, ev, registration);
        }
        var checkIn = kind is RegistrationMailKind.Confirmed or RegistrationMailKind.MovedUp ? CheckInCodeOf(registration) : null;
        if (checkIn is not null)
        {
            AppendCheckInCode(text, checkIn);
        }
        if (kind is RegistrationMailKind.Confirmed or RegistrationMailKind.Waitlisted or RegistrationMailKind.MovedUp or RegistrationMailKind.SessionMovedUp && token is not null)
        {
            text.Paragraph("Über Ihren persönlichen Link können Sie Ihre Anmeldung jederzeit ansehen, Programmpunkte ändern, absagen oder Ihre Daten herunterladen und löschen:");
            text.Link(ManageLink(token!), "Anmeldung verwalten");
            text.Paragraph("Bitte geben Sie diesen Link nicht weiter.");
        }
        if (ev.Contact is { } contact)
        {
            text.Paragraph($"Bei Fragen erreichen Sie {contact.Name}" + (contact.Email is null ? "" : $" unter {contact.Email}") + (contact.Phone is null ? "" : $" oder telefonisch unter {contact.Phone}") + ".");
        }
        text.Paragraph("Mit freundlichen Grüßen\nIhre Geschäftsstelle der ViR-Nordwest");

        List<MailAttachment> attachments =
            kind is RegistrationMailKind.Confirmed or RegistrationMailKind.MovedUp or RegistrationMailKind.SessionMovedUp && registration.Status == RegistrationStatus.Confirmed
                ? [CalendarFor(ev, registration, token, CalendarMethod.Request)]
                : [];
        if (checkIn is not null)
        {
            attachments.Add(CheckInQrCode.Attachment(checkIn));
        }
        return new OutgoingMail(mailId, new MailAddress(registration.Email, registration.FullName), subject, text.Plain(), text.Html(subject), attachments);
    }

    /// <summary>The reminder before the event: the person's sessions, the way there, the calendar entry and the manage link.</summary>
    public OutgoingMail RenderReminder(string mailId, Registration registration, CatalogEvent ev, string token)
    {
        ArgumentNullException.ThrowIfNull(registration);
        ArgumentNullException.ThrowIfNull(ev);
        var subject = $"Erinnerung: {ev.Title} am {BerlinTime.Date(ev.Start)}";
        var text = new MailText();
        text.Paragraph($"Guten Tag {registration.FullName},");
        text.Paragraph($"wir erinnern Sie an Ihre Teilnahme an „{ev.Title}“. Hier sind noch einmal alle Angaben:");
        AppendEventFacts(text, ev, registration, withVenueNotes: true);
        var checkIn = CheckInCodeOf(registration);
        if (checkIn is not null)
        {
            AppendCheckInCode(text, checkIn);
        }
        text.Paragraph("Im Anhang finden Sie den Termin für Ihren Kalender.");
        AppendManageLink(text, token, "Falls Sie doch nicht teilnehmen können, sagen Sie bitte ab, damit Ihr Platz nachrücken kann:");
        AppendClosing(text, ev);
        return new OutgoingMail(mailId, new MailAddress(registration.Email, registration.FullName), subject, text.Plain(), text.Html(subject),
            checkIn is null ? [CalendarFor(ev, registration, token, CalendarMethod.Request)] : [CalendarFor(ev, registration, token, CalendarMethod.Request), CheckInQrCode.Attachment(checkIn)]);
    }

    /// <summary>Tells a registrant what changed (time, place, room) or that the event is cancelled, with an updated calendar entry.</summary>
    public OutgoingMail RenderChangeNotice(string mailId, Registration registration, CatalogEvent ev, IReadOnlyList<EventChange> changes, string? token)
    {
        ArgumentNullException.ThrowIfNull(registration);
        ArgumentNullException.ThrowIfNull(ev);
        ArgumentNullException.ThrowIfNull(changes);
        var cancelled = ev.Status == EventStatus.Cancelled;
        var subject = cancelled ? $"Abgesagt: {ev.Title}" : $"Änderung: {ev.Title}";
        var text = new MailText();
        text.Paragraph($"Guten Tag {registration.FullName},");
        if (cancelled)
        {
            text.Paragraph($"leider müssen wir Ihnen mitteilen, dass „{ev.Title}“ am {BerlinTime.Date(ev.Start)} abgesagt ist. Bitte entfernen Sie den Termin aus Ihrem Kalender; der Anhang tut das in den meisten Kalenderprogrammen automatisch. Ihre Anmeldung ist damit hinfällig.");
        }
        else
        {
            text.Paragraph($"bei „{ev.Title}“, zu der Sie angemeldet sind, hat sich etwas geändert:");
            text.Paragraph(string.Join("\n", changes.Select(c => "– " + c.Description)));
            text.Paragraph("So sieht Ihre Anmeldung jetzt aus:");
            AppendEventFacts(text, ev, registration, withVenueNotes: false);
            text.Paragraph("Im Anhang finden Sie den aktualisierten Termin für Ihren Kalender.");
            if (token is not null)
            {
                AppendManageLink(text, token, "Wenn der neue Termin für Sie nicht passt, können Sie hier Programmpunkte ändern oder absagen:");
            }
        }
        AppendClosing(text, ev);
        var attachment = CalendarFor(ev, registration, token, cancelled ? CalendarMethod.Cancel : CalendarMethod.Request);
        return new OutgoingMail(mailId, new MailAddress(registration.Email, registration.FullName), subject, text.Plain(), text.Html(subject), [attachment]);
    }

    /// <summary>A message the Geschäftsstelle writes to attendees; its text is the organiser's, paragraphs kept, never HTML.</summary>
    public OutgoingMail RenderMessage(string mailId, Registration registration, CatalogEvent ev, string subject, string body)
    {
        ArgumentNullException.ThrowIfNull(registration);
        ArgumentNullException.ThrowIfNull(ev);
        ArgumentNullException.ThrowIfNull(body);
        var text = new MailText();
        text.Paragraph($"Guten Tag {registration.FullName},");
        foreach (var paragraph in body.Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            text.Paragraph(paragraph);
        }
        text.Paragraph($"Sie erhalten diese Nachricht als angemeldete Person von „{ev.Title}“ am {BerlinTime.Date(ev.Start)}.");
        text.Facts([("Veranstaltungsseite", EventLink(ev).ToString())]);
        AppendClosing(text, ev);
        return new OutgoingMail(mailId, new MailAddress(registration.Email, registration.FullName), subject, text.Plain(), text.Html(subject), []);
    }

    private MailAttachment CalendarFor(CatalogEvent ev, Registration registration, string? token, CalendarMethod method) =>
        EventCalendar.Attachment(EventCalendar.ForPerson(ev, registration, EventLink(ev), token is null ? null : ManageLink(token)), method, clock.GetUtcNow());

    private static string? CheckInCodeOf(Registration registration) =>
        registration.HoldsSeat ? registration.CheckInCode : null;

    private static void AppendCheckInCode(MailText text, string code)
    {
        text.Paragraph($"Ihr persönlicher Code für den Einlass: {code}");
        text.Image(CheckInQrCode.ContentId, $"QR-Code für den Einlass mit Ihrem Code {code}");
        text.Paragraph("Bitte zeigen Sie den QR-Code am Eingang vor (auf dem Handy oder ausgedruckt) oder nennen Sie den Code. Er gilt nur für Sie und nur für diese Veranstaltung.");
    }

    private void AppendManageLink(MailText text, string token, string intro)
    {
        text.Paragraph(intro);
        text.Link(ManageLink(token), "Anmeldung verwalten");
        text.Paragraph("Bitte geben Sie diesen Link nicht weiter.");
    }

    private static void AppendClosing(MailText text, CatalogEvent ev)
    {
        if (ev.Contact is { } contact)
        {
            text.Paragraph($"Bei Fragen erreichen Sie {contact.Name}" + (contact.Email is null ? "" : $" unter {contact.Email}") + (contact.Phone is null ? "" : $" oder telefonisch unter {contact.Phone}") + ".");
        }
        text.Paragraph("Mit freundlichen Grüßen\nIhre Geschäftsstelle der ViR-Nordwest");
    }

    private void AppendEventFacts(MailText text, CatalogEvent ev, Registration registration, bool withVenueNotes = false)
    {
        var facts = new List<(string, string)> { ("Wann", BerlinTime.Range(ev.Start, ev.End)) };
        if (ev.Venue is { } venue)
        {
            var address = string.Join(", ", new[] { venue.Name, venue.Street, $"{venue.PostalCode} {venue.City}".Trim() }.Where(p => !string.IsNullOrWhiteSpace(p)));
            facts.Add(("Wo", address));
        }
        foreach (var choice in registration.Sessions)
        {
            var session = ev.FindSession(choice.Id);
            if (session is null)
            {
                continue;
            }
            var status = StatusTexts.Label(choice.Status);
            facts.Add((session.Title, $"{BerlinTime.DateTime(session.Start)}{(session.Room is null ? "" : ", " + session.Room)} ({status})"));
        }
        if (withVenueNotes && ev.Venue?.Directions is { Length: > 0 } directions)
        {
            facts.Add(("Anfahrt", directions.Trim()));
        }
        if (withVenueNotes && ev.Venue?.Accessibility is { Length: > 0 } accessibility)
        {
            facts.Add(("Barrierefreiheit", accessibility.Trim()));
        }
        facts.Add(("Veranstaltungsseite", EventLink(ev).ToString()));
        text.Facts(facts);
    }


    /// <summary>Builds the plain-text and HTML bodies in step, so both always say the same.</summary>
    private sealed class MailText
    {
        private readonly StringBuilder plain = new();
        private readonly StringBuilder html = new();

        public void Paragraph(string value)
        {
            plain.Append(value).Append("\n\n");
            html.Append("<p>").Append(Encode(value).Replace("\n", "<br>", StringComparison.Ordinal)).Append("</p>\n");
        }

        public void Link(Uri url, string label)
        {
            plain.Append(label).Append(": ").Append(url).Append("\n\n");
            html.Append("<p><a href=\"").Append(Encode(url.ToString())).Append("\">").Append(Encode(label)).Append("</a></p>\n");
        }

        /// <summary>An inline image, in the HTML only: the plain text says the same in words.</summary>
        public void Image(string contentId, string alt) =>
            html.Append("<p><img src=\"cid:").Append(Encode(contentId)).Append("\" alt=\"").Append(Encode(alt)).Append("\" width=\"232\" height=\"232\"></p>\n");

        public void Facts(IEnumerable<(string Label, string Value)> facts)
        {
            html.Append("<dl>\n");
            foreach (var (label, value) in facts)
            {
                plain.Append(label).Append(": ").Append(value).Append('\n');
                html.Append("<dt>").Append(Encode(label)).Append("</dt><dd>").Append(Encode(value)).Append("</dd>\n");
            }
            plain.Append('\n');
            html.Append("</dl>\n");
        }

        public string Plain() => plain.ToString().TrimEnd() + "\n";

        public string Html(string title) =>
            $"<!DOCTYPE html>\n<html lang=\"de\"><head><meta charset=\"utf-8\"><title>{Encode(title)}</title></head>\n<body style=\"font-family:Arial,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a\">\n{html}</body></html>\n";

        private static string Encode(string value) => WebUtility.HtmlEncode(value);
    }
}

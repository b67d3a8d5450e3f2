using MimeKit;
using MimeKit.Utils;

namespace VirServerless.Core.Mail;

/// <summary>Builds the MIME message of a mail with MimeKit: multipart/alternative text and HTML (multipart/related with its inline images), inside multipart/mixed with attachments.</summary>
public static class EmlWriter
{
    /// <summary>CRLF line ends as RFC 5322 asks, whatever the platform.</summary>
    public static FormatOptions Format { get; } = CreateFormat();

    public static MimeMessage ToMimeMessage(OutgoingMail mail, MailAddress from, DateTimeOffset date)
    {
        ArgumentNullException.ThrowIfNull(mail);
        ArgumentNullException.ThrowIfNull(from);
        var message = new MimeMessage
        {
            // MimeKit splits the subject into encoded-words of at most 75 characters (RFC 2047).
            Subject = SingleLine(mail.Subject),
            Date = date,
            MessageId = Sanitize(mail.Id) is { Length: > 0 } id ? id + "@virserverless.local" : MimeUtils.GenerateMessageId("virserverless.local"),
        };
        // A display name stays one quoted or encoded phrase, so '<', ',' or ':' in it cannot add a recipient.
        message.From.Add(Mailbox(from));
        message.To.Add(Mailbox(mail.To));
        message.Headers.Add("Auto-Submitted", "auto-generated");

        var body = new BodyBuilder { TextBody = mail.PlainText, HtmlBody = mail.Html };
        foreach (var attachment in mail.Attachments)
        {
            if (attachment.ContentId is { } contentId)
            {
                body.LinkedResources.Add(attachment.Name, attachment.Content, ContentType.Parse(attachment.ContentType)).ContentId = contentId;
            }
            else
            {
                body.Attachments.Add(attachment.Name, attachment.Content, ContentType.Parse(attachment.ContentType));
            }
        }
        message.Body = body.ToMessageBody();
        message.Prepare(EncodingConstraint.SevenBit);
        return message;
    }

    private static MailboxAddress Mailbox(MailAddress address) =>
        new(string.IsNullOrWhiteSpace(address.DisplayName) ? "" : SingleLine(address.DisplayName).Trim(), address.Address);

    /// <summary>
    /// One line of header text. A word joiner splits every <c>=?</c>, so that text which looks like an RFC 2047
    /// encoded-word is written encoded and reads back as typed, even in readers that decode inside quotes.
    /// </summary>
    private static string SingleLine(string value) =>
        new string([.. value.Select(c => char.IsControl(c) ? ' ' : c)]).Replace("=?", "=\u2060?", StringComparison.Ordinal);

    private static string Sanitize(string id) =>
        new([.. id.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_')]);

    private static FormatOptions CreateFormat()
    {
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        return format;
    }
}

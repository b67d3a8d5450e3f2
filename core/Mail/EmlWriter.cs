using System.Globalization;
using System.Text;

namespace VirServerless.Core.Mail;

/// <summary>Writes an RFC 5322 / MIME message: multipart/alternative text and HTML, optionally inside multipart/mixed.</summary>
public static class EmlWriter
{
    public static string Write(OutgoingMail mail, MailAddress from, DateTimeOffset date)
    {
        var sb = new StringBuilder();
        var boundary = "alt_" + Sanitize(mail.Id);
        sb.Append("From: ").Append(FormatAddress(from)).Append("\r\n");
        sb.Append("To: ").Append(FormatAddress(mail.To)).Append("\r\n");
        sb.Append("Subject: ").Append(EncodeHeader(mail.Subject)).Append("\r\n");
        sb.Append("Date: ").Append(date.ToString("ddd, dd MMM yyyy HH:mm:ss zzz", CultureInfo.InvariantCulture).Remove(29, 1)).Append("\r\n");
        sb.Append("Message-ID: <").Append(Sanitize(mail.Id)).Append("@virserverless.local>\r\n");
        sb.Append("MIME-Version: 1.0\r\n");
        sb.Append("Auto-Submitted: auto-generated\r\n");

        if (mail.Attachments.Count == 0)
        {
            sb.Append("Content-Type: multipart/alternative; boundary=\"").Append(boundary).Append("\"\r\n\r\n");
            AppendAlternative(sb, mail, boundary);
            return sb.ToString();
        }

        var mixed = "mix_" + Sanitize(mail.Id);
        sb.Append("Content-Type: multipart/mixed; boundary=\"").Append(mixed).Append("\"\r\n\r\n");
        sb.Append("--").Append(mixed).Append("\r\n");
        sb.Append("Content-Type: multipart/alternative; boundary=\"").Append(boundary).Append("\"\r\n\r\n");
        AppendAlternative(sb, mail, boundary);
        foreach (var attachment in mail.Attachments)
        {
            sb.Append("--").Append(mixed).Append("\r\n");
            sb.Append("Content-Type: ").Append(attachment.ContentType).Append("; name=\"").Append(attachment.Name).Append("\"\r\n");
            sb.Append("Content-Disposition: attachment; filename=\"").Append(attachment.Name).Append("\"\r\n");
            sb.Append("Content-Transfer-Encoding: base64\r\n\r\n");
            AppendBase64(sb, attachment.Content);
        }
        sb.Append("--").Append(mixed).Append("--\r\n");
        return sb.ToString();
    }

    private static void AppendAlternative(StringBuilder sb, OutgoingMail mail, string boundary)
    {
        sb.Append("--").Append(boundary).Append("\r\n");
        sb.Append("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n");
        AppendBase64(sb, Encoding.UTF8.GetBytes(mail.PlainText));
        sb.Append("--").Append(boundary).Append("\r\n");
        sb.Append("Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n");
        AppendBase64(sb, Encoding.UTF8.GetBytes(mail.Html));
        sb.Append("--").Append(boundary).Append("--\r\n");
    }

    private static void AppendBase64(StringBuilder sb, byte[] content)
    {
        var base64 = Convert.ToBase64String(content);
        for (var i = 0; i < base64.Length; i += 76)
        {
            sb.Append(base64.AsSpan(i, Math.Min(76, base64.Length - i))).Append("\r\n");
        }
    }

    private static string FormatAddress(MailAddress address) =>
        string.IsNullOrWhiteSpace(address.DisplayName)
            ? $"<{address.Address}>"
            : $"{EncodeHeader(address.DisplayName)} <{address.Address}>";

    /// <summary>RFC 2047 encoded-word for anything beyond printable ASCII.</summary>
    private static string EncodeHeader(string value)
    {
        var clean = value.Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
        return clean.All(c => c is >= ' ' and <= '~') && !clean.Contains("=?", StringComparison.Ordinal)
            ? clean
            : "=?utf-8?B?" + Convert.ToBase64String(Encoding.UTF8.GetBytes(clean)) + "?=";
    }

    private static string Sanitize(string id) =>
        new([.. id.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_')]);
}

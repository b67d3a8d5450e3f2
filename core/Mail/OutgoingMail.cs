namespace VirServerless.Core.Mail;

/// <summary>A rendered mail, ready for any sender. <see cref="Id"/> is stable across retries.</summary>
public sealed record OutgoingMail(
    string Id,
    MailAddress To,
    string Subject,
    string PlainText,
    string Html,
    IReadOnlyList<MailAttachment> Attachments);

public sealed record MailAddress(string Address, string? DisplayName = null);

/// <summary>A file for the mail; with <paramref name="ContentId"/> it is shown inline, where the HTML refers to <c>cid:{ContentId}</c>.</summary>
public sealed record MailAttachment(string Name, string ContentType, byte[] Content, string? ContentId = null);

namespace VirServerless.Core.Mail.Acs;

/// <summary>One mail for ACS Email (api-version 2025-09-01 body shape: that of 2023-03-31 plus the attachments' <c>contentId</c>).</summary>
public sealed record EmailMessage(string SenderAddress, EmailRecipients Recipients, EmailContent Content)
{
    public IReadOnlyList<EmailAttachment> Attachments { get; init; } = [];

    public IReadOnlyList<EmailAddress> ReplyTo { get; init; } = [];

    /// <summary>Custom mail headers, e.g. <c>x-priority</c>.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public bool UserEngagementTrackingDisabled { get; init; }
}

public sealed record EmailContent(string Subject)
{
    public string? PlainText { get; init; }

    public string? Html { get; init; }
}

public sealed record EmailAddress(string Address, string? DisplayName = null);

public sealed record EmailRecipients(
    IReadOnlyList<EmailAddress> To,
    IReadOnlyList<EmailAddress>? Cc = null,
    IReadOnlyList<EmailAddress>? Bcc = null);

/// <summary>An attachment; <paramref name="Content"/> is sent base64-encoded, and <see cref="ContentId"/> makes it inline (<c>cid:</c> in the HTML).</summary>
public sealed record EmailAttachment(string Name, string ContentType, BinaryData Content)
{
    public string? ContentId { get; init; }
}

/// <summary>The states of a send operation as the service reports them.</summary>
public enum EmailSendStatus
{
    NotStarted,
    Running,
    Succeeded,
    Failed,
    Canceled,
}

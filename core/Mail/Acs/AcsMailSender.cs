using System.Globalization;
using Azure;
using Microsoft.Extensions.Logging;

namespace VirServerless.Core.Mail.Acs;

/// <summary>
/// Sends outbox mail through ACS Email. The Operation-Id is derived from the mail id, so a resend after a crash (or after
/// a lost response) is recognised by the service as the same operation instead of a second mail.
/// </summary>
public sealed class AcsMailSender(EmailClient client, MailAddress from, string description, ILogger<AcsMailSender> logger) : IMailSender
{
    /// <summary>Wait used when a 429 carries no Retry-After (our own throttle, or a bare service answer).</summary>
    public static readonly TimeSpan DefaultThrottleWait = TimeSpan.FromMinutes(1);

    public string Description => description;

    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var operationId = EmailClient.CreateOperationId(mail.Id);
        var message = new EmailMessage(
            from.Address,
            new EmailRecipients([new EmailAddress(mail.To.Address, mail.To.DisplayName)]),
            new EmailContent(mail.Subject) { PlainText = mail.PlainText, Html = mail.Html })
        {
            Attachments = [.. mail.Attachments.Select(a => new EmailAttachment(a.Name, a.ContentType, BinaryData.FromBytes(a.Content)) { ContentId = a.ContentId })],
            // Tracking pixels and rewritten links would send members' reading habits to a third party.
            UserEngagementTrackingDisabled = true,
        };

        try
        {
            await client.SendAsync(WaitUntil.Completed, message, operationId, cancellationToken);
            logger.LogInformation("ACS accepted and delivered mail {MailId} as operation {OperationId}", mail.Id, operationId);
        }
        catch (RequestFailedException ex)
        {
            var failure = Classify(ex);
            var retryAfter = failure == MailFailure.Throttled ? RetryAfterOf(ex) ?? DefaultThrottleWait : (TimeSpan?)null;
            logger.LogWarning(
                "ACS refused mail {MailId} (operation {OperationId}) with status {Status} and code {ErrorCode}: {Failure}",
                mail.Id, operationId, ex.Status, ex.ErrorCode, failure);
            throw new MailDeliveryException($"ACS: {ex.Status} {ex.ErrorCode}: {FirstLine(ex.Message)}", failure, retryAfter, ex);
        }
    }

    /// <summary>
    /// 429 is throttling; 400, 413 and a send that ended Failed/Canceled (e.g. <c>EmailDropped</c>) will not change on
    /// a resend with the same Operation-Id; everything else (5xx, 401/403 while a key rotates, 404) is worth a retry.
    /// </summary>
    public static MailFailure Classify(RequestFailedException ex)
    {
        ArgumentNullException.ThrowIfNull(ex);
        return ex.Status switch
        {
            429 => MailFailure.Throttled,
            400 or 413 or 422 => MailFailure.Permanent,
            // A finished operation reports Failed/Canceled with a 200 status on the poll.
            200 => MailFailure.Permanent,
            _ => MailFailure.Transient,
        };
    }

    private static TimeSpan? RetryAfterOf(RequestFailedException ex)
    {
        var response = ex.GetRawResponse();
        if (response is null)
        {
            return null;
        }
        if (response.Headers.TryGetValue("Retry-After", out var text))
        {
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            {
                return TimeSpan.FromSeconds(seconds);
            }
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            {
                var wait = at - DateTimeOffset.UtcNow;
                return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
            }
        }
        return null;
    }

    private static string FirstLine(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? text : text[..end];
    }
}

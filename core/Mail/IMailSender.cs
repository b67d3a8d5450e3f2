namespace VirServerless.Core.Mail;

/// <summary>Delivers one mail. Implementations must be idempotent per <see cref="OutgoingMail.Id"/>.</summary>
public interface IMailSender
{
    /// <summary>Short description for health checks and logs, without secrets.</summary>
    string Description { get; }

    Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default);
}

namespace VirServerless.Core.Mail;

/// <summary>How the outbox should treat a failed send.</summary>
public enum MailFailure
{
    /// <summary>Worth another try after the usual backoff (network, 5xx, a timeout).</summary>
    Transient,

    /// <summary>The service asked us to slow down; try again after <see cref="MailDeliveryException.RetryAfter"/>, never give up for it.</summary>
    Throttled,

    /// <summary>This mail will never go through as it is (rejected request, mail dropped by the service): dead at once.</summary>
    Permanent,
}

/// <summary>A send that failed, classified by the sender so the outbox can pick the next state.</summary>
public sealed class MailDeliveryException : Exception
{
    public MailDeliveryException(string message, MailFailure failure, TimeSpan? retryAfter = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Failure = failure;
        RetryAfter = retryAfter;
    }

    public MailDeliveryException()
    {
    }

    public MailDeliveryException(string message)
        : base(message)
    {
    }

    public MailDeliveryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public MailFailure Failure { get; }

    public TimeSpan? RetryAfter { get; }
}

namespace VirServerless.Core.Registrations;

/// <summary>Why an operation on an event was refused, in German for the person who asked.</summary>
public sealed record EventClosed(string Detail);

public abstract record RegisterOutcome
{
    public sealed record Accepted(string RegistrationId) : RegisterOutcome;
    public sealed record EventNotFound : RegisterOutcome;
    public sealed record Closed(string Detail) : RegisterOutcome;
    public sealed record Invalid(Dictionary<string, string[]> Errors) : RegisterOutcome;
}

public abstract record ConfirmOutcome
{
    public sealed record Done(Registration Registration) : ConfirmOutcome;
    /// <summary>Wrong, expired or used-up token. Deliberately one case, so a response gives nothing away.</summary>
    public sealed record InvalidToken : ConfirmOutcome;
    public sealed record Closed(string Detail) : ConfirmOutcome;
    public sealed record Full(string Detail) : ConfirmOutcome;
}

public abstract record ManageOutcome
{
    public sealed record Done(Registration Registration) : ManageOutcome;
    public sealed record InvalidToken : ManageOutcome;
    public sealed record Invalid(Dictionary<string, string[]> Errors) : ManageOutcome;
    public sealed record Closed(string Detail) : ManageOutcome;
}

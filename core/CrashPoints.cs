namespace VirServerless.Core;

/// <summary>
/// Named places between the steps of an operation where the crash tests kill the process. Only the environment
/// variable <c>VIRSERVERLESS_CRASH_AT</c> arms one; nothing else in the product reads it.
/// </summary>
public static class CrashPoints
{
    public const string RegistrationCommitted = "registration-committed";
    public const string ConfirmationCommitted = "confirmation-committed";
    public const string MailSent = "mail-sent";
    public const string ChangeNoticesWritten = "change-notices-written";
    public const string ReminderCommitted = "reminder-committed";
    public const string ChatReminderClaimed = "chat-reminder-claimed";

    private static readonly string? Armed = Environment.GetEnvironmentVariable("VIRSERVERLESS_CRASH_AT");

    public static void Reached(string name)
    {
        if (Armed is not null && string.Equals(Armed, name, StringComparison.Ordinal))
        {
            Environment.FailFast($"Crash point {name} reached");
        }
    }
}

namespace VirServerless.Core.Registrations;

public sealed class RegistrationOptions
{
    public const string SectionName = "Registration";

    public TimeSpan ConfirmTokenLifetime { get; set; } = TimeSpan.FromHours(48);

    /// <summary>A repeated registration with a known address sends at most one reminder mail in this time.</summary>
    public TimeSpan RepeatNoticeInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Attempts for one operation when concurrent writers keep winning the ETag race.</summary>
    public int MaxConcurrencyAttempts { get; set; } = 400;

    /// <summary>Manage links kept valid per registration; the oldest expires first.</summary>
    public int MaxManageTokens { get; set; } = 20;

    /// <summary>
    /// Reminders (registrations) packed into one transaction of the reminder run; each takes about 3 of the 100
    /// actions a transaction may hold, so more than 33 has no effect. 1 writes each reminder on its own.
    /// </summary>
    public int ReminderBatchSize { get; set; } = 33;

    /// <summary>Reminder transactions of one event in flight at once.</summary>
    public int ReminderParallelism { get; set; } = 4;
}

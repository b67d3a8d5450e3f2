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
    /// Reminders per batch of the reminder run: one transaction writes the batch's manage-token row and moves the job
    /// row on. At most 250; a crash resends at most two batches (same mail ids).
    /// </summary>
    public int ReminderBatchSize { get; set; } = 100;

    /// <summary>Reminder mails rendered and sent at once.</summary>
    public int ReminderParallelism { get; set; } = 4;

    /// <summary>How long a reminder run holds an event's job without writing; a crashed run's job is resumed after it.</summary>
    public TimeSpan ReminderLease { get; set; } = TimeSpan.FromMinutes(5);
}

namespace VirServerless.Core.Outbox;

public sealed class OutboxOptions
{
    public const string SectionName = "Outbox";

    /// <summary>After this many failed attempts a mail is dead and shown to organisers.</summary>
    public int MaxAttempts { get; set; } = 8;

    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A mail claimed for sending longer ago than this is assumed orphaned by a crash and sent again.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);
}

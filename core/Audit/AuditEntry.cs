namespace VirServerless.Core.Audit;

/// <summary>
/// One organiser action. <paramref name="Summary"/> is German text for the organiser view and never holds personal
/// data: a registration is named by its id only.
/// </summary>
public sealed record AuditEntry(DateTimeOffset At, string Actor, string Action, string? EventId, string? RegistrationId, string Summary);

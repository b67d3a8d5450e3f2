using VirServerless.Bot.Reminders;
using VirServerless.Core.Outbox;
using VirServerless.Core.Registrations;
using VirServerless.Core.Reminders;
using VirServerless.Core.Retention;
using VirServerless.Core.Storage.Events;
using VirServerless.Core.Storage.Organisers;

namespace VirServerless.Functions.Timers;

/// <summary>What a timer run reports: a short summary line for the invocation log.</summary>
public sealed record TimerRunResult(string Summary);

/// <summary>
/// A timer function: its name (also the Functions folder name), the app setting holding its NCRONTAB schedule and
/// the default schedule. This table is the one source of truth for the in-process scheduler, the custom-handler
/// invocation routes and the generated function.json files.
/// </summary>
public sealed record TimerFunction(string Name, string ScheduleSetting, string DefaultSchedule, Func<IServiceProvider, bool, CancellationToken, Task<TimerRunResult>> Run)
{
    public string ScheduleFrom(IConfiguration configuration) => configuration[ScheduleSetting] is { Length: > 0 } s ? s : DefaultSchedule;
}

public static class TimerFunctions
{
    public static IReadOnlyList<TimerFunction> All { get; } =
    [
        new("DispatchOutbox", "DispatchOutboxSchedule", "0 */1 * * * *", DispatchOutboxAsync),
        new("MoveUpWaitlists", "MoveUpWaitlistsSchedule", "30 */5 * * * *", MoveUpWaitlistsAsync),
        new("SendReminders", "SendRemindersSchedule", "15 */15 * * * *", SendRemindersAsync),
        new("PurgePersonalData", "PurgePersonalDataSchedule", "0 30 2 * * *", PurgePersonalDataAsync),
    ];

    /// <summary>
    /// The mails, then the chat messages of those who opted in, both from the same due plan. A late run (IsPastDue) needs
    /// nothing special: the plan sends at most the latest due reminder per person.
    /// </summary>
    private static async Task<TimerRunResult> SendRemindersAsync(IServiceProvider services, bool isPastDue, CancellationToken cancellationToken)
    {
        var result = await services.GetRequiredService<ReminderService>().SendDueRemindersAsync(cancellationToken);
        var chat = await services.GetRequiredService<ChatReminderRun>().SendDueAsync(cancellationToken);
        return new($"Erinnerungen: {result.Sent} geschrieben, {result.Skipped} übersprungen, {result.Events} anstehende Veranstaltungen; "
            + $"im Chat {chat.Sent} gesendet, {chat.Undeliverable} nicht zustellbar, {chat.Failed} später erneut{(isPastDue ? " (verspäteter Lauf)" : "")}");
    }

    private static async Task<TimerRunResult> PurgePersonalDataAsync(IServiceProvider services, bool isPastDue, CancellationToken cancellationToken)
    {
        var result = await services.GetRequiredService<PersonalDataPurge>().RunAsync(cancellationToken);
        var sessions = await services.GetRequiredService<OrganiserSessionStore>().PurgeExpiredAsync(services.GetRequiredService<TimeProvider>().GetUtcNow(), cancellationToken);
        return new($"Löschlauf: {result.RegistrationsAnonymised} Anmeldungen anonymisiert, {result.ExpiredPendingDeleted} unbestätigte gelöscht, {result.MailRowsDeleted} Mailzeilen gelöscht, {result.MailRowsStripped} geleert, {sessions} abgelaufene Sitzungen der Verwaltung gelöscht");
    }

    private static async Task<TimerRunResult> DispatchOutboxAsync(IServiceProvider services, bool isPastDue, CancellationToken cancellationToken)
    {
        var result = await services.GetRequiredService<OutboxDispatcher>().DispatchAsync(cancellationToken: cancellationToken);
        return new($"Mails: {result.Sent} gesendet, {result.Failed} fehlgeschlagen, {result.Dead} aufgegeben, {result.Skipped} übersprungen");
    }

    private static async Task<TimerRunResult> MoveUpWaitlistsAsync(IServiceProvider services, bool isPastDue, CancellationToken cancellationToken)
    {
        var events = services.GetRequiredService<EventStore>();
        var registrations = services.GetRequiredService<RegistrationService>();
        var moved = 0;
        foreach (var ev in await events.ListPublishedAsync(cancellationToken))
        {
            moved += await registrations.FillFreeSeatsAsync(ev, cancellationToken);
        }
        return new($"{moved} Personen nachgerückt");
    }
}

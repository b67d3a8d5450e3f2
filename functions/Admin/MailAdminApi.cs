using VirServerless.Bot.Reminders;
using VirServerless.Core.Mail;
using VirServerless.Core.Outbox;
using VirServerless.Core.Reminders;
using VirServerless.Core.Storage.Outbox;

namespace VirServerless.Functions.Admin;

/// <summary>One mail that did not go out (yet); what an organiser needs to follow up, without address or body.</summary>
public sealed record OutboxProblem(
    string MailId, string EventId, string? RegistrationId, string Kind, string State, int Attempts,
    DateTimeOffset CreatedAt, DateTimeOffset NextAttemptAt, string? LastError);

public sealed record OutboxOverview(string Sender, IReadOnlyDictionary<string, int> Counts, IReadOnlyList<OutboxProblem> Problems);

public sealed record ReminderRun(int Events, int Sent, int Skipped, int Dispatched);

public static class MailAdminApi
{
    public static IEndpointRouteBuilder MapMailAdmin(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin").WithTags("Verwaltung").RequireAdminKey()
            .AddEndpointFilter(async (context, next) =>
            {
                context.HttpContext.Response.Headers.CacheControl = "no-store";
                return await next(context);
            });
        admin.MapGet("/outbox", GetOutbox).Produces<OutboxOverview>();
        admin.MapPost("/reminders/run", RunReminders).Produces<ReminderRun>();
        return app;
    }

    /// <summary>Counts per state over all events, and the failed and dead mails in detail.</summary>
    private static async Task<IResult> GetOutbox(OutboxStore outbox, IMailSender sender, CancellationToken cancellationToken)
    {
        var counts = Enum.GetNames<OutboxState>().ToDictionary(name => name.ToLowerInvariant(), _ => 0);
        var problems = new List<OutboxProblem>();
        foreach (var row in await outbox.StatusesAsync(cancellationToken))
        {
            var state = row.State.ToString().ToLowerInvariant();
            counts[state] = counts.GetValueOrDefault(state) + 1;
            if (row.State is OutboxState.Failed or OutboxState.Dead)
            {
                problems.Add(new OutboxProblem(row.MailId, row.EventId, row.RegistrationId, row.Kind, state, row.Attempts, row.CreatedAt, row.NextAttemptAt, row.LastError));
            }
        }
        return TypedResults.Ok(new OutboxOverview(sender.Description, counts, [.. problems.OrderBy(p => p.State).ThenBy(p => p.CreatedAt)]));
    }

    /// <summary>Runs the reminder job now (mails, then chat messages) and sends what it handed to the outbox, for organisers and tests.</summary>
    private static async Task<IResult> RunReminders(ReminderService reminders, ChatReminderRun chatReminders, OutboxDispatcher dispatcher, CancellationToken cancellationToken)
    {
        var result = await reminders.SendDueRemindersAsync(cancellationToken);
        await chatReminders.SendDueAsync(cancellationToken);
        var dispatched = await dispatcher.DispatchAsync(cancellationToken: cancellationToken);
        return TypedResults.Ok(new ReminderRun(result.Events, result.Sent, result.Skipped, dispatched.Sent));
    }
}

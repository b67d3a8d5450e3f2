using Microsoft.Extensions.Logging;
using VirServerless.Core.Outbox;
using VirServerless.Core.Reminders;
using VirServerless.Core.Storage.Conversations;
using VirServerless.Core.Storage.Registrations;

namespace VirServerless.Core.Registrations;

/// <summary>Everything stored about one person (DSGVO Art. 15): the registration, the reminders sent, the mails kept for them and what the bot keeps about their address.</summary>
public sealed record PersonalDataExport(Registration Registration, IReadOnlyList<string> RemindersSent, IReadOnlyList<OutboxEntry> Mails)
{
    public BotPersonalData Bot { get; init; } = new(null, [], []);
}

public sealed partial class RegistrationService
{
    /// <summary>All stored data about the holder of a manage token.</summary>
    public async Task<PersonalDataExport?> ExportAsync(string? token, CancellationToken cancellationToken = default)
    {
        var registration = await FindByTokenAsync(token, RegistrationKeys.ManageToken, cancellationToken);
        if (registration is null)
        {
            return null;
        }
        return new PersonalDataExport(registration, await RemindersSentAsync(registration, cancellationToken), await MailsOfAsync(registration, cancellationToken))
        {
            Bot = await botData.ExportAsync(registration.Email, cancellationToken),
        };
    }

    /// <summary>The reminder offsets whose token batches name the registration, with those marked by the earlier per-registration scheme.</summary>
    private async Task<IReadOnlyList<string>> RemindersSentAsync(Registration registration, CancellationToken cancellationToken)
    {
        var offsets = new SortedSet<string>(registration.RemindersHandled, StringComparer.Ordinal);
        foreach (var batch in await store.ListTokenBatchesAsync(registration.EventId, cancellationToken))
        {
            if (ReminderTokens.Names(batch, registration.Id))
            {
                offsets.Add(ReminderTokens.OffsetOf(batch));
            }
        }
        return [.. offsets];
    }

    /// <summary>
    /// Erases a person's data at once (DSGVO Art. 17): frees their seats like a cancellation (the waiting list moves
    /// up), then deletes the registration, its index rows and every mail row kept for them, and the bot's data about
    /// the address (chat reference, conversation state, chat reminder records). Nothing about the person is left;
    /// counts simply no longer include them.
    /// </summary>
    public async Task<ManageOutcome> DeleteAsync(string? token, CancellationToken cancellationToken = default)
    {
        var found = await FindByTokenAsync(token, RegistrationKeys.ManageToken, cancellationToken);
        if (found is null)
        {
            return new ManageOutcome.InvalidToken();
        }
        var ev = (await events.GetAsync(found.EventId, cancellationToken))?.Event;
        var outcome = await RetryOnConflictAsync<ManageOutcome>("delete", async () =>
        {
            var current = await GetAsync(found.EventId, found.Id, cancellationToken);
            if (current is null)
            {
                return new ManageOutcome.InvalidToken();
            }
            List<RegistrationChange> actions = [new RegistrationChange.Delete(current), .. IndexRowDeletions(current)];
            if (ev is not null && current.IsActive)
            {
                var seats = await store.ReadSeatsAsync(ev.Id, cancellationToken);
                seats.Apply(SeatRules.SeatsFreedBy(SeatHolder.Of(current)));
                actions.AddRange(RegistrationChange.Counters(seats));
            }
            // Mails still to go out would carry the data we were asked to erase; sent ones still name the address.
            foreach (var mail in await MailsOfAsync(current, cancellationToken))
            {
                actions.Add(new RegistrationChange.DeleteRow(mail.PartitionKey, OutboxEntry.RowKeyFor(mail.Mail.Id)));
            }
            return await TryDeleteAsync(actions, cancellationToken) ? new ManageOutcome.Done(current with { Status = RegistrationStatus.Cancelled }) : null;
        }, cancellationToken, seatsOfEvent: found.EventId);

        if (outcome is ManageOutcome.Done)
        {
            logger.LogInformation("Registration {RegistrationId} for {EventId} erased on request", found.Id, found.EventId);
            await botData.DeletePersonAsync(found.Email, cancellationToken);
            if (ev is not null)
            {
                await FillFreeSeatsAsync(ev, cancellationToken);
            }
        }
        return outcome;
    }

    private async Task<bool> TryDeleteAsync(List<RegistrationChange> actions, CancellationToken cancellationToken)
    {
        // An entity group transaction holds at most 100 operations; the mail rows beyond that go in a second step.
        var first = actions.Take(100).ToList();
        if (!await TrySubmitAsync(first, cancellationToken))
        {
            return false;
        }
        foreach (var rest in actions.Skip(100).Chunk(100))
        {
            await TrySubmitAsync([.. rest], cancellationToken);
        }
        return true;
    }

    private Task<IReadOnlyList<OutboxEntry>> MailsOfAsync(Registration registration, CancellationToken cancellationToken) =>
        outbox.ListAsync(registration.EventId, registration.Id, cancellationToken);
}

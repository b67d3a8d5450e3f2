using Microsoft.Extensions.Logging;
using VirServerless.Core.Events;
using VirServerless.Core.Storage.Registrations;

namespace VirServerless.Core.Registrations;

public sealed partial class RegistrationService
{
    /// <summary>At most this many rows go into one entity group transaction.</summary>
    private const int MaxTransactionRows = 100;

    /// <summary>
    /// Moves people up while seats are free (<see cref="SeatRules.NextMoveUp"/>), one transaction each. Cancellations
    /// and session changes write their move-ups with them; this catches up after a raised capacity, a crash, or
    /// move-ups that did not fit into that transaction. Safe to run any time; the sweep timer runs it too.
    /// </summary>
    public async Task<int> FillFreeSeatsAsync(CatalogEvent ev, CancellationToken cancellationToken = default)
    {
        if (SeatRules.IsOver(ev, timeProvider.GetUtcNow()))
        {
            return 0;
        }
        var moved = 0;
        for (var attempt = 0; attempt < Options.MaxConcurrencyAttempts; attempt++)
        {
            var step = await WithSeatGateAsync(ev.Id, () => TryMoveUpOneAsync(ev, cancellationToken), cancellationToken);
            if (step == MoveUpStep.NothingToDo)
            {
                break;
            }
            if (step == MoveUpStep.MovedUp)
            {
                moved++;
            }
        }
        if (moved > 0)
        {
            outboxSignal.Notify(ev.Id);
        }
        return moved;
    }

    private enum MoveUpStep { NothingToDo, MovedUp, LostRace }

    private async Task<MoveUpStep> TryMoveUpOneAsync(CatalogEvent ev, CancellationToken cancellationToken)
    {
        var read = await ReadSeatStateAsync(ev.Id, registrationId: null, cancellationToken);
        if (SeatRules.NextMoveUp(ev, read.State, timeProvider.GetUtcNow()) is not { } move)
        {
            return MoveUpStep.NothingToDo;
        }
        return await TrySubmitWithMoveUpsAsync(ev, read, [], [], [move], cancellationToken) is null ? MoveUpStep.LostRace : MoveUpStep.MovedUp;
    }

    /// <summary>What a seat decision reads: the counters (with their revisions), every registration of the event, and the one it is about.</summary>
    private sealed record SeatRead(SeatCounters Seats, IReadOnlyList<Registration> Registrations, Registration? Current)
    {
        public SeatState State { get; } = new([.. Registrations.Select(SeatHolder.Of)], Seats.Counts);
    }

    private async Task<SeatRead> ReadSeatStateAsync(string eventId, string? registrationId, CancellationToken cancellationToken)
    {
        var seats = await store.ReadSeatsAsync(eventId, cancellationToken);
        var registrations = await ListAsync(eventId, cancellationToken);
        return new(seats, registrations, registrations.FirstOrDefault(r => r.Id == registrationId));
    }

    /// <summary>
    /// Writes a decision as one transaction: the person's rows in <paramref name="actions"/>, the counters changed by
    /// <paramref name="seatChanges"/> and the move-ups that follow (as many as fit). Null when a concurrent writer won;
    /// otherwise whether every move-up went in.
    /// </summary>
    private async Task<bool?> TrySubmitWithMoveUpsAsync(CatalogEvent ev, SeatRead read, List<RegistrationChange> actions, IReadOnlyList<SeatDelta> seatChanges, IReadOnlyList<MoveUp> moveUps, CancellationToken cancellationToken)
    {
        read.Seats.Apply(seatChanges);
        var added = AddMoveUps(ev, moveUps, read.Registrations, read.Seats, actions);
        actions.AddRange(RegistrationChange.Counters(read.Seats));
        if (!await TrySubmitAsync(actions, cancellationToken))
        {
            return null;
        }
        LogMoveUps(ev, added);
        return added.Count == moveUps.Count;
    }

    /// <summary>
    /// The rows of a seat decision about one person that mails them a fresh manage link: the registration with the
    /// decided status and sessions, the link's index row, a check-in code with a first seat, and the mail. The seat
    /// changes are the caller's.
    /// </summary>
    private (Registration Written, List<RegistrationChange> Actions) Placement(CatalogEvent ev, Registration current, SeatHolder decided, SeatMail mail)
    {
        var (updated, codeActions) = WithCheckInCode(decided.ApplyTo(current));
        var (token, withToken, tokenActions) = NewManageToken(updated with { MailSequence = updated.MailSequence + 1 });
        return (withToken, [Replace(withToken), .. tokenActions, .. codeActions, OutboxAction(ev.Id, updated, mail.Kind, ev, token, mail.SessionId)]);
    }

    /// <summary>
    /// Adds the move-ups, in order, to the transaction in <paramref name="actions"/> and their seat changes to
    /// <paramref name="seats"/>, as long as they fit (the counter rows still to come included) and touch no
    /// registration twice. Returns the move-ups added; the rest is left to <see cref="FillFreeSeatsAsync"/>.
    /// </summary>
    private List<MoveUp> AddMoveUps(CatalogEvent ev, IReadOnlyList<MoveUp> moveUps, IReadOnlyList<Registration> registrations, SeatCounters seats, List<RegistrationChange> actions)
    {
        var touched = actions.OfType<RegistrationChange.Replace>().Select(r => r.Registration.Id).ToHashSet(StringComparer.Ordinal);
        var added = new List<MoveUp>();
        foreach (var move in moveUps)
        {
            var current = registrations.First(r => r.Id == move.Person.Id);
            var (_, rows) = Placement(ev, current, move.Person, move.Mail);
            if (touched.Contains(current.Id) || actions.Count + rows.Count + seats.Changed().Count() + move.Seats.Count > MaxTransactionRows)
            {
                break;
            }
            touched.Add(current.Id);
            seats.Apply(move.Seats);
            actions.AddRange(rows);
            added.Add(move);
        }
        return added;
    }

    private void LogMoveUps(CatalogEvent ev, IEnumerable<MoveUp> moveUps)
    {
        foreach (var move in moveUps)
        {
            if (move.SessionId is null)
            {
                logger.LogInformation("Registration {RegistrationId} moved up from the waiting list of {EventId}", move.Person.Id, ev.Id);
            }
            else
            {
                logger.LogInformation("Registration {RegistrationId} moved up in session {SessionId} of {EventId}", move.Person.Id, move.SessionId, ev.Id);
            }
        }
    }
}

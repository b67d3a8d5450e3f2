using Microsoft.Extensions.Logging;
using VirServerless.Core.Storage.Registrations;

namespace VirServerless.Core.Registrations;

public abstract record CheckInOutcome
{
    public sealed record CheckedIn(Registration Registration) : CheckInOutcome;
    /// <summary>Someone (maybe another device) was quicker; nothing changed.</summary>
    public sealed record AlreadyCheckedIn(Registration Registration, DateTimeOffset At) : CheckInOutcome;
    public sealed record Undone(Registration Registration) : CheckInOutcome;
    public sealed record NotCheckedIn(Registration Registration) : CheckInOutcome;
    /// <summary>The registration exists but holds no seat (waiting, cancelled, unconfirmed).</summary>
    public sealed record NoSeat(Registration Registration) : CheckInOutcome;
    /// <summary>No registration of this event has this id or code.</summary>
    public sealed record NotFound : CheckInOutcome;
}

public sealed partial class RegistrationService
{
    /// <summary>
    /// Checks a person with a seat in. Idempotent and safe from two devices at once: the write is guarded by the
    /// revision it read, the loser reads again and answers <see cref="CheckInOutcome.AlreadyCheckedIn"/>.
    /// </summary>
    public Task<CheckInOutcome> CheckInAsync(string eventId, string registrationId, CancellationToken cancellationToken = default) =>
        RetryOnConflictAsync<CheckInOutcome>("check in", async () =>
        {
            var current = await GetAsync(eventId, registrationId, cancellationToken);
            switch (current)
            {
                case null:
                    return new CheckInOutcome.NotFound();
                case { CheckedInAt: { } at }:
                    return new CheckInOutcome.AlreadyCheckedIn(current, at);
                case { HoldsSeat: false }:
                    return new CheckInOutcome.NoSeat(current);
            }
            var checkedIn = current with { CheckedInAt = timeProvider.GetUtcNow() };
            if (!await TrySubmitAsync([Replace(checkedIn)], cancellationToken))
            {
                return null;
            }
            logger.LogInformation("Registration {RegistrationId} for {EventId} checked in", registrationId, eventId);
            return new CheckInOutcome.CheckedIn(checkedIn);
        }, cancellationToken);

    /// <summary>Checks in by the personal code, looked up in this event's partition only: another event's code is not found.</summary>
    public async Task<CheckInOutcome> CheckInByCodeAsync(string eventId, string? typedCode, CancellationToken cancellationToken = default) =>
        await FindByCheckInCodeAsync(eventId, typedCode, cancellationToken) is { } registration
            ? await CheckInAsync(eventId, registration.Id, cancellationToken)
            : new CheckInOutcome.NotFound();

    /// <summary>Takes a check-in back (a tick by mistake); idempotent like <see cref="CheckInAsync"/>.</summary>
    public Task<CheckInOutcome> UndoCheckInAsync(string eventId, string registrationId, CancellationToken cancellationToken = default) =>
        RetryOnConflictAsync<CheckInOutcome>("undo check-in", async () =>
        {
            var current = await GetAsync(eventId, registrationId, cancellationToken);
            if (current is null)
            {
                return new CheckInOutcome.NotFound();
            }
            if (current.CheckedInAt is null)
            {
                return new CheckInOutcome.NotCheckedIn(current);
            }
            var undone = current with { CheckedInAt = null };
            if (!await TrySubmitAsync([Replace(undone)], cancellationToken))
            {
                return null;
            }
            logger.LogInformation("Check-in of registration {RegistrationId} for {EventId} undone", registrationId, eventId);
            return new CheckInOutcome.Undone(undone);
        }, cancellationToken);

    /// <summary>The registration of <paramref name="eventId"/> whose check-in code this is, or null.</summary>
    public async Task<Registration?> FindByCheckInCodeAsync(string eventId, string? typedCode, CancellationToken cancellationToken = default)
    {
        if (CheckInCodes.Normalize(typedCode) is not { } code
            || await store.FindIdAsync(eventId, CheckInCodes.RowKey(code), cancellationToken) is not { } registrationId)
        {
            return null;
        }
        var registration = await GetAsync(eventId, registrationId, cancellationToken);
        return registration?.CheckInCode == code ? registration : null;
    }

    /// <summary>Gives a registration its check-in code with its first seat; returns it with the code's index row to write.</summary>
    private static (Registration Registration, List<RegistrationChange> Actions) WithCheckInCode(Registration registration)
    {
        if (!registration.HoldsSeat || registration.CheckInCode is not null)
        {
            return (registration, []);
        }
        var code = CheckInCodes.Create();
        return (registration with { CheckInCode = code }, [IndexRow(registration.EventId, CheckInCodes.RowKey(code), registration.Id)]);
    }
}

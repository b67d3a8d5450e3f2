using Microsoft.Extensions.Logging;
using VirServerless.Core.Events;
using VirServerless.Core.Registrations.Mails;
using VirServerless.Core.Storage.Registrations;

namespace VirServerless.Core.Registrations;

public sealed partial class RegistrationService
{
    /// <summary>
    /// Registers a person. The outcome is the same whether the address is new or known, so nobody can probe who is
    /// registered: a known address gets a mail with a fresh link instead of a second record, and the answer a fresh
    /// id that maps to nothing. With <paramref name="verifiedAddress"/> (the Teams identity) there is no double
    /// opt-in, and the answer is the person's own registration.
    /// </summary>
    public async Task<RegisterOutcome> RegisterAsync(string eventId, RegistrationRequest request, string source, bool verifiedAddress = false, CancellationToken cancellationToken = default)
    {
        var stored = await events.GetAsync(eventId, cancellationToken);
        if (stored is null || stored.Event.Status == EventStatus.Draft)
        {
            return new RegisterOutcome.EventNotFound();
        }
        var ev = stored.Event;
        if (WhyClosed(ev) is { } closed)
        {
            return new RegisterOutcome.Closed(closed.Detail);
        }
        var errors = RegistrationRequestValidator.Validate(request, ev);
        if (errors.Count > 0)
        {
            return new RegisterOutcome.Invalid(errors);
        }

        var outcome = await RetryOnConflictAsync<RegisterOutcome>("register", () => TryRegisterAsync(ev, request, source, verifiedAddress, cancellationToken), cancellationToken);
        if (verifiedAddress && outcome is RegisterOutcome.Accepted accepted)
        {
            var registration = await GetAsync(ev.Id, accepted.RegistrationId, cancellationToken);
            if (registration is { Status: RegistrationStatus.Pending })
            {
                await ConfirmRegistrationAsync(ev, registration, cancellationToken);
            }
        }
        outboxSignal.Notify(ev.Id);
        return outcome;
    }

    private async Task<RegisterOutcome?> TryRegisterAsync(CatalogEvent ev, RegistrationRequest request, string source, bool verifiedAddress, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var emailRow = RegistrationKeys.EmailRow(request.Email!);
        var freshId = NewRegistrationId(now);
        // Both paths read one index row, one registration row and write one transaction, so that the time an answer
        // takes does not tell a known address from a new one: a new address reads its fresh id, which has no row yet.
        var existingId = await store.FindIdAsync(ev.Id, emailRow, cancellationToken);
        if (await GetAsync(ev.Id, existingId ?? freshId, cancellationToken) is { } existing)
        {
            return await TryNotifyExistingAsync(ev, existing, request, verifiedAddress, freshId, now, cancellationToken);
        }

        var registration = new Registration
        {
            Id = freshId,
            EventId = ev.Id,
            Status = RegistrationStatus.Pending,
            FirstName = request.FirstName!.Trim(),
            LastName = request.LastName!.Trim(),
            Email = request.Email!.Trim(),
            Organization = request.Organization!.Trim(),
            Role = Clean(request.Role),
            Dietary = Clean(request.Dietary),
            AccessibilityNeeds = Clean(request.AccessibilityNeeds),
            ConsentVersion = ConsentText.CurrentVersion,
            ConsentGivenAt = now,
            CreatedAt = now,
            LastNoticeAt = now,
            Sessions = [.. (request.Sessions ?? []).Distinct(StringComparer.Ordinal).Select(id => new SessionChoice(id, SessionSeatStatus.Requested, now))],
            RequestKey = Clean(request.RequestKey),
            Source = source,
        };

        List<RegistrationChange> actions = [IndexRow(ev.Id, emailRow, registration.Id)];
        if (!verifiedAddress)
        {
            var token = RegistrationTokens.Create(ev.Id);
            var hash = RegistrationTokens.HashOf(token);
            registration = registration with
            {
                ConfirmTokenHash = hash,
                ConfirmTokenExpiresAt = now + Options.ConfirmTokenLifetime,
                MailSequence = 1,
            };
            actions.Add(IndexRow(ev.Id, RegistrationKeys.ConfirmToken + hash, registration.Id));
            actions.Add(OutboxAction(ev.Id, registration with { MailSequence = 0 }, RegistrationMailKind.ConfirmationRequest, ev, token));
        }
        actions.Insert(1, new RegistrationChange.Insert(registration));

        if (!await TrySubmitAsync(actions, cancellationToken))
        {
            return null; // the same address registered concurrently; the next attempt takes the known-address path
        }
        CrashPoints.Reached(CrashPoints.RegistrationCommitted);
        logger.LogInformation("Registration {RegistrationId} for {EventId} created from {Source}", registration.Id, ev.Id, source);
        return new RegisterOutcome.Accepted(registration.Id);
    }

    /// <summary>
    /// A known address. The answer carries <paramref name="freshId"/>, the id a new registration would have got, even
    /// for a retry with the same request key: a retry of a probe must not tell a known address from a new one either.
    /// </summary>
    private async Task<RegisterOutcome?> TryNotifyExistingAsync(CatalogEvent ev, Registration existing, RegistrationRequest request, bool verifiedAddress, string freshId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (verifiedAddress)
        {
            return new RegisterOutcome.Accepted(existing.Id);
        }
        var accepted = new RegisterOutcome.Accepted(freshId);
        var isRetry = existing.RequestKey is not null && string.Equals(existing.RequestKey, Clean(request.RequestKey), StringComparison.Ordinal);
        var recentlyNotified = existing.LastNoticeAt is { } last && now - last < Options.RepeatNoticeInterval;
        if (isRetry || recentlyNotified)
        {
            // No mail, but the same one transaction as the other paths: the unchanged registration, guarded by its revision.
            return await TrySubmitAsync([Replace(existing)], cancellationToken) ? accepted : null;
        }

        List<RegistrationChange> actions = [];
        string token;
        var updated = existing with { LastNoticeAt = now, MailSequence = existing.MailSequence + 1 };
        if (existing.Status == RegistrationStatus.Pending)
        {
            token = RegistrationTokens.Create(ev.Id);
            var hash = RegistrationTokens.HashOf(token);
            if (existing.ConfirmTokenHash is { } oldHash)
            {
                actions.Add(DeleteRow(ev.Id, RegistrationKeys.ConfirmToken + oldHash));
            }
            actions.Add(IndexRow(ev.Id, RegistrationKeys.ConfirmToken + hash, existing.Id));
            updated = updated with { ConfirmTokenHash = hash, ConfirmTokenExpiresAt = now + Options.ConfirmTokenLifetime };
        }
        else
        {
            (token, updated, var tokenActions) = NewManageToken(updated);
            actions.AddRange(tokenActions);
        }
        actions.Insert(0, Replace(updated));
        actions.Add(OutboxAction(ev.Id, existing, RegistrationMailKind.AlreadyRegistered, ev, token));
        return await TrySubmitAsync(actions, cancellationToken) ? accepted : null;
    }

    /// <summary>A UUIDv7 (its creation time leads, so ids sort by time) with the prefix all registration ids have.</summary>
    private static string NewRegistrationId(DateTimeOffset now) => "r" + Guid.CreateVersion7(now).ToString("N");

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

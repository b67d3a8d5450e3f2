namespace VirServerless.Core.Registrations;

/// <summary>
/// Reads and changes by e-mail address or registration id instead of a mailed token. Only for callers that verified
/// the address themselves (the Teams bot reads it from the tenant's roster); the web never calls these.
/// </summary>
public sealed partial class RegistrationService
{
    /// <summary>The active registration of <paramref name="email"/> for the event, found through the <c>email|hash</c> index row.</summary>
    public async Task<Registration?> FindByEmailAsync(string eventId, string email, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return null;
        }
        if (await store.FindIdAsync(eventId, RegistrationKeys.EmailRow(email), cancellationToken) is not { } registrationId)
        {
            return null;
        }
        var registration = await GetAsync(eventId, registrationId, cancellationToken);
        return registration is { IsActive: true }
            && string.Equals(RegistrationKeys.NormalizeEmail(registration.Email), RegistrationKeys.NormalizeEmail(email), StringComparison.Ordinal)
            ? registration
            : null;
    }

    /// <summary>Cancels like <see cref="CancelAsync"/> (seat freed, waiting list moves up, mail sent) for a verified caller.</summary>
    public async Task<ManageOutcome> CancelForAsync(string eventId, string registrationId, CancellationToken cancellationToken = default) =>
        await GetAsync(eventId, registrationId, cancellationToken) is { IsActive: true } found
            ? await CancelRegistrationAsync(found, cancellationToken)
            : new ManageOutcome.InvalidToken();

    /// <summary>Changes sessions like <see cref="ChangeSessionsAsync"/> for a verified caller.</summary>
    public async Task<ManageOutcome> ChangeSessionsForAsync(string eventId, string registrationId, IReadOnlyList<string> sessionIds, CancellationToken cancellationToken = default) =>
        await GetAsync(eventId, registrationId, cancellationToken) is { IsActive: true } found
            ? await ChangeSessionsOfAsync(found, sessionIds, cancellationToken)
            : new ManageOutcome.InvalidToken();
}

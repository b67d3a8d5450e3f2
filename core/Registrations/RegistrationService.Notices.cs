using Microsoft.Extensions.Logging;
using VirServerless.Core.Events;
using VirServerless.Core.Events.Changes;
using VirServerless.Core.Outbox;
using VirServerless.Core.Storage.Registrations;

namespace VirServerless.Core.Registrations;

public sealed partial class RegistrationService
{
    public const string ChangeNoticeMailKind = "ChangeNotice";

    /// <summary>The mail id of a change notice: one per registration and event version, so a retried PUT adds nothing.</summary>
    public static string ChangeNoticeMailId(string registrationId, int eventVersion) => $"{registrationId}-change-v{eventVersion}";

    /// <summary>
    /// Mails the registrants a change concerns: everyone confirmed or waitlisted for a change of the event (or of a
    /// session everyone attends) and for a cancellation; only the people who chose a session for a change of that
    /// session. Pending registrations get nothing: they have not opted in yet, and their confirmation shows the
    /// current facts. Returns the number of notices written.
    /// </summary>
    public async Task<int> SendChangeNoticesAsync(CatalogEvent previous, CatalogEvent current, CancellationToken cancellationToken = default)
    {
        if (await ConcernedAsync(previous, current, cancellationToken) is not var (changes, concerned))
        {
            return 0;
        }
        var written = 0;
        foreach (var registration in concerned)
        {
            var personal = EventChanges.For(changes, previous, registration.Sessions.Select(s => s.Id));
            var done = await RetryOnConflictAsync("change notice", () => WriteChangeNoticeAsync(current, registration.Id, personal, cancellationToken), cancellationToken);
            written += done.Value ? 1 : 0;
        }
        outboxSignal.Notify(current.Id);
        logger.LogInformation("Event {EventId} version {Version}: {Count} change notices written ({Changes})", current.Id, current.Version, written, string.Join(", ", changes.Changes.Select(c => c.Kind)));
        return written;
    }

    /// <summary>
    /// How many change notices <see cref="SendChangeNoticesAsync"/> would write for this change right now, by the same
    /// rule; the organiser sees the number before saving.
    /// </summary>
    public async Task<int> CountChangeNoticesAsync(CatalogEvent previous, CatalogEvent current, CancellationToken cancellationToken = default) =>
        await ConcernedAsync(previous, current, cancellationToken) is var (_, concerned) ? concerned.Count : 0;

    /// <summary>The changes and the registrations they concern; null when the change is no reason to mail anyone.</summary>
    private async Task<(EventChangeSet Changes, IReadOnlyList<Registration> Concerned)?> ConcernedAsync(CatalogEvent previous, CatalogEvent current, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(current);
        var changes = EventChanges.Compare(previous, current);
        // Edits after the event (a typo, moving it into the archive) concern nobody any more.
        if (changes.IsEmpty || previous.End < timeProvider.GetUtcNow())
        {
            return null;
        }
        var concerned = (await ListAsync(current.Id, cancellationToken))
            .Where(r => r.Status is RegistrationStatus.Confirmed or RegistrationStatus.Waitlisted && EventChanges.Concerns(changes, r.Sessions.Select(s => s.Id)))
            .ToList();
        return (changes, concerned);
    }

    private sealed record Written(bool Value);

    private async Task<Written?> WriteChangeNoticeAsync(CatalogEvent ev, string registrationId, IReadOnlyList<EventChange> changes, CancellationToken cancellationToken)
    {
        var mailId = ChangeNoticeMailId(registrationId, ev.Version);
        var exists = await outbox.ExistsAsync(ev.Id, mailId, cancellationToken);
        var current = await GetAsync(ev.Id, registrationId, cancellationToken);
        if (exists || current is not { Status: RegistrationStatus.Confirmed or RegistrationStatus.Waitlisted })
        {
            return new Written(false);
        }
        var cancelled = ev.Status == EventStatus.Cancelled;
        List<RegistrationChange> actions = [];
        string? token = null;
        var addressee = current;
        if (!cancelled)
        {
            (token, addressee, var tokenActions) = NewManageToken(current);
            actions = [Replace(addressee), .. tokenActions];
        }
        var mail = mails.RenderChangeNotice(mailId, addressee, ev, changes, token);
        actions.Add(new RegistrationChange.AddMail(OutboxEntry.Create(ev.Id, mail, ChangeNoticeMailKind, current.Id, timeProvider.GetUtcNow())));
        // A lost race re-reads: either the notice now exists (a concurrent call wrote it) or the registration changed.
        return await TrySubmitAsync(actions, cancellationToken) ? new Written(true) : null;
    }
}

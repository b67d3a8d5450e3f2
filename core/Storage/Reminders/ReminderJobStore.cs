using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Azure;
using Azure.Data.Tables;
using VirServerless.Core.Registrations;
using VirServerless.Core.Reminders;
using VirServerless.Core.Storage.Registrations;

namespace VirServerless.Core.Storage.Reminders;

/// <summary>
/// Reminder jobs (<c>reminder|{offset}</c>) and their token batches (<c>remtok|{batch}</c>) in the event's partition of
/// the Registrations table, and the walk over the event's registrations in row-key order.
/// </summary>
public sealed class ReminderJobStore(StorageTables tables)
{
    private TableClient Table => tables.Registrations;

    public async Task<ReminderJob?> GetAsync(string eventId, string offset, CancellationToken cancellationToken = default)
    {
        var stored = await Table.GetEntityIfExistsAsync<TableEntity>(eventId, ReminderJob.RowKeyFor(offset), cancellationToken: cancellationToken);
        return stored.HasValue ? ReminderJobRows.FromEntity(stored.Value!) : null;
    }

    /// <summary>
    /// Writes <paramref name="claimed"/> over <paramref name="stored"/> (guarded by its revision; a new job when null).
    /// Returns the claimed job with its new revision, or null when another run wrote first.
    /// </summary>
    public async Task<ReminderJob?> TryClaimAsync(ReminderJob? stored, ReminderJob claimed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        try
        {
            var response = stored is null
                ? await Table.AddEntityOnceAsync(ReminderJobRows.ToEntity(claimed), cancellationToken)
                : await Table.UpdateEntityOnceAsync(ReminderJobRows.ToEntity(claimed), Revisions.ToETag(stored.Revision), TableUpdateMode.Replace, cancellationToken);
            return claimed with { Revision = Revisions.Of(response) };
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return null;
        }
    }

    /// <summary>
    /// Writes <paramref name="next"/> over <paramref name="current"/> (guarded by its revision), together with a new token
    /// batch if given. Returns the job with its new revision, or null when another run has taken the lease over.
    /// </summary>
    public async Task<ReminderJob?> TryCommitAsync(ReminderJob current, ReminderJob next, ReminderTokenBatch? tokens, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(next);
        List<TableTransactionAction> actions = tokens is null ? [] : [new(TableTransactionActionType.Add, ReminderTokenRows.ToEntity(tokens))];
        actions.Add(new(TableTransactionActionType.UpdateReplace, ReminderJobRows.ToEntity(next), Revisions.ToETag(current.Revision)));
        try
        {
            var response = await Table.SubmitTransactionOnceAsync(actions, cancellationToken);
            return next with { Revision = Revisions.Of(response.Value[^1]) };
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 409 or 412)
        {
            return null;
        }
    }

    /// <summary>The event's registrations in row-key order after <paramref name="afterRowKey"/>; storage serves the next page while the caller works on this one.</summary>
    public async IAsyncEnumerable<Registration> WalkAsync(string eventId, string afterRowKey, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {eventId}") + " and " + RegistrationKeys.PrefixFilter(RegistrationKeys.Registration)
            + (afterRowKey.Length > 0 ? " and " + TableClient.CreateQueryFilter($"RowKey gt {afterRowKey}") : "");
        var pages = Channel.CreateBounded<TableEntity>(new BoundedChannelOptions(2000) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reading = Task.Run(async () =>
        {
            try
            {
                await foreach (var entity in Table.QueryAsync<TableEntity>(filter, cancellationToken: stop.Token))
                {
                    await pages.Writer.WriteAsync(entity, stop.Token);
                }
                pages.Writer.Complete();
            }
            catch (Exception ex)
            {
                pages.Writer.Complete(ex);
            }
        }, CancellationToken.None);
        try
        {
            await foreach (var entity in pages.Reader.ReadAllAsync(cancellationToken))
            {
                yield return RegistrationRows.FromEntity(entity);
            }
        }
        finally
        {
            await stop.CancelAsync();
            await reading;
        }
    }
}

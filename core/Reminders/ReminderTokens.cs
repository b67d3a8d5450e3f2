using VirServerless.Core.Registrations;

namespace VirServerless.Core.Reminders;

/// <summary>
/// Manage tokens of reminder mails: <c>{eventId}.{32 random bytes, base64url}.{batch}</c>. Instead of one index row per
/// token (and a change to every registration), the SHA-256 hashes of a whole batch share one row
/// <c>remtok|{batch}</c>, named by the token's last part. As with every token, only hashes are stored.
/// </summary>
public static class ReminderTokens
{
    /// <summary>Entries per batch row: 250 × 99 characters stay well inside one string property (32 K characters).</summary>
    public const int MaxPerBatch = 250;

    public static string BatchId(string offset, int number) =>
        offset + "-" + number.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string Create(string eventId, string batchId) => RegistrationTokens.Create(eventId) + "." + batchId;

    /// <summary>The batch part of a reminder token; false for every other token.</summary>
    public static bool TryGetBatch(string token, out string batchId)
    {
        batchId = "";
        var last = token.LastIndexOf('.');
        if (last <= 0 || token.IndexOf('.', StringComparison.Ordinal) == last || last == token.Length - 1)
        {
            return false;
        }
        var candidate = token[(last + 1)..];
        if (candidate.Length > 40 || !candidate.All(c => c is (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-'))
        {
            return false;
        }
        batchId = candidate;
        return true;
    }

    public static ReminderTokenBatch Batch(string eventId, string batchId, IEnumerable<(string Hash, string RegistrationId)> entries) =>
        new(eventId, batchId, string.Join(',', entries.Select(e => e.Hash + ":" + e.RegistrationId)));

    /// <summary>Whether a batch holds a token of the registration.</summary>
    public static bool Names(ReminderTokenBatch batch, string registrationId)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return batch.Entries.Split(',').Any(entry => entry.EndsWith(":" + registrationId, StringComparison.Ordinal));
    }

    /// <summary>The reminder offset of a batch (<c>P1D-3</c> is P1D).</summary>
    public static string OffsetOf(ReminderTokenBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return batch.BatchId[..batch.BatchId.LastIndexOf('-')];
    }

    /// <summary>The registration a hash belongs to in a batch, or null.</summary>
    public static string? Find(ReminderTokenBatch batch, string hash)
    {
        ArgumentNullException.ThrowIfNull(batch);
        foreach (var entry in batch.Entries.Split(','))
        {
            var colon = entry.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && entry.AsSpan(0, colon).SequenceEqual(hash))
            {
                return entry[(colon + 1)..];
            }
        }
        return null;
    }
}

/// <summary>The token hashes of one batch of reminder mails, <c>hash:registrationId</c> joined by commas.</summary>
public sealed record ReminderTokenBatch(string EventId, string BatchId, string Entries);

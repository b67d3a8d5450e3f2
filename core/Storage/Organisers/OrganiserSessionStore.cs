using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using VirServerless.Core.Organisers;

namespace VirServerless.Core.Storage.Organisers;

/// <summary>
/// Organiser sessions in the Operations table, one row per session. The row key is a SHA-256 hash of the session id,
/// so a copy of the table holds no cookie that would sign anyone in.
/// </summary>
public sealed class OrganiserSessionStore(StorageTables tables)
{
    public const string Partition = "organiser-session";

    /// <summary>Stores a new session and returns its id, the secret the cookie carries.</summary>
    public async Task<string> CreateAsync(OrganiserSession session, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var id = System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var row = new TableEntity(Partition, RowKey(id))
        {
            ["Name"] = session.Name,
            ["Method"] = session.Method.ToString(),
            ["ObjectId"] = session.ObjectId,
            ["CreatedAt"] = session.CreatedAt,
            ["ExpiresAt"] = session.ExpiresAt,
        };
        await tables.Operations.AddEntityAsync(row, cancellationToken);
        return id;
    }

    /// <summary>The live session of <paramref name="id"/>; an expired one is deleted on the way and gives null.</summary>
    public async Task<OrganiserSession?> FindAsync(string id, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(id) || id.Length > 100)
        {
            return null;
        }
        var found = await tables.Operations.GetEntityIfExistsAsync<TableEntity>(Partition, RowKey(id), cancellationToken: cancellationToken);
        if (!found.HasValue || found.Value is not { } row)
        {
            return null;
        }
        var session = new OrganiserSession(
            row.GetString("Name") ?? "",
            Enum.TryParse<SignInMethod>(row.GetString("Method"), out var method) ? method : SignInMethod.AdminKey,
            row.GetString("ObjectId"),
            row.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
            row.GetDateTimeOffset("ExpiresAt") ?? DateTimeOffset.MinValue);
        if (session.IsExpired(now))
        {
            await DeleteAsync(row.RowKey, cancellationToken);
            return null;
        }
        return session;
    }

    /// <summary>Ends the session at once, on every instance; a session already gone is fine.</summary>
    public Task RevokeAsync(string id, CancellationToken cancellationToken = default) => DeleteAsync(RowKey(id), cancellationToken);

    /// <summary>Deletes the rows of expired sessions nobody came back with; returns how many.</summary>
    public async Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var deleted = 0;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and ExpiresAt le {now}");
        await foreach (var row in tables.Operations.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            await DeleteAsync(row.RowKey, cancellationToken);
            deleted++;
        }
        return deleted;
    }

    private async Task DeleteAsync(string rowKey, CancellationToken cancellationToken)
    {
        try
        {
            await tables.Operations.DeleteEntityAsync(Partition, rowKey, ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Revoked or purged by another request already.
        }
    }

    private static string RowKey(string id) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(id)));
}

using Azure;

namespace VirServerless.Core.Storage.Tables;

/// <summary>One step of an entity group transaction. ETag default means "any version" (If-Match: *) for Update and Delete.</summary>
public sealed class TableTransactionAction(TableTransactionActionType actionType, TableEntity entity, ETag etag = default)
{
    public TableTransactionActionType ActionType { get; } = actionType;

    public TableEntity Entity { get; } = entity ?? throw new ArgumentNullException(nameof(entity));

    public ETag ETag { get; } = etag;
}

using Azure;
using Azure.Core;

namespace VirServerless.Core.Storage.Tables;

/// <summary>
/// A transaction was rejected as a whole; nothing of it was applied. Status and ErrorCode are those of the failing action.
/// </summary>
public sealed class TableTransactionFailedException : RequestFailedException
{
    internal TableTransactionFailedException(Response failedActionResponse, int? failedTransactionActionIndex, RequestFailedDetailsParser detailsParser)
        : base(failedActionResponse, null, detailsParser)
    {
        FailedTransactionActionIndex = failedTransactionActionIndex;
    }

    /// <summary>For substitutes in tests.</summary>
    public TableTransactionFailedException(int status, string message, string? errorCode, int? failedTransactionActionIndex)
        : base(status, message, errorCode, null)
    {
        FailedTransactionActionIndex = failedTransactionActionIndex;
    }

    /// <summary>Zero-based index of the failing action in the submitted list, when the service named it.</summary>
    public int? FailedTransactionActionIndex { get; }
}

namespace VirServerless.Core.Storage.Tables;

/// <summary>Merge keeps properties the request does not name; Replace drops them.</summary>
public enum TableUpdateMode
{
    Merge,
    Replace,
}

public enum TableTransactionActionType
{
    Add,
    UpdateMerge,
    UpdateReplace,
    Delete,
    UpsertMerge,
    UpsertReplace,
}

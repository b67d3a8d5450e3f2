namespace VirServerless.Core.Storage.Tables;

internal static class TableConstants
{
    public const string PartitionKey = "PartitionKey";
    public const string RowKey = "RowKey";
    public const string Timestamp = "Timestamp";
    public const string OdataTypeSuffix = "@odata.type";
    public const string AcceptJson = "application/json;odata=minimalmetadata";
    public const string DataServiceVersion = "3.0";
    public const string DevelopmentAccountName = "devstoreaccount1";
    public const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    public const string DefaultScope = "https://storage.azure.com/.default";
    public const int MaxActionsPerTransaction = 100;
    public const int MaxTransactionBodyBytes = 4 * 1024 * 1024;
}

using Azure.Core;

namespace VirServerless.Core.Storage.Tables;

public class TableClientOptions : ClientOptions
{
    /// <summary>The x-ms-version header; the current Azure.Data.Tables default.</summary>
    public string Version { get; set; } = "2020-12-06";
}

using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Configuration;

namespace VirServerless.Core;

public static class AzureCredentials
{
    /// <summary>Managed identity with <c>credential</c> = <c>managedidentity</c> and an optional <c>clientId</c>, else the default chain.</summary>
    public static TokenCredential From(IConfiguration section) =>
        section["credential"] == "managedidentity"
            ? new ManagedIdentityCredential(string.IsNullOrEmpty(section["clientId"]) ? ManagedIdentityId.SystemAssigned : ManagedIdentityId.FromUserAssignedClientId(section["clientId"]))
            : new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = section["clientId"] });
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Web;
using Azure.Core;
using Azure.Core.Pipeline;

namespace VirServerless.Core.Storage.Tables;

/// <summary>
/// Signs each attempt with SharedKeyLite: StringToSign = x-ms-date + "\n" + CanonicalizedResource.
/// Runs per retry so every attempt carries a fresh date.
/// </summary>
internal sealed class TableSharedKeyPolicy(string accountName, string accountKey, TimeProvider timeProvider) : HttpPipelineSynchronousPolicy
{
    private readonly byte[] key = Convert.FromBase64String(accountKey);

    public override void OnSendingRequest(HttpMessage message)
    {
        var date = timeProvider.GetUtcNow().ToString("r", CultureInfo.InvariantCulture);
        message.Request.Headers.SetValue("x-ms-date", date);
        var uri = message.Request.Uri.ToUri();
        var signature = Sign(key, date, CanonicalizedResource(accountName, uri));
        message.Request.Headers.SetValue(HttpHeader.Names.Authorization, $"SharedKeyLite {accountName}:{signature}");
    }

    /// <summary>
    /// "/" + account + the path as sent (still percent-encoded), plus ?comp= when present.
    /// With path-style URLs (Azurite) the account therefore appears twice.
    /// </summary>
    internal static string CanonicalizedResource(string accountName, Uri uri)
    {
        var path = uri.AbsolutePath.Length == 0 ? "/" : uri.AbsolutePath;
        var resource = "/" + accountName + path;
        var comp = HttpUtility.ParseQueryString(uri.Query)["comp"];
        return comp is null ? resource : resource + "?comp=" + comp;
    }

    internal static string Sign(byte[] key, string date, string canonicalizedResource)
    {
        var hash = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(date + "\n" + canonicalizedResource));
        return Convert.ToBase64String(hash);
    }
}

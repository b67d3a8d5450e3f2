namespace VirServerless.Core.Storage.Tables;

/// <summary>Where the Table endpoint is and how to sign for it, read from a storage connection string.</summary>
internal sealed record TableAccount(Uri Endpoint, string AccountName, string AccountKey)
{
    public static TableAccount Parse(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var parts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var segment in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = segment.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new ArgumentException($"The connection string part '{segment}' is not of the form Key=Value.", nameof(connectionString));
            }

            // Account keys end in '=' padding, so only the first '=' separates key from value.
            parts[segment[..equals]] = segment[(equals + 1)..];
        }

        if (parts.TryGetValue("UseDevelopmentStorage", out var dev) && bool.TryParse(dev, out var useDev) && useDev)
        {
            return new(
                new Uri($"http://127.0.0.1:10002/{TableConstants.DevelopmentAccountName}"),
                TableConstants.DevelopmentAccountName,
                TableConstants.DevelopmentAccountKey);
        }

        if (parts.ContainsKey("SharedAccessSignature"))
        {
            throw new ArgumentException("SAS connection strings are not supported; use an account key or a TokenCredential.", nameof(connectionString));
        }

        if (!parts.TryGetValue("AccountName", out var accountName) || !parts.TryGetValue("AccountKey", out var accountKey))
        {
            throw new ArgumentException("The connection string needs AccountName and AccountKey (or UseDevelopmentStorage=true).", nameof(connectionString));
        }

        Uri endpoint;
        if (parts.TryGetValue("TableEndpoint", out var tableEndpoint))
        {
            endpoint = new Uri(tableEndpoint.TrimEnd('/'));
        }
        else
        {
            var protocol = parts.GetValueOrDefault("DefaultEndpointsProtocol", "https");
            var suffix = parts.GetValueOrDefault("EndpointSuffix", "core.windows.net");
            endpoint = new Uri($"{protocol}://{accountName}.table.{suffix}");
        }

        return new(endpoint, accountName, accountKey);
    }
}

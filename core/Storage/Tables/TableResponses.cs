using System.Diagnostics.CodeAnalysis;
using Azure;
using Azure.Core;

namespace VirServerless.Core.Storage.Tables;

/// <summary>One sub-response parsed out of a $batch answer (or made up for an already applied transaction).</summary>
internal sealed class TableSubResponse(int status, string reasonPhrase, IReadOnlyList<HttpHeader> headers, BinaryData content) : Response
{
    public override int Status { get; } = status;

    public override string ReasonPhrase { get; } = reasonPhrase;

    public override Stream? ContentStream { get; set; } = new MemoryStream(content.ToArray(), 0, content.ToMemory().Length, writable: false, publiclyVisible: true);

    public override string ClientRequestId { get; set; } = string.Empty;

    public override void Dispose()
    {
    }

    protected override bool ContainsHeader(string name) => TryGetHeader(name, out _);

    protected override IEnumerable<HttpHeader> EnumerateHeaders() => headers;

    protected override bool TryGetHeader(string name, [NotNullWhen(true)] out string? value)
    {
        value = headers.FirstOrDefault(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;
        return value is not null;
    }

    protected override bool TryGetHeaderValues(string name, [NotNullWhen(true)] out IEnumerable<string>? values)
    {
        values = headers.Where(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).ToList();
        return values.Any();
    }
}

internal sealed class TableNullableResponse<T>(T? value, Response rawResponse) : NullableResponse<T>
{
    public override bool HasValue => value is not null;

    public override T? Value => value;

    public override Response GetRawResponse() => rawResponse;
}

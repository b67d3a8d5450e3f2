using System.Text;
using System.Text.RegularExpressions;
using Azure;
using Azure.Core;

namespace VirServerless.Core.Storage.Tables;

public partial class TableClient
{
    /// <summary>
    /// Applies up to 100 actions on one PartitionKey atomically ($batch with one changeset). Returns one response per
    /// action, in order, each with its ETag header. On rejection nothing is applied and
    /// <see cref="TableTransactionFailedException"/> names the failing action's index, status and error code.
    /// Checked before sending (ArgumentException): 1..100 actions, one PartitionKey, each RowKey once, body ≤ 4 MiB.
    /// </summary>
    /// <remarks>
    /// If a retried attempt is rejected and the transaction contains an Add, the first Add's entity is read back: when
    /// it carries this call's <see cref="OperationStampProperty"/>, an earlier attempt was applied (transactions are
    /// atomic), so the call succeeds. The returned responses then come from reading the entities back (a Delete
    /// gets a bodiless 204).
    /// </remarks>
    public virtual async Task<Response<IReadOnlyList<Response>>> SubmitTransactionAsync(
        IEnumerable<TableTransactionAction> actions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actions);
        var list = actions.ToList();
        ValidateTransaction(list);
        var stamp = Guid.NewGuid().ToString("N");
        var batchBoundary = "batch_" + Guid.NewGuid().ToString("D");
        var body = TableTransactionBody.Build(list, batchBoundary, "changeset_" + Guid.NewGuid().ToString("D"), this, stamp);
        if (body.Length > TableConstants.MaxTransactionBodyBytes)
        {
            throw new ArgumentException(
                $"The transaction body is {body.Length} bytes; Table Storage accepts at most 4 MiB ({TableConstants.MaxTransactionBodyBytes} bytes) per transaction. Split it.",
                nameof(actions));
        }

        var message = CreateMessage(RequestMethod.Post, "$batch");
        SetJsonContent(message, body, "multipart/mixed; boundary=" + batchBoundary);
        var response = await SendAsync(message, cancellationToken);
        if (response.Status != 202)
        {
            throw new RequestFailedException(response, null, TableErrorParser.Instance);
        }

        response.Headers.TryGetValue("Content-Type", out var contentType);
        var parts = TableTransactionBody.ParseResponse(response.Content.ToString(), contentType);
        if (parts.Count == 1 && parts[0].Status >= 400)
        {
            if (message.ProcessingContext.RetryNumber > 0
                && list.FirstOrDefault(a => a.ActionType == TableTransactionActionType.Add) is { } firstAdd
                && (await ReadStampAsync(firstAdd.Entity.PartitionKey, firstAdd.Entity.RowKey, cancellationToken)).Stamp == stamp)
            {
                return Response.FromValue(await ReadBackAsync(list, cancellationToken), response);
            }

            throw new TableTransactionFailedException(parts[0], FailedIndex(parts[0]), TableErrorParser.Instance);
        }

        if (parts.Count != list.Count)
        {
            throw new RequestFailedException(response.Status, $"The transaction answer held {parts.Count} responses for {list.Count} actions.", null, null);
        }

        return Response.FromValue<IReadOnlyList<Response>>(parts, response);
    }

    private static void ValidateTransaction(List<TableTransactionAction> actions)
    {
        if (actions.Count == 0)
        {
            throw new ArgumentException("A transaction needs at least one action.", nameof(actions));
        }

        if (actions.Count > TableConstants.MaxActionsPerTransaction)
        {
            throw new ArgumentException(
                $"A transaction may hold at most {TableConstants.MaxActionsPerTransaction} actions, this one has {actions.Count}.", nameof(actions));
        }

        var partitionKey = actions[0]?.Entity.PartitionKey;
        var rowKeys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < actions.Count; i++)
        {
            var action = actions[i] ?? throw new ArgumentException($"Action {i} is null.", nameof(actions));
            TableNames.ValidateEntityKeys(action.Entity);
            if (!string.Equals(action.Entity.PartitionKey, partitionKey, StringComparison.Ordinal))
            {
                throw new ArgumentException(
                    $"All actions of a transaction must share one PartitionKey; action {i} has '{action.Entity.PartitionKey}', action 0 has '{partitionKey}'.",
                    nameof(actions));
            }

            if (!rowKeys.Add(action.Entity.RowKey))
            {
                throw new ArgumentException(
                    $"Each entity may appear only once in a transaction; RowKey '{action.Entity.RowKey}' appears again at action {i}.", nameof(actions));
            }
        }
    }

    private static int? FailedIndex(Response failed)
    {
        var (_, message) = TableErrorParser.ReadBody(failed);
        var match = message is null ? Match.Empty : FailedIndexPattern().Match(message);
        return match.Success ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    [GeneratedRegex(@"^(\d+):")]
    private static partial Regex FailedIndexPattern();

    private async Task<IReadOnlyList<Response>> ReadBackAsync(List<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        var responses = new List<Response>(actions.Count);
        foreach (var action in actions)
        {
            responses.Add(action.ActionType == TableTransactionActionType.Delete
                ? new TableSubResponse(204, "No Content", [], BinaryData.Empty)
                : (await ReadStampAsync(action.Entity.PartitionKey, action.Entity.RowKey, cancellationToken)).Response);
        }

        return responses;
    }
}

/// <summary>The multipart/mixed body of an entity group transaction and its answer (PROTOCOLS 1.7).</summary>
internal static class TableTransactionBody
{
    public static byte[] Build(List<TableTransactionAction> actions, string batchBoundary, string changesetBoundary, TableClient table, string stamp)
    {
        var tableUri = table.Uri.AbsoluteUri;
        var text = new StringBuilder();
        text.Append("--").Append(batchBoundary).Append("\r\n")
            .Append("Content-Type: multipart/mixed; boundary=").Append(changesetBoundary).Append("\r\n\r\n");
        foreach (var action in actions)
        {
            var entity = action.Entity;
            var entityUri = tableUri[..^table.Name.Length] + table.EntityPath(entity.PartitionKey, entity.RowKey);
            var ifMatch = action.ETag == default ? "*" : action.ETag.ToString();
            var (method, uri, condition, body) = action.ActionType switch
            {
                TableTransactionActionType.Add => ("POST", tableUri, null, TableEntityJson.Serialize(entity, stamp)),
                TableTransactionActionType.UpdateMerge => ("PATCH", entityUri, ifMatch, TableEntityJson.Serialize(entity)),
                TableTransactionActionType.UpdateReplace => ("PUT", entityUri, ifMatch, TableEntityJson.Serialize(entity)),
                TableTransactionActionType.UpsertMerge => ("PATCH", entityUri, null, TableEntityJson.Serialize(entity)),
                TableTransactionActionType.UpsertReplace => ("PUT", entityUri, null, TableEntityJson.Serialize(entity)),
                TableTransactionActionType.Delete => ("DELETE", entityUri, ifMatch, null),
                _ => throw new ArgumentException($"Unknown transaction action type {action.ActionType}."),
            };
            text.Append("--").Append(changesetBoundary).Append("\r\n")
                .Append("Content-Type: application/http\r\n")
                .Append("Content-Transfer-Encoding: binary\r\n\r\n")
                .Append(method).Append(' ').Append(uri).Append(" HTTP/1.1\r\n")
                .Append("Accept: ").Append(TableConstants.AcceptJson).Append("\r\n")
                .Append("DataServiceVersion: ").Append(TableConstants.DataServiceVersion).Append("\r\n");
            if (condition is not null)
            {
                text.Append("If-Match: ").Append(condition).Append("\r\n");
            }

            if (method == "POST")
            {
                text.Append("Prefer: return-no-content\r\n");
            }

            if (body is not null)
            {
                text.Append("Content-Type: application/json\r\n\r\n").Append(Encoding.UTF8.GetString(body)).Append("\r\n");
            }
            else
            {
                text.Append("\r\n");
            }
        }

        text.Append("--").Append(changesetBoundary).Append("--\r\n")
            .Append("--").Append(batchBoundary).Append("--\r\n");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>Splits the batch answer into one response per changeset part. Tolerates LF or CRLF and no leading CRLF.</summary>
    public static List<Response> ParseResponse(string content, string? contentType)
    {
        var batchBoundary = Boundary(contentType) ?? FirstBoundary(content)
            ?? throw new InvalidOperationException("The transaction answer has no multipart boundary.");
        var responses = new List<Response>();
        foreach (var batchPart in SplitParts(content, batchBoundary))
        {
            var (headers, inner) = SplitHeaders(batchPart);
            var changesetBoundary = Boundary(headers.FirstOrDefault(h => h.Name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)).Value);
            var httpParts = changesetBoundary is null ? [batchPart] : SplitParts(inner, changesetBoundary);
            foreach (var part in httpParts)
            {
                var (_, http) = SplitHeaders(part);
                responses.Add(ParseHttpResponse(http));
            }
        }

        return responses;
    }

    private static TableSubResponse ParseHttpResponse(string http)
    {
        var (lines, body) = SplitHeaderLines(http);
        var statusLine = lines.Count > 0 ? lines[0].Split(' ', 3) : [];
        if (statusLine.Length < 2 || !int.TryParse(statusLine[1], out var status))
        {
            throw new InvalidOperationException($"The transaction answer holds an unreadable part: '{http[..Math.Min(http.Length, 80)]}'.");
        }

        var headers = lines.Skip(1).Select(ParseHeader).ToList();
        return new TableSubResponse(status, statusLine.Length > 2 ? statusLine[2] : string.Empty, headers, BinaryData.FromString(body.TrimEnd('\r', '\n')));
    }

    private static List<string> SplitParts(string content, string boundary)
    {
        var delimiter = "--" + boundary;
        var parts = new List<string>();
        var index = content.IndexOf(delimiter, StringComparison.Ordinal);
        while (index >= 0)
        {
            var start = index + delimiter.Length;
            if (content.AsSpan(start).StartsWith("--", StringComparison.Ordinal))
            {
                break;
            }

            var next = content.IndexOf(delimiter, start, StringComparison.Ordinal);
            var part = content[start..(next < 0 ? content.Length : next)];
            parts.Add(part.TrimStart('\r', '\n'));
            index = next;
        }

        return parts;
    }

    private static (List<HttpHeader> Headers, string Remainder) SplitHeaders(string part)
    {
        var (lines, rest) = SplitHeaderLines(part);
        return (lines.Select(ParseHeader).ToList(), rest);
    }

    private static (List<string> Lines, string Remainder) SplitHeaderLines(string part)
    {
        var lines = new List<string>();
        var position = 0;
        while (position < part.Length)
        {
            var end = part.IndexOf('\n', position);
            if (end < 0)
            {
                end = part.Length;
            }

            var line = part[position..end].TrimEnd('\r');
            position = Math.Min(end + 1, part.Length);
            if (line.Length == 0)
            {
                break;
            }

            lines.Add(line);
        }

        return (lines, part[position..]);
    }

    private static HttpHeader ParseHeader(string line)
    {
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? new HttpHeader(line, string.Empty) : new HttpHeader(line[..colon].Trim(), line[(colon + 1)..].Trim());
    }

    private static string? Boundary(string? contentType)
    {
        if (contentType is null)
        {
            return null;
        }

        foreach (var parameter in contentType.Split(';', StringSplitOptions.TrimEntries))
        {
            if (parameter.StartsWith("boundary=", StringComparison.OrdinalIgnoreCase))
            {
                return parameter["boundary=".Length..].Trim('"');
            }
        }

        return null;
    }

    private static string? FirstBoundary(string content)
    {
        var trimmed = content.TrimStart();
        if (!trimmed.StartsWith("--", StringComparison.Ordinal))
        {
            return null;
        }

        var end = trimmed.IndexOfAny(['\r', '\n']);
        return end < 0 ? null : trimmed[2..end];
    }
}

using System.Text;
using System.Text.RegularExpressions;

namespace VirServerless.Testing;

/// <summary>A parsed <c>.eml</c> file from the pickup folder: headers, decoded text parts and attachments.</summary>
public sealed record ReceivedMail(string FileName, string To, string Subject, string PlainText, string Html, IReadOnlyDictionary<string, byte[]> Attachments)
{
    public string? Link(string pathPart) =>
        Regex.Matches(PlainText, @"https?://\S+").Select(m => m.Value).FirstOrDefault(u => u.Contains(pathPart, StringComparison.Ordinal));

    /// <summary>The token of the first link to <paramref name="pathPart"/>, unescaped.</summary>
    public string? Token(string pathPart) =>
        Link(pathPart) is { } link ? Uri.UnescapeDataString(Regex.Match(link, "token=([^&\\s]+)").Groups[1].Value) : null;
}

/// <summary>Reads the app's pickup folder the way a person reads their inbox.</summary>
public sealed partial class MailFolder(string directory)
{
    public IReadOnlyList<ReceivedMail> All() =>
        [.. Directory.Exists(directory)
            ? Directory.GetFiles(directory, "*.eml").Order(StringComparer.Ordinal).Select(Parse)
            : []];

    public IReadOnlyList<ReceivedMail> To(string address) =>
        [.. All().Where(m => m.To.Contains(address, StringComparison.OrdinalIgnoreCase))];

    /// <summary>Waits until <paramref name="predicate"/> holds for the folder, since mail goes out just after the request.</summary>
    public async Task<IReadOnlyList<ReceivedMail>> WaitForAsync(Func<IReadOnlyList<ReceivedMail>, bool> predicate, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var all = All();
            if (predicate(all))
            {
                return all;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Mail folder never matched; it holds {all.Count} mails: " + string.Join(", ", all.Select(m => m.FileName)));
            }
            await Task.Delay(100);
        }
    }

    public static ReceivedMail Parse(string path)
    {
        var raw = File.ReadAllText(path);
        var headerEnd = raw.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var headers = Headers(raw[..headerEnd]);
        string plain = "", html = "";
        var attachments = new Dictionary<string, byte[]>();
        foreach (Match part in PartPattern().Matches(raw))
        {
            var partHeaders = Headers(part.Groups["headers"].Value);
            var contentType = partHeaders.GetValueOrDefault("Content-Type", "");
            if (contentType.StartsWith("multipart/", StringComparison.Ordinal))
            {
                continue;
            }
            var bytes = Convert.FromBase64String(part.Groups["body"].Value.Replace("\r\n", "", StringComparison.Ordinal).Trim());
            if (partHeaders.TryGetValue("Content-Disposition", out var disposition) && FileNamePattern().Match(disposition) is { Success: true } name)
            {
                attachments[name.Groups[1].Value] = bytes;
            }
            else if (contentType.StartsWith("text/plain", StringComparison.Ordinal))
            {
                plain = Encoding.UTF8.GetString(bytes);
            }
            else if (contentType.StartsWith("text/html", StringComparison.Ordinal))
            {
                html = Encoding.UTF8.GetString(bytes);
            }
        }
        return new ReceivedMail(Path.GetFileName(path), DecodeWords(headers.GetValueOrDefault("To", "")), DecodeWords(headers.GetValueOrDefault("Subject", "")), plain, html, attachments);
    }

    private static Dictionary<string, string> Headers(string block) =>
        block.Split("\r\n").Where(l => l.Contains(':', StringComparison.Ordinal))
            .Select(l => (Name: l[..l.IndexOf(':', StringComparison.Ordinal)], Value: l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim()))
            .GroupBy(h => h.Name).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.OrdinalIgnoreCase);

    private static string DecodeWords(string value) =>
        EncodedWordPattern().Replace(value, m => Encoding.UTF8.GetString(Convert.FromBase64String(m.Groups[1].Value)));

    [GeneratedRegex(@"--[A-Za-z0-9_.\-]+\r\n(?<headers>(?:[^\r\n]+\r\n)+)\r\n(?<body>[A-Za-z0-9+/=\r\n]+?)(?=\r\n--)")]
    private static partial Regex PartPattern();

    [GeneratedRegex("filename=\"([^\"]+)\"")]
    private static partial Regex FileNamePattern();

    [GeneratedRegex(@"=\?utf-8\?B\?([A-Za-z0-9+/=]+)\?=", RegexOptions.IgnoreCase)]
    private static partial Regex EncodedWordPattern();
}

using System.Text.RegularExpressions;
using MimeKit;

namespace VirServerless.Testing;

/// <summary>A parsed <c>.eml</c> file from the pickup folder: headers, decoded text parts and attachments.</summary>
public sealed record ReceivedMail(string FileName, string To, string Subject, string PlainText, string Html, IReadOnlyDictionary<string, byte[]> Attachments)
{
    /// <summary>The <c>To:</c> list as a mail program reads it: one entry per recipient, with its display name.</summary>
    public IReadOnlyList<MailboxAddress> Recipients { get; init; } = [];

    /// <summary>The inline parts (images the HTML shows with <c>cid:</c>) by Content-ID, decoded.</summary>
    public IReadOnlyDictionary<string, byte[]> InlineParts { get; init; } = new Dictionary<string, byte[]>();

    /// <summary>The content type of each attachment by file name, e.g. <c>text/calendar; method=REQUEST</c>.</summary>
    public IReadOnlyDictionary<string, ContentType> AttachmentTypes { get; init; } = new Dictionary<string, ContentType>();

    public string? Link(string pathPart) =>
        Regex.Matches(PlainText, @"https?://\S+").Select(m => m.Value).FirstOrDefault(u => u.Contains(pathPart, StringComparison.Ordinal));

    /// <summary>The token of the first link to <paramref name="pathPart"/>, unescaped.</summary>
    public string? Token(string pathPart) =>
        Link(pathPart) is { } link ? Uri.UnescapeDataString(Regex.Match(link, "token=([^&\\s]+)").Groups[1].Value) : null;
}

/// <summary>Reads the app's pickup folder the way a person reads their inbox.</summary>
public sealed class MailFolder(string directory)
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
        using var message = MimeMessage.Load(path);
        var parts = message.Attachments.OfType<MimePart>().ToList();
        return new ReceivedMail(
            Path.GetFileName(path),
            string.Join(", ", message.To.Mailboxes.Select(m => m.ToString())),
            message.Subject ?? "",
            message.TextBody ?? "",
            message.HtmlBody ?? "",
            parts.ToDictionary(part => part.FileName ?? "", Decoded))
        {
            Recipients = [.. message.To.Mailboxes],
            InlineParts = message.BodyParts.OfType<MimePart>().Where(part => !part.IsAttachment && part.ContentId is not null).ToDictionary(part => part.ContentId!, Decoded),
            AttachmentTypes = parts.ToDictionary(part => part.FileName ?? "", part => part.ContentType),
        };
    }

    private static byte[] Decoded(MimePart part)
    {
        using var content = new MemoryStream();
        part.Content?.DecodeTo(content);
        return content.ToArray();
    }
}

using Microsoft.Extensions.Logging;

namespace VirServerless.Core.Mail;

/// <summary>
/// Drops each mail as <c>{id}.eml</c> into a folder. The file name is the mail id and the file appears
/// atomically (write, then rename), so a resend after a crash replaces the same file instead of adding one.
/// </summary>
public sealed class PickupDirectorySender(string directory, MailAddress from, TimeProvider timeProvider, ILogger<PickupDirectorySender> logger) : IMailSender
{
    public string Description => $"Mail-Ordner {directory}";

    public string Directory => directory;

    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default)
    {
        System.IO.Directory.CreateDirectory(directory);
        var target = Path.Combine(directory, FileNameFor(mail.Id));
        var temp = target + ".tmp";
        var message = EmlWriter.ToMimeMessage(mail, from, timeProvider.GetUtcNow());
        // MimeKit writes a message in many small pieces: to memory first, then one write to disk (measured: about half
        // the cost of streaming it into the file, which adds up in a reminder run of thousands of mails).
        using var buffer = new MemoryStream(8 * 1024);
        message.WriteTo(EmlWriter.Format, buffer, cancellationToken);
        await File.WriteAllBytesAsync(temp, buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellationToken);
        File.Move(temp, target, overwrite: true);
        logger.LogInformation("Wrote mail {MailId} to the pickup folder", mail.Id);
    }

    public static string FileNameFor(string mailId) =>
        new string([.. mailId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_')]) + ".eml";
}

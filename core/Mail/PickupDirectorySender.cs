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
        await using (var file = File.Create(temp))
        {
            await message.WriteToAsync(EmlWriter.Format, file, cancellationToken);
        }
        File.Move(temp, target, overwrite: true);
        logger.LogInformation("Wrote mail {MailId} to the pickup folder", mail.Id);
    }

    public static string FileNameFor(string mailId) =>
        new string([.. mailId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_')]) + ".eml";
}

using Microsoft.Extensions.Logging;

namespace VirServerless.Core.Mail;

/// <summary>
/// Drops each mail as one <c>.eml</c> file into a folder. The file name depends only on the mail id (see
/// <see cref="PickupFolder"/>) and the file appears atomically (write, then rename), so a resend after a crash
/// replaces the same file instead of adding one.
/// </summary>
public sealed class PickupDirectorySender(PickupFolder folder, MailAddress from, TimeProvider timeProvider, ILogger<PickupDirectorySender> logger) : IMailSender
{
    /// <summary>A folder the caller chose, with readable file names.</summary>
    public PickupDirectorySender(string directory, MailAddress from, TimeProvider timeProvider, ILogger<PickupDirectorySender> logger)
        : this(PickupFolder.Named(directory), from, timeProvider, logger)
    {
    }

    public string Description => $"Mail-Ordner {folder.Path}";

    public string Directory => folder.Path;

    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mail);
        PickupFolder.CreatePrivate(folder.Path);
        var target = Path.Combine(folder.Path, folder.FileNameFor(mail.Id));
        var temp = target + ".tmp";
        var message = EmlWriter.ToMimeMessage(mail, from, timeProvider.GetUtcNow());
        await using (var file = File.Create(temp))
        {
            await message.WriteToAsync(EmlWriter.Format, file, cancellationToken);
        }
        File.Move(temp, target, overwrite: true);
        logger.LogInformation("Wrote mail {MailId} to the pickup folder", mail.Id);
    }

    public static string FileNameFor(string mailId) => PickupFolder.ReadableName(mailId);
}

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

    public Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mail);
        try
        {
            Send(mail, cancellationToken);
            return Task.CompletedTask;
        }
        catch (Exception ex)
        {
            // Callers see a failure as a faulted task, as from any other sender.
            return Task.FromException(ex);
        }
    }

    private void Send(OutgoingMail mail, CancellationToken cancellationToken)
    {
        var target = Path.Combine(folder.Path, folder.FileNameFor(mail.Id));
        var message = EmlWriter.ToMimeMessage(mail, from, timeProvider.GetUtcNow());
        // MimeKit writes a message in many small pieces: to memory first, then one write to disk (measured: about half
        // the cost of streaming it into the file, which adds up in a reminder run of thousands of mails).
        using var buffer = new MemoryStream(8 * 1024);
        message.WriteTo(EmlWriter.Format, buffer, cancellationToken);
        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        try
        {
            WriteAtomically(target, bytes);
        }
        catch (DirectoryNotFoundException)
        {
            // Created on first use, and again if someone removed it meanwhile; not checked per mail (a reminder run writes thousands).
            PickupFolder.CreatePrivate(folder.Path);
            WriteAtomically(target, bytes);
        }
        logger.LogInformation("Wrote mail {MailId} to the pickup folder", mail.Id);
    }

    /// <remarks>Synchronous on purpose: on Linux an asynchronous file write is the same write on another pool thread.</remarks>
    private static void WriteAtomically(string target, ReadOnlySpan<byte> bytes)
    {
        var temp = target + ".tmp";
        File.WriteAllBytes(temp, bytes);
        File.Move(temp, target, overwrite: true);
    }

    public static string FileNameFor(string mailId) => PickupFolder.ReadableName(mailId);
}

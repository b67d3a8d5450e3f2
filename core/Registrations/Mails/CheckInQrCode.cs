using QRCoder;
using VirServerless.Core.Mail;

namespace VirServerless.Core.Registrations.Mails;

/// <summary>The check-in code as an inline PNG for mails: a few hundred bytes, so it fits the sealed outbox row.</summary>
public static class CheckInQrCode
{
    public const string ContentId = "einlass-code@virserverless.local";

    /// <summary>8 pixels per module: a scanner at the entrance reads it from a phone screen or a printout.</summary>
    private const int PixelsPerModule = 8;

    public static MailAttachment Attachment(string code) =>
        new("einlass-code.png", "image/png", PngByteQRCodeHelper.GetQRCode(code, QRCodeGenerator.ECCLevel.M, PixelsPerModule), ContentId);
}

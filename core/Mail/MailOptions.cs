namespace VirServerless.Core.Mail;

public sealed class MailOptions
{
    public const string SectionName = "Mail";

    /// <summary>Folder for RFC 5322 <c>.eml</c> files when no ACS is configured.</summary>
    public string? PickupDirectory { get; set; }

    public string SenderAddress { get; set; } = "veranstaltungen@vir-nordwest.example";

    public string SenderName { get; set; } = "ViR-Nordwest Veranstaltungen";
}

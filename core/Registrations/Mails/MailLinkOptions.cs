namespace VirServerless.Core.Registrations.Mails;

/// <summary>Where the links in mails point (setting <c>PublicBaseUrl</c>).</summary>
public sealed class MailLinkOptions
{
    public const string SettingName = "PublicBaseUrl";

    /// <summary>Base of the links in mails, ending in '/'.</summary>
    public Uri PublicBaseUrl { get; set; } = new("http://localhost:7071/");
}

using System.Security.Cryptography;
using System.Text;

namespace VirServerless.Core.Mail;

/// <summary>
/// Where the pickup sender writes and what it names the files. A folder the operator set (<c>Mail:PickupDirectory</c>)
/// keeps readable names (<c>{mailId}.eml</c>). The default folder lies in the user's own data folder, never in the
/// shared temp folder: it is created private (0700) and its file names are an HMAC of the mail id with a secret kept
/// inside it, so that nobody can guess or pre-place a file, while the same mail id still gives the same file.
/// </summary>
public sealed class PickupFolder
{
    private const string NameKeyFile = ".name-key";
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private readonly byte[]? nameKey;

    private PickupFolder(string path, byte[]? nameKey)
    {
        Path = path;
        this.nameKey = nameKey;
    }

    public string Path { get; }

    /// <summary>A folder the operator chose; files are named after the mail id.</summary>
    public static PickupFolder Named(string path) => new(System.IO.Path.GetFullPath(path), null);

    /// <summary>
    /// The default folder <c>{userDataFolder}/VirServerless/mail</c>, created (or tightened) to 0700, with its name
    /// secret. Without a user data folder (no home directory) the setting is required.
    /// </summary>
    public static PickupFolder PrivateDefault(string userDataFolder)
    {
        if (string.IsNullOrWhiteSpace(userDataFolder))
        {
            throw new InvalidOperationException("Mail:PickupDirectory is not set and this account has no home folder for the default mail folder; set Mail:PickupDirectory (or Mail:Acs:ConnectionString).");
        }
        var app = System.IO.Path.Combine(userDataFolder, "VirServerless");
        var path = System.IO.Path.Combine(app, "mail");
        CreatePrivate(app, tighten: true);
        CreatePrivate(path, tighten: true);
        return new PickupFolder(path, ReadOrCreateNameKey(path));
    }

    public string FileNameFor(string mailId) =>
        nameKey is null
            ? ReadableName(mailId)
            : Convert.ToHexStringLower(HMACSHA256.HashData(nameKey, Encoding.UTF8.GetBytes(mailId)).AsSpan(0, 20)) + ".eml";

    public static string ReadableName(string mailId) =>
        new string([.. mailId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_')]) + ".eml";

    /// <summary>Creates the folder owner-only; with <paramref name="tighten"/> a folder that exists already becomes owner-only too.</summary>
    public static void CreatePrivate(string path, bool tighten = false)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }
        Directory.CreateDirectory(path, OwnerOnly);
        if (tighten)
        {
            File.SetUnixFileMode(path, OwnerOnly);
        }
    }

    private static byte[] ReadOrCreateNameKey(string folder)
    {
        var file = System.IO.Path.Combine(folder, NameKeyFile);
        var key = RandomNumberGenerator.GetBytes(32);
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }
            using var stream = new FileStream(file, options);
            stream.Write(key);
            return key;
        }
        catch (IOException) when (File.Exists(file))
        {
            // Another process (or an earlier start) made it: the same secret keeps the same file per mail id.
            for (var attempt = 0; ; attempt++)
            {
                var stored = File.ReadAllBytes(file);
                if (stored.Length == 32 || attempt >= 50)
                {
                    return stored.Length == 32 ? stored : throw new InvalidOperationException($"The mail folder key {file} is damaged; delete it.");
                }
                Thread.Sleep(20);
            }
        }
    }
}

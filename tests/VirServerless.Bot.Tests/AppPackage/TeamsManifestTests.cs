using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using System.Text.RegularExpressions;
using VirServerless.Bot.Protocol;
using VirServerless.Testing;

namespace VirServerless.Bot.Tests.AppPackage;

/// <summary>
/// Checks bot/appPackage against the parts of the Teams app manifest schema v1.19 it uses. The JSON schema itself is
/// not reachable offline, so the rules are written from the documented schema (learn.microsoft.com, "App manifest"):
/// required fields, lengths, id formats, bot scopes, at most 10 commands per command list, icon sizes 192/32 px.
/// </summary>
public sealed partial class TeamsManifestTests
{
    private const string BotIdPlaceholder = "${{BOT_ID}}";
    private static readonly string PackageDirectory = Path.Combine(RepositoryRoot.Path, "bot", "appPackage");
    private static readonly JsonElement Manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(PackageDirectory, "manifest.json"))).RootElement;

    [Fact]
    public void HasTheRequiredFieldsOfSchema119()
    {
        Assert.Equal("1.19", Manifest.GetProperty("manifestVersion").GetString());
        Assert.Equal("https://developer.microsoft.com/json-schemas/teams/v1.19/MicrosoftTeams.schema.json", Manifest.GetProperty("$schema").GetString());
        Assert.Matches(SemVer(), Manifest.GetProperty("version").GetString()!);
        var developer = Manifest.GetProperty("developer");
        Assert.False(string.IsNullOrWhiteSpace(developer.GetProperty("name").GetString()));
        foreach (var url in new[] { "websiteUrl", "privacyUrl", "termsOfUseUrl" })
        {
            Assert.StartsWith("https://", developer.GetProperty(url).GetString(), StringComparison.Ordinal);
        }
        AssertLength(Manifest.GetProperty("name"), "short", 30);
        AssertLength(Manifest.GetProperty("name"), "full", 100);
        AssertLength(Manifest.GetProperty("description"), "short", 80);
        AssertLength(Manifest.GetProperty("description"), "full", 4000);
        Assert.Matches(AccentColor(), Manifest.GetProperty("accentColor").GetString()!);
        Assert.All(Manifest.GetProperty("validDomains").EnumerateArray(), d => Assert.DoesNotContain("://", d.GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public void DeclaresTheBotWithValidScopesAndAtMostTenCommandsPerList()
    {
        var bot = Assert.Single(Manifest.GetProperty("bots").EnumerateArray());
        string[] scopes = [.. bot.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()!)];

        Assert.Equal(BotIdPlaceholder, Manifest.GetProperty("id").GetString());
        Assert.Equal(BotIdPlaceholder, bot.GetProperty("botId").GetString());
        Assert.Contains("personal", scopes);
        Assert.All(scopes, s => Assert.Contains(s, new[] { "personal", "team", "groupChat" }));
        foreach (var list in bot.GetProperty("commandLists").EnumerateArray())
        {
            Assert.All(list.GetProperty("scopes").EnumerateArray(), s => Assert.Contains(s.GetString(), scopes));
            var commands = list.GetProperty("commands").EnumerateArray().ToList();
            Assert.InRange(commands.Count, 1, 10);
            Assert.All(commands, c =>
            {
                AssertLength(c, "title", 32);
                AssertLength(c, "description", 128);
            });
        }
    }

    [Theory]
    [InlineData("color", 192)]
    [InlineData("outline", 32)]
    public void IconsHaveTheDocumentedSizes(string icon, int size)
    {
        var file = Manifest.GetProperty("icons").GetProperty(icon).GetString()!;

        var (width, height, _) = ReadPngHeader(File.ReadAllBytes(Path.Combine(PackageDirectory, file)));

        Assert.Equal((size, size), (width, height));
    }

    [Fact]
    public void OutlineIconIsWhiteOnTransparent()
    {
        var bytes = File.ReadAllBytes(Path.Combine(PackageDirectory, "outline.png"));
        var (width, height, colorType) = ReadPngHeader(bytes);
        Assert.Equal(6, colorType); // RGBA

        var pixels = ReadRgbaRows(bytes, width, height);

        Assert.All(pixels, p => Assert.True(p.A == 0 || (p.R, p.G, p.B) == (255, 255, 255), $"pixel {p} is neither white nor transparent"));
        Assert.Contains(pixels, p => p.A == 255);
    }

    [Fact]
    public async Task BuildScriptPutsTheConfiguredAppIdIntoTheZippedManifest()
    {
        // The id the app is configured with (Bot:MicrosoftAppId) must be the manifest's app id and bot id.
        var appId = "5b0b7c62-6f1a-4c55-9d53-3f2f2a0e9c11";
        var settingName = $"{BotAuthenticationOptions.SectionName}:{nameof(BotAuthenticationOptions.MicrosoftAppId)}";
        var start = new ProcessStartInfo("bash", [Path.Combine(PackageDirectory, "build.sh")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["BOT_ID"] = appId, ["PUBLIC_HOST"] = "func-vir-test.azurewebsites.net" },
        };

        using var process = Process.Start(start)!;
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 0, stderr);
        using var zip = ZipFile.OpenRead(Path.Combine(RepositoryRoot.Path, "artifacts", "virserverless-teams-app.zip"));
        Assert.Equal(["color.png", "manifest.json", "outline.png"], zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        using var manifest = JsonDocument.Parse(zip.GetEntry("manifest.json")!.Open());
        Assert.Equal(appId, manifest.RootElement.GetProperty("id").GetString());
        Assert.Equal(appId, manifest.RootElement.GetProperty("bots")[0].GetProperty("botId").GetString());
        Assert.Equal("Bot:MicrosoftAppId", settingName);
        Assert.DoesNotContain("${{", manifest.RootElement.GetRawText(), StringComparison.Ordinal);
        Assert.Equal("func-vir-test.azurewebsites.net", manifest.RootElement.GetProperty("validDomains")[0].GetString());
    }

    [Fact]
    public async Task BuildScriptRejectsAnAppIdThatIsNotAGuid()
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(PackageDirectory, "build.sh")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["BOT_ID"] = "not-a-guid", ["PUBLIC_HOST"] = "example.org" },
        };

        using var process = Process.Start(start)!;
        await process.WaitForExitAsync();

        Assert.NotEqual(0, process.ExitCode);
    }

    private static void AssertLength(JsonElement parent, string property, int max)
    {
        var value = parent.GetProperty(property).GetString();
        Assert.False(string.IsNullOrWhiteSpace(value), $"{property} is required");
        Assert.True(value.Length <= max, $"{property} has {value.Length} characters, at most {max} allowed: {value}");
    }

    private static (int Width, int Height, byte ColorType) ReadPngHeader(byte[] png)
    {
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], png[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        return (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)), png[25]);
    }

    /// <summary>Decodes 8-bit RGBA image data written with filter type 0 (what make_icons.py writes).</summary>
    private static List<(byte R, byte G, byte B, byte A)> ReadRgbaRows(byte[] png, int width, int height)
    {
        using var idat = new MemoryStream();
        for (var offset = 8; offset < png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(offset));
            if (System.Text.Encoding.ASCII.GetString(png, offset + 4, 4) == "IDAT")
            {
                idat.Write(png, offset + 8, length);
            }
            offset += 12 + length;
        }
        idat.Position = 0;
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(idat, CompressionMode.Decompress))
        {
            zlib.CopyTo(inflated);
        }
        var raw = inflated.ToArray();
        var pixels = new List<(byte, byte, byte, byte)>();
        var stride = 1 + (width * 4);
        for (var y = 0; y < height; y++)
        {
            Assert.Equal(0, raw[y * stride]);
            for (var x = 0; x < width; x++)
            {
                var i = (y * stride) + 1 + (x * 4);
                pixels.Add((raw[i], raw[i + 1], raw[i + 2], raw[i + 3]));
            }
        }
        return pixels;
    }

    [GeneratedRegex(@"^\d+\.\d+\.\d+$")]
    private static partial Regex SemVer();

    [GeneratedRegex("^#[0-9A-Fa-f]{6}$")]
    private static partial Regex AccentColor();
}

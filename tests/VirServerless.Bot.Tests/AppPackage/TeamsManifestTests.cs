using System.Buffers.Binary;
using System.IO.Compression;
using System.Text.Json;
using System.Text.RegularExpressions;
using VirServerless.Bot.Protocol;
using VirServerless.Testing;

namespace VirServerless.Bot.Tests.AppPackage;

/// <summary>
/// The built Teams app package (bot/appPackage/build.sh) is validated against Microsoft's JSON schema for its manifest
/// version (npm @microsoft/app-manifest, scripts/validate-teams-manifest.mjs): required fields, lengths, GUIDs, URLs,
/// scopes, at most 10 commands per list. The tests here add what a schema cannot say: the app id substitution, rules
/// across fields, and the icons' pixels.
/// </summary>
public sealed partial class TeamsManifestTests
{
    private const string BotIdPlaceholder = "${{BOT_ID}}";
    private const string SampleAppId = "5b0b7c62-6f1a-4c55-9d53-3f2f2a0e9c11";
    private const string SampleHost = "func-vir-test.azurewebsites.net";
    private static readonly string PackageDirectory = Path.Combine(RepositoryRoot.Path, "bot", "appPackage");
    private static readonly string PackageZip = Path.Combine(RepositoryRoot.Path, "artifacts", "virserverless-teams-app.zip");
    private static readonly JsonElement Manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(PackageDirectory, "manifest.json"))).RootElement;

    [Fact]
    public async Task BuiltManifestHasNoErrorsAgainstMicrosoftsSchema()
    {
        await BuildPackageAsync(SampleAppId, SampleHost);
        var manifest = Path.Combine(Directory.CreateTempSubdirectory("virserverless-teams-").FullName, "manifest.json");
        try
        {
            using (var zip = ZipFile.OpenRead(PackageZip))
            {
                zip.GetEntry("manifest.json")!.ExtractToFile(manifest);
            }

            var result = await RepositoryScript.RunAsync("node", "scripts/validate-teams-manifest.mjs", [manifest]);

            Assert.True(result.ExitCode == 0, result.Output);
            Assert.Contains(": 0 Fehler", result.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(manifest)!, recursive: true);
        }
    }

    [Fact]
    public void TemplateKeepsTheRulesTheSchemaCannotExpress()
    {
        var bot = Assert.Single(Manifest.GetProperty("bots").EnumerateArray());
        string[] scopes = [.. bot.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()!)];

        // The app is the bot: one id, substituted by build.sh.
        Assert.Equal(BotIdPlaceholder, Manifest.GetProperty("id").GetString());
        Assert.Equal(BotIdPlaceholder, bot.GetProperty("botId").GetString());
        // Registration and cancellation only work in the personal chat.
        Assert.Contains("personal", scopes);
        Assert.All(bot.GetProperty("commandLists").EnumerateArray().SelectMany(l => l.GetProperty("scopes").EnumerateArray()), s => Assert.Contains(s.GetString(), scopes));
        // The schema only limits the length of these two.
        Assert.Matches(SemVer(), Manifest.GetProperty("version").GetString()!);
        Assert.All(Manifest.GetProperty("validDomains").EnumerateArray(), d => Assert.DoesNotContain("://", d.GetString(), StringComparison.Ordinal));
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
        var settingName = $"{BotAuthenticationOptions.SectionName}:{nameof(BotAuthenticationOptions.MicrosoftAppId)}";

        await BuildPackageAsync(SampleAppId, SampleHost);

        using var zip = ZipFile.OpenRead(PackageZip);
        Assert.Equal(["color.png", "manifest.json", "outline.png"], zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        using var manifest = JsonDocument.Parse(zip.GetEntry("manifest.json")!.Open());
        Assert.Equal(SampleAppId, manifest.RootElement.GetProperty("id").GetString());
        Assert.Equal(SampleAppId, manifest.RootElement.GetProperty("bots")[0].GetProperty("botId").GetString());
        Assert.Equal("Bot:MicrosoftAppId", settingName);
        Assert.DoesNotContain("${{", manifest.RootElement.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(SampleHost, manifest.RootElement.GetProperty("validDomains")[0].GetString());
    }

    [Fact]
    public async Task BuildScriptRejectsAnAppIdThatIsNotAGuid()
    {
        var result = await RunBuildScriptAsync("not-a-guid", "example.org");

        Assert.NotEqual(0, result.ExitCode);
    }

    /// <summary>Writes artifacts/virserverless-teams-app.zip; the tests that read it run one after another (one class).</summary>
    private static async Task BuildPackageAsync(string appId, string host)
    {
        var result = await RunBuildScriptAsync(appId, host);
        Assert.True(result.ExitCode == 0, result.Output);
    }

    private static Task<ScriptResult> RunBuildScriptAsync(string appId, string host) =>
        RepositoryScript.RunAsync("bash", "bot/appPackage/build.sh", environment: new Dictionary<string, string> { ["BOT_ID"] = appId, ["PUBLIC_HOST"] = host });

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
}

using VirServerless.Functions.Tests.Support;
using VirServerless.Testing;

namespace VirServerless.Functions.Tests.Hosting;

/// <summary>Without PublicBaseUrl the banner of scripts/run.sh and the mail links follow the address the app listens on.</summary>
public sealed class PublicAddressTests
{
    [Theory]
    [InlineData("--urls http://localhost:7171", "http://localhost:7171")]
    [InlineData("--urls=http://+:8080;https://localhost:8443", "http://localhost:8080")]
    [InlineData("", "http://localhost:7071")]
    public async Task RunScriptAnnouncesTheFirstUrlsAddress(string arguments, string expected)
    {
        var result = await RepositoryScript.RunAsync("bash", "scripts/app-url.sh", arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(expected, result.Output.Trim());
    }

    [Fact]
    public async Task MailLinksFollowTheListeningAddressWhenPublicBaseUrlIsNotSet()
    {
        await using var azurite = await AzuriteInstance.StartAsync();
        await using var app = await FunctionAppProcess.StartAsync(azurite.ConnectionString, new Dictionary<string, string>
        {
            ["PublicBaseUrl"] = "",
            ["Catalog__SeedDirectory"] = Path.Combine(RepositoryRoot.Path, "catalog", "samples"),
        });
        var attendee = new Attendee(app, "plenum-2027", "Linda");

        using var registered = await attendee.RegisterAsync();
        var mail = await attendee.WaitForMailAsync("Bitte bestätigen");

        Assert.StartsWith($"http://127.0.0.1:{app.Port}/anmeldung/bestaetigen", mail.Link("/anmeldung/bestaetigen"), StringComparison.Ordinal);
    }
}

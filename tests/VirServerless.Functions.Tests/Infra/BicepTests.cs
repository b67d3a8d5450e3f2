using VirServerless.Testing;

namespace VirServerless.Functions.Tests.Infra;

/// <summary>
/// The real Bicep CLI builds and lints infra/main.bicep (<c>scripts/bicep.sh</c>). Only BCP081 warnings for the
/// resource types docs/deployment.md names are allowed; the script compares both lists.
/// </summary>
public sealed class BicepTests
{
    [Fact]
    public async Task InfrastructureBuildsAndLintsWithoutErrorsOrUndocumentedWarnings()
    {
        var infrastructure = await CompiledInfrastructure.GetAsync();

        Assert.True(infrastructure.Check.ExitCode == 0, infrastructure.Check.Output);
        Assert.NotNull(infrastructure.Template);
    }

    [Fact]
    public async Task CheckFailsOnAnUnusedParameterAndAMisspelledProperty()
    {
        var copy = Directory.CreateTempSubdirectory("virserverless-infra-").FullName;
        try
        {
            CopyDirectory(Path.Combine(RepositoryRoot.Path, "infra"), copy);
            await File.AppendAllTextAsync(Path.Combine(copy, "main.bicep"), "\nparam unusedSetting string = ''\n");
            var storage = Path.Combine(copy, "modules", "storage.bicep");
            await File.WriteAllTextAsync(storage, (await File.ReadAllTextAsync(storage)).Replace("allowBlobPublicAccess:", "allowBlobPublicAcess:", StringComparison.Ordinal));

            var result = await RepositoryScript.RunAsync("bash", "scripts/bicep.sh", [Path.Combine(copy, "main.bicep")], timeout: CompiledInfrastructure.CheckTimeout);

            Assert.True(result.ExitCode != 0, result.Output);
            Assert.Contains("no-unused-params", result.Output, StringComparison.Ordinal);
            Assert.Contains("allowBlobPublicAcess", result.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    private static void CopyDirectory(string source, string target)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }
}

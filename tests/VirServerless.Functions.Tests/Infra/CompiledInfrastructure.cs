using System.Text.Json.Nodes;
using VirServerless.Testing;

namespace VirServerless.Functions.Tests.Infra;

/// <summary>
/// The Bicep CLI's verdict on infra/main.bicep (<c>scripts/bicep.sh</c>: build and lint) and the ARM JSON it compiled,
/// produced once per test run and shared by the tests that read the infrastructure.
/// </summary>
internal sealed record CompiledInfrastructure(ScriptResult Check, JsonObject? Template)
{
    /// <summary>The first run on a clean machine downloads the CLI package (about 115 MB).</summary>
    public static readonly TimeSpan CheckTimeout = TimeSpan.FromMinutes(10);

    private static readonly Lazy<Task<CompiledInfrastructure>> Once = new(CompileAsync);

    public static Task<CompiledInfrastructure> GetAsync() => Once.Value;

    /// <summary>The compiled main.bicep; fails the test with the script's output if there is none.</summary>
    public JsonObject Main => Template ?? throw new InvalidOperationException("scripts/bicep.sh compiled nothing:\n" + Check.Output);

    /// <summary>Every resource of <paramref name="type"/> in main.bicep and its modules (nested deployments).</summary>
    public IReadOnlyList<JsonObject> Resources(string type) =>
        [.. AllResources(Main).Where(r => string.Equals((string?)r["type"], type, StringComparison.OrdinalIgnoreCase))];

    /// <summary>The template of the module deployed under <paramref name="name"/> (e.g. <c>functionapp</c>).</summary>
    public JsonObject Module(string name) =>
        Resources("Microsoft.Resources/deployments").Single(d => (string?)d["name"] == name)["properties"]!["template"]!.AsObject();

    private static IEnumerable<JsonObject> AllResources(JsonObject template)
    {
        foreach (var resource in template["resources"]!.AsArray().Select(r => r!.AsObject()))
        {
            yield return resource;
            if ((string?)resource["type"] == "Microsoft.Resources/deployments")
            {
                foreach (var nested in AllResources(resource["properties"]!["template"]!.AsObject()))
                {
                    yield return nested;
                }
            }
        }
    }

    private static async Task<CompiledInfrastructure> CompileAsync()
    {
        var outdir = Directory.CreateTempSubdirectory("virserverless-arm-").FullName;
        try
        {
            var check = await RepositoryScript.RunAsync("bash", "scripts/bicep.sh", ["--outdir", outdir], timeout: CheckTimeout);
            var main = Path.Combine(outdir, "main.json");
            return new(check, File.Exists(main) ? JsonNode.Parse(await File.ReadAllTextAsync(main))!.AsObject() : null);
        }
        finally
        {
            Directory.Delete(outdir, recursive: true);
        }
    }
}

using System.Reflection;
using System.Text.RegularExpressions;
using VirServerless.Core.Storage;
using VirServerless.Testing;

namespace VirServerless.Core.Tests.Storage;

/// <summary>
/// Only the stores (namespace <c>VirServerless.Core.Storage</c>, folder <c>core/Storage</c>) know Azure.Data.Tables;
/// services, pages, APIs, the bot and the timers ask stores and get plain records back.
/// </summary>
public partial class StorageBoundaryTests
{
    private const string StorageNamespace = "VirServerless.Core.Storage";

    [Fact]
    public void NoProductSourceOutsideTheStorageFolderMentionsAzureDataTables()
    {
        var offenders = ProductFiles()
            .Where(file => !file.Path.StartsWith("core/Storage/", StringComparison.Ordinal) && file.Text.Contains("Azure.Data.Tables", StringComparison.Ordinal))
            .Select(file => file.Path)
            .ToList();

        Assert.True(offenders.Count == 0, "Azure.Data.Tables outside core/Storage: " + string.Join(", ", offenders));
    }

    [Fact]
    public void EveryFileInTheStorageFolderIsInTheStorageNamespace()
    {
        var offenders = ProductFiles()
            .Where(file => file.Path.StartsWith("core/Storage/", StringComparison.Ordinal))
            .Where(file => Namespace().Match(file.Text) is not { Success: true } match
                || !(match.Groups[1].Value == StorageNamespace || match.Groups[1].Value.StartsWith(StorageNamespace + ".", StringComparison.Ordinal)))
            .Select(file => file.Path)
            .ToList();

        Assert.True(offenders.Count == 0, "Files in core/Storage outside namespace " + StorageNamespace + ": " + string.Join(", ", offenders));
    }

    [Fact]
    public void NoCoreTypeOutsideTheStorageNamespaceHasAzureDataTablesInItsSignatures()
    {
        var offenders = typeof(StorageTables).Assembly.GetTypes()
            .Where(type => type.Namespace is not { } ns || !(ns == StorageNamespace || ns.StartsWith(StorageNamespace + ".", StringComparison.Ordinal)))
            .SelectMany(type => SignatureTypes(type).Where(IsTablesType).Select(used => $"{type.FullName} uses {used.FullName}"))
            .Distinct()
            .ToList();

        Assert.True(offenders.Count == 0, string.Join("; ", offenders));
    }

    private static IEnumerable<(string Path, string Text)> ProductFiles() =>
        new[] { "core", "bot", "functions" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, folder), "*", SearchOption.AllDirectories))
            .Select(path => Path.GetRelativePath(RepositoryRoot.Path, path).Replace('\\', '/'))
            .Where(path => (path.EndsWith(".cs", StringComparison.Ordinal) || path.EndsWith(".csproj", StringComparison.Ordinal))
                && !path.Contains("/bin/", StringComparison.Ordinal) && !path.Contains("/obj/", StringComparison.Ordinal)
                && path != "core/VirServerless.Core.csproj")
            .Select(path => (path, File.ReadAllText(Path.Combine(RepositoryRoot.Path, path))));

    private const BindingFlags Everything = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static IEnumerable<Type> SignatureTypes(Type type) =>
        new[] { type.BaseType }.Concat(type.GetInterfaces())
            .Concat(type.GetFields(Everything).Select(f => f.FieldType))
            .Concat(type.GetProperties(Everything).Select(p => p.PropertyType))
            .Concat(type.GetMethods(Everything).SelectMany(m => m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType)))
            .Concat(type.GetConstructors(Everything).SelectMany(c => c.GetParameters().Select(p => p.ParameterType)))
            .OfType<Type>()
            .SelectMany(Unwrap);

    private static IEnumerable<Type> Unwrap(Type type) =>
        type.HasElementType ? Unwrap(type.GetElementType()!)
        : type.IsGenericType ? type.GetGenericArguments().SelectMany(Unwrap).Append(type)
        : [type];

    private static bool IsTablesType(Type type) => type.Namespace?.StartsWith("Azure.Data.Tables", StringComparison.Ordinal) == true;

    [GeneratedRegex(@"(?m)^namespace\s+([\w.]+)\s*;")]
    private static partial Regex Namespace();
}

namespace VirServerless.Core.Events;

/// <summary>The sample events in <c>catalog/samples</c>, one <c>{id}.json</c> per event.</summary>
public static class SampleCatalog
{
    private const string SolutionFile = "VirServerless.sln";

    /// <summary>Walks up from the running binary to the folder holding VirServerless.sln and returns its catalog/samples.</summary>
    public static string FindDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
            {
                var samples = Path.Combine(dir.FullName, "catalog", "samples");
                return Directory.Exists(samples)
                    ? samples
                    : throw new DirectoryNotFoundException($"{SolutionFile} found in {dir.FullName}, but it has no catalog/samples folder.");
            }
        }

        throw new DirectoryNotFoundException($"No {SolutionFile} above {AppContext.BaseDirectory}; cannot locate catalog/samples.");
    }

    /// <summary>
    /// Parses and validates every <c>*.json</c> in <paramref name="directory"/>, ordered by start.
    /// Throws <see cref="InvalidDataException"/> naming the file on the first invalid document or a file
    /// whose name is not its id (which also rules out duplicate ids).
    /// </summary>
    public static IReadOnlyList<CatalogEvent> Load(string directory)
    {
        var events = new List<CatalogEvent>();
        foreach (var file in Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            if (!EventDocument.TryParse(File.ReadAllText(file), out var ev, out var errors))
            {
                throw new InvalidDataException($"Catalog file {file} is invalid:{Environment.NewLine}{EventDocument.Describe(errors)}");
            }

            // Ids become Table keys and URLs; tying them to file names keeps them unique at a glance.
            if (!string.Equals(Path.GetFileNameWithoutExtension(file), ev!.Id, StringComparison.Ordinal))
            {
                throw new InvalidDataException($"Catalog file {file} holds event id \"{ev.Id}\"; name the file {ev.Id}.json.");
            }

            events.Add(ev);
        }

        return [.. events.OrderBy(e => e.Start).ThenBy(e => e.Id, StringComparer.Ordinal)];
    }
}

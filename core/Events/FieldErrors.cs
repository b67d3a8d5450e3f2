namespace VirServerless.Core.Events;

/// <summary>Collects German error messages keyed by JSON path, in the shape <c>ValidationProblem</c> expects.</summary>
internal sealed class FieldErrors
{
    /// <summary>Key for errors about the document as a whole.</summary>
    public const string DocumentKey = "$";

    private readonly Dictionary<string, List<string>> byPath = new(StringComparer.Ordinal);

    public bool IsEmpty => byPath.Count == 0;

    public void Add(string path, string message)
    {
        if (!byPath.TryGetValue(path, out var messages))
        {
            messages = [];
            byPath.Add(path, messages);
        }

        if (!messages.Contains(message))
        {
            messages.Add(message);
        }
    }

    public void AddRange(IReadOnlyDictionary<string, string[]> other)
    {
        foreach (var (path, messages) in other)
        {
            foreach (var message in messages)
            {
                Add(path, message);
            }
        }
    }

    public IReadOnlyDictionary<string, string[]> ToDictionary() =>
        byPath.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray(), StringComparer.Ordinal);
}

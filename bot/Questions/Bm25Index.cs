namespace VirServerless.Bot.Questions;

/// <summary>A scored document of a <see cref="Bm25Index{T}"/> search.</summary>
public sealed record Bm25Hit<T>(T Item, double Score, IReadOnlySet<string> MatchedTerms);

/// <summary>
/// Okapi BM25 (k1 = 1.2, b = 0.75) over small document sets such as one event's programme or FAQ.
/// Documents are already term lists; the index does no text processing of its own.
/// </summary>
public sealed class Bm25Index<T>
{
    private const double K1 = 1.2;
    private const double B = 0.75;

    private readonly List<(T Item, Dictionary<string, int> Frequencies, int Length)> documents = [];
    private readonly Dictionary<string, int> documentFrequency = new(StringComparer.Ordinal);
    private double averageLength;

    public Bm25Index(IEnumerable<(T Item, IEnumerable<string> Terms)> source)
    {
        foreach (var (item, terms) in source)
        {
            var frequencies = new Dictionary<string, int>(StringComparer.Ordinal);
            var length = 0;
            foreach (var term in terms)
            {
                frequencies[term] = frequencies.GetValueOrDefault(term) + 1;
                length++;
            }

            documents.Add((item, frequencies, length));
            foreach (var term in frequencies.Keys)
            {
                documentFrequency[term] = documentFrequency.GetValueOrDefault(term) + 1;
            }
        }

        averageLength = documents.Count == 0 ? 0 : documents.Average(d => (double)d.Length);
    }

    public int Count => documents.Count;

    /// <summary>Whether any document holds the term.</summary>
    public bool Knows(string term) => documentFrequency.ContainsKey(term);

    public bool Contains(T item, string term) =>
        documents.Any(d => EqualityComparer<T>.Default.Equals(d.Item, item) && d.Frequencies.ContainsKey(term));

    /// <summary>Documents matching at least one query term, best first; ties keep document order.</summary>
    public IReadOnlyList<Bm25Hit<T>> Search(IEnumerable<string> queryTerms)
    {
        var terms = queryTerms.Distinct(StringComparer.Ordinal).ToList();
        var hits = new List<Bm25Hit<T>>();
        foreach (var (item, frequencies, length) in documents)
        {
            var score = 0.0;
            var matched = new HashSet<string>(StringComparer.Ordinal);
            foreach (var term in terms)
            {
                if (!frequencies.TryGetValue(term, out var tf))
                {
                    continue;
                }

                var df = documentFrequency[term];
                var idf = Math.Log(1 + ((documents.Count - df + 0.5) / (df + 0.5)));
                score += idf * tf * (K1 + 1) / (tf + (K1 * (1 - B + (B * length / averageLength))));
                matched.Add(term);
            }

            if (matched.Count > 0)
            {
                hits.Add(new Bm25Hit<T>(item, score, matched));
            }
        }

        return [.. hits.Select((h, i) => (h, i)).OrderByDescending(x => x.h.Score).ThenBy(x => x.i).Select(x => x.h)];
    }
}

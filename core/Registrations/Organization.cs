using System.Globalization;
using System.Text;

namespace VirServerless.Core.Registrations;

/// <summary>
/// The one rule for "the same organisation", used by the seat cap (<c>maxPerOrganization</c>), the organiser view,
/// the CSV export and the admin JSON: "Stadt  Delmenhorst", " stadt delmenhorst" and "STADT DELMENHORST" are one.
/// </summary>
/// <remarks>
/// Case and white space are all that is folded. "ß"/"ss" and "ä"/"ae" stay different: such folding could merge
/// names that differ, and it would change the counter key of every name spelt with ß or umlauts, so the
/// organisation counters of events with registrations would no longer match.
/// </remarks>
public static class Organization
{
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");

    private static readonly StringComparer LabelOrder = StringComparer.Create(German, CompareOptions.IgnoreCase);

    /// <summary>The name as shown: trimmed, every run of white space one blank, letters as typed (composed Unicode).</summary>
    public static string Display(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var composed = name.Normalize(NormalizationForm.FormC);
        var sb = new StringBuilder(composed.Length);
        foreach (var c in composed)
        {
            if (!char.IsWhiteSpace(c))
            {
                sb.Append(c);
            }
            else if (sb.Length > 0 && sb[^1] != ' ')
            {
                sb.Append(' ');
            }
        }
        return sb.ToString().TrimEnd(' ');
    }

    /// <summary>The comparison form: <see cref="Display"/> in lower case (German rules).</summary>
    public static string Normalize(string name) => Display(name).ToLower(German);

    /// <summary>The key of the organisation's seat counter row (a hash, so any name fits a table key).</summary>
    public static string Key(string name) => RegistrationKeys.Hash(Normalize(name));

    /// <summary>
    /// Groups items by organisation. A group is labelled with the spelling most of its members used (on a tie, the
    /// first one met); groups come in German alphabetical order.
    /// </summary>
    public static IReadOnlyList<OrganizationGroup<T>> Group<T>(IEnumerable<T> items, Func<T, string> organizationOf)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(organizationOf);
        return [.. items
            .GroupBy(item => Normalize(organizationOf(item)), StringComparer.Ordinal)
            .Select(group => new OrganizationGroup<T>(Label(group.Select(organizationOf)), [.. group]))
            .OrderBy(group => group.Name, LabelOrder)];
    }

    private static string Label(IEnumerable<string> spellings) =>
        spellings.Select(Display)
            .GroupBy(spelling => spelling, StringComparer.Ordinal)
            .Select((same, index) => (Spelling: same.Key, Count: same.Count(), Index: index))
            .OrderByDescending(s => s.Count).ThenBy(s => s.Index)
            .First().Spelling;
}

/// <summary>The members of one organisation under the name most of them used.</summary>
public sealed record OrganizationGroup<T>(string Name, IReadOnlyList<T> Members);

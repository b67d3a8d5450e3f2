using System.Globalization;
using System.Text;

namespace VirServerless.Core.Registrations;

/// <summary>
/// The one rule for "the same organisation", used by the seat cap (<c>maxPerOrganization</c>), the organiser view,
/// the CSV export and the admin JSON: "Stadt  Delmenhorst", " stadt delmenhorst" and "STADT DELMENHORST" are one
/// organisation, shown under one name (<see cref="Names"/>).
/// </summary>
/// <remarks>
/// Case and white space are all that is folded. "ß"/"ss" and "ä"/"ae" stay different: such folding could merge
/// names that differ, and it would change the counter key of every name spelt with ß or umlauts, so the
/// organisation counters of events with registrations would no longer match.
/// </remarks>
public static class Organization
{
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");

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

    /// <summary>Organisation names in German alphabetical order, ignoring case.</summary>
    public static StringComparer NameOrder { get; } = StringComparer.Create(German, CompareOptions.IgnoreCase);

    /// <summary>
    /// The name each organisation among these spellings is shown and counted under: the spelling most of them used
    /// (on a tie, the first one met), so lists, counts and exports of one event agree.
    /// </summary>
    public static OrganizationNames Names(IEnumerable<string> spellings)
    {
        ArgumentNullException.ThrowIfNull(spellings);
        var names = spellings.Select(Display)
            .GroupBy(Normalize, StringComparer.Ordinal)
            .ToDictionary(organization => organization.Key, organization => organization
                .GroupBy(spelling => spelling, StringComparer.Ordinal)
                .Select((same, index) => (Spelling: same.Key, Count: same.Count(), Index: index))
                .OrderByDescending(s => s.Count).ThenBy(s => s.Index)
                .First().Spelling, StringComparer.Ordinal);
        return new(names);
    }
}

/// <summary>The shown name of each organisation of one list; see <see cref="Organization.Names"/>.</summary>
public sealed class OrganizationNames(IReadOnlyDictionary<string, string> byNormalized)
{
    public string Of(string spelling) =>
        byNormalized.TryGetValue(Organization.Normalize(spelling), out var name) ? name : Organization.Display(spelling);
}

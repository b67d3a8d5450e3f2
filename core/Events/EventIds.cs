using System.Text.RegularExpressions;

namespace VirServerless.Core.Events;

public static partial class EventIds
{
    /// <summary>Event and session ids are slugs, which also makes them safe as Table keys and in URLs.</summary>
    // \z, not $: a trailing line break must not pass as part of a slug.
    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,62}\\z", RegexOptions.CultureInvariant)]
    public static partial Regex Slug();

    public static bool IsValid(string? id) => id is not null && Slug().IsMatch(id);
}

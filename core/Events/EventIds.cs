using System.Text.RegularExpressions;

namespace VirServerless.Core.Events;

public static partial class EventIds
{
    /// <summary>Event and session ids are slugs, which also makes them safe as Table keys and in URLs.</summary>
    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,62}$", RegexOptions.CultureInvariant)]
    public static partial Regex Slug();

    public static bool IsValid(string? id) => id is not null && Slug().IsMatch(id);
}

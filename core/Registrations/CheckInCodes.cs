using System.Security.Cryptography;

namespace VirServerless.Core.Registrations;

/// <summary>
/// Personal check-in codes: ten letters in two groups (<c>KMPTX-ARWHC</c>), about 41 bits, drawn from letters that
/// cannot be mistaken for a digit or for each other. A separate secret from the confirm and manage tokens: the code
/// sits on a phone screen or a printout at the entrance and opens nothing but the check-in.
/// </summary>
public static class CheckInCodes
{
    /// <summary>No B, G, I, L, O, Q, S, Z (8, 6, 1, 1, 0, 0, 5, 2).</summary>
    public const string Alphabet = "ACDEFHJKMNPRTUVWXY";

    public const int Letters = 10;

    private const int GroupLength = Letters / 2;

    public static string Create()
    {
        var letters = RandomNumberGenerator.GetString(Alphabet, Letters);
        return letters[..GroupLength] + "-" + letters[GroupLength..];
    }

    /// <summary>
    /// The code as stored, from what was typed or scanned: case, spaces and separators do not matter, and a Z reads as
    /// Y because a scanner that types on a German keyboard layout swaps them. Null when it cannot be a code.
    /// </summary>
    public static string? Normalize(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed) || typed.Length > 40)
        {
            return null;
        }
        var letters = new List<char>(Letters);
        foreach (var c in typed.ToUpperInvariant())
        {
            var letter = c == 'Z' ? 'Y' : c;
            if (Alphabet.Contains(letter, StringComparison.Ordinal))
            {
                letters.Add(letter);
            }
            else if (char.IsLetterOrDigit(letter) && letter != 'ß')
            {
                return null;
            }
        }
        return letters.Count == Letters ? new string([.. letters[..GroupLength]]) + "-" + new string([.. letters[GroupLength..]]) : null;
    }

    /// <summary>The index row that leads from a code to its registration, in the event's partition only.</summary>
    public static string RowKey(string code) => RegistrationKeys.CheckInCode + RegistrationKeys.Hash(code);
}

using System.Buffers.Text;
using System.Security.Cryptography;

using VirServerless.Core.Events;

namespace VirServerless.Core.Registrations;

/// <summary>
/// Confirmation and manage tokens: <c>{eventId}.{32 random bytes, base64url}</c>. The event id only routes the
/// lookup to the right partition; the secret part carries 256 bits. Only the SHA-256 of the whole token is stored.
/// </summary>
public static class RegistrationTokens
{
    public static string Create(string eventId) =>
        eventId + "." + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static string HashOf(string token) => RegistrationKeys.Hash(token);

    /// <summary>Splits a token without telling the caller why it is malformed.</summary>
    public static bool TryGetEventId(string? token, out string eventId)
    {
        eventId = "";
        if (string.IsNullOrEmpty(token) || token.Length > 200)
        {
            return false;
        }
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot == token.Length - 1)
        {
            return false;
        }
        var candidate = token[..dot];
        if (!EventIds.IsValid(candidate))
        {
            return false;
        }
        eventId = candidate;
        return true;
    }
}

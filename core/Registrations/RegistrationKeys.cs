using System.Security.Cryptography;
using System.Text;

namespace VirServerless.Core.Registrations;

/// <summary>
/// Row-key layout of the Registrations table. Everything of one event shares the partition <c>{eventId}</c>,
/// so a registration, its seat counters, its index rows and its mail change together in one entity group transaction.
/// Table keys cannot contain '/', '\', '#' or '?'; hashes and slugs never do.
/// </summary>
public static class RegistrationKeys
{
    public const string Registration = "reg|";
    public const string Email = "email|";
    public const string ConfirmToken = "confirm|";
    public const string ManageToken = "manage|";
    public const string CheckInCode = "checkin|";
    public const string Outbox = "outbox|";
    public const string ReminderJob = "reminder|";
    public const string ReminderTokens = "remtok|";
    public const string Seats = "seats";
    public const string SessionSeats = "seats|";
    public const string OrganizationSeats = "org|";

    public static string EmailRow(string email) => Email + Hash(NormalizeEmail(email));

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    /// <summary>The organisation part of <c>org|{key}</c> counter rows; see <see cref="Registrations.Organization"/>.</summary>
    public static string OrganizationKey(string organization) => Organization.Key(organization);

    public static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    /// <summary>Key-range filter for all rows with a prefix: '|' + 1 is '}'.</summary>
    public static string PrefixFilter(string prefix) =>
        $"RowKey ge '{prefix}' and RowKey lt '{prefix[..^1]}}}'";
}

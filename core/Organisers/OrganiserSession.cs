namespace VirServerless.Core.Organisers;

/// <summary>How an organiser signed in.</summary>
public enum SignInMethod
{
    /// <summary>The admin key in the login form (local runs, emergencies).</summary>
    AdminKey,

    /// <summary>A Microsoft 365 (Entra ID) account that is an organiser.</summary>
    Entra,
}

/// <summary>
/// A signed-in organiser: the name the audit log shows, how they signed in and, for Entra, the account's object id.
/// The session ends at <paramref name="ExpiresAt"/> or when it is revoked at sign-out.
/// </summary>
public sealed record OrganiserSession(string Name, SignInMethod Method, string? ObjectId, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt)
{
    public bool IsExpired(DateTimeOffset now) => ExpiresAt <= now;
}

using VirServerless.Core.Registrations;

namespace VirServerless.Functions.Registrations;

/// <summary>Maps the plain HTML form (no JavaScript) to the same request the JSON API takes.</summary>
public static class RegistrationForm
{
    /// <summary>What a ticked consent checkbox may send.</summary>
    public static readonly string[] Truthy = ["true", "on", "1", "ja"];

    public static RegistrationRequest ToRequest(IFormCollection form) => new()
    {
        FirstName = form["firstName"],
        LastName = form["lastName"],
        Email = form["email"],
        Organization = form["organization"],
        Role = form["role"],
        Sessions = [.. form["sessions"].OfType<string>()],
        Dietary = form["dietary"],
        AccessibilityNeeds = form["accessibilityNeeds"],
        Consent = form["consent"].FirstOrDefault() is { } consent && Truthy.Contains(consent, StringComparer.Ordinal),
        ConsentVersion = form["consentVersion"],
        Website = form["website"],
        RequestKey = form["requestKey"],
    };
}

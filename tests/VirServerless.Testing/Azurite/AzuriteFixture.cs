namespace VirServerless.Testing;

/// <summary>
/// One in-memory Azurite for a test assembly (<c>[assembly: AssemblyFixture(typeof(AzuriteFixture))]</c>) or a test
/// class (<c>IClassFixture&lt;AzuriteFixture&gt;</c>). Test classes keep apart by using <see cref="UniqueTableName"/>.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteInstance? instance;

    public AzuriteInstance Instance => instance ?? throw new InvalidOperationException("Azurite is not started yet.");

    public string ConnectionString => Instance.ConnectionString;

    public async ValueTask InitializeAsync() => instance = await AzuriteInstance.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (instance is not null)
        {
            await instance.DisposeAsync();
        }
    }

    /// <summary>A valid table name (letters and digits, ≤ 63) that starts with the letters of <paramref name="prefix"/> and is unique.</summary>
    public static string UniqueTableName(string prefix)
    {
        var letters = new string([.. prefix.Where(char.IsAsciiLetterOrDigit)]);
        if (letters.Length == 0 || !char.IsAsciiLetter(letters[0]))
        {
            letters = "t" + letters;
        }

        var suffix = Guid.NewGuid().ToString("N")[..12];
        return letters[..Math.Min(letters.Length, 63 - suffix.Length)] + suffix;
    }
}

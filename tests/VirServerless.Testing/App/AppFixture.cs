namespace VirServerless.Testing;

/// <summary>
/// Azurite plus the running function app with the sample catalog, shared by one test class. Each class gets its
/// own table prefix and mail folder, so classes run side by side without seeing each other's data.
/// </summary>
public class AppFixture : IAsyncLifetime
{
    private AzuriteInstance? azurite;
    private FunctionAppProcess? app;

    public AzuriteInstance Azurite => azurite ?? throw new InvalidOperationException("Not started.");

    public FunctionAppProcess App => app ?? throw new InvalidOperationException("Not started.");

    /// <summary>Extra settings for the app, as environment variables.</summary>
    protected virtual IDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Catalog__SeedDirectory"] = Path.Combine(RepositoryRoot.Path, "catalog", "samples"),
    };

    public virtual async ValueTask InitializeAsync()
    {
        azurite = await AzuriteInstance.StartAsync();
        app = await FunctionAppProcess.StartAsync(azurite.ConnectionString, Settings);
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }
        if (azurite is not null)
        {
            await azurite.DisposeAsync();
        }
        GC.SuppressFinalize(this);
    }
}

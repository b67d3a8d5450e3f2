using VirServerless.Testing;

namespace VirServerless.Functions.Tests.Pages;

/// <summary>The browser fixture with the app's Microsoft 365 sign-in pointed at a <see cref="LocalOidcProvider"/>.</summary>
public sealed class EntraBrowserAppFixture : BrowserAppFixture
{
    public const string ListedObjectId = "00000000-0000-0000-0000-0000000000aa";

    private readonly EntraAppFixture entra;

    public EntraBrowserAppFixture()
        : this(new EntraAppFixture())
    {
    }

    private EntraBrowserAppFixture(EntraAppFixture entra)
        : base(entra) => this.entra = entra;

    public LocalOidcProvider Oidc => entra.Provider ?? throw new InvalidOperationException("Not started.");

    private sealed class EntraAppFixture : AppFixture
    {
        public LocalOidcProvider? Provider { get; private set; }

        protected override IDictionary<string, string> Settings => new Dictionary<string, string>(base.Settings)
        {
            ["Organisers__Entra__Authority"] = Provider!.Authority,
            ["Organisers__Entra__ClientId"] = LocalOidcProvider.ClientId,
            ["Organisers__Entra__ClientSecret"] = LocalOidcProvider.ClientSecret,
            ["Organisers__Entra__ObjectIds__0"] = ListedObjectId,
        };

        public override async ValueTask InitializeAsync()
        {
            Provider = await LocalOidcProvider.StartAsync();
            await base.InitializeAsync();
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            if (Provider is not null)
            {
                await Provider.DisposeAsync();
            }
        }
    }
}

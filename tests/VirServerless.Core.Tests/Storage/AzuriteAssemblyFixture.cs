using VirServerless.Testing;

// One Azurite for the whole test assembly; each test class works in its own tables.
[assembly: AssemblyFixture(typeof(AzuriteFixture))]

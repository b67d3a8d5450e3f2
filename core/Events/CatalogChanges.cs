namespace VirServerless.Core.Events;

/// <summary>
/// Counts the changes this process made to the catalog and to seat counters. A cache of what members read (the bot's
/// catalog) compares the count instead of asking storage on every turn; changes made by other instances reach it
/// when its entry has aged out.
/// </summary>
public sealed class CatalogChanges
{
    private long count;

    public long Count => Interlocked.Read(ref count);

    public void Changed() => Interlocked.Increment(ref count);
}

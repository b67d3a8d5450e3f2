using VirServerless.Core.Storage;
using VirServerless.Functions.Events;

namespace VirServerless.Functions.Hosting;

/// <summary>
/// Creates the tables and seeds the catalog while the host starts, beside Kestrel instead of before it: only the first
/// start in a new account needs the tables created, every later start merely confirms them, and that round trip should
/// not hold up the first request. Requests and in-process timers wait for it (normally long done). A failed preparation
/// (storage down at start) is tried again by the next caller, whose request then answers 503 like any storage outage.
/// </summary>
public sealed class StoragePreparation(StorageTables tables, CatalogSeeder seeder, ILogger<StoragePreparation> logger) : IHostedLifecycleService
{
    private readonly Lock gate = new();
    private Task? preparing;

    public Task WaitAsync(CancellationToken cancellationToken = default)
    {
        var current = preparing;
        if (current is not { IsCompletedSuccessfully: true })
        {
            lock (gate)
            {
                if (preparing is null || preparing.IsFaulted || preparing.IsCanceled)
                {
                    preparing = Task.Run(PrepareAsync, CancellationToken.None);
                }
                current = preparing;
            }
        }
        return current.IsCompleted ? current : current.WaitAsync(cancellationToken);
    }

    private async Task PrepareAsync()
    {
        try
        {
            await tables.EnsureCreatedAsync();
            await seeder.SeedAsync();
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Storage preparation failed; the next request tries again");
            throw;
        }
    }

    /// <summary>Starts before every hosted service (Kestrel included), so the round trips overlap the host's own start.</summary>
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        // Observed by the callers of WaitAsync; a failure here must not stop the host.
        _ = WaitAsync(CancellationToken.None).ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

public static class StoragePreparationExtensions
{
    /// <summary>Every request waits until the tables exist; behind the exception handler, so a storage outage is a 503.</summary>
    public static WebApplication UseStoragePreparation(this WebApplication app)
    {
        var preparation = app.Services.GetRequiredService<StoragePreparation>();
        // Synchronous once the tables are confirmed: an async lambda costs a state machine on every request (JIT-compiled at start).
        app.Use((context, next) =>
        {
            var prepared = preparation.WaitAsync(context.RequestAborted);
            return prepared.IsCompletedSuccessfully ? next(context) : AfterAsync(prepared, context, next);
        });
        return app;
    }

    private static async Task AfterAsync(Task prepared, HttpContext context, RequestDelegate next)
    {
        await prepared;
        await next(context);
    }
}

using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using VirServerless.Testing;

namespace VirServerless.Functions.Tests.Pages;

/// <summary>
/// The app with the sample catalog plus Debian's Chromium driven by Playwright. Playwright's own browser download
/// is never used: the browser is the system one at <see cref="ChromiumPath"/>.
/// </summary>
public class BrowserAppFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly AppFixture app;

    public BrowserAppFixture()
        : this(new AppFixture())
    {
    }

    /// <summary>For a fixture whose app needs other settings (see <see cref="EntraBrowserAppFixture"/>).</summary>
    protected BrowserAppFixture(AppFixture app) => this.app = app;
    private IPlaywright? playwright;
    private IBrowser? browser;

    public FunctionAppProcess App => app.App;

    public AzuriteInstance Azurite => app.Azurite;

    public IBrowser Browser => browser ?? throw new InvalidOperationException("Not started.");

    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    public async ValueTask InitializeAsync()
    {
        await app.InitializeAsync();
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        Directory.CreateDirectory(ScreenshotDirectory);
    }

    public async ValueTask DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }
        playwright?.Dispose();
        await app.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>A fresh browser context (own cookies), German, with or without JavaScript; fails the test on CSP or script errors.</summary>
    public async Task<BrowserSession> NewSessionAsync(bool javaScript = true)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.BaseAddress.ToString(),
            JavaScriptEnabled = javaScript,
            Locale = "de-DE",
            ViewportSize = new ViewportSize { Width = 1024, Height = 800 },
            AcceptDownloads = true,
        });
        var page = await context.NewPageAsync();
        return new BrowserSession(Browser, context, page, javaScript);
    }
}

/// <summary>One browser context with its page, and the console errors seen so far (CSP violations show up there).</summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly List<string> consoleErrors = [];
    private readonly IBrowser browser;
    private readonly bool javaScript;

    public BrowserSession(IBrowser browser, IBrowserContext context, IPage page, bool javaScript)
    {
        this.browser = browser;
        this.javaScript = javaScript;
        Context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            // Chromium reports every status >= 400 this way, including a form page answered with 400 on purpose;
            // failed subresources are caught below instead.
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                lock (consoleErrors)
                {
                    consoleErrors.Add(message.Text);
                }
            }
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400 && response.Request.ResourceType != "document" && response.Request.ResourceType != "fetch")
            {
                lock (consoleErrors)
                {
                    consoleErrors.Add($"{response.Status} for {response.Url}");
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (consoleErrors)
            {
                consoleErrors.Add(error);
            }
        };
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    /// <summary>
    /// Runs axe-core for WCAG 2.0/2.1 A and AA and fails with the list of violations; also fails on any console
    /// error so far (a Content-Security-Policy violation or a script error). Saves a screenshot when named.
    /// </summary>
    public async Task CheckAccessibleAsync(string? screenshot = null)
    {
        var result = javaScript ? await RunAxeAsync(Page) : await RunAxeOnCopyAsync();
        Assert.True(result.Passes.Length > 10, $"axe checked almost nothing on {Page.Url}; did it run?");
        var violations = result.Violations.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(" | ", v.Nodes.Select(n => n.Target + " " + n.Html))}").ToList();
        Assert.True(violations.Count == 0, $"axe found on {Page.Url}:\n" + string.Join("\n", violations));
        lock (consoleErrors)
        {
            Assert.True(consoleErrors.Count == 0, $"Console errors on {Page.Url}:\n" + string.Join("\n", consoleErrors));
        }
        if (screenshot is not null)
        {
            await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserAppFixture.ScreenshotDirectory, screenshot + ".png"), FullPage = true });
        }
    }

    private static Task<AxeResult> RunAxeAsync(IPage page) => page.RunAxe(new AxeRunOptions
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    });

    /// <summary>
    /// axe needs script, so a page seen without JavaScript is checked as a copy: the same HTML served at the same
    /// address to a scripting page, with our own site.js blocked so the markup stays exactly as the server sent it.
    /// </summary>
    private async Task<AxeResult> RunAxeOnCopyAsync()
    {
        var html = await Page.ContentAsync();
        var url = Page.Url;
        await using var copy = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1024, Height = 800 } });
        var page = await copy.NewPageAsync();
        await page.RouteAsync("**/static/site.js*", route => route.AbortAsync());
        await page.RouteAsync(url, route => route.FulfillAsync(new RouteFulfillOptions { Body = html, ContentType = "text/html; charset=utf-8" }));
        await page.GotoAsync(url);
        return await RunAxeAsync(page);
    }

    /// <summary>Presses Tab until the focused element matches <paramref name="selector"/>: proves it is reachable by keyboard.</summary>
    public async Task TabToAsync(string selector, int maxPresses = 200)
    {
        for (var i = 0; i < maxPresses; i++)
        {
            await Page.Keyboard.PressAsync("Tab");
            if (await Page.EvaluateAsync<bool>("s => document.activeElement !== null && document.activeElement.matches(s)", selector))
            {
                return;
            }
        }
        Assert.Fail($"{selector} was not reached with {maxPresses} Tab presses on {Page.Url}.");
    }

    /// <summary>
    /// Does <paramref name="action"/> and waits for the page it leads to (after redirects) to load. Both events are
    /// subscribed before the action, and only a <c>load</c> after the new document's response counts: waiting for the
    /// load state afterwards could be answered by the previous document, which is still "loaded" until the new one
    /// commits, and a navigation fast enough to finish before a waiter is set up would be missed.
    /// </summary>
    public async Task<IResponse> NavigatesAsync(Func<Task> action)
    {
        IResponse? document = null;
        var loaded = new TaskCompletionSource<IResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnResponse(object? sender, IResponse response)
        {
            if (response.Request.IsNavigationRequest && response.Request.Frame == Page.MainFrame && response.Status is < 300 or >= 400)
            {
                Volatile.Write(ref document, response);
            }
        }
        void OnLoad(object? sender, IPage page)
        {
            if (Volatile.Read(ref document) is { } response)
            {
                loaded.TrySetResult(response);
            }
        }
        Page.Response += OnResponse;
        Page.Load += OnLoad;
        try
        {
            await action();
            return await loaded.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }
        finally
        {
            Page.Response -= OnResponse;
            Page.Load -= OnLoad;
        }
    }

    public Task<string?> FocusedIdAsync() => Page.EvaluateAsync<string?>("() => document.activeElement && document.activeElement.id");

    public async ValueTask DisposeAsync() => await Context.DisposeAsync();
}

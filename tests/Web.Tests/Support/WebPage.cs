using System.Collections.Concurrent;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Web.Tests.Support;

/// <summary>
/// One page of a story: what the console said (errors fail the test, except the API's problem
/// answers the story provoked on purpose), an axe check of every page it visits, and
/// screenshots into docs/screenshots/ at phone and desktop width.
/// </summary>
public sealed class WebPage(IBrowserContext context, IPage page, Uri apiUrl, Uri cognitoUrl) : IAsyncDisposable
{
    private readonly ConsoleWatch _watch = new(page);
    private readonly List<(string Origin, int Status)> _expected = [];

    public IPage Page => page;

    public IBrowserContext Context => context;

    /// <summary>
    /// Cuts the browser off the network (or back on). What fails to load while it is off (the
    /// API, prefetches) is what the story asks for, not an error of the page.
    /// </summary>
    public async Task SetOfflineAsync(bool offline)
    {
        _watch.Offline = offline;
        await context.SetOfflineAsync(offline);
    }

    /// <summary>The story sends bad input on purpose: Chromium logs the API's 4xx answer as a console error.</summary>
    public void ExpectApiRefusal(int status) => _expected.Add((apiUrl.GetLeftPart(UriPartial.Authority), status));

    /// <summary>The story signs in or confirms with wrong input on purpose: Chromium logs Cognito's 4xx answer.</summary>
    public void ExpectCognitoRefusal(int status) => _expected.Add((cognitoUrl.GetLeftPart(UriPartial.Authority), status));

    public async Task GotoAsync(string path)
    {
        var response = await Page.GotoAsync(path);
        Assert.True(response is { Ok: true }, $"GET {path} answered {response?.Status}");
    }

    public async Task SignInAsync(string email, string password)
    {
        await Page.GetByLabel("Email").FillAsync(email);
        await Page.GetByLabel("Password").FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
    }

    /// <summary>axe-core on the page as it is now: no serious or critical violation (WCAG 2.1 AA and best practices).</summary>
    public async Task AssertAccessibleAsync(string what)
    {
        var results = await Page.RunAxe();
        var bad = results.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(bad.Count == 0, $"{what} ({Page.Url}): axe found {string.Join("; ", bad.Select(Describe))}");
    }

    /// <summary>No console error, no uncaught exception, so far (bar the refusals the story expects).</summary>
    public void AssertNoConsoleErrors()
    {
        var unexpected = _watch.Errors
            .Where(e => !_expected.Any(expected =>
                e.Text.StartsWith($"Failed to load resource: the server responded with a status of {expected.Status}", StringComparison.Ordinal)
                && e.Url.StartsWith(expected.Origin, StringComparison.Ordinal)))
            .Select(e => $"{e.Text} ({e.Url})")
            .ToList();
        Assert.True(unexpected.Count == 0, $"Console errors on {Page.Url}:{Environment.NewLine}{string.Join(Environment.NewLine, unexpected)}");
    }

    /// <summary>Checks the page (axe, console) and saves it at phone and desktop width as docs/screenshots/{name}-{phone|desktop}.png.</summary>
    public async Task CheckAndCaptureAsync(string name)
    {
        await AssertAccessibleAsync(name);
        AssertNoConsoleErrors();
        var size = Page.ViewportSize;
        Directory.CreateDirectory(Screenshots.Folder);
        foreach (var viewport in new[] { Viewport.Phone, Viewport.Desktop })
        {
            await Page.SetViewportSizeAsync(viewport.Width, viewport.Height);
            await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots.Folder, $"{name}-{viewport.Name}.png"), FullPage = true, Animations = ScreenshotAnimations.Disabled });
        }

        if (size is not null)
        {
            await Page.SetViewportSizeAsync(size.Width, size.Height);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await context.CloseAsync();
    }

    private static string Describe(AxeResultItem violation) =>
        $"{violation.Id} ({violation.Impact}): {violation.Help} at {string.Join(", ", violation.Nodes.Take(3).Select(n => n.Target?.ToString()))}";
}

internal static class Screenshots
{
    public static string Folder => Path.Combine(BitcoinEvents.LocalAws.RepositoryPaths.Root, "docs", "screenshots");
}

/// <summary>What the page's console and network said: errors, bar failed loads while the story keeps the browser offline.</summary>
internal sealed class ConsoleWatch
{
    public ConsoleWatch(IPage page)
    {
        page.Console += (_, message) =>
        {
            if (message.Type is "error" && !(Offline && message.Text.Contains("net::ERR_", StringComparison.Ordinal)))
            {
                Errors.Enqueue((message.Text, message.Location));
            }
        };
        page.PageError += (_, error) => Errors.Enqueue(("uncaught: " + error, page.Url));
        page.RequestFailed += (_, request) =>
        {
            if (request.Failure is { } failure && !failure.Contains("ERR_ABORTED", StringComparison.Ordinal) && !Offline)
            {
                Errors.Enqueue(($"request failed: {request.Method}: {failure}", request.Url));
            }
        };
    }

    public ConcurrentQueue<(string Text, string Url)> Errors { get; } = new();

    public bool Offline { get; set; }
}

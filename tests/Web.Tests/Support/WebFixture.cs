using BitcoinEvents.TestSupport;
using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(Web.Tests.Support.WebFixture))]

namespace Web.Tests.Support;

/// <summary>
/// Once per test assembly: the platform (the DevHost process, serving the web app) and one
/// headless chromium. Each test opens its own browser context (its own storage: signed out).
/// </summary>
public sealed class WebFixture : IAsyncLifetime
{
    private DevHostProcess? _host;
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public Uri WebUrl => _host!.WebUrl;

    public Uri ApiUrl => _host!.ApiUrl;

    /// <summary>
    /// The confirmation code cognito-local "e-mailed" to <paramref name="email"/> (it prints each
    /// message to its log instead of sending it), waiting for it to appear.
    /// </summary>
    public async Task<string> ConfirmationCodeAsync(string email)
    {
        var log = Path.Combine(_host!.LogDirectory, "cognito.log");
        var pattern = new System.Text.RegularExpressions.Regex($@"Destination:\s+{System.Text.RegularExpressions.Regex.Escape(email)}\s.*?Code:\s+(\d+)", System.Text.RegularExpressions.RegexOptions.Singleline);
        for (var attempt = 0; attempt < 50; attempt++)
        {
            await using var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var text = await new StreamReader(stream).ReadToEndAsync();
            if (pattern.Matches(text) is { Count: > 0 } matches)
            {
                return matches[^1].Groups[1].Value;
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException($"cognito-local logged no confirmation code for {email} in {log}.");
    }

    public async ValueTask InitializeAsync()
    {
        var chromium = await Chromium.EnsureInstalledAsync(TestContext.Current.CancellationToken);
        // The first run builds web/ (npm ci + next build), which takes minutes on two busy cores.
        var starting = DevHostProcess.StartAsync(["--web-port", "0"], TimeSpan.FromMinutes(12), TestContext.Current.CancellationToken);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
        _host = await starting;
    }

    /// <summary>A fresh context (signed out) and page at the given viewport, watching the console.</summary>
    public async Task<WebPage> OpenAsync(Viewport viewport)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = WebUrl.ToString(),
            ViewportSize = new ViewportSize { Width = viewport.Width, Height = viewport.Height },
            IsMobile = viewport.Mobile,
            HasTouch = viewport.Mobile,
            Locale = "en-GB",
            TimezoneId = "America/New_York",
        });
        context.SetDefaultTimeout(15_000);
        return new WebPage(context, await context.NewPageAsync(), ApiUrl, _host!.CognitoUrl);
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}

/// <summary>A browser window's size: a phone (touch, mobile) or a desktop.</summary>
public sealed record Viewport(string Name, int Width, int Height, bool Mobile)
{
    public static readonly Viewport Phone = new("phone", 390, 844, true);
    public static readonly Viewport Desktop = new("desktop", 1280, 800, false);
}

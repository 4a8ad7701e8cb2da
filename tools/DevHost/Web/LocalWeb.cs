using BitcoinEvents.LocalAws;

namespace BitcoinEvents.DevHost.Web;

/// <summary>
/// The web app in DevHost: built in the background while the local servers start (skipped when
/// web/out is up to date), served on its own port, pointed at the local API and cognito-local
/// once those are up. Its origins (and <c>npm run dev</c>'s) are the ones the API's CORS allows.
/// </summary>
internal sealed class LocalWeb : IAsyncDisposable
{
    /// <summary>Where <c>npm run dev</c> serves the app (web/package.json).</summary>
    public static readonly IReadOnlyList<string> DevServerOrigins = ["http://127.0.0.1:3000", "http://localhost:3000"];

    private readonly WebTemplate _rules;
    private readonly Task _build;
    private WebServer? _server;
    private WebConfig? _config;
    private string _csp = "default-src 'self'";

    private LocalWeb(WebTemplate rules, Task build)
    {
        _rules = rules;
        _build = build;
    }

    public WebServer Server => _server ?? throw new InvalidOperationException("The web server is not started.");

    /// <summary>The app's origins (127.0.0.1 and localhost on its port) and the dev server's.</summary>
    public IReadOnlyList<string> Origins => [Server.Origin, Server.Origin.Replace("127.0.0.1", "localhost", StringComparison.Ordinal), .. DevServerOrigins];

    public WebConfig? Config => _config;

    public WebTemplate Rules => _rules;

    public static async Task<LocalWeb> StartAsync(SamTemplate template, int port, TextWriter progress, CancellationToken cancellationToken)
    {
        var rules = WebTemplate.From(template);
        var web = new LocalWeb(rules, Task.Run(() => WebBuild.EnsureBuiltAsync(progress, cancellationToken), cancellationToken));
        try
        {
            web._server = await WebServer.StartAsync(WebBuild.OutputDirectory, port, () => web._config, () => web._csp, rules.Headers, cancellationToken);
        }
        catch
        {
            await web.DisposeAsync();
            throw;
        }

        return web;
    }

    /// <summary>Points the app at the API and Cognito (its config.json and the CSP's connect-src).</summary>
    public void Attach(WebConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        _config = config;
        _csp = _rules.LocalContentSecurityPolicy([config.ApiUrl, config.CognitoEndpoint]);
    }

    /// <summary>Waits for the build; throws its failure.</summary>
    public Task WaitForBuildAsync() => _build;

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        try
        {
            await _build;
        }
        catch (Exception exception) when (exception is OperationCanceledException or InvalidOperationException)
        {
            // Reported where the build was awaited.
        }
    }
}

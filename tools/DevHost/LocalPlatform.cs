using System.Diagnostics;
using System.Runtime.InteropServices;
using BitcoinEvents.DevHost.Routing;
using BitcoinEvents.FakeProviders;
using BitcoinEvents.DevHost.Web;
using BitcoinEvents.Lambda;
using BitcoinEvents.LocalAws;

namespace BitcoinEvents.DevHost;

/// <summary>
/// The whole platform on this machine: the local AWS servers, everything template.yaml declares
/// provisioned on them, the demo users and events, and the one app hosting every area. Stopping
/// (Ctrl-C, SIGTERM, or a failed start) stops every server it started.
/// </summary>
internal sealed class LocalPlatform : IAsyncDisposable
{
    private readonly LocalAwsEnvironment _local;

    private LocalPlatform(LocalAwsEnvironment local) => _local = local;

    public LocalAwsServers Servers => _local.Servers;

    public LocalResources Resources => _local.Resources;

    /// <summary>Starts the servers (installing the npm packages on first use) and provisions the template on them.</summary>
    public static async Task<LocalPlatform> StartAsync(DevHostOptions options, SamTemplate template, CancellationToken cancellationToken)
    {
        var serverOptions = LocalAwsOptions.ForDevHost() with
        {
            InMemory = options.InMemory,
            DataDirectory = options.DataDirectory ?? RepositoryPaths.DefaultDataDirectory,
            DynamoDbPort = options.DynamoDbPort,
            FauxqsPort = options.FauxqsPort,
            SesPort = options.SesPort,
            SnsMobilePort = options.SnsMobilePort,
            CognitoPort = options.CognitoPort,
        };
        return new LocalPlatform(await LocalAwsEnvironment.StartAsync(serverOptions, new ProvisionOptions(), template, cancellationToken));
    }

    /// <summary>Runs the platform until Ctrl-C or SIGTERM; returns the process exit code.</summary>
    public static async Task<int> RunAsync(DevHostOptions options, TextWriter output, Stopwatch sinceLaunch)
    {
        using var stopping = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            stopping.Cancel();
        }

        LocalPlatform? platform = null;
        LocalWeb? web = null;
        WebConfig? webConfig = null;
        try
        {
            var template = SamTemplate.LoadDefault();
            var areas = Areas.Of(template);
            // The web app builds (when stale) while the local servers start.
            web = options.Web ? await LocalWeb.StartAsync(template, options.WebPort, output, stopping.Token) : null;
            platform = await StartAsync(options, template, stopping.Token);
            // The payment providers have no local servers: their fakes (tools/FakeProviders), with the
            // dev secrets of dev-secrets.json, stand in for them, and their webhooks come back here.
            // They share DevHost's clock, as a real provider shares the time of day with the platform:
            // after POST /local/clock moves it on, their webhooks' signed timestamps move with it
            // (Stripe's 300 s tolerance would refuse them otherwise) and their invoices expire on it.
            var clock = new LocalClock(TimeProvider.System);
            await using var fakes = await FakeProviderServer.StartAsync(new FakeProviderOptions { Port = options.FakeProvidersPort, Clock = clock }, stopping.Token);
            await using var app = await DevHostApp.BuildAsync(new DevHostAppSettings
            {
                Areas = areas,
                Template = template,
                Port = options.Port,
                TimeProvider = clock,
                Configuration = WithFakeProviders(Configuration(platform.Resources, options), fakes),
                Resources = platform.Resources,
                FakeProvidersUrl = fakes.BaseUrl,
                WebOrigins = web?.Origins ?? LocalWeb.DevServerOrigins,
                WebConfig = () => webConfig,
            });
            await app.StartAsync(stopping.Token);
            var baseUrl = DevHostApp.BaseUrl(app);
            fakes.Webhooks.Target = baseUrl;
            webConfig = platform.WebConfig(baseUrl);
            if (webConfig is not null)
            {
                web?.Attach(webConfig);
            }

            if (options.DemoData)
            {
                await platform.SeedDemoDataAsync(baseUrl, stopping.Token);
            }

            if (web is not null)
            {
                await web.WaitForBuildAsync();
            }

            StartupBanner.Write(output, options, platform, app, baseUrl, sinceLaunch.Elapsed, fakes, web?.Server.BaseUrl);
            await app.WaitForShutdownAsync(stopping.Token);
            return 0;
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return 0;
        }
        catch (RouteContractException exception)
        {
            await Console.Error.WriteLineAsync(exception.Message);
            return 1;
        }
        catch (IOException exception) when (exception.InnerException is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.AddressAlreadyInUse })
        {
            await Console.Error.WriteLineAsync($"Port {options.Port} on 127.0.0.1 is in use: stop what holds it or pass --port N (DEVHOST_PORT). {exception.Message}");
            return 1;
        }
        catch (InvalidOperationException exception) when (web is not null && web.WaitForBuildAsync().IsFaulted)
        {
            await Console.Error.WriteLineAsync($"The web app did not build: {exception.Message}{Environment.NewLine}Fix it, or start without it: --no-web.");
            return 1;
        }
        finally
        {
            if (web is not null)
            {
                await web.DisposeAsync();
            }

            if (platform is not null)
            {
                await platform.DisposeAsync();
            }
        }
    }

    /// <summary>Where the web app signs in and calls the API: the API at <paramref name="apiUrl"/>, cognito-local and its app client.</summary>
    public WebConfig? WebConfig(Uri apiUrl) =>
        Resources.UserPoolClientId is { } clientId && Servers.IsRunning(LocalServer.Cognito)
            ? new WebConfig(apiUrl, Servers.CognitoUrl, clientId)
            : null;

    /// <summary>
    /// Builds every area of template.yaml in one app (no server, nothing started) and enforces the
    /// route contract: 0 when the areas and the templates agree, 1 with the disagreements.
    /// </summary>
    public static async Task<int> CheckAsync(TextWriter output)
    {
        try
        {
            var template = SamTemplate.LoadDefault();
            var areas = Areas.Of(template);
            await using var app = await DevHostApp.BuildAsync(new DevHostAppSettings { Areas = areas, Template = template, Port = 0 });
            var routes = template.Functions.Sum(f => f.HttpRoutes.Count);
            var queues = template.Functions.Count(f => f.QueueSubscriptions.Count > 0);
            var streams = template.Functions.Count(f => f.StreamSubscriptions.Count > 0);
            var schedules = template.Functions.Count(f => f.Schedules.Count > 0);
            await output.WriteLineAsync(
                $"template.yaml and its {template.Stacks.Count - 1} nested stacks agree with areas {string.Join(", ", areas.Select(a => a.Name))}: "
                + $"{routes} routes, {template.Functions.Count} functions ({queues} queue consumers, {streams} stream consumers, {schedules} scheduled jobs).");
            foreach (var function in template.Functions.Where(f => f.StreamSubscriptions.Count > 0))
            {
                foreach (var stream in function.StreamSubscriptions)
                {
                    await output.WriteLineAsync($"  stream consumer {function.Handler}: {stream.TableLogicalId} stream from {stream.StartingPosition}{(stream.Enabled ? "" : " (disabled)")}");
                }
            }
            return 0;
        }
        catch (RouteContractException exception)
        {
            await Console.Error.WriteLineAsync(exception.Message);
            return 1;
        }
        catch (Exception exception) when (exception is InvalidOperationException or FormatException or FileNotFoundException)
        {
            await Console.Error.WriteLineAsync(exception.Message);
            return 1;
        }
    }

    public ValueTask DisposeAsync() => _local.DisposeAsync();

    /// <summary>The areas' configuration pointed at the fake payment providers: their API bases and dev secrets win over the template's empty parameters.</summary>
    public static Dictionary<string, string> WithFakeProviders(IReadOnlyDictionary<string, string> configuration, FakeProviderServer fakes)
    {
        var settings = new Dictionary<string, string>(configuration, StringComparer.Ordinal);
        foreach (var (name, value) in fakes.PlatformSettings())
        {
            settings[name] = value;
        }

        return settings;
    }

    /// <summary>
    /// What every function gets locally: the template's environment resolved on the local servers,
    /// and the platform's own address as the API's public URL (links in mail point at it: the
    /// one-click unsubscribe), where the template names the HTTP API in AWS.
    /// </summary>
    internal const string LocalPushApplicationSetting = "PUSH_PLATFORM_APPLICATION_ARN";

    /// <summary>The platform application devices register with locally (the SNS fake's).</summary>
    internal const string LocalPushApplicationArn = "arn:aws:sns:us-east-1:000000000000:app/GCM/bitcoin-events-local";

    internal static Dictionary<string, string> Configuration(LocalResources resources, DevHostOptions options)
    {
        var settings = resources.AllConfiguration();
        if (options.Port != 0)
        {
            settings["API_BASE_URL"] = "http://127.0.0.1:" + options.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        // Links in mail open the web app DevHost serves (in AWS: the template's FrontendOrigin).
        if (options.Web && options.WebPort != 0)
        {
            settings["FRONTEND_ORIGIN"] = "http://127.0.0.1:" + options.WebPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        // Push goes to the SNS fake, which takes any platform application of the right shape.
        if (resources.Servers.IsRunning(LocalServer.SnsMobile) && string.IsNullOrEmpty(settings.GetValueOrDefault(LocalPushApplicationSetting)))
        {
            settings[LocalPushApplicationSetting] = LocalPushApplicationArn;
        }

        return settings;
    }

    private async Task SeedDemoDataAsync(Uri baseUrl, CancellationToken cancellationToken)
    {
        if (Resources.UserPoolId is not { } poolId || Resources.UserPoolClientId is not { } clientId)
        {
            return;
        }

        using var cognito = Servers.CreateCognito();
        await DemoData.EnsureUsersAsync(cognito, poolId);
        using var api = new HttpClient { BaseAddress = baseUrl };
        await DemoData.EnsureEventsAsync(api, cognito, clientId, TimeProvider.System, cancellationToken);
        await DemoData.EnsureTicketTypesAsync(api, cognito, clientId, cancellationToken);
    }
}

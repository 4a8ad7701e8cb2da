using System.Net;
using BitcoinEvents.DevHost.Queues;
using BitcoinEvents.DevHost.Routing;
using BitcoinEvents.DevHost.Scheduling;
using BitcoinEvents.DevHost.Streams;
using BitcoinEvents.Infrastructure.Http;
using BitcoinEvents.Lambda;
using BitcoinEvents.LocalAws;
using Microsoft.AspNetCore.Authorization;

namespace BitcoinEvents.DevHost;

/// <summary>What the one ASP.NET Core app of DevHost is built from.</summary>
internal sealed record DevHostAppSettings
{
    public required IReadOnlyList<AreaDefinition> Areas { get; init; }

    public required SamTemplate Template { get; init; }

    /// <summary>The port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; } = DevHostOptions.DefaultPort;

    /// <summary>The provisioned configuration: table names, AWS_ENDPOINT_URL_*, AUTH_ISSUER, AUTH_AUDIENCE, ...</summary>
    public IReadOnlyDictionary<string, string> Configuration { get; init; } = new Dictionary<string, string>();

    /// <summary>The provisioned local resources; null runs the app without local servers (no queue pollers).</summary>
    public LocalResources? Resources { get; init; }

    /// <summary>
    /// The clock of every area and of the scheduler. By default DevHost's <see cref="LocalClock"/>
    /// (real time, moved forward on request with <c>POST /local/clock</c>); a test may give a fake one.
    /// </summary>
    public TimeProvider TimeProvider { get; init; } = new LocalClock(TimeProvider.System);

    /// <summary>Origins the API's CORS allows (the web app's); none: no CORS answers.</summary>
    public IReadOnlyList<string> WebOrigins { get; init; } = [];

    /// <summary>The fake payment providers' base URL (tools/FakeProviders), when DevHost started them; <c>GET /local/servers</c> names it.</summary>
    public Uri? FakeProvidersUrl { get; init; }

    /// <summary>What <c>GET /local/web-config</c> answers (for <c>npm run dev</c>); null until the API and Cognito are up.</summary>
    public Func<Web.WebConfig?> WebConfig { get; init; } = () => null;
}

/// <summary>
/// The one app hosting every area on Kestrel: each area's services and endpoints, DevHost's own
/// endpoints, the queue pollers and the scheduler. Building it enforces the route contract with
/// template.yaml.
/// </summary>
internal static class DevHostApp
{
    /// <exception cref="RouteContractException">The areas and template.yaml disagree.</exception>
    public static async Task<WebApplication> BuildAsync(DevHostAppSettings settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(DevHostApp).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, settings.Port));
        builder.Configuration.AddInMemoryCollection(settings.Configuration.Select(kv => KeyValuePair.Create(kv.Key, (string?)kv.Value)));
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss ";
        });
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));

        // Before the areas' services: each area only adds TimeProvider.System when none is registered.
        builder.Services.AddSingleton(settings.TimeProvider);
        PlatformHttp.Defaults.AddServices(builder);
        foreach (var area in settings.Areas)
        {
            area.AddServices(builder);
        }

        DevHostOpenApi.Add(builder.Services, settings.Resources?.AuthIssuer);
        AddLocalServices(builder.Services, settings);

        var app = builder.Build();
        Web.WebEndpoints.UseCors(app, settings.WebOrigins, settings.Template);
        var routes = PlatformHttp.Defaults.UsePipeline(app);
        foreach (var area in settings.Areas)
        {
            area.MapEndpoints(routes);
        }

        LocalEndpoints.Map(app, CognitoSettings(settings.Resources), LocalServerUrls.Of(settings.Resources?.Servers, settings.FakeProvidersUrl));
        Web.WebEndpoints.Map(app, settings.WebConfig);
        await EnforceRouteContractAsync(app, settings);
        return app;
    }

    /// <summary>The app's base URL once started (the real port when 0 was asked for).</summary>
    public static Uri BaseUrl(WebApplication app) =>
        new(app.Urls.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");

    private static async Task EnforceRouteContractAsync(WebApplication app, DevHostAppSettings settings)
    {
        var policies = app.Services.GetService<IAuthorizationPolicyProvider>();
        var fallback = policies is null ? null : await policies.GetFallbackPolicyAsync();
        var endpoints = RouteContract.EndpointsOf(((IEndpointRouteBuilder)app).DataSources, hasFallbackPolicy: fallback is not null);
        RouteContract.Enforce(
            TemplateBindings.Routes(settings.Template),
            endpoints,
            TemplateBindings.BackgroundFunctions(settings.Template),
            TemplateBindings.BackgroundOperations(settings.Areas));
    }

    private static void AddLocalServices(IServiceCollection services, DevHostAppSettings settings)
    {
        var servers = settings.Resources?.Servers;
        services.AddSingleton(_ => new LocalServerHealth(servers is null ? [] : HealthTargets(servers)));

        var jobs = TemplateBindings.Schedules(settings.Template, settings.Areas);
        services.AddSingleton(sp => new Scheduler(jobs, sp, LocalAwsServers.Region, settings.TimeProvider, sp.GetRequiredService<ILogger<Scheduler>>()));
        services.AddHostedService(sp => sp.GetRequiredService<Scheduler>());

        if (settings.Resources is null)
        {
            return;
        }

        if (settings.Resources.Servers.IsRunning(LocalServer.DynamoDb))
        {
            var streamSubscriptions = TemplateBindings.Streams(settings.Template, settings.Areas, settings.Resources);
            if (streamSubscriptions.Count > 0)
            {
                services.AddSingleton(sp =>
                {
                    var streams = settings.Resources.Servers.CreateDynamoDbStreams();
                    var logger = sp.GetRequiredService<ILogger<StreamPoller>>();
                    return new StreamPollers(streams, streamSubscriptions.Select(s => new StreamPoller(streams, sp, s, LocalAwsServers.Region, logger)).ToList());
                });
                services.AddHostedService(sp => sp.GetRequiredService<StreamPollers>());
            }
        }

        var subscriptions = TemplateBindings.Queues(settings.Template, settings.Areas, settings.Resources);
        if (subscriptions.Count == 0)
        {
            return;
        }

        services.AddSingleton(sp =>
        {
            var sqs = settings.Resources.Servers.CreateSqsClient();
            var logger = sp.GetRequiredService<ILogger<QueuePoller>>();
            return new QueuePollers(sqs, subscriptions.Select(s => new QueuePoller(sqs, sp, s, LocalAwsServers.Region, logger)).ToList());
        });
        services.AddHostedService(sp => sp.GetRequiredService<QueuePollers>());
    }

    private static LocalEndpoints.LocalCognitoSettings? CognitoSettings(LocalResources? resources) =>
        resources is { UserPoolId: { } pool, UserPoolClientId: { } client } && resources.Servers.IsRunning(LocalServer.Cognito)
            ? new(resources.Servers.CognitoUrl.ToString(), pool, client, resources.AuthIssuer)
            : null;

    private static List<KeyValuePair<string, Uri>> HealthTargets(LocalAwsServers servers)
    {
        var targets = new List<KeyValuePair<string, Uri>>();
        void Add(LocalServer server, string name, Func<Uri> url)
        {
            if (servers.IsRunning(server))
            {
                targets.Add(KeyValuePair.Create(name, url()));
            }
        }

        Add(LocalServer.DynamoDb, "dynamodb", () => servers.DynamoDbUrl);
        Add(LocalServer.Fauxqs, "sqs-sns-s3", () => servers.SqsUrl);
        Add(LocalServer.Ses, "ses", () => servers.SesUrl);
        Add(LocalServer.Cognito, "cognito", () => servers.CognitoUrl);
        return targets;
    }
}

using System.Net;
using BitcoinEvents.FakeProviders.Control;
using BitcoinEvents.FakeProviders.Webhooks;

namespace BitcoinEvents.FakeProviders;

/// <summary>How to start the fake providers.</summary>
public sealed record FakeProviderOptions
{
    /// <summary>The port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>Where webhooks go (the platform's base URL; <c>/webhooks/{provider}</c> is appended); null until set on <see cref="FakeWebhooks.Target"/>.</summary>
    public Uri? WebhookTarget { get; init; }

    /// <summary>The dev secrets; null reads dev-secrets.json.</summary>
    public DevSecrets? Secrets { get; init; }

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Log requests to the console (the standalone tool does).</summary>
    public bool Log { get; init; }
}

/// <summary>
/// One 127.0.0.1 server with every fake of <see cref="FakeProviderRegistrations.All"/>: provider
/// <c>x</c>'s API under <c>/x/</c>, the control API under <c>/control/</c>.
/// </summary>
public sealed class FakeProviderServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeProviderServer(WebApplication app, Uri baseUrl, IReadOnlyList<IFakeProvider> fakes, FakeWebhooks webhooks, DevSecrets secrets)
    {
        _app = app;
        BaseUrl = baseUrl;
        Fakes = fakes;
        Webhooks = webhooks;
        Secrets = secrets;
    }

    /// <summary>The server's base URL (ends with /).</summary>
    public Uri BaseUrl { get; }

    public IReadOnlyList<IFakeProvider> Fakes { get; }

    public FakeWebhooks Webhooks { get; }

    public DevSecrets Secrets { get; }

    /// <summary>The control API's base (<c>{BaseUrl}control/</c>).</summary>
    public Uri ControlUrl => new(BaseUrl, "control/");

    /// <summary>The fake of <paramref name="provider"/>'s API base (<c>{BaseUrl}{provider}/</c>).</summary>
    public Uri ApiBase(string provider) => new(BaseUrl, provider + "/");

    /// <summary>
    /// What the Payments area needs to use these fakes: the dev secrets and each fake's API base
    /// setting. DevHost and the tests add it to the area's configuration.
    /// </summary>
    public IReadOnlyDictionary<string, string> PlatformSettings()
    {
        var settings = new Dictionary<string, string>(Secrets.All, StringComparer.Ordinal);
        foreach (var fake in Fakes)
        {
            foreach (var (name, value) in fake.PlatformSettings(ApiBase(fake.Id)))
            {
                settings[name] = value;
            }
        }

        return settings;
    }

    public static async Task<FakeProviderServer> StartAsync(FakeProviderOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var secrets = options.Secrets ?? DevSecrets.Load();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(FakeProviderServer).Assembly.GetName().Name });
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port));
        builder.Logging.ClearProviders();
        if (options.Log)
        {
            builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
            builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        }

        var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var webhooks = new FakeWebhooks(http, options.Clock) { Target = options.WebhookTarget };
        var context = new FakeContext(secrets, webhooks, options.Clock);
        var fakes = FakeProviderRegistrations.All.Select(create => create(context)).ToList();
        var duplicate = fakes.GroupBy(f => f.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Two fakes have the id '{duplicate.Key}'.");
        }

        var app = builder.Build();
        app.Lifetime.ApplicationStopped.Register(http.Dispose);
        foreach (var fake in fakes)
        {
            fake.MapApi(app.MapGroup("/" + fake.Id));
        }

        ControlApi.Map(app.MapGroup("/control"), fakes, webhooks);
        await app.StartAsync(ct);
        var url = app.Urls.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/";
        return new FakeProviderServer(app, new Uri(url), fakes, webhooks, secrets);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

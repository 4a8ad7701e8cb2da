using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using BitcoinEvents.DevHost;
using BitcoinEvents.LocalAws;
using BitcoinEvents.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Notifications.Tests.Support;

[assembly: AssemblyFixture(typeof(NotificationsPlatform))]

namespace Notifications.Tests.Support;

/// <summary>
/// Once per test assembly: every local server (DynamoDB Local, fauxqs, cognito-local, the SES
/// emulator, the SMS/push fake), everything template.yaml declares provisioned, and the whole
/// platform running in-process as DevHost runs it (every area's routes, the outbox stream poller
/// feeding DispatchOutbox, a poller per queue, the scheduler). Tests drive it over HTTP, through
/// the domain events topic, or by invoking its operations; each test makes its own users so that
/// preferences and mailboxes never mix.
/// </summary>
public sealed class NotificationsPlatform : LocalPlatformFixture
{
    public const string PushApplicationArn = "arn:aws:sns:us-east-1:000000000000:app/GCM/bitcoin-events-test";

    private WebApplication? _app;

    public WebApplication App => _app!;

    public IServiceProvider Services => App.Services;

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The settings the platform runs with.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; private set; } = null!;

    protected override LocalServer ServersToStart => LocalServer.All;

    /// <summary>Where the web app is, for the links in mail (the template's FrontendOrigin in AWS).</summary>
    public const string WebAppOrigin = "http://127.0.0.1:5081";

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var port = FreePort();
        var settings = new Dictionary<string, string>(Configuration, StringComparer.Ordinal)
        {
            ["API_BASE_URL"] = $"http://127.0.0.1:{port}",
            ["UNSUBSCRIBE_LOCAL_KEY"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["PUSH_PLATFORM_APPLICATION_ARN"] = PushApplicationArn,
            ["FRONTEND_ORIGIN"] = WebAppOrigin,
        };
        Settings = settings;
        _app = await DevHostApp.BuildAsync(new DevHostAppSettings
        {
            Areas = Areas.Of(Template),
            Template = Template,
            Port = port,
            Configuration = settings,
            Resources = Resources,
        });
        await _app.StartAsync();
        BaseUrl = DevHostApp.BaseUrl(_app);
    }

    public override async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    /// <summary>A new user of the local pool (a unique address), signed in.</summary>
    public async Task<TestUser> NewUserAsync(string group = "attendee")
    {
        var email = $"n-{Guid.NewGuid():N}@example.test";
        using var cognito = Servers.CreateCognito();
        var sub = await cognito.EnsureUserAsync(Resources.UserPoolId!, email, Password, group);
        var tokens = await cognito.SignInAsync(Resources.UserPoolClientId!, email, Password);
        return new TestUser(email, sub, tokens.AccessToken, tokens.IdToken);
    }

    /// <summary>An HTTP client of the platform, as <paramref name="user"/> (null: anonymous).</summary>
    public HttpClient Client(TestUser? user = null)
    {
        var client = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
        if (user is not null)
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", user.AccessToken);
        }

        return client;
    }

    public T Service<T>()
        where T : notnull => Services.GetRequiredService<T>();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

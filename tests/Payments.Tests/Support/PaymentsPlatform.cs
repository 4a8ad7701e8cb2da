using Amazon.DynamoDBv2;
using BitcoinEvents.DevHost;
using BitcoinEvents.FakeProviders;
using BitcoinEvents.LocalAws;
using BitcoinEvents.TestSupport;
using Microsoft.AspNetCore.Builder;

[assembly: AssemblyFixture(typeof(Payments.Tests.Support.PaymentsPlatform))]

namespace Payments.Tests.Support;

/// <summary>
/// The whole local platform once per test assembly, as DevHost runs it: DynamoDB Local, fauxqs and
/// cognito-local with template.yaml provisioned; the fake payment providers (tools/FakeProviders)
/// with their dev secrets; every area in one app on a free 127.0.0.1 port, with its queue pollers,
/// the outbox stream poller (DispatchOutbox) and the scheduler. The fakes send their webhooks to it.
/// </summary>
public sealed class PaymentsPlatform : LocalPlatformFixture
{
    private WebApplication? _app;

    public FakeProviderServer Fakes { get; private set; } = null!;

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The settings the areas run with (the template's, pointed at the fakes).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; private set; } = null!;

    public IServiceProvider Services => _app!.Services;

    public string TableName(string logicalId) => Resources.TableName(logicalId);

    public AmazonDynamoDBClient Dynamo() => Servers.CreateDynamoDbClient();

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Fakes = await FakeProviderServer.StartAsync(new FakeProviderOptions { Port = 0 });
        Settings = LocalPlatform.WithFakeProviders(Configuration, Fakes);
        _app = await DevHostApp.BuildAsync(new DevHostAppSettings
        {
            Areas = Areas.Of(Template),
            Template = Template,
            Port = 0,
            Configuration = Settings,
            Resources = Resources,
        });
        await _app.StartAsync();
        BaseUrl = DevHostApp.BaseUrl(_app);
        Fakes.Webhooks.Target = BaseUrl;
    }

    /// <summary>A client of the platform's API, as <paramref name="user"/> (null: anonymous).</summary>
    public PlatformClient ClientFor(TestUser? user)
    {
        var http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(60) };
        if (user is not null)
        {
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", user.AccessToken);
        }

        return new PlatformClient(http);
    }

    /// <summary>A client of the fakes' control API.</summary>
    public FakeControl Control() => new(new HttpClient { BaseAddress = Fakes.ControlUrl, Timeout = TimeSpan.FromSeconds(60) });

    public override async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        if (Fakes is not null)
        {
            await Fakes.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}

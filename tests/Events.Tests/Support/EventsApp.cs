using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Events.Tests.Support;

/// <summary>
/// The Events area's real app (its Program, the same wiring as in Lambda and on Kestrel) in a test
/// server, configured for the local servers; optionally on a fake clock or with replaced services.
/// </summary>
public sealed class EventsApp : WebApplicationFactory<Program>
{
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly TimeProvider? _clock;
    private readonly Action<IServiceCollection>? _services;

    public EventsApp(IReadOnlyDictionary<string, string> settings, TimeProvider? clock = null, Action<IServiceCollection>? services = null)
    {
        _settings = settings;
        _clock = clock;
        _services = services;
    }

    /// <summary>A client sending <paramref name="user"/>'s access token (none: anonymous).</summary>
    public HttpClient ClientFor(TestUser? user)
    {
        var client = CreateClient();
        if (user is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", user.AccessToken);
        }

        return client;
    }

    public EventsApi Api(TestUser? user) => new(ClientFor(user));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            if (_clock is not null)
            {
                services.AddSingleton(_clock);
            }

            _services?.Invoke(services);
        });
    }
}

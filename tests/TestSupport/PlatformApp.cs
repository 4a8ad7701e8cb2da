using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace BitcoinEvents.TestSupport;

/// <summary>
/// An area's real app (its Program: the same wiring as in Lambda and on Kestrel) in a test server,
/// configured for the local servers; optionally on a fake clock or with replaced services.
/// </summary>
public class PlatformApp<TEntryPoint>(
    IReadOnlyDictionary<string, string> settings,
    TimeProvider? clock = null,
    Action<IServiceCollection>? services = null) : WebApplicationFactory<TEntryPoint>
    where TEntryPoint : class
{
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

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Production");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(collection =>
        {
            if (clock is not null)
            {
                collection.AddSingleton(clock);
            }

            services?.Invoke(collection);
        });
    }
}

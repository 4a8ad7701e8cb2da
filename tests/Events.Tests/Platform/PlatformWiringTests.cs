using BitcoinEvents.Events;
using BitcoinEvents.Infrastructure.Http;
using Events.Tests.Support;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Events.Tests.Platform;

/// <summary>The DevHost runs every area in one app: the shared wiring must survive being added twice.</summary>
public sealed class PlatformWiringTests(LocalAwsFixture aws)
{
    [Fact]
    public async Task AddAndUsePlatformHttp_Twice_RegisterOnceAndStillServe()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(aws.Configuration.Select(kv => new KeyValuePair<string, string?>(kv.Key, kv.Value)));
        builder.AddPlatformHttp();
        builder.AddEventsArea();
        builder.AddPlatformHttp();
        await using var app = builder.Build();
        app.UsePlatformHttp();
        app.UsePlatformHttp();
        app.MapEventsApi();
        await app.StartAsync(TestContext.Current.CancellationToken);

        var schemes = await app.Services.GetRequiredService<IAuthenticationSchemeProvider>().GetAllSchemesAsync();
        Assert.Single(schemes);
        using var client = app.GetTestClient();
        using var response = await client.GetAsync("/events?limit=1", TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }
}

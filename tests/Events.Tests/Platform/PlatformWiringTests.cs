using BitcoinEvents.Events;
using BitcoinEvents.Infrastructure.Http;
using Events.Tests.Support;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Events.Tests.Platform;

/// <summary>The host applies the platform's defaults once around the area; the area adds only its own.</summary>
public sealed class PlatformWiringTests(LocalAwsFixture aws)
{
    [Fact]
    public async Task HostDefaultsAroundTheArea_RegisterOneSchemeAndServe()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(aws.Configuration.Select(kv => new KeyValuePair<string, string?>(kv.Key, kv.Value)));
        PlatformHttp.Defaults.AddServices(builder);
        EventsArea.Definition.AddServices(builder);
        await using var app = builder.Build();
        EventsArea.Definition.MapEndpoints(PlatformHttp.Defaults.UsePipeline(app));
        await app.StartAsync(TestContext.Current.CancellationToken);

        var schemes = await app.Services.GetRequiredService<IAuthenticationSchemeProvider>().GetAllSchemesAsync();
        Assert.Single(schemes);
        using var client = app.GetTestClient();
        using var response = await client.GetAsync("/events?limit=1", TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public void TheArea_AddsNoPlatformServicesOfItsOwn()
    {
        var builder = WebApplication.CreateSlimBuilder();
        EventsArea.Definition.AddServices(builder);

        Assert.DoesNotContain(builder.Services, d => d.ServiceType == typeof(IAuthenticationService));
        Assert.DoesNotContain(builder.Services, d => d.ServiceType.FullName == "BitcoinEvents.Infrastructure.Idempotency.IdempotencyStore");
    }
}

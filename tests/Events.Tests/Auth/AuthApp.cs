using System.Net.Http.Headers;
using System.Security.Claims;
using BitcoinEvents.Infrastructure.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Events.Tests.Auth;

/// <summary>
/// The platform's authentication alone (what every area's app adds, <see cref="PlatformAuthentication"/>)
/// in a test server, validating against one issuer and audience, with one protected endpoint:
/// <c>GET /me</c> answers the caller's <c>sub</c>.
/// </summary>
public sealed class AuthApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private AuthApp(WebApplication app) => _app = app;

    public static async Task<AuthApp> StartAsync(string? issuer, string? audience)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [PlatformAuthentication.IssuerSetting] = issuer,
            [PlatformAuthentication.AudienceSetting] = audience,
        });
        builder.Services.AddProblemDetails();
        builder.Services.AddPlatformAuthentication();

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/me", (ClaimsPrincipal user) => user.FindFirst(CallerClaims.Subject)?.Value).RequireAuthorization();
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new AuthApp(app);
    }

    /// <summary>GET /me with <paramref name="authorization"/> as the Authorization header's raw value (null: none).</summary>
    public async Task<HttpResponseMessage> GetMeAsync(string? authorization)
    {
        using var client = _app.GetTestClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/me");
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>GET /me with <paramref name="token"/> as the Bearer token.</summary>
    public Task<HttpResponseMessage> GetMeWithTokenAsync(string token) =>
        GetMeAsync(new AuthenticationHeaderValue("Bearer", token).ToString());

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

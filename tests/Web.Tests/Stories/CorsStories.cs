using System.Net;
using Web.Tests.Support;

namespace Web.Tests.Stories;

/// <summary>The API answers the web app's origin (preflights and errors alike) and no other.</summary>
public sealed class CorsStories(WebFixture web)
{
    [Fact]
    public async Task TheApi_AllowsTheWebAppsOrigin_OnPreflightsAndOnProblems_AndNoOtherOrigin()
    {
        using var http = new HttpClient { BaseAddress = web.ApiUrl };
        var origin = web.WebUrl.GetLeftPart(UriPartial.Authority);

        using var preflight = new HttpRequestMessage(HttpMethod.Options, "events");
        preflight.Headers.Add("Origin", origin);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,idempotency-key");
        using var allowed = await http.SendAsync(preflight, TestContext.Current.CancellationToken);

        using var problem = new HttpRequestMessage(HttpMethod.Get, "events?limit=0");
        problem.Headers.Add("Origin", origin);
        using var refused = await http.SendAsync(problem, TestContext.Current.CancellationToken);

        using var stranger = new HttpRequestMessage(HttpMethod.Get, "events");
        stranger.Headers.Add("Origin", "https://evil.example");
        using var unknown = await http.SendAsync(stranger, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NoContent, allowed.StatusCode);
        Assert.Equal(origin, allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("Idempotency-Key", allowed.Headers.GetValues("Access-Control-Allow-Headers").Single(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(origin, refused.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(unknown.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task TheWebApp_IsServedWithTheTemplatesSecurityHeaders_AndItsConfig()
    {
        using var http = new HttpClient { BaseAddress = web.WebUrl };

        using var page = await http.GetAsync("event?id=0123456789abcdef0123456789abcdef", TestContext.Current.CancellationToken);
        var config = System.Text.Json.Nodes.JsonNode.Parse(await http.GetStringAsync("config.json", TestContext.Current.CancellationToken))!;

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var csp = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.Contains(web.ApiUrl.GetLeftPart(UriPartial.Authority), csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(web.ApiUrl.ToString().TrimEnd('/'), config["apiUrl"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(config["cognito"]!["clientId"]!.GetValue<string>()));
    }
}

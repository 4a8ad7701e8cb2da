using System.Security.Claims;
using System.Text.Encodings.Web;
using BitcoinEvents.Domain.Callers;
using BitcoinEvents.Infrastructure.Http;
using BitcoinEvents.Infrastructure.Idempotency;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BitcoinEvents.Infrastructure.Tests.Support;

/// <summary>What a test client posts to the test area.</summary>
public sealed record ThingRequest
{
    public string? Name { get; init; }

    public int? Count { get; init; }

    public DateTimeOffset? At { get; init; }
}

/// <summary>
/// A small area on the platform's real pipeline (<see cref="PlatformHttp.Defaults"/>), in a test
/// server: things with well-formed ids, a signed-in "me", a body to post. The caller comes from
/// an <c>X-Test-Claims</c> header ("sub=abc;groups=organizer", or "email=x" for a token without
/// subject) instead of a JWT, so the pipeline's own behaviour can be seen without Cognito.
/// </summary>
public sealed class TestArea : IAsyncDisposable
{
    public const string ClaimsHeader = "X-Test-Claims";

    private TestArea(WebApplication app) => App = app;

    public WebApplication App { get; }

    public HttpClient Client { get; private set; } = null!;

    /// <summary>How many times a handler ran: a refused request must not reach one.</summary>
    public int HandlerRuns => _handlerRuns;

    private int _handlerRuns;

    public static async Task<TestArea> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        PlatformHttp.Defaults.AddServices(builder);
        builder.Services.AddAuthentication(options =>
        {
            options.DefaultScheme = TestClaimsHandler.SchemeName;
            options.DefaultAuthenticateScheme = TestClaimsHandler.SchemeName;
            options.DefaultChallengeScheme = TestClaimsHandler.SchemeName;
        }).AddScheme<AuthenticationSchemeOptions, TestClaimsHandler>(TestClaimsHandler.SchemeName, null);
        builder.Services.AddResourceId("thingId", "thing", id => id.Length is > 0 and <= 8 && id.All(char.IsAsciiDigit));
        var app = builder.Build();
        var area = new TestArea(app);
        area.Map(PlatformHttp.Defaults.UsePipeline(app));
        await app.StartAsync(TestContext.Current.CancellationToken);
        area.Client = app.GetTestClient();
        return area;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
    }

    private void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/things/{thingId}", (string thingId) =>
        {
            Interlocked.Increment(ref _handlerRuns);
            return TypedResults.Ok(thingId);
        }).WithName("GetThing").AllowAnonymous().ProducesProblems(StatusCodes.Status404NotFound);

        routes.MapGet("/me", (Caller caller) =>
        {
            Interlocked.Increment(ref _handlerRuns);
            return TypedResults.Ok(caller.Id);
        }).WithName("GetMe").RequireAuthorization();

        routes.MapPost("/things", (ThingRequest? body, Caller caller) =>
        {
            Interlocked.Increment(ref _handlerRuns);
            return TypedResults.Ok(body);
        }).WithName("CreateThing").RequireAuthorization().ProducesProblems(StatusCodes.Status403Forbidden);

        routes.MapPost("/orders", () =>
        {
            Interlocked.Increment(ref _handlerRuns);
            return TypedResults.Ok();
        }).WithName("PlaceOrder").RequireAuthorization().RequireIdempotencyKey();

        routes.MapPost("/things/{thingId}/touch", (string thingId) =>
        {
            Interlocked.Increment(ref _handlerRuns);
            return TypedResults.Ok(thingId);
        }).WithName("TouchThing").RequireAuthorization();

        routes.MapGet("/broken", string () => throw new InvalidOperationException("A bug, not the client's fault."))
            .WithName("Broken").AllowAnonymous();
    }
}

/// <summary>Authenticates from the X-Test-Claims header: "name=value;name=value" (groups comma-separated).</summary>
public sealed class TestClaimsHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "TestClaims";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(TestArea.ClaimsHeader, out var header))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var claims = new List<Claim>();
        foreach (var pair in header.ToString().Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var (name, value) = (pair[..pair.IndexOf('=', StringComparison.Ordinal)], pair[(pair.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            foreach (var item in name == "groups" ? value.Split(',') : [value])
            {
                claims.Add(new Claim(name == "groups" ? "cognito:groups" : name, item));
            }
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }
}

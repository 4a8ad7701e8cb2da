using System.Net;
using System.Text.Json.Nodes;
using BitcoinEvents.Events;
using BitcoinEvents.Infrastructure.Http;
using BitcoinEvents.Lambda;
using Events.Tests.Support;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Events.Tests.Platform;

/// <summary>Tests that set AWS_LAMBDA_RUNTIME_API: they run alone, after the others.</summary>
[CollectionDefinition(nameof(LambdaEnvironmentTests), DisableParallelization = true)]
public sealed class LambdaEnvironmentTests;

/// <summary>
/// The Events app as it runs in Lambda: HTTP API payload 2.0 events through the hosting layer's
/// server, the caller taken from the claims API Gateway's authorizer validated (no second check).
/// </summary>
[Collection(nameof(LambdaEnvironmentTests))]
public sealed class LambdaPathTests(LocalAwsFixture aws)
{
    [Fact]
    public async Task InLambda_TheCallerComesFromTheAuthorizersClaims()
    {
        await using var app = await StartInLambdaModeAsync();
        var server = app.Services.GetRequiredService<LambdaHttpServer>();
        var schemes = app.Services.GetRequiredService<IAuthenticationSchemeProvider>();
        Assert.Equal(LambdaHttpServer.JwtAuthenticationType, (await schemes.GetDefaultAuthenticateSchemeAsync())?.Name);
        var body = EventsApi.ValidEvent(DateTimeOffset.UtcNow.AddDays(30)).ToJsonString();

        var created = await InvokeAsync(server, "POST", "/events", body, aws.Organizer.Sub, "[organizer]", ("idempotency-key", EventsApi.NewKey()));

        Assert.Equal(201, created["statusCode"]!.GetValue<int>());
        var e = JsonNode.Parse(created["body"]!.GetValue<string>())!;
        Assert.Equal(aws.Organizer.Sub, e["organizerId"]!.GetValue<string>());
        var id = e["id"]!.GetValue<string>();

        var read = await InvokeAsync(server, "GET", $"/organizer/events/{id}", null, aws.Organizer.Sub, "[organizer]");
        Assert.Equal(200, read["statusCode"]!.GetValue<int>());

        var asOther = await InvokeAsync(server, "GET", $"/organizer/events/{id}", null, aws.OtherOrganizer.Sub, "[organizer]");
        Assert.Equal(404, asOther["statusCode"]!.GetValue<int>());

        var asAttendee = await InvokeAsync(server, "POST", "/events", body, aws.Attendee.Sub, "[attendee]", ("idempotency-key", EventsApi.NewKey()));
        Assert.Equal(403, asAttendee["statusCode"]!.GetValue<int>());

        var withoutAuthorizer = await InvokeAsync(server, "POST", "/events", body, sub: null, groups: null, ("idempotency-key", EventsApi.NewKey()));
        Assert.Equal(401, withoutAuthorizer["statusCode"]!.GetValue<int>());
    }

    private async Task<WebApplication> StartInLambdaModeAsync()
    {
        var previous = Environment.GetEnvironmentVariable(LambdaEnvironment.RuntimeApiVariable);
        Environment.SetEnvironmentVariable(LambdaEnvironment.RuntimeApiVariable, "127.0.0.1:9");
        try
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Configuration.AddInMemoryCollection(aws.Configuration.Select(kv => new KeyValuePair<string, string?>(kv.Key, kv.Value)));
            builder.Services.AddSingleton<LambdaHttpServer>();
            builder.Services.AddSingleton<IServer>(sp => sp.GetRequiredService<LambdaHttpServer>());
            PlatformHttp.Defaults.AddServices(builder);
            EventsArea.Definition.AddServices(builder);
            var app = builder.Build();
            EventsArea.Definition.MapEndpoints(PlatformHttp.Defaults.UsePipeline(app));
            await app.StartAsync(TestContext.Current.CancellationToken);
            return app;
        }
        finally
        {
            Environment.SetEnvironmentVariable(LambdaEnvironment.RuntimeApiVariable, previous);
        }
    }

    private static async Task<JsonObject> InvokeAsync(
        LambdaHttpServer server, string method, string path, string? body, string? sub, string? groups, params (string Name, string Value)[] headers)
    {
        var headerObject = new JsonObject
        {
            ["content-type"] = "application/json",
            ["authorization"] = "Bearer not-checked-in-lambda",
        };
        foreach (var (name, value) in headers)
        {
            headerObject[name] = value;
        }

        var requestContext = new JsonObject
        {
            ["accountId"] = "111122223333",
            ["apiId"] = "api",
            ["domainName"] = "api.execute-api.us-east-1.amazonaws.com",
            ["http"] = new JsonObject { ["method"] = method, ["path"] = path, ["protocol"] = "HTTP/1.1", ["sourceIp"] = "198.51.100.7", ["userAgent"] = "tests" },
            ["requestId"] = Guid.NewGuid().ToString(),
            ["routeKey"] = $"{method} {path}",
            ["stage"] = "$default",
            ["timeEpoch"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
        };
        if (sub is not null)
        {
            requestContext["authorizer"] = new JsonObject
            {
                ["jwt"] = new JsonObject
                {
                    ["claims"] = new JsonObject { ["sub"] = sub, ["cognito:groups"] = groups, ["token_use"] = "access" },
                    ["scopes"] = null,
                },
            };
        }

        var request = new JsonObject
        {
            ["version"] = "2.0",
            ["routeKey"] = $"{method} {path}",
            ["rawPath"] = path,
            ["rawQueryString"] = "",
            ["headers"] = headerObject,
            ["requestContext"] = requestContext,
            ["body"] = body,
            ["isBase64Encoded"] = false,
        };
        using var invocation = new LambdaInvocation(Guid.NewGuid().ToString(), DateTimeOffset.UtcNow.AddSeconds(30));
        var response = await server.InvokeAsync(request.ToJsonString(), invocation);
        return JsonNode.Parse(response)!.AsObject();
    }
}

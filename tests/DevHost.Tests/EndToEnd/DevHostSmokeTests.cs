using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BitcoinEvents.DevHost;
using BitcoinEvents.LocalAws;
using BitcoinEvents.TestSupport;
using DevHost.Tests.Support;

namespace DevHost.Tests.EndToEnd;

/// <summary>
/// The real DevHost, started as `dotnet run` would start it (a child process, in memory, free
/// ports): health, a demo organizer's token from cognito-local, an event created, published and
/// listed over HTTP, the OpenAPI document, and a stop by signal that leaves no process behind.
/// </summary>
public sealed class DevHostSmokeTests
{
    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task DevHost_ServesThePlatform_AndASignalStopsEveryServer(string signal)
    {
        await using var host = await DevHostProcess.StartAsync(["--no-web"], TimeSpan.FromSeconds(90), Ct);
        using var http = new HttpClient { BaseAddress = host.ApiUrl };
        var tree = host.ProcessTree();
        Assert.True(tree.Count >= 5, $"Expected DevHost and its four servers, found {tree.Count} processes.");

        await AssertHealthyAsync(http);
        await AssertEventLifecycleAsync(http, host);
        await AssertOpenApiListsEveryTemplateRouteAsync(http);

        var exitCode = await host.StopAsync(signal, TimeSpan.FromSeconds(30));

        Assert.Equal(0, exitCode);
        var left = await WaitUntilGoneAsync(tree, TimeSpan.FromSeconds(10));
        Assert.True(left.Count == 0, $"Still running after SIG{signal}: {string.Join(", ", left)}");
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task AssertHealthyAsync(HttpClient http)
    {
        using var response = await http.GetAsync("health", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var health = await response.Content.ReadFromJsonAsync<JsonObject>(Ct);
        Assert.Equal("up", health!["status"]!.GetValue<string>());
        Assert.Equal(["cognito", "dynamodb", "ses", "sqs-sns-s3"], health["servers"]!.AsObject().Select(s => s.Key).Order());
    }

    private static async Task AssertEventLifecycleAsync(HttpClient http, DevHostProcess host)
    {
        var settings = await http.GetFromJsonAsync<JsonObject>("local/cognito", Ct);
        var clientId = settings!["clientId"]!.GetValue<string>();
        Assert.Equal(host.ClientId, clientId);
        Assert.Equal(host.CognitoUrl, new Uri(settings["endpoint"]!.GetValue<string>()));
        using var cognito = new LocalCognito(host.CognitoUrl);
        var tokens = await cognito.SignInAsync(clientId, "organizer@demo.local", "Demo-Organizer-1", Ct);
        var auth = new AuthenticationHeaderValue("Bearer", tokens.IdToken);

        var title = $"Smoke test {Guid.NewGuid():N}";
        var startsAt = DateTimeOffset.UtcNow.AddDays(30);
        using var create = new HttpRequestMessage(HttpMethod.Post, "events")
        {
            Content = JsonContent.Create(new JsonObject
            {
                ["title"] = title,
                ["venue"] = new JsonObject
                {
                    ["name"] = "Test Hall",
                    ["addressLines"] = new JsonArray("1 Test Street"),
                    ["city"] = "Porto",
                    ["country"] = "PT",
                    ["timeZone"] = "Europe/Lisbon",
                },
                ["startsAt"] = startsAt,
                ["endsAt"] = startsAt.AddHours(2),
                ["capacity"] = 50,
            }),
        };
        create.Headers.Authorization = auth;
        create.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        using var created = await http.SendAsync(create, Ct);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>(Ct))!["id"]!.GetValue<string>();

        using var publish = new HttpRequestMessage(HttpMethod.Post, $"events/{id}/publish");
        publish.Headers.Authorization = auth;
        using var published = await http.SendAsync(publish, Ct);
        Assert.True(published.StatusCode == HttpStatusCode.OK, await published.Content.ReadAsStringAsync(Ct));

        var listed = await http.GetFromJsonAsync<JsonObject>("events", Ct);
        var titles = listed!["items"]!.AsArray().Select(e => e!["title"]!.GetValue<string>()).ToList();
        Assert.Contains(title, titles);
        Assert.All(DemoData.Events(DateTimeOffset.UtcNow), demo => Assert.Contains(demo["title"]!.GetValue<string>(), titles));

        using var anonymousCreate = await http.PostAsync("events", JsonContent.Create(new JsonObject()), Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousCreate.StatusCode);
    }

    private static async Task AssertOpenApiListsEveryTemplateRouteAsync(HttpClient http)
    {
        var document = await http.GetFromJsonAsync<JsonObject>("openapi/v1.json", Ct);
        var paths = document!["paths"]!.AsObject();
        foreach (var route in TemplateBindings.Routes(SamTemplate.LoadDefault()))
        {
            var operation = paths[route.Path]?[route.Method.ToLowerInvariant()];
            Assert.True(operation is not null, $"{route.Method} {route.Path} is missing from /openapi/v1.json");
            Assert.Equal(route.Handler, operation["operationId"]!.GetValue<string>());
            Assert.Equal(route.RequiresAuthorization, operation["security"] is not null);
        }

        Assert.Equal("bearer", document["components"]!["securitySchemes"]![DevHostOpenApi.SecuritySchemeName]!["scheme"]!.GetValue<string>());
        Assert.DoesNotContain(paths, p => p.Key.StartsWith("/local", StringComparison.Ordinal) || p.Key == "/health");
    }

    private static async Task<IReadOnlyList<int>> WaitUntilGoneAsync(IReadOnlyList<int> pids, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var alive = pids.Where(ProcessTable.IsAlive).ToList();
            if (alive.Count == 0 || DateTime.UtcNow > deadline)
            {
                return alive;
            }

            await Task.Delay(200, Ct);
        }
    }
}

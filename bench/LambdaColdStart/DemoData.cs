using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LambdaColdStart;

/// <summary>
/// Demo events, written through the area's own operations so that GetEvent and ListEvents read
/// real items: the bootstrap runs as CreateEventFunction, then as PublishEventFunction, each
/// invoked with HTTP API (payload 2.0) events carrying what API Gateway's JWT authorizer passes on
/// for an organizer (claims <c>sub</c> and <c>cognito:groups</c>).
/// </summary>
internal static class DemoData
{
    public const int Count = 12;

    private static readonly (string City, string Country, string TimeZone)[] s_places =
    [
        ("Lisbon", "PT", "Europe/Lisbon"),
        ("Bengaluru", "IN", "Asia/Kolkata"),
        ("Austin", "US", "America/Chicago"),
        ("Prague", "CZ", "Europe/Prague"),
    ];

    public static async Task<IReadOnlyList<string>> SeedAsync(
        RuntimeApiStandIn runtimeApi, LocalEnvironment local, Launch launch, BenchOptions options, string organizer, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;

        var ids = new List<string>();
        await ServeAsync(runtimeApi, local, launch, options, "CreateEvent", async invoke =>
        {
            for (var i = 0; i < Count; i++)
            {
                var place = s_places[i % s_places.Length];
                var startsAt = now.Date.AddDays(14 + (7 * i)).AddHours(17);
                var body = new JsonObject
                {
                    ["title"] = $"Bitcoin meetup {place.City} #{i + 1}",
                    ["description"] = "Lightning talks, a node-setup workshop and pizza.",
                    ["venue"] = new JsonObject
                    {
                        ["name"] = $"{place.City} Hackerspace",
                        ["addressLines"] = new JsonArray("1 Satoshi Street"),
                        ["city"] = place.City,
                        ["country"] = place.Country,
                        ["timeZone"] = place.TimeZone,
                    },
                    ["startsAt"] = new DateTimeOffset(startsAt, TimeSpan.Zero).ToString("O", CultureInfo.InvariantCulture),
                    ["endsAt"] = new DateTimeOffset(startsAt.AddHours(3), TimeSpan.Zero).ToString("O", CultureInfo.InvariantCulture),
                    ["capacity"] = 50 + (10 * i),
                };
                var response = await invoke(HttpApiEvent("POST", "/events", "/events", null, body.ToJsonString(), organizer, Guid.NewGuid().ToString()));
                ids.Add(ResponseBody(response, 201)["id"]!.GetValue<string>());
            }
        }, cancellationToken);

        await ServeAsync(runtimeApi, local, launch, options, "PublishEvent", async invoke =>
        {
            foreach (var id in ids)
            {
                var response = await invoke(HttpApiEvent("POST", "/events/{eventId}/publish", $"/events/{id}/publish", id, null, organizer, null));
                ResponseBody(response, 200);
            }
        }, cancellationToken);

        return ids;
    }

    /// <summary>
    /// Two ticket types per event (a free and a paid one), written through the Ticketing
    /// bootstrap running as CreateTicketType (which also sets up the event's capacity quota), so
    /// that its reads find a real setup and real buckets. Returns the free type's id per event.
    /// </summary>
    public static async Task<IReadOnlyList<(string EventId, string TicketTypeId)>> SeedTicketTypesAsync(
        RuntimeApiStandIn runtimeApi, LocalEnvironment local, Launch launch, BenchOptions options, string organizer, IReadOnlyList<string> eventIds, CancellationToken cancellationToken)
    {
        var free = new List<(string, string)>();
        await ServeAsync(runtimeApi, local, launch, options, "CreateTicketType", async invoke =>
        {
            foreach (var id in eventIds)
            {
                foreach (var (name, price) in new[] { ("Community", 0L), ("Supporter", 2_500L) })
                {
                    var body = new JsonObject
                    {
                        ["name"] = name,
                        ["price"] = new JsonObject { ["amount"] = price, ["currency"] = "EUR" },
                        ["maxPerOrder"] = 4,
                    };
                    var response = await invoke(HttpApiEvent("POST", "/events/{eventId}/ticket-types", $"/events/{id}/ticket-types", id, body.ToJsonString(), organizer, Guid.NewGuid().ToString()));
                    var typeId = ResponseBody(response, 201)["id"]!.GetValue<string>();
                    if (price == 0)
                    {
                        free.Add((id, typeId));
                    }
                }
            }
        }, cancellationToken);
        return free;
    }

    /// <summary>
    /// One hold of two free tickets per event, taken by <paramref name="buyer"/> through the
    /// Ticketing bootstrap running as CreateHold (one transaction: the quota's bucket and the
    /// hold), so that GetHold reads real holds. Returns the hold ids.
    /// </summary>
    public static async Task<IReadOnlyList<string>> SeedHoldsAsync(
        RuntimeApiStandIn runtimeApi, LocalEnvironment local, Launch launch, BenchOptions options, string buyer, IReadOnlyList<(string EventId, string TicketTypeId)> freeTypes, CancellationToken cancellationToken)
    {
        var holds = new List<string>();
        await ServeAsync(runtimeApi, local, launch, options, "CreateHold", async invoke =>
        {
            foreach (var (eventId, typeId) in freeTypes)
            {
                var body = new JsonObject
                {
                    ["lines"] = new JsonArray(new JsonObject { ["ticketTypeId"] = typeId, ["quantity"] = 2 }),
                };
                var response = await invoke(HttpApiEvent("POST", "/events/{eventId}/holds", $"/events/{eventId}/holds", eventId, body.ToJsonString(), buyer, Guid.NewGuid().ToString()));
                holds.Add(ResponseBody(response, 201)["id"]!.GetValue<string>());
            }
        }, cancellationToken);
        return holds;
    }

    /// <summary>Starts the bootstrap as the function whose Handler is <paramref name="operation"/> and lets <paramref name="work"/> invoke it.</summary>
    private static async Task ServeAsync(
        RuntimeApiStandIn runtimeApi, LocalEnvironment local, Launch launch, BenchOptions options, string operation,
        Func<Func<string, Task<InvocationOutcome>>, Task> work, CancellationToken cancellationToken)
    {
        var function = local.FunctionFor(operation);
        var session = runtimeApi.OpenSession(local.FunctionArn(function), options.ColdStartTimeout);
        using var process = FunctionProcess.Start(launch, local.EnvironmentFor(function, runtimeApi.HostAndPort, launch.TaskRoot, options.MemoryMegabytes));
        try
        {
            await work(async eventJson =>
            {
                var (outcome, _) = await session.InvokeAsync(eventJson, cancellationToken);
                return outcome;
            });
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new InvalidOperationException($"Seeding through {operation} failed: {e.Message}{Environment.NewLine}{process.Tail()}", e);
        }
        finally
        {
            session.Close();
            await process.StopAsync();
        }
    }

    private static JsonObject ResponseBody(InvocationOutcome outcome, int expectedStatus)
    {
        if (outcome.Kind != OutcomeKind.Response || ColdStartRunner.StatusCode(outcome) != expectedStatus)
        {
            throw new InvalidOperationException($"expected statusCode {expectedStatus}, got {outcome.Kind}: {outcome.Body}");
        }

        var response = JsonNode.Parse(outcome.Body)!.AsObject();
        var body = response["body"]!.GetValue<string>();
        if (response["isBase64Encoded"]?.GetValue<bool>() == true)
        {
            body = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(body));
        }

        return JsonNode.Parse(body)!.AsObject();
    }

    /// <summary>An HTTP API payload 2.0 event for a route behind the JWT authorizer.</summary>
    private static string HttpApiEvent(string method, string routePath, string rawPath, string? eventId, string? body, string subject, string? idempotencyKey)
    {
        var now = DateTimeOffset.UtcNow;
        var headers = new JsonObject
        {
            ["accept"] = "application/json",
            ["authorization"] = "Bearer (validated by API Gateway)",
            ["host"] = "a1b2c3d4e5.execute-api.us-east-1.amazonaws.com",
            ["user-agent"] = "bench/1.0",
            ["x-forwarded-for"] = "198.51.100.23",
            ["x-forwarded-port"] = "443",
            ["x-forwarded-proto"] = "https",
        };
        if (body is not null)
        {
            headers["content-type"] = "application/json";
            headers["content-length"] = System.Text.Encoding.UTF8.GetByteCount(body).ToString(CultureInfo.InvariantCulture);
        }

        if (idempotencyKey is not null)
        {
            headers["idempotency-key"] = idempotencyKey;
        }

        var routeKey = $"{method} {routePath}";
        var evt = new JsonObject
        {
            ["version"] = "2.0",
            ["routeKey"] = routeKey,
            ["rawPath"] = rawPath,
            ["rawQueryString"] = "",
            ["headers"] = headers,
            ["requestContext"] = new JsonObject
            {
                ["accountId"] = "000000000000",
                ["apiId"] = "a1b2c3d4e5",
                ["authorizer"] = new JsonObject
                {
                    ["jwt"] = new JsonObject
                    {
                        ["claims"] = new JsonObject
                        {
                            ["sub"] = subject,
                            ["cognito:groups"] = "[organizer]",
                            ["iss"] = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_bench",
                            ["client_id"] = "bench",
                            ["token_use"] = "access",
                        },
                        ["scopes"] = null,
                    },
                },
                ["domainName"] = "a1b2c3d4e5.execute-api.us-east-1.amazonaws.com",
                ["domainPrefix"] = "a1b2c3d4e5",
                ["http"] = new JsonObject
                {
                    ["method"] = method,
                    ["path"] = rawPath,
                    ["protocol"] = "HTTP/1.1",
                    ["sourceIp"] = "198.51.100.23",
                    ["userAgent"] = "bench/1.0",
                },
                ["requestId"] = Guid.NewGuid().ToString("N")[..16],
                ["routeKey"] = routeKey,
                ["stage"] = "$default",
                ["time"] = now.ToString("dd/MMM/yyyy:HH:mm:ss +0000", CultureInfo.InvariantCulture),
                ["timeEpoch"] = now.ToUnixTimeMilliseconds(),
            },
            ["isBase64Encoded"] = false,
        };
        if (eventId is not null)
        {
            evt["pathParameters"] = new JsonObject { ["eventId"] = eventId };
        }

        if (body is not null)
        {
            evt["body"] = body;
        }

        return evt.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }
}

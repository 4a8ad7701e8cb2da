using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using BitcoinEvents.Infrastructure.Http;
using BitcoinEvents.TestSupport;
using Events.Tests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Events.Tests.HostileInput;

/// <summary>
/// What a hostile-input audit sends, against every route of the area (read from the app's own
/// endpoints, so a new operation is swept too): the shared table of <see cref="HostileRequests"/>
/// plus the Events fields and query values. Every request gets a 4xx problem naming the field and
/// the reason (never a 5xx, never a success), and nothing changes.
/// </summary>
public sealed class HostileInputTests(LocalAwsFixture aws)
{
    private static readonly DateTimeOffset Soon = DateTimeOffset.UtcNow.AddDays(30);

    [Fact]
    public async Task EveryRoute_RefusesEveryHostileRequest_WithAProblem_AndChangesNothing()
    {
        await using var app = new EventsApp(await aws.IsolatedConfigurationAsync());
        using var organizer = app.Api(aws.Organizer);
        var draft = await organizer.CreateDraftAsync(Soon);
        await organizer.CreatePublishedAsync(Soon, "Published");
        var before = await SnapshotAsync(organizer);
        var routes = Routes(app, draft.Id);
        Assert.Equal(9, routes.Count);

        var requests = routes
            .SelectMany(route => HostileRequests.For(route, Authorize(aws.Organizer))
                .Concat(route.Path.Contains(draft.Id, StringComparison.Ordinal) ? HostileRequests.ForPathValues(route, draft.Id, Authorize(aws.Organizer)) : []))
            .Concat(EventsRequests(draft.Id))
            .ToList();
        var failures = new List<string>();
        using var client = app.CreateClient();
        foreach (var hostile in requests)
        {
            using var request = hostile.Create();
            using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
            try
            {
                await HostileRequests.AssertRefusedAsync(hostile, response);
            }
            catch (Exception failure) when (failure is Xunit.Sdk.IAssertionException)
            {
                failures.Add(failure.Message);
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {requests.Count} hostile requests were not refused properly:\n{string.Join("\n", failures)}");
        Assert.Equal(before, await SnapshotAsync(organizer));
    }

    [Theory]
    [InlineData("application/json; charset=ebcdic")]
    [InlineData("application/json; charset=utf-7")]
    [InlineData("application/json; charset=foo")]
    [InlineData("application/json; charset=")]
    public async Task Create_WithAnUnsupportedCharset_Is415_NotA500(string contentType)
    {
        using var api = aws.App.Api(aws.Organizer);

        using var response = await api.SendRawAsync(HttpMethod.Post, "/events", EventsApi.ValidEvent(Soon).ToJsonString(), EventsApi.NewKey(), contentType: contentType);

        var problem = await EventsApi.ReadProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Equal("unsupported_media_type", problem["code"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("capacity", "\"80\"")]
    [InlineData("capacity", "80.0")]
    [InlineData("startsAt", "\"2030-03-01T18:00:00\"")]
    [InlineData("startsAt", "\"2030-03-01\"")]
    [InlineData("endsAt", "\"2030-03-01T21:00\"")]
    [InlineData("title", "\"\\u200B\"")]
    [InlineData("title", "\"\\u200B\\u2060\\uFEFF\"")]
    public async Task Create_WithANumberAsTextATimeWithoutOffsetOrAnInvisibleTitle_Is400NamingTheField(string field, string json)
    {
        var body = EventsApi.ValidEvent(Soon);
        body[field] = JsonNode.Parse(json);
        using var api = aws.App.Api(aws.Organizer);

        using var response = await api.CreateAsync(body);

        var fields = await EventsApi.AssertValidationErrorAsync(response, field);
        Assert.Single(fields);
    }

    private static Action<HttpRequestMessage> Authorize(TestUser user) =>
        request => request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", user.AccessToken);

    /// <summary>Every operation the app maps, with <paramref name="eventId"/> in its route.</summary>
    private static List<RouteUnderTest> Routes(EventsApp app, string eventId)
    {
        using var _ = app.CreateClient();
        return app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(PlatformOperationMetadata.IsOperation)
            .Select(e => new RouteUnderTest(
                e.Metadata.GetMetadata<IEndpointNameMetadata>()!.EndpointName,
                new HttpMethod(e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IHttpMethodMetadata>()!.HttpMethods.Single()),
                "/" + e.RoutePattern.RawText!.TrimStart('/').Replace("{eventId}", eventId, StringComparison.Ordinal),
                e.Metadata.GetMetadata<IAcceptsMetadata>() is not null,
                e.Metadata.GetMetadata<IAuthorizeData>() is not null && e.Metadata.GetMetadata<IAllowAnonymous>() is null))
            .ToList();
    }

    /// <summary>The Events area's own fields, query values and headers, as a hostile client gets them wrong.</summary>
    private IEnumerable<HostileRequest> EventsRequests(string eventId)
    {
        var badRequest = new HashSet<HttpStatusCode> { HttpStatusCode.BadRequest };
        HostileRequest Json(string name, HttpMethod method, string path, string body, string? ifMatch = null) => new(name, () =>
        {
            var request = new HttpRequestMessage(method, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            Authorize(aws.Organizer)(request);
            request.Headers.TryAddWithoutValidation("Idempotency-Key", Guid.NewGuid().ToString());
            if (ifMatch is not null)
            {
                request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
            }

            return request;
        }, badRequest);
        HostileRequest Get(string path, TestUser? user = null) => new($"GET {path}", () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, path);
            Authorize(user ?? aws.Organizer)(request);
            return request;
        }, badRequest);

        var valid = EventsApi.ValidEvent(Soon);
        foreach (var (field, json) in new[]
        {
            ("capacity", "\"80\""), ("capacity", "1e3"), ("capacity", "-1"), ("capacity", "2147483648"), ("capacity", "true"),
            ("startsAt", "\"2030-03-01T18:00:00\""), ("startsAt", "\"2030-03-01\""), ("startsAt", "\"tomorrow\""), ("startsAt", "0"),
            ("title", "\"\\u200B\""), ("title", "\"\\u3164\""), ("title", "42"), ("title", "[\"a\"]"), ("title", $"\"{new string('t', 5000)}\""),
            ("venue", "\"Lisbon\""), ("venue", "[]"),
        })
        {
            var body = valid.DeepClone().AsObject();
            body[field] = JsonNode.Parse(json);
            yield return Json($"POST /events with {field}: {json[..Math.Min(json.Length, 30)]}", HttpMethod.Post, "/events", body.ToJsonString());
            yield return Json($"PATCH /events/{{id}} with {field}: {json[..Math.Min(json.Length, 30)]}", HttpMethod.Patch, $"/events/{eventId}", new JsonObject { [field] = JsonNode.Parse(json) }.ToJsonString());
        }

        yield return Json("POST /events with venue.addressLines of numbers", HttpMethod.Post, "/events", """{"venue": {"addressLines": [1, 2]}}""");
        yield return Json("POST /events with a null byte in the title", HttpMethod.Post, "/events", """{"title": "a\u0000b"}""");
        yield return Json("POST /events/{id}/cancel with a numeric reason", HttpMethod.Post, $"/events/{eventId}/cancel", """{"reason": 42}""");
        yield return Json("POST /events/{id}/cancel with an invisible reason", HttpMethod.Post, $"/events/{eventId}/cancel", """{"reason": "\u200B"}""");
        yield return Json("POST /events/{id}/cover-image-uploads with contentType text/html", HttpMethod.Post, $"/events/{eventId}/cover-image-uploads", """{"contentType": "text/html"}""");
        yield return Json("POST /events/{id}/cover-image-uploads with contentType 7", HttpMethod.Post, $"/events/{eventId}/cover-image-uploads", """{"contentType": 7}""");
        foreach (var ifMatch in new[] { "v1", "\"v1", "garbage, \"v1\"", "W/", new string('"', 300) })
        {
            yield return Json($"PATCH /events/{{id}} with If-Match {ifMatch[..Math.Min(ifMatch.Length, 20)]}", HttpMethod.Patch, $"/events/{eventId}", """{"title": "x"}""", ifMatch);
            yield return Json($"POST /events/{{id}}/publish with If-Match {ifMatch[..Math.Min(ifMatch.Length, 20)]}", HttpMethod.Post, $"/events/{eventId}/publish", "{}", ifMatch);
        }

        foreach (var query in new[]
        {
            "limit=-1", "limit=0", "limit=1.5", "limit=99999999999999999999", "limit=%2B5", "limit=1&limit=2", "limit=ten", "limit=%00",
            "sort=NEWEST", "sort=popular", "sort=soonest&sort=newest", "sort=%00",
            "cursor=%FF%FE", "cursor=" + new string('A', 3000), "cursor=AAAA", "cursor=..%2F..",
        })
        {
            yield return Get($"/events?{query}");
            if (!query.StartsWith("sort", StringComparison.Ordinal))
            {
                yield return Get($"/organizer/events?{query}");
            }
        }

        yield return Get($"/organizer/events?organizerId={new string('x', 200)}", aws.Admin);
        yield return Get("/organizer/events?organizerId=has%20space", aws.Admin);
        yield return Get("/organizer/events?organizerId=%00", aws.Admin);
    }

    /// <summary>The organizer's events, id and version: a request that changed anything changes this.</summary>
    private static async Task<List<string>> SnapshotAsync(EventsApi organizer)
    {
        using var response = await organizer.GetAsync("/organizer/events?limit=100");
        var page = await EventsApi.ReadPageAsync(response);
        return [.. page.Items.Select(e => $"{e.Id} v{e.Version} {e.Status} {e.Title}").Order(StringComparer.Ordinal)];
    }
}

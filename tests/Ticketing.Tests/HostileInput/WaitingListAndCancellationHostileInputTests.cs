using System.Net;
using System.Net.Http.Headers;
using System.Text;
using BitcoinEvents.Infrastructure.Http;
using BitcoinEvents.TestSupport;
using BitcoinEvents.Ticketing.Operations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Ticketing.Tests.SalesSupport;
using Ticketing.Tests.Support;

namespace Ticketing.Tests.HostileInput;

/// <summary>
/// The waiting-list, cancellation and complimentary routes under the shared hostile-input table and
/// their own fields: every request gets a 4xx problem (never a 5xx, never a success) and changes nothing.
/// </summary>
public sealed class WaitingListAndCancellationHostileInputTests(TicketingFixture fixture)
{
    private static readonly string[] Operations =
    [
        JoinWaitingList.Name, LeaveWaitingList.Name, ListMyWaitingList.Name, ListEventWaitingList.Name,
        CancelOrder.Name, CancelEventOrder.Name, CreateComplimentaryOrder.Name,
    ];

    [Fact]
    public async Task EveryNewRoute_RefusesEveryHostileRequest_WithAProblem_AndChangesNothing()
    {
        await using var world = await SalesWorld.StartAsync(fixture);
        var eventId = await world.PublishedEventAsync(capacity: 1);
        var typeId = await world.TicketTypeAsync(eventId, priceMinor: 1_000);
        var order = SalesApi.Id(await world.OrderAsync(world.Attendee, eventId, typeId, 1));
        using var attendee = world.Api(world.Attendee);
        var entry = SalesApi.Id(await SalesApi.ReadAsync(attendee.JoinAsync(eventId, typeId, 1), HttpStatusCode.Created));
        var before = await SnapshotAsync(world, order);

        var routes = Routes(world.App, eventId, order, entry);
        Assert.Equal(Operations.Order(StringComparer.Ordinal), routes.Select(r => r.Operation).Order(StringComparer.Ordinal));
        var requests = routes
            .SelectMany(route => HostileRequests.For(route, Authorize(route.Operation is CancelEventOrder.Name or CreateComplimentaryOrder.Name or ListEventWaitingList.Name ? world.Organizer : world.Attendee))
                .Concat(new[] { eventId, order, entry }.Where(id => route.Path.Contains(id, StringComparison.Ordinal))
                    .SelectMany(id => HostileRequests.ForPathValues(route, id, Authorize(world.Organizer)))))
            .Concat(FieldRequests(world, eventId, typeId, order))
            .ToList();
        var failures = new List<string>();
        using var client = world.App.CreateClient();
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
        Assert.Equal(before, await SnapshotAsync(world, order));
    }

    private static Action<HttpRequestMessage> Authorize(TestUser user) =>
        request => request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", user.AccessToken);

    private static List<RouteUnderTest> Routes(SalesApp app, string eventId, string orderId, string entryId)
    {
        using var _ = app.CreateClient();
        return app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(PlatformOperationMetadata.IsOperation)
            .Where(e => Operations.Contains(e.Metadata.GetMetadata<IEndpointNameMetadata>()!.EndpointName))
            .Select(e => new RouteUnderTest(
                e.Metadata.GetMetadata<IEndpointNameMetadata>()!.EndpointName,
                new HttpMethod(e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Single()),
                "/" + e.RoutePattern.RawText!.TrimStart('/')
                    .Replace("{eventId}", eventId, StringComparison.Ordinal)
                    .Replace("{orderId}", orderId, StringComparison.Ordinal)
                    .Replace("{entryId}", entryId, StringComparison.Ordinal),
                e.Metadata.GetMetadata<IAcceptsMetadata>() is not null,
                e.Metadata.GetMetadata<IAuthorizeData>() is not null && e.Metadata.GetMetadata<IAllowAnonymous>() is null))
            .ToList();
    }

    /// <summary>The routes' own fields and query values, as a hostile client gets them wrong.</summary>
    private static IEnumerable<HostileRequest> FieldRequests(SalesWorld world, string eventId, string typeId, string orderId)
    {
        var badRequest = new HashSet<HttpStatusCode> { HttpStatusCode.BadRequest };
        HostileRequest Json(string name, TestUser user, string path, string body) => new(name, () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            Authorize(user)(request);
            request.Headers.TryAddWithoutValidation("Idempotency-Key", Guid.NewGuid().ToString());
            return request;
        }, badRequest);
        HostileRequest Get(string path, TestUser user) => new($"GET {path}", () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, path);
            Authorize(user)(request);
            return request;
        }, badRequest);

        var join = $"/events/{eventId}/waiting-list";
        foreach (var body in new[]
        {
            $$"""{"ticketTypeId": "{{typeId}}", "quantity": "1"}""", $$"""{"ticketTypeId": "{{typeId}}", "quantity": 1.5}""",
            $$"""{"ticketTypeId": "{{typeId}}", "quantity": 2147483648}""", $$"""{"ticketTypeId": "{{typeId}}", "quantity": -1}""",
            $$"""{"ticketTypeId": "{{typeId}}", "quantity": 0}""", $$"""{"ticketTypeId": "{{typeId}}", "quantity": null}""",
            """{"ticketTypeId": 7, "quantity": 1}""", """{"ticketTypeId": "' OR 1=1 --", "quantity": 1}""", """{"ticketTypeId": ["a"], "quantity": 1}""",
            $$"""{"ticketTypeId": "{{new string('f', 5000)}}", "quantity": 1}""",
        })
        {
            yield return Json($"POST {join} {body[..Math.Min(body.Length, 60)]}", world.Attendee, join, body);
        }

        foreach (var body in new[] { """{"reason": 42}""", """{"reasn": "typo"}""", $$"""{"reason": "{{new string('r', 600)}}"}""", """{"reason": "a\u0000b"}""" })
        {
            yield return Json($"POST /orders/{{id}}/cancel {body[..Math.Min(body.Length, 30)]}", world.Attendee, $"/orders/{orderId}/cancel", body);
            yield return Json($"POST organizer cancel {body[..Math.Min(body.Length, 30)]}", world.Organizer, $"/organizer/events/{eventId}/orders/{orderId}/cancel", body);
        }

        var comp = $"/events/{eventId}/complimentary-orders";
        foreach (var body in new[]
        {
            """{"attendees": []}""", """{"attendees": "Ada"}""", """{"attendees": [null]}""", """{"attendees": [{"ticketTypeId": 1, "name": "A"}]}""",
            $$"""{"attendees": [{"ticketTypeId": "{{typeId}}", "name": "\u200B"}]}""", $$"""{"attendees": [{"ticketTypeId": "{{typeId}}", "name": "{{new string('n', 200)}}"}]}""",
            $$"""{"buyerId": "", "attendees": [{"ticketTypeId": "{{typeId}}", "name": "A"}]}""", $$"""{"buyerId": 5, "attendees": [{"ticketTypeId": "{{typeId}}", "name": "A"}]}""",
            $$"""{"attendees": [{{string.Join(",", Enumerable.Repeat($$"""{"ticketTypeId": "{{typeId}}", "name": "A"}""", 21))}}]}""",
        })
        {
            yield return Json($"POST {comp} {body[..Math.Min(body.Length, 60)]}", world.Organizer, comp, body);
        }

        foreach (var query in new[] { "limit=0", "limit=-1", "limit=ten", "limit=1&limit=2", "cursor=%FF%FE", "cursor=" + new string('A', 3000), "cursor=AAAA" })
        {
            yield return Get($"/me/waiting-list?{query}", world.Attendee);
            yield return Get($"/organizer/events/{eventId}/waiting-list?ticketTypeId={typeId}&{query}", world.Organizer);
        }

        yield return Get($"/organizer/events/{eventId}/waiting-list", world.Organizer);
        yield return Get($"/organizer/events/{eventId}/waiting-list?ticketTypeId=%00", world.Organizer);
        yield return Get($"/organizer/events/{eventId}/waiting-list?ticketTypeId={new string('x', 3000)}", world.Organizer);
    }

    /// <summary>What a request that changed anything would change: the order, the entries, the outbox, the seats.</summary>
    private static async Task<string> SnapshotAsync(SalesWorld world, string orderId)
    {
        using var attendee = world.Api(world.Attendee);
        var order = await attendee.OrderAsync(orderId);
        var entries = await attendee.MyEntriesAsync();
        var outbox = await world.OutboxAsync();
        using var organizer = world.Api(world.Organizer);
        var orders = await SalesApi.ReadAsync(organizer.GetAsync($"/organizer/events/{order["eventId"]!.GetValue<string>()}/orders?limit=100"), HttpStatusCode.OK);
        var seats = await organizer.QuotasAsync(order["eventId"]!.GetValue<string>());
        return $"{order["status"]} v{order["version"]} | {string.Join(",", entries.Select(e => $"{e["status"]}"))} | {outbox.Count} | {orders["items"]!.AsArray().Count} | {string.Join(",", seats.Values)}";
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using BitcoinEvents.Infrastructure.Http;
using BitcoinEvents.TestSupport;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Ticketing.Tests.Support;

namespace Ticketing.Tests.Access;

/// <summary>
/// Every route of the area, read from the app's own endpoints (a new route fails these tests until
/// it is placed in them). The access walk: every route of the area, called with resources that belong to someone else
/// (an organizer's event and its setup, an attendee's hold, order, ticket and waiting-list entry,
/// the event's door), by every signed-in user who has no business with them. Each answer is a 404
/// problem (they may not know the resource exists), nothing changes, and the lists of the users'
/// own things never show it. And the shared table of hostile requests, sent by each resource's
/// owner: a 4xx problem every time, and nothing changes.
/// </summary>
public sealed class EveryRouteTests(TicketingFixture platform)
{
    /// <summary>
    /// Routes any signed-in (or anonymous) caller may use on a published event: the public
    /// catalog, the signing keys, buying and joining a waiting line. They hand out nothing of
    /// anyone else's; the walk checks the "my" lists instead.
    /// </summary>
    private static readonly HashSet<string> OpenToEveryone = new(StringComparer.Ordinal)
    {
        "ListTicketTypes", "ListSessions", "GetTicketingSettings", "GetTicketKeys", "CreateHold", "JoinWaitingList",
        "ListMyOrders", "ListMyTickets", "ListMyWaitingList",
    };

    [Fact]
    public async Task EveryRoute_WithAnotherUsersResource_Is404ForEveryStranger_AndChangesNothing()
    {
        var world = await WorldAsync();
        var walk = Walk(world);
        var mapped = MappedOperations();
        Assert.Equal(mapped.Order(StringComparer.Ordinal), walk.Select(w => w.Operation).Concat(OpenToEveryone).Order(StringComparer.Ordinal));
        var before = await SnapshotAsync(world);

        var failures = new List<string>();
        foreach (var step in walk)
        {
            foreach (var stranger in step.Strangers)
            {
                using var api = platform.App.Api(stranger);
                using var response = await api.SendAsync(step.Method, step.Path, step.Body?.DeepClone(), step.Method == HttpMethod.Get ? null : ApiClient.NewKey());
                var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
                if (response.StatusCode != HttpStatusCode.NotFound || !text.Contains("\"not_found\"", StringComparison.Ordinal))
                {
                    failures.Add($"{step.Operation} ({step.Method} {step.Path}) as {stranger.Email}: {(int)response.StatusCode} {text}");
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} requests were not a 404 problem:\n{string.Join("\n", failures)}");
        var after = await SnapshotAsync(world);
        Assert.Equal(before.Split('\n'), after.Split('\n'));

        // The strangers' own lists show nothing of the attendee's.
        foreach (var stranger in new[] { platform.OtherOrganizer, platform.Staff })
        {
            using var api = platform.App.Api(stranger);
            foreach (var path in new[] { "/me/orders", "/me/tickets", "/me/waiting-list" })
            {
                var mine = (await api.GetJsonAsync(path)).ToJsonString();
                foreach (var id in new[] { world.OrderId, world.TicketId, world.EntryId })
                {
                    Assert.DoesNotContain(id, mine, StringComparison.Ordinal);
                }
            }
        }
    }

    [Fact]
    public async Task EveryRoute_RefusesTheSharedHostileRequests_SentByTheOwner_AndChangesNothing()
    {
        var world = await WorldAsync();
        var owners = Walk(world).ToDictionary(s => s.Operation, s => s.Owner, StringComparer.Ordinal);
        var before = await SnapshotAsync(world);
        var routes = Routes(world);
        Assert.Equal(MappedOperations().Count, routes.Count);
        string[] ids = [world.EventId, world.TypeId, world.QuotaId, world.SessionId, world.HoldId, world.OrderId, world.TicketId, world.EntryId, platform.Staff.Sub];

        var requests = routes.SelectMany(route =>
        {
            // The open routes are used by the attendee; the others by whoever owns what they touch.
            var owner = Authorize(owners.GetValueOrDefault(route.Operation, platform.Attendee));
            return HostileRequests.For(route, owner)
                .Concat(ids.Where(id => route.Path.Contains(id, StringComparison.Ordinal)).SelectMany(id => HostileRequests.ForPathValues(route, id, owner)));
        }).ToList();
        var failures = new List<string>();
        using var client = platform.App.CreateClient();
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
        Assert.Equal(before.Split('\n'), (await SnapshotAsync(world)).Split('\n'));
    }

    private static Action<HttpRequestMessage> Authorize(TestUser user) =>
        request => request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", user.AccessToken);

    /// <summary>Every route the app maps, its values filled in with the world's resources.</summary>
    private List<RouteUnderTest> Routes(World w)
    {
        using var _ = platform.App.CreateClient();
        return [.. platform.App.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(PlatformOperationMetadata.IsOperation)
            .Select(e => new RouteUnderTest(
                e.Metadata.GetMetadata<IEndpointNameMetadata>()!.EndpointName,
                new HttpMethod(e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Single()),
                "/" + e.RoutePattern.RawText!.TrimStart('/')
                    .Replace("{eventId}", w.EventId, StringComparison.Ordinal)
                    .Replace("{ticketTypeId}", w.TypeId, StringComparison.Ordinal)
                    .Replace("{quotaId}", w.QuotaId, StringComparison.Ordinal)
                    .Replace("{sessionId}", w.SessionId, StringComparison.Ordinal)
                    .Replace("{voucherCode}", "CREW", StringComparison.Ordinal)
                    .Replace("{holdId}", w.HoldId, StringComparison.Ordinal)
                    .Replace("{orderId}", w.OrderId, StringComparison.Ordinal)
                    .Replace("{ticketId}", w.TicketId, StringComparison.Ordinal)
                    .Replace("{entryId}", w.EntryId, StringComparison.Ordinal)
                    .Replace("{userId}", platform.Staff.Sub, StringComparison.Ordinal),
                e.Metadata.GetMetadata<IAcceptsMetadata>() is not null,
                e.Metadata.GetMetadata<IAuthorizeData>() is not null && e.Metadata.GetMetadata<IAllowAnonymous>() is null))];
    }

    /// <summary>An event of the organizer's with its setup, the staff member at its door, and the attendee's things.</summary>
    private async Task<World> WorldAsync()
    {
        var eventId = await platform.SeedPublishedEventAsync(platform.Organizer);
        using var organizer = platform.App.Api(platform.Organizer);
        var typeId = await organizer.CreateFreeTypeAsync(eventId);
        var quotaId = (string)(await organizer.OkAsync(HttpMethod.Post, $"/events/{eventId}/quotas", new JsonObject { ["name"] = "Balcony", ["capacity"] = 1 }, ApiClient.NewKey()))["id"]!;
        var scarce = (string)(await organizer.OkAsync(HttpMethod.Post, $"/events/{eventId}/ticket-types", new JsonObject
        {
            ["name"] = "Balcony",
            ["price"] = new JsonObject { ["amount"] = 0, ["currency"] = "EUR" },
            ["quotaIds"] = new JsonArray(quotaId),
        }, ApiClient.NewKey()))["id"]!;
        var sessionId = await organizer.CreateSessionAsync(eventId, "Day 1", DateTimeOffset.UtcNow.AddDays(30));
        await organizer.OkAsync(HttpMethod.Post, $"/events/{eventId}/vouchers", new JsonObject { ["code"] = "CREW", ["percentOff"] = 100 }, ApiClient.NewKey());
        await organizer.AssignStaffAsync(eventId, platform.Staff.Sub);

        using var attendee = platform.App.Api(platform.Attendee);
        var ticketId = (await attendee.BuyFreeAsync(eventId, typeId, "Ada Holder"))[0];
        var ticket = await attendee.GetJsonAsync($"/tickets/{ticketId}");
        var orderId = (string)ticket["orderId"]!;
        var holdId = (string)(await attendee.OkAsync(HttpMethod.Post, $"/events/{eventId}/holds", new JsonObject
        {
            ["lines"] = new JsonArray(new JsonObject { ["ticketTypeId"] = typeId, ["quantity"] = 1 }),
        }, ApiClient.NewKey()))["id"]!;

        // Someone holds the one balcony seat: the attendee waits for it.
        using var admin = platform.App.Api(platform.Admin);
        await admin.OkAsync(HttpMethod.Post, $"/events/{eventId}/holds", new JsonObject
        {
            ["lines"] = new JsonArray(new JsonObject { ["ticketTypeId"] = scarce, ["quantity"] = 1 }),
        }, ApiClient.NewKey());
        var entryId = (string)(await attendee.OkAsync(HttpMethod.Post, $"/events/{eventId}/waiting-list", new JsonObject { ["ticketTypeId"] = scarce, ["quantity"] = 1 }, ApiClient.NewKey()))["id"]!;
        return new World(eventId, typeId, scarce, quotaId, sessionId, holdId, orderId, ticketId, (string)ticket["token"]!, entryId);
    }

    private sealed record World(string EventId, string TypeId, string ScarceTypeId, string QuotaId, string SessionId, string HoldId, string OrderId, string TicketId, string Token, string EntryId);

    private sealed record Step(string Operation, HttpMethod Method, string Path, JsonObject? Body, IReadOnlyList<TestUser> Strangers, TestUser Owner);

    private List<Step> Walk(World w)
    {
        // Who has no business with what: the attendee's things (anyone but the attendee, the event's
        // organizer, who manages its orders and tickets, and an admin), the organizer's event (anyone
        // but its organizer and an admin), its door (its staff may use it).
        TestUser[] notTheAttendee = [platform.OtherOrganizer, platform.Staff];
        TestUser[] notTheOrganizer = [platform.OtherOrganizer, platform.Attendee, platform.Staff];
        TestUser[] notAtTheDoor = [platform.OtherOrganizer, platform.Attendee];
        var e = $"/events/{w.EventId}";
        var scan = TicketingApi.Scan(w.Token);
        JsonArray Attendees() => [new JsonObject { ["ticketTypeId"] = w.TypeId, ["name"] = "Gate Crasher" }];
        return
        [
            new("CreateTicketType", HttpMethod.Post, $"{e}/ticket-types", new JsonObject { ["name"] = "Sneaky", ["price"] = new JsonObject { ["amount"] = 0, ["currency"] = "EUR" } }, notTheOrganizer, platform.Organizer),
            new("UpdateTicketType", HttpMethod.Patch, $"{e}/ticket-types/{w.TypeId}", new JsonObject { ["name"] = "Renamed" }, notTheOrganizer, platform.Organizer),
            new("ListOrganizerTicketTypes", HttpMethod.Get, $"/organizer{e}/ticket-types", null, notTheOrganizer, platform.Organizer),
            new("CreateQuota", HttpMethod.Post, $"{e}/quotas", new JsonObject { ["name"] = "Sneaky", ["capacity"] = 5 }, notTheOrganizer, platform.Organizer),
            new("UpdateQuota", HttpMethod.Patch, $"{e}/quotas/{w.QuotaId}", new JsonObject { ["capacity"] = 60 }, notTheOrganizer, platform.Organizer),
            new("ListQuotas", HttpMethod.Get, $"/organizer{e}/quotas", null, notTheOrganizer, platform.Organizer),
            new("CreateSession", HttpMethod.Post, $"{e}/sessions", new JsonObject { ["name"] = "Sneaky", ["startsAt"] = DateTimeOffset.UtcNow.AddDays(31).ToString("O"), ["endsAt"] = DateTimeOffset.UtcNow.AddDays(31).AddHours(2).ToString("O") }, notTheOrganizer, platform.Organizer),
            new("UpdateSession", HttpMethod.Patch, $"{e}/sessions/{w.SessionId}", new JsonObject { ["name"] = "Renamed" }, notTheOrganizer, platform.Organizer),
            new("CreateVoucher", HttpMethod.Post, $"{e}/vouchers", new JsonObject { ["code"] = "SNEAKY", ["percentOff"] = 100 }, notTheOrganizer, platform.Organizer),
            new("UpdateVoucher", HttpMethod.Patch, $"{e}/vouchers/CREW", new JsonObject { ["disabled"] = true }, notTheOrganizer, platform.Organizer),
            new("ListVouchers", HttpMethod.Get, $"/organizer{e}/vouchers", null, notTheOrganizer, platform.Organizer),
            new("UpdateTicketingSettings", HttpMethod.Patch, $"{e}/ticketing-settings", new JsonObject { ["holdMinutes"] = 5 }, notTheOrganizer, platform.Organizer),
            new("ListEventOrders", HttpMethod.Get, $"/organizer{e}/orders", null, notTheOrganizer, platform.Organizer),
            new("CancelEventOrder", HttpMethod.Post, $"/organizer{e}/orders/{w.OrderId}/cancel", new JsonObject { ["reason"] = "Not yours" }, notTheOrganizer, platform.Organizer),
            new("CreateComplimentaryOrder", HttpMethod.Post, $"{e}/complimentary-orders", new JsonObject { ["attendees"] = Attendees() }, notTheOrganizer, platform.Organizer),
            new("ListEventWaitingList", HttpMethod.Get, $"/organizer{e}/waiting-list?ticketTypeId={w.ScarceTypeId}", null, notTheOrganizer, platform.Organizer),
            new("VoidTicket", HttpMethod.Post, $"{e}/tickets/{w.TicketId}/void", new JsonObject { ["reason"] = "Not yours" }, notTheOrganizer, platform.Organizer),
            new("AssignStaff", HttpMethod.Put, $"{e}/staff/{platform.OtherOrganizer.Sub}", null, notTheOrganizer, platform.Organizer),
            new("RemoveStaff", HttpMethod.Delete, $"{e}/staff/{platform.Staff.Sub}", null, notTheOrganizer, platform.Organizer),
            new("ListStaff", HttpMethod.Get, $"/organizer{e}/staff", null, notTheOrganizer, platform.Organizer),
            new("GetCheckInCounts", HttpMethod.Get, $"/organizer{e}/check-ins", null, notTheOrganizer, platform.Organizer),
            new("CreateCheckIn", HttpMethod.Post, $"{e}/check-ins", scan, notAtTheDoor, platform.Staff),
            new("UploadCheckIns", HttpMethod.Post, $"{e}/check-ins/batch", new JsonObject { ["scans"] = new JsonArray(TicketingApi.Scan(w.Token)) }, notAtTheDoor, platform.Staff),
            new("ListEventTickets", HttpMethod.Get, $"{e}/tickets", null, notAtTheDoor, platform.Staff),
            new("GetHold", HttpMethod.Get, $"/holds/{w.HoldId}", null, notTheAttendee, platform.Attendee),
            new("ReleaseHold", HttpMethod.Delete, $"/holds/{w.HoldId}", null, notTheAttendee, platform.Attendee),
            new("CheckoutHold", HttpMethod.Post, $"/holds/{w.HoldId}/checkout", new JsonObject { ["attendees"] = Attendees() }, notTheAttendee, platform.Attendee),
            new("GetOrder", HttpMethod.Get, $"/orders/{w.OrderId}", null, notTheAttendee, platform.Attendee),
            new("CancelOrder", HttpMethod.Post, $"/orders/{w.OrderId}/cancel", new JsonObject { ["reason"] = "Not yours" }, notTheAttendee, platform.Attendee),
            new("GetTicket", HttpMethod.Get, $"/tickets/{w.TicketId}", null, notTheAttendee, platform.Attendee),
            new("GetTicketQrCode", HttpMethod.Get, $"/tickets/{w.TicketId}/qr", null, notTheAttendee, platform.Attendee),
            new("ReassignTicket", HttpMethod.Post, $"/tickets/{w.TicketId}/reassign", new JsonObject { ["holderName"] = "Mallory" }, notTheAttendee, platform.Attendee),
            new("LeaveWaitingList", HttpMethod.Delete, $"/waiting-list/{w.EntryId}", null, notTheAttendee, platform.Attendee),
        ];
    }

    private List<string> MappedOperations()
    {
        using var _ = platform.App.CreateClient();
        return [.. platform.App.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(PlatformOperationMetadata.IsOperation)
            .Select(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()!.EndpointName)];
    }

    /// <summary>Everything the organizer, the staff member and the attendee see of the world, as text (the event's waiting line holds the attendee's entry).</summary>
    private async Task<string> SnapshotAsync(World w)
    {
        var parts = new List<string>();
        var e = $"/events/{w.EventId}";
        foreach (var (user, paths) in new (TestUser, string[])[]
        {
            (platform.Organizer, [$"/organizer{e}/ticket-types", $"/organizer{e}/quotas", $"/organizer{e}/vouchers", $"{e}/sessions", $"{e}/ticketing-settings",
                $"/organizer{e}/orders", $"/organizer{e}/staff", $"/organizer{e}/check-ins", $"/organizer{e}/waiting-list?ticketTypeId={w.ScarceTypeId}"]),
            (platform.Staff, [$"{e}/tickets"]),
            // (Not the attendee's own lists: other tests' orders of the same user land there meanwhile.)
            (platform.Attendee, [$"/holds/{w.HoldId}", $"/orders/{w.OrderId}", $"/tickets/{w.TicketId}"]),
        })
        {
            using var api = platform.App.Api(user);
            foreach (var path in paths)
            {
                var seen = await api.GetJsonAsync(path);
                seen.Remove("countedAt"); // when it was read, not what it is
                seen.Remove("secondsLeft");
                parts.Add($"{path}: {seen.ToJsonString()}");
            }
        }

        return string.Join('\n', parts);
    }
}

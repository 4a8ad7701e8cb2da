using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using BitcoinEvents.Infrastructure.Http;
using BitcoinEvents.TestSupport;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Ticketing.Tests.Support;

namespace Ticketing.Tests.Tickets;

/// <summary>
/// What a hostile-input audit sends to every route of tickets and the door: the shared table of
/// <see cref="HostileRequests"/> (media types, sizes, malformed JSON, bogus tokens and keys, ids that
/// can't be ids) plus each route's own fields and query values. Every request gets a 4xx problem,
/// never a 5xx or a success, and nothing changes: the ticket, its check-ins, the staff, the counts.
/// </summary>
public sealed class TicketsHostileInputTests(TicketingFixture platform)
{
    /// <summary>The operations of tickets and the door (the other Ticketing operations have their own audits).</summary>
    public static readonly IReadOnlySet<string> Operations = new HashSet<string>(StringComparer.Ordinal)
    {
        "ListMyTickets", "GetTicket", "GetTicketQrCode", "ReassignTicket", "VoidTicket", "GetTicketKeys", "AssignStaff",
        "RemoveStaff", "ListStaff", "CreateCheckIn", "UploadCheckIns", "GetCheckInCounts", "ListEventTickets",
    };

    [Fact]
    public async Task EveryRoute_RefusesEveryHostileRequest_WithAProblem_AndChangesNothing()
    {
        var eventId = await platform.SeedPublishedEventAsync(platform.Organizer);
        using var organizer = platform.App.Api(platform.Organizer);
        var typeId = await organizer.CreateFreeTypeAsync(eventId);
        await organizer.AssignStaffAsync(eventId, platform.Staff.Sub);
        using var attendee = platform.App.Api(platform.Attendee);
        var ticketId = (await attendee.BuyFreeAsync(eventId, typeId, "Olga Vance"))[0];
        var token = (string)(await attendee.GetJsonAsync($"/tickets/{ticketId}"))["token"]!;
        var before = await SnapshotAsync(eventId, ticketId);

        var routes = Routes(eventId, ticketId, platform.Staff.Sub);
        Assert.Equal(Operations.Order(), routes.Select(r => r.Operation).Order());
        var requests = routes
            .SelectMany(route => HostileRequests.For(route, Authorize(UserFor(route)))
                .Concat(route.Path.Contains(eventId, StringComparison.Ordinal) ? HostileRequests.ForPathValues(route, eventId, Authorize(UserFor(route))) : [])
                .Concat(route.Path.Contains(ticketId, StringComparison.Ordinal) ? HostileRequests.ForPathValues(route, ticketId, Authorize(UserFor(route))) : [])
                .Concat(route.Path.EndsWith(platform.Staff.Sub, StringComparison.Ordinal) ? HostileRequests.ForPathValues(route, platform.Staff.Sub, Authorize(UserFor(route))) : []))
            .Concat(FieldRequests(eventId, ticketId, token))
            .ToList();
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
        Assert.Equal(before, await SnapshotAsync(eventId, ticketId));
    }

    /// <summary>Each route called by whom may call it: the holder for their ticket, the staff at the door, the organizer for the rest.</summary>
    private TestUser UserFor(RouteUnderTest route) => route.Operation switch
    {
        "ListMyTickets" or "GetTicket" or "GetTicketQrCode" or "ReassignTicket" => platform.Attendee,
        "CreateCheckIn" or "UploadCheckIns" or "ListEventTickets" => platform.Staff,
        _ => platform.Organizer,
    };

    private static Action<HttpRequestMessage> Authorize(TestUser user) =>
        request => request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", user.AccessToken);

    private List<RouteUnderTest> Routes(string eventId, string ticketId, string userId)
    {
        using var _ = platform.App.CreateClient();
        return platform.App.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(PlatformOperationMetadata.IsOperation)
            .Select(e => (Endpoint: e, Name: e.Metadata.GetMetadata<IEndpointNameMetadata>()!.EndpointName))
            .Where(e => Operations.Contains(e.Name))
            .Select(e => new RouteUnderTest(
                e.Name,
                new HttpMethod(e.Endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Single()),
                "/" + e.Endpoint.RoutePattern.RawText!.TrimStart('/')
                    .Replace("{eventId}", eventId, StringComparison.Ordinal)
                    .Replace("{ticketId}", ticketId, StringComparison.Ordinal)
                    .Replace("{userId}", userId, StringComparison.Ordinal),
                e.Endpoint.Metadata.GetMetadata<IAcceptsMetadata>() is not null,
                e.Endpoint.Metadata.GetMetadata<IAuthorizeData>() is not null && e.Endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null))
            .ToList();
    }

    /// <summary>The routes' own fields, query values and headers, as a hostile client gets them wrong: each a 400 naming the field.</summary>
    private IEnumerable<HostileRequest> FieldRequests(string eventId, string ticketId, string token)
    {
        var badRequest = new HashSet<HttpStatusCode> { HttpStatusCode.BadRequest };
        HostileRequest Json(TestUser user, HttpMethod method, string path, string body) => new($"{method} {path} with {Shorten(body)}", () =>
        {
            var request = new HttpRequestMessage(method, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            Authorize(user)(request);
            request.Headers.TryAddWithoutValidation("Idempotency-Key", Guid.NewGuid().ToString());
            return request;
        }, badRequest);
        HostileRequest Get(TestUser user, string path) => new($"GET {path}", () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, path);
            Authorize(user)(request);
            return request;
        }, badRequest);

        var now = DateTimeOffset.UtcNow;
        var valid = new JsonObject { ["scanId"] = "scan-1", ["token"] = token, ["deviceId"] = "door-1" };
        var scanFields = new (string Field, string Json)[]
        {
            ("scanId", "null"), ("scanId", "\"\""), ("scanId", "\"two words\""), ("scanId", $"\"{new string('s', 65)}\""), ("scanId", "42"), ("scanId", "\"é\""),
            ("token", "null"), ("token", "\"\""), ("token", $"\"{new string('t', 5000)}\""), ("token", "{}"), ("token", "7"),
            ("deviceId", "null"), ("deviceId", "\"\\u0000\""), ("deviceId", $"\"{new string('d', 65)}\""), ("deviceId", "[]"),
            ("sessionId", "\"..\""), ("sessionId", "\"0190A1B2C3D4E5F60718293A4B5C6D7E\""), ("sessionId", $"\"{new string('a', 32)}\""), ("sessionId", "1"),
            ("scannedAt", "\"2030-03-01T18:00:00\""), ("scannedAt", "\"yesterday\""), ("scannedAt", $"\"{now.AddHours(1):O}\""), ("scannedAt", $"\"{now.AddDays(-30):O}\""), ("scannedAt", "0"),
        };
        foreach (var (field, json) in scanFields)
        {
            var body = valid.DeepClone().AsObject();
            body[field] = JsonNode.Parse(json);
            yield return Json(platform.Staff, HttpMethod.Post, $"/events/{eventId}/check-ins", body.ToJsonString());

            var offline = body.DeepClone().AsObject();
            if (field != "scannedAt")
            {
                offline["scannedAt"] = now.AddMinutes(-1).ToString("O");
            }

            yield return Json(platform.Staff, HttpMethod.Post, $"/events/{eventId}/check-ins/batch", new JsonObject { ["scans"] = new JsonArray(offline) }.ToJsonString());
        }

        foreach (var scans in new[] { "null", "[]", "{}", "\"scans\"", "[null]", "[1]", $"[{string.Join(",", Enumerable.Repeat(valid.ToJsonString(), 101))}]" })
        {
            yield return Json(platform.Staff, HttpMethod.Post, $"/events/{eventId}/check-ins/batch", $"{{\"scans\": {scans}}}");
        }

        yield return Json(platform.Staff, HttpMethod.Post, $"/events/{eventId}/check-ins/batch", new JsonObject { ["scans"] = new JsonArray(valid.DeepClone()) }.ToJsonString());

        foreach (var name in new[] { "null", "\"\"", "\"   \"", "\"\\u200B\"", "\"a\\nb\"", $"\"{new string('n', 121)}\"", "42", "[\"x\"]" })
        {
            yield return Json(platform.Attendee, HttpMethod.Post, $"/tickets/{ticketId}/reassign", $"{{\"holderName\": {name}}}");
        }

        foreach (var reason in new[] { "null", "\"\"", "\"\\u3164\"", $"\"{new string('r', 201)}\"", "false" })
        {
            yield return Json(platform.Organizer, HttpMethod.Post, $"/events/{eventId}/tickets/{ticketId}/void", $"{{\"reason\": {reason}}}");
        }

        foreach (var query in new[] { "format=gif", "format=", "format=PNG", "format=png&format=svg" })
        {
            yield return Get(platform.Attendee, $"/tickets/{ticketId}/qr?{query}");
        }

        foreach (var query in new[] { "limit=0", "limit=101", "limit=ten", "cursor=forged", "cursor=" + new string('c', 3000) })
        {
            yield return Get(platform.Attendee, $"/me/tickets?{query}");
            yield return Get(platform.Staff, $"/events/{eventId}/tickets?{query}");
        }
    }

    private async Task<string> SnapshotAsync(string eventId, string ticketId)
    {
        using var organizer = platform.App.Api(platform.Organizer);
        var ticket = await organizer.GetJsonAsync($"/tickets/{ticketId}");
        var staff = await organizer.GetJsonAsync($"/organizer/events/{eventId}/staff");
        var counts = await organizer.GetJsonAsync($"/organizer/events/{eventId}/check-ins");
        counts.Remove("countedAt");
        return $"{ticket.ToJsonString()}\n{staff.ToJsonString()}\n{counts.ToJsonString()}";
    }

    private static string Shorten(string text) => text.Length > 60 ? text[..60] + "…" : text;
}

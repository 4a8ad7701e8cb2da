using System.Net;
using System.Text.Json.Nodes;
using BitcoinEvents.TestSupport;

namespace Ticketing.Tests.Support;

/// <summary>The Ticketing API as a client calls it, with the steps most tests take (a type, a free order, a scan).</summary>
public sealed class TicketingApi(HttpClient client) : ApiClient(client)
{
    /// <summary>Sends and asserts a 2xx answer; returns its JSON.</summary>
    public async Task<JsonObject> OkAsync(HttpMethod method, string path, JsonNode? body = null, string? idempotencyKey = null)
    {
        using var response = await SendAsync(method, path, body, idempotencyKey);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: expected 2xx, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? [] : JsonNode.Parse(text)!.AsObject();
    }

    public Task<JsonObject> GetJsonAsync(string path) => OkAsync(HttpMethod.Get, path);

    /// <summary>A free ticket type (optionally admitting to <paramref name="sessionIds"/>); its id.</summary>
    public async Task<string> CreateFreeTypeAsync(string eventId, string name = "General admission", params string[] sessionIds)
    {
        var body = new JsonObject { ["name"] = name, ["price"] = new JsonObject { ["amount"] = 0, ["currency"] = "EUR" }, ["maxPerOrder"] = 10 };
        if (sessionIds.Length > 0)
        {
            body["sessionIds"] = new JsonArray([.. sessionIds.Select(s => (JsonNode)s)]);
        }

        return (string)(await OkAsync(HttpMethod.Post, $"/events/{eventId}/ticket-types", body, NewKey()))["id"]!;
    }

    public async Task<string> CreateSessionAsync(string eventId, string name, DateTimeOffset startsAt)
    {
        var body = new JsonObject { ["name"] = name, ["startsAt"] = startsAt.ToString("O"), ["endsAt"] = startsAt.AddHours(8).ToString("O") };
        return (string)(await OkAsync(HttpMethod.Post, $"/events/{eventId}/sessions", body, NewKey()))["id"]!;
    }

    /// <summary>Holds and checks out free tickets of one type, one per holder; the paid order's ticket ids.</summary>
    public async Task<IReadOnlyList<string>> BuyFreeAsync(string eventId, string typeId, params string[] holders)
    {
        var hold = await OkAsync(HttpMethod.Post, $"/events/{eventId}/holds", new JsonObject
        {
            ["lines"] = new JsonArray(new JsonObject { ["ticketTypeId"] = typeId, ["quantity"] = holders.Length }),
        }, NewKey());
        var attendees = new JsonArray([.. holders.Select(h => (JsonNode)new JsonObject { ["ticketTypeId"] = typeId, ["name"] = h })]);
        var order = await OkAsync(HttpMethod.Post, $"/holds/{(string)hold["id"]!}/checkout", new JsonObject { ["attendees"] = attendees }, NewKey());
        Assert.Equal("paid", (string?)order["status"]);
        return [.. order["ticketIds"]!.AsArray().Select(t => (string)t!)];
    }

    public Task<JsonObject> AssignStaffAsync(string eventId, string userId) => OkAsync(HttpMethod.Put, $"/events/{eventId}/staff/{userId}");

    public static JsonObject Scan(string token, string? scanId = null, string deviceId = "door-1", string? sessionId = null, DateTimeOffset? scannedAt = null)
    {
        var scan = new JsonObject { ["scanId"] = scanId ?? Guid.NewGuid().ToString(), ["token"] = token, ["deviceId"] = deviceId };
        if (sessionId is not null)
        {
            scan["sessionId"] = sessionId;
        }

        if (scannedAt is not null)
        {
            scan["scannedAt"] = scannedAt.Value.ToString("O");
        }

        return scan;
    }

    /// <summary>One scan at the event's door; the answer (a scan's answer is 200 whatever it says).</summary>
    public Task<JsonObject> CheckInAsync(string eventId, JsonObject scan) => OkAsync(HttpMethod.Post, $"/events/{eventId}/check-ins", scan);

    public async Task<HttpResponseMessage> GetWithAcceptAsync(string path, string? accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        return await Client.SendAsync(request, Ct);
    }

    public static async Task AssertStatusAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        ArgumentNullException.ThrowIfNull(response);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
    }
}

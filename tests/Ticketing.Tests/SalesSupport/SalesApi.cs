using System.Net;
using System.Text.Json.Nodes;
using BitcoinEvents.TestSupport;

namespace Ticketing.Tests.SalesSupport;

/// <summary>The Ticketing HTTP API as one signed-in user calls it, for the selling stories (JSON in, JSON out).</summary>
internal sealed class SalesApi(HttpClient client) : ApiClient(client)
{
    public Task<HttpResponseMessage> PostAsync(string path, JsonNode? body) => SendAsync(HttpMethod.Post, path, body ?? new JsonObject(), NewKey());

    public Task<HttpResponseMessage> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path, null, NewKey());

    public Task<HttpResponseMessage> HoldAsync(string eventId, string ticketTypeId, int quantity) =>
        PostAsync($"/events/{eventId}/holds", new JsonObject { ["lines"] = new JsonArray(new JsonObject { ["ticketTypeId"] = ticketTypeId, ["quantity"] = quantity }) });

    public Task<HttpResponseMessage> CheckoutAsync(string holdId, string ticketTypeId, int seats) =>
        PostAsync($"/holds/{holdId}/checkout", new JsonObject
        {
            ["attendees"] = new JsonArray([.. Enumerable.Range(1, seats).Select(i => (JsonNode)new JsonObject { ["ticketTypeId"] = ticketTypeId, ["name"] = $"Holder {i}" })]),
        });

    public Task<HttpResponseMessage> JoinAsync(string eventId, string ticketTypeId, int quantity) =>
        PostAsync($"/events/{eventId}/waiting-list", new JsonObject { ["ticketTypeId"] = ticketTypeId, ["quantity"] = quantity });

    /// <summary>The caller's waiting-list entries, newest first.</summary>
    public async Task<List<JsonObject>> MyEntriesAsync()
    {
        using var response = await GetAsync("/me/waiting-list?limit=100");
        return [.. (await ReadAsync(response, HttpStatusCode.OK))["items"]!.AsArray().Select(i => i!.AsObject())];
    }

    public async Task<JsonObject> MyEntryAsync(string entryId) => (await MyEntriesAsync()).Single(e => e["id"]!.GetValue<string>() == entryId);

    public async Task<JsonObject> OrderAsync(string orderId)
    {
        using var response = await GetAsync($"/orders/{orderId}");
        return await ReadAsync(response, HttpStatusCode.OK);
    }

    /// <summary>Seats left of each type of a published event, by type id.</summary>
    public async Task<Dictionary<string, int>> AvailableAsync(string eventId)
    {
        using var response = await GetAsync($"/events/{eventId}/ticket-types");
        return (await ReadAsync(response, HttpStatusCode.OK))["items"]!.AsArray()
            .ToDictionary(t => t!["id"]!.GetValue<string>(), t => t!["available"]!.GetValue<int>(), StringComparer.Ordinal);
    }

    /// <summary>Seats left in each quota of the event, by quota name (organizer).</summary>
    public async Task<Dictionary<string, int>> QuotasAsync(string eventId)
    {
        using var response = await GetAsync($"/organizer/events/{eventId}/quotas");
        return (await ReadAsync(response, HttpStatusCode.OK))["items"]!.AsArray()
            .ToDictionary(q => q!["name"]!.GetValue<string>(), q => q!["available"]!.GetValue<int>(), StringComparer.Ordinal);
    }

    /// <summary>Asserts the status and returns the JSON body.</summary>
    public static async Task<JsonObject> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    public static async Task<JsonObject> ReadAsync(Task<HttpResponseMessage> sending, HttpStatusCode expected)
    {
        using var response = await sending;
        return await ReadAsync(response, expected);
    }

    public static string Id(JsonObject resource) => resource["id"]!.GetValue<string>();
}

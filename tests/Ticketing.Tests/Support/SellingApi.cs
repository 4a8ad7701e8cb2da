using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using BitcoinEvents.TestSupport;
using BitcoinEvents.Ticketing.Contracts;

namespace Ticketing.Tests.Support;

/// <summary>
/// The Ticketing selling API as a client sees it: valid bodies, the usual calls (each mutating one
/// with a fresh Idempotency-Key unless told otherwise), and readers for its answers.
/// </summary>
public sealed class SellingApi(HttpClient client) : ApiClient(client)
{
    /// <summary>A valid ticket type body: <paramref name="priceMinor"/> EUR (0: free), 1 to 4 per order.</summary>
    public static JsonObject TicketType(string name, long priceMinor, params string[] quotaIds) => new()
    {
        ["name"] = name,
        ["description"] = $"{name} admission.",
        ["price"] = new JsonObject { ["amount"] = priceMinor, ["currency"] = "EUR" },
        ["minPerOrder"] = 1,
        ["maxPerOrder"] = 4,
        ["quotaIds"] = new JsonArray([.. quotaIds.Select(q => (JsonNode)q)]),
    };

    public static JsonObject Line(string ticketTypeId, int quantity) => new() { ["ticketTypeId"] = ticketTypeId, ["quantity"] = quantity };

    public static JsonObject HoldBody(string? voucherCode, params JsonObject[] lines)
    {
        var body = new JsonObject { ["lines"] = new JsonArray([.. lines]) };
        if (voucherCode is not null)
        {
            body["voucherCode"] = voucherCode;
        }

        return body;
    }

    /// <summary>One attendee per seat of <paramref name="hold"/>, named after the seat.</summary>
    public static JsonObject CheckoutBody(HoldResponse hold) => new()
    {
        ["attendees"] = new JsonArray([.. hold.Lines.SelectMany(l => Enumerable.Range(1, l.Quantity).Select(i => (JsonNode)new JsonObject
        {
            ["ticketTypeId"] = l.TicketTypeId,
            ["name"] = $"Guest {i} of {l.Name}",
        }))]),
    };

    public Task<HttpResponseMessage> PostAsync(string path, JsonNode? body) => SendAsync(HttpMethod.Post, path, body, NewKey());

    public Task<HttpResponseMessage> PatchAsync(string path, JsonNode body) => SendAsync(HttpMethod.Patch, path, body, NewKey());

    public async Task<TicketTypeResponse> CreateTypeAsync(string eventId, JsonObject body)
    {
        using var response = await PostAsync($"/events/{eventId}/ticket-types", body);
        return await ReadAsync<TicketTypeResponse>(response, HttpStatusCode.Created);
    }

    public async Task<QuotaResponse> CreateQuotaAsync(string eventId, string name, int capacity, int? buckets = null)
    {
        var body = new JsonObject { ["name"] = name, ["capacity"] = capacity };
        if (buckets is not null)
        {
            body["buckets"] = buckets;
        }

        using var response = await PostAsync($"/events/{eventId}/quotas", body);
        return await ReadAsync<QuotaResponse>(response, HttpStatusCode.Created);
    }

    public async Task<VoucherResponse> CreateVoucherAsync(string eventId, JsonObject body)
    {
        using var response = await PostAsync($"/events/{eventId}/vouchers", body);
        return await ReadAsync<VoucherResponse>(response, HttpStatusCode.Created);
    }

    public async Task<TicketingSettingsResponse> SetHoldMinutesAsync(string eventId, int minutes)
    {
        using var response = await PatchAsync($"/events/{eventId}/ticketing-settings", new JsonObject { ["holdMinutes"] = minutes });
        return await ReadAsync<TicketingSettingsResponse>(response, HttpStatusCode.OK);
    }

    public Task<HttpResponseMessage> HoldAsync(string eventId, JsonObject body) => PostAsync($"/events/{eventId}/holds", body);

    /// <summary>A hold that must succeed.</summary>
    public async Task<HoldResponse> HoldOkAsync(string eventId, params JsonObject[] lines)
    {
        using var response = await HoldAsync(eventId, HoldBody(null, lines));
        return await ReadAsync<HoldResponse>(response, HttpStatusCode.Created);
    }

    public Task<HttpResponseMessage> CheckoutAsync(HoldResponse hold) => PostAsync($"/holds/{hold.Id}/checkout", CheckoutBody(hold));

    /// <summary>A checkout that must succeed.</summary>
    public async Task<OrderResponse> CheckoutOkAsync(HoldResponse hold)
    {
        using var response = await CheckoutAsync(hold);
        return await ReadAsync<OrderResponse>(response, HttpStatusCode.Created);
    }

    public async Task<OrderResponse> GetOrderAsync(string orderId)
    {
        using var response = await GetAsync($"/orders/{orderId}");
        return await ReadAsync<OrderResponse>(response, HttpStatusCode.OK);
    }

    public async Task<HoldResponse> GetHoldAsync(string holdId)
    {
        using var response = await GetAsync($"/holds/{holdId}");
        return await ReadAsync<HoldResponse>(response, HttpStatusCode.OK);
    }

    public async Task<IReadOnlyList<QuotaResponse>> ListQuotasAsync(string eventId)
    {
        using var response = await GetAsync($"/organizer/events/{eventId}/quotas");
        return (await ReadAsync<QuotaListResponse>(response, HttpStatusCode.OK)).Items;
    }

    public async Task<IReadOnlyList<TicketTypeResponse>> ListTypesAsync(string eventId, bool organizer = false)
    {
        using var response = await GetAsync(organizer ? $"/organizer/events/{eventId}/ticket-types" : $"/events/{eventId}/ticket-types");
        return (await ReadAsync<TicketTypeListResponse>(response, HttpStatusCode.OK)).Items;
    }

    /// <summary>Asserts <paramref name="expected"/> and reads the JSON body as <typeparamref name="T"/>.</summary>
    public static async Task<T> ReadAsync<T>(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonSerializer.Deserialize<T>(text, Json)!;
    }
}

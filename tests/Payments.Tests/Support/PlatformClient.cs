using System.Net;
using System.Text.Json.Nodes;
using BitcoinEvents.TestSupport;

namespace Payments.Tests.Support;

/// <summary>The platform's API as a buyer or an organizer uses it to get to a payment: events, ticket types, holds, orders, payments.</summary>
public sealed class PlatformClient(HttpClient client) : ApiClient(client)
{
    /// <summary>A published event starting in a month, with one ticket type at <paramref name="price"/>; returns (eventId, ticketTypeId).</summary>
    public async Task<(string EventId, string TicketTypeId)> PublishedEventWithTicketsAsync(long price, string currency)
    {
        var startsAt = DateTimeOffset.UtcNow.AddDays(30);
        var created = await ReadAsync(await SendAsync(HttpMethod.Post, "/events", new JsonObject
        {
            ["title"] = "Payments test night",
            ["description"] = "Paying for tickets through the fake providers.",
            ["venue"] = new JsonObject
            {
                ["name"] = "Bitcoin Embassy",
                ["addressLines"] = new JsonArray("Rua Augusta 1"),
                ["city"] = "Lisbon",
                ["country"] = "PT",
                ["timeZone"] = "Europe/Lisbon",
            },
            ["startsAt"] = startsAt.ToString("O"),
            ["endsAt"] = startsAt.AddHours(3).ToString("O"),
            ["capacity"] = 100,
        }, NewKey()), HttpStatusCode.Created);
        var eventId = created["id"]!.GetValue<string>();
        await ReadAsync(await SendAsync(HttpMethod.Post, $"/events/{eventId}/publish"), HttpStatusCode.OK);
        var type = await ReadAsync(await SendAsync(HttpMethod.Post, $"/events/{eventId}/ticket-types", new JsonObject
        {
            ["name"] = "General admission",
            ["price"] = new JsonObject { ["amount"] = price, ["currency"] = currency },
            ["minPerOrder"] = 1,
            ["maxPerOrder"] = 10,
        }, NewKey()), HttpStatusCode.Created);
        return (eventId, type["id"]!.GetValue<string>());
    }

    /// <summary>A pending order of <paramref name="quantity"/> tickets: a hold, checked out.</summary>
    public async Task<JsonObject> PendingOrderAsync(string eventId, string ticketTypeId, int quantity)
    {
        var hold = await ReadAsync(await SendAsync(HttpMethod.Post, $"/events/{eventId}/holds", new JsonObject
        {
            ["lines"] = new JsonArray(new JsonObject { ["ticketTypeId"] = ticketTypeId, ["quantity"] = quantity }),
        }, NewKey()), HttpStatusCode.Created);
        var attendees = new JsonArray([.. Enumerable.Range(1, quantity).Select(i => (JsonNode)new JsonObject { ["ticketTypeId"] = ticketTypeId, ["name"] = $"Attendee {i}" })]);
        return await ReadAsync(await SendAsync(HttpMethod.Post, $"/holds/{hold["id"]!.GetValue<string>()}/checkout", new JsonObject { ["attendees"] = attendees }, NewKey()), HttpStatusCode.Created);
    }

    public Task<HttpResponseMessage> StartPaymentAsync(string orderId, JsonObject body, string? idempotencyKey = "new") =>
        SendAsync(HttpMethod.Post, $"/orders/{orderId}/payments", body, idempotencyKey == "new" ? NewKey() : idempotencyKey);

    public async Task<JsonObject> GetOrderAsync(string orderId) => await ReadAsync(await GetAsync($"/orders/{orderId}"), HttpStatusCode.OK);

    public async Task<JsonObject> GetPaymentAsync(string paymentId) => await ReadAsync(await GetAsync($"/payments/{paymentId}"), HttpStatusCode.OK);

    /// <summary>Polls the order until <paramref name="done"/> holds (the chain runs through queues and streams); fails after <paramref name="seconds"/>.</summary>
    public async Task<JsonObject> WaitForOrderAsync(string orderId, Func<JsonObject, bool> done, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        JsonObject order;
        do
        {
            order = await GetOrderAsync(orderId);
            if (done(order))
            {
                return order;
            }

            await Task.Delay(250, Ct);
        }
        while (DateTime.UtcNow < deadline);
        throw new TimeoutException($"Order {orderId} did not get there within {seconds} s: {order}");
    }

    /// <summary>Polls the payment until <paramref name="done"/> holds.</summary>
    public async Task<JsonObject> WaitForPaymentAsync(string paymentId, Func<JsonObject, bool> done, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        JsonObject payment;
        do
        {
            payment = await GetPaymentAsync(paymentId);
            if (done(payment))
            {
                return payment;
            }

            await Task.Delay(250, Ct);
        }
        while (DateTime.UtcNow < deadline);
        throw new TimeoutException($"Payment {paymentId} did not get there within {seconds} s: {payment}");
    }

    public static async Task<JsonObject> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(response.StatusCode == expected, $"Expected {(int)expected} from {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath}, got {(int)response.StatusCode}: {text}");
            return JsonNode.Parse(text)!.AsObject();
        }
    }
}

/// <summary>The fake providers' control API (tools/FakeProviders/README.md).</summary>
public sealed class FakeControl(HttpClient client) : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Makes the fake do <paramref name="action"/> to <paramref name="reference"/>; returns the webhooks it sent (or held).</summary>
    public async Task<JsonObject> ActAsync(string provider, string reference, string action, string delivery = "now", long? amount = null)
    {
        var body = new JsonObject { ["delivery"] = delivery };
        if (amount is not null)
        {
            body["amount"] = amount;
        }

        using var response = await client.PostAsync($"{provider}/payments/{reference}/{action}", new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"), Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"The fake {provider} refused {action} of {reference}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>Sends the held webhooks <paramref name="ids"/> of <paramref name="provider"/> <paramref name="times"/> times in <paramref name="order"/>; returns each send's status.</summary>
    public async Task<IReadOnlyList<int>> ReleaseAsync(string provider, IEnumerable<string> ids, string order, int times, int seed)
    {
        var body = new JsonObject { ["order"] = order, ["times"] = times, ["seed"] = seed, ["ids"] = new JsonArray([.. ids.Select(i => (JsonNode)i)]) };
        using var response = await client.PostAsync($"{provider}/webhooks/release", new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"), Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, text);
        return [.. JsonNode.Parse(text)!["sent"]!.AsArray().Select(s => s!["status"]!.GetValue<int>())];
    }

    /// <summary>The ids of the webhooks an <see cref="ActAsync"/> answer lists.</summary>
    public static IReadOnlyList<string> WebhookIds(JsonObject acted) => [.. acted["webhooks"]!.AsArray().Select(w => w!["id"]!.GetValue<string>())];

    public void Dispose() => client.Dispose();
}

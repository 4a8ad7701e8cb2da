using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BitcoinEvents.TestSupport;

namespace Notifications.Tests.Support;

/// <summary>What a buyer and an organizer do over the platform's HTTP API (Events and Ticketing areas).</summary>
internal static class Shop
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A published event with one free ticket type; returns (eventId, ticketTypeId).</summary>
    public static async Task<(string EventId, string TicketTypeId)> FreeEventAsync(
        NotificationsPlatform platform, TestUser organizer, DateTimeOffset startsAt, string title = "Porto Lightning Night", string timeZone = "Europe/Lisbon")
    {
        using var api = platform.Client(organizer);
        var created = await SendAsync(api, HttpMethod.Post, "/events", new JsonObject
        {
            ["title"] = title,
            ["description"] = "Lightning talks and a node-running workshop.",
            ["venue"] = new JsonObject
            {
                ["name"] = "Maus Hábitos",
                ["addressLines"] = new JsonArray("Rua Passos Manuel 178"),
                ["city"] = "Porto",
                ["country"] = "PT",
                ["timeZone"] = timeZone,
            },
            ["startsAt"] = startsAt.ToString("O"),
            ["endsAt"] = startsAt.AddHours(3).ToString("O"),
            ["capacity"] = 80,
        });
        var eventId = created["id"]!.GetValue<string>();
        await SendAsync(api, HttpMethod.Post, $"/events/{eventId}/publish", null);
        var type = await SendAsync(api, HttpMethod.Post, $"/events/{eventId}/ticket-types", new JsonObject
        {
            ["name"] = "General admission",
            ["price"] = new JsonObject { ["amount"] = 0, ["currency"] = "EUR" },
        });
        return (eventId, type["id"]!.GetValue<string>());
    }

    /// <summary>Holds and checks out <paramref name="quantity"/> free tickets; returns the order (paid at once: it is free).</summary>
    public static async Task<JsonObject> BuyFreeAsync(NotificationsPlatform platform, TestUser buyer, string eventId, string ticketTypeId, int quantity = 1)
    {
        using var api = platform.Client(buyer);
        var hold = await SendAsync(api, HttpMethod.Post, $"/events/{eventId}/holds", new JsonObject
        {
            ["lines"] = new JsonArray(new JsonObject { ["ticketTypeId"] = ticketTypeId, ["quantity"] = quantity }),
        });
        var attendees = new JsonArray();
        for (var i = 0; i < quantity; i++)
        {
            attendees.Add(new JsonObject { ["ticketTypeId"] = ticketTypeId, ["name"] = $"Ada Lovelace {i + 1}" });
        }

        return await SendAsync(api, HttpMethod.Post, $"/holds/{hold["id"]!.GetValue<string>()}/checkout", new JsonObject { ["attendees"] = attendees });
    }

    public static async Task<JsonObject> SendAsync(HttpClient api, HttpMethod method, string path, JsonNode? body)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await api.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {text}");
        return string.IsNullOrWhiteSpace(text) ? [] : JsonNode.Parse(text)!.AsObject();
    }
}

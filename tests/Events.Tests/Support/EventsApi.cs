using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using BitcoinEvents.Events.Contracts;
using BitcoinEvents.TestSupport;

namespace Events.Tests.Support;

/// <summary>The Events HTTP API as a client sees it: valid bodies, the usual calls, and readers for events (problems: <see cref="ApiClient"/>).</summary>
public sealed class EventsApi(HttpClient client) : ApiClient(client)
{
    /// <summary>A valid create body starting at <paramref name="startsAt"/> (3 h long).</summary>
    public static JsonObject ValidEvent(DateTimeOffset startsAt, string title = "Lisbon Bitcoin Meetup") => new()
    {
        ["title"] = title,
        ["description"] = "Talks, beers and a Lightning workshop.",
        ["venue"] = new JsonObject
        {
            ["name"] = "Bitcoin Embassy",
            ["addressLines"] = new JsonArray("Rua Augusta 1"),
            ["city"] = "Lisbon",
            ["postalCode"] = "1100-048",
            ["country"] = "PT",
            ["timeZone"] = "Europe/Lisbon",
        },
        ["startsAt"] = startsAt.ToString("O"),
        ["endsAt"] = startsAt.AddHours(3).ToString("O"),
        ["capacity"] = 120,
    };

    public Task<HttpResponseMessage> CreateAsync(JsonNode body, string? idempotencyKey = "new") =>
        SendAsync(HttpMethod.Post, "/events", body, idempotencyKey == "new" ? NewKey() : idempotencyKey);

    public Task<HttpResponseMessage> PatchAsync(string eventId, JsonNode body, string? ifMatch = null, string? idempotencyKey = null) =>
        SendAsync(HttpMethod.Patch, $"/events/{eventId}", body, idempotencyKey, ifMatch);

    public Task<HttpResponseMessage> PublishAsync(string eventId, string? ifMatch = null) =>
        SendAsync(HttpMethod.Post, $"/events/{eventId}/publish", null, null, ifMatch);

    public Task<HttpResponseMessage> CancelAsync(string eventId, string? reason) =>
        SendAsync(HttpMethod.Post, $"/events/{eventId}/cancel", reason is null ? new JsonObject() : new JsonObject { ["reason"] = reason });

    /// <summary>Creates a draft and returns it; fails the test unless the API answered 201.</summary>
    public async Task<EventResponse> CreateDraftAsync(DateTimeOffset startsAt, string title = "Lisbon Bitcoin Meetup")
    {
        using var response = await CreateAsync(ValidEvent(startsAt, title));
        return await ReadEventAsync(response, HttpStatusCode.Created);
    }

    /// <summary>Creates and publishes an event and returns it.</summary>
    public async Task<EventResponse> CreatePublishedAsync(DateTimeOffset startsAt, string title = "Lisbon Bitcoin Meetup")
    {
        var draft = await CreateDraftAsync(startsAt, title);
        using var response = await PublishAsync(draft.Id);
        return await ReadEventAsync(response, HttpStatusCode.OK);
    }

    public static async Task<EventResponse> ReadEventAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonSerializer.Deserialize<EventResponse>(text, Json)!;
    }

    public static async Task<EventPageResponse> ReadPageAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200, got {(int)response.StatusCode}: {text}");
        return JsonSerializer.Deserialize<EventPageResponse>(text, Json)!;
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BitcoinEvents.Events.Contracts;

namespace Events.Tests.Support;

/// <summary>The Events HTTP API as a client sees it: plain requests, and readers for events and problems.</summary>
public sealed class EventsApi(HttpClient client) : IDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public HttpClient Client => client;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static string NewKey() => Guid.NewGuid().ToString();

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

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, JsonNode? body = null, string? idempotencyKey = null, string? ifMatch = null) =>
        SendRawAsync(method, path, body?.ToJsonString(), idempotencyKey, ifMatch);

    public async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, string? body, string? idempotencyKey = null, string? ifMatch = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, contentType);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await client.SendAsync(request, Ct);
    }

    public Task<HttpResponseMessage> CreateAsync(JsonNode body, string? idempotencyKey = "new") =>
        SendAsync(HttpMethod.Post, "/events", body, idempotencyKey == "new" ? NewKey() : idempotencyKey);

    public Task<HttpResponseMessage> PatchAsync(string eventId, JsonNode body, string? ifMatch = null, string? idempotencyKey = null) =>
        SendAsync(HttpMethod.Patch, $"/events/{eventId}", body, idempotencyKey, ifMatch);

    public Task<HttpResponseMessage> PublishAsync(string eventId, string? ifMatch = null) =>
        SendAsync(HttpMethod.Post, $"/events/{eventId}/publish", null, null, ifMatch);

    public Task<HttpResponseMessage> CancelAsync(string eventId, string? reason) =>
        SendAsync(HttpMethod.Post, $"/events/{eventId}/cancel", reason is null ? new JsonObject() : new JsonObject { ["reason"] = reason });

    public Task<HttpResponseMessage> GetAsync(string path) => client.GetAsync(path, Ct);

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

    /// <summary>Asserts a problem-details answer with <paramref name="status"/> and returns its JSON.</summary>
    public static async Task<JsonObject> ReadProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(text)!.AsObject();
        Assert.Equal((int)status, problem["status"]!.GetValue<int>());
        return problem;
    }

    /// <summary>Asserts a 400 whose <c>errors</c> name <paramref name="field"/>, and returns the field names.</summary>
    public static async Task<IReadOnlyList<string>> AssertValidationErrorAsync(HttpResponseMessage response, string field)
    {
        var problem = await ReadProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = problem["errors"]?.AsObject() ?? throw new Xunit.Sdk.XunitException($"No errors in {problem}");
        var fields = errors.Select(e => e.Key).ToList();
        Assert.True(fields.Contains(field), $"Expected an error naming '{field}', got: {problem}");
        return fields;
    }

    public void Dispose() => client.Dispose();
}

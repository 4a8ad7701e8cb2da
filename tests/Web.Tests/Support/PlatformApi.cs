using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BitcoinEvents.LocalAws;

namespace Web.Tests.Support;

/// <summary>
/// The platform's HTTP API as one demo user, for what a story needs to exist before its browser
/// part begins (an event of its own, tickets in someone's hands). Signs in with cognito-local as
/// the web app does; every answer must be a success.
/// </summary>
public sealed class PlatformApi : IDisposable
{
    public const string Organizer = "organizer@demo.local";
    public const string Attendee = "attendee@demo.local";
    public const string Staff = "staff@demo.local";

    private static readonly Dictionary<string, string> Passwords = new(StringComparer.Ordinal)
    {
        [Organizer] = "Demo-Organizer-1",
        [Attendee] = "Demo-Attendee-1",
        [Staff] = "Demo-Staff-1",
    };

    /// <summary>A demo user's password (local-only credentials of the Cognito emulator).</summary>
    public static string PasswordOf(string email) => Passwords[email];

    private readonly HttpClient _client;

    private PlatformApi(HttpClient client, string userId)
    {
        _client = client;
        UserId = userId;
    }

    /// <summary>The user's Cognito subject (their user id in the API).</summary>
    public string UserId { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<PlatformApi> SignInAsync(WebFixture web, string email)
    {
        using var http = new HttpClient { BaseAddress = web.WebUrl };
        var config = (await http.GetFromJsonAsync<JsonObject>("config.json", Ct))!;
        using var cognito = new LocalCognito(new Uri(config["cognito"]!["endpoint"]!.GetValue<string>()));
        var tokens = await cognito.SignInAsync(config["cognito"]!["clientId"]!.GetValue<string>(), email, Passwords[email], Ct);
        var client = new HttpClient { BaseAddress = web.ApiUrl };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        var payload = tokens.IdToken.Split('.')[1].Replace('-', '+').Replace('_', '/');
        var claims = JsonNode.Parse(Convert.FromBase64String(payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=')))!;
        return new PlatformApi(client, claims["sub"]!.GetValue<string>());
    }

    /// <summary>A published event of the demo organizer, starting in 20 days, with one free ticket type; returns (event id, type id).</summary>
    public Task<(string EventId, string TypeId)> CreateFreeEventAsync(string title, int capacity, string typeName, int maxPerOrder) =>
        CreateEventAsync(title, capacity, typeName, maxPerOrder, priceInCents: 0);

    /// <summary>As <see cref="CreateFreeEventAsync"/>, with one ticket type at a price in euro cents.</summary>
    public async Task<(string EventId, string TypeId)> CreateEventAsync(string title, int capacity, string typeName, int maxPerOrder, long priceInCents)
    {
        var start = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(20).AddHours(18);
        var created = await SendAsync(HttpMethod.Post, "events", new JsonObject
        {
            ["title"] = title,
            ["description"] = "Made by a browser story.",
            ["venue"] = new JsonObject
            {
                ["name"] = "Casa do Capitão",
                ["addressLines"] = new JsonArray("Avenida Infante Dom Henrique"),
                ["city"] = "Lisbon",
                ["country"] = "PT",
                ["timeZone"] = "Europe/Lisbon",
            },
            ["startsAt"] = start,
            ["endsAt"] = start.AddHours(3),
            ["capacity"] = capacity,
        });
        var eventId = created["id"]!.GetValue<string>();
        var type = await SendAsync(HttpMethod.Post, $"events/{eventId}/ticket-types", new JsonObject
        {
            ["name"] = typeName,
            ["price"] = new JsonObject { ["amount"] = priceInCents, ["currency"] = "EUR" },
            ["maxPerOrder"] = maxPerOrder,
        });
        await SendAsync(HttpMethod.Post, $"events/{eventId}/publish", null);
        return (eventId, type["id"]!.GetValue<string>());
    }

    /// <summary>Free tickets bought as this user (hold, then checkout), one per name; returns the order.</summary>
    public async Task<JsonObject> GetFreeTicketsAsync(string eventId, string typeId, params string[] names)
    {
        var hold = await SendAsync(HttpMethod.Post, $"events/{eventId}/holds", new JsonObject
        {
            ["lines"] = new JsonArray(new JsonObject { ["ticketTypeId"] = typeId, ["quantity"] = names.Length }),
        });
        return await SendAsync(HttpMethod.Post, $"holds/{hold["id"]!.GetValue<string>()}/checkout", new JsonObject
        {
            ["attendees"] = new JsonArray([.. names.Select(n => (JsonNode)new JsonObject { ["ticketTypeId"] = typeId, ["name"] = n })]),
        });
    }

    /// <summary>A complimentary order the organizer issues to themselves, one ticket per name.</summary>
    public Task<JsonObject> IssueComplimentaryAsync(string eventId, string typeId, params string[] names) =>
        SendAsync(HttpMethod.Post, $"events/{eventId}/complimentary-orders", new JsonObject
        {
            ["attendees"] = new JsonArray([.. names.Select(n => (JsonNode)new JsonObject { ["ticketTypeId"] = typeId, ["name"] = n })]),
        });

    /// <summary>This user's tickets to one event, by holder name: each ticket's signed QR token.</summary>
    public async Task<Dictionary<string, string>> TokensAsync(string eventId)
    {
        var page = await SendAsync(HttpMethod.Get, "me/tickets?limit=100", null);
        return page["items"]!.AsArray()
            .Where(t => t!["eventId"]!.GetValue<string>() == eventId && t["status"]!.GetValue<string>() == "valid")
            .ToDictionary(t => t!["holderName"]!.GetValue<string>(), t => t!["token"]!.GetValue<string>(), StringComparer.Ordinal);
    }

    /// <summary>The organizer chooses which of the platform's payment providers the event offers.</summary>
    public Task<JsonObject> OfferPaymentProvidersAsync(string eventId, params string[] providers) =>
        SendAsync(HttpMethod.Put, $"events/{eventId}/payment-providers", new JsonObject { ["providers"] = new JsonArray([.. providers.Select(p => (JsonNode)p)]) });

    /// <summary>The organizer puts a user on the event's door staff.</summary>
    public Task<JsonObject> AddStaffAsync(string eventId, string userId) => SendAsync(HttpMethod.Put, $"events/{eventId}/staff/{userId}", null);

    public Task<JsonObject> CheckInCountsAsync(string eventId) => SendAsync(HttpMethod.Get, $"organizer/events/{eventId}/check-ins", null);

    public async Task<JsonObject> SendAsync(HttpMethod method, string path, JsonNode? body)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        if (method != HttpMethod.Get)
        {
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        }

        using var response = await _client.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"{method} /{path} answered {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? [] : JsonNode.Parse(text)!.AsObject();
    }

    public void Dispose() => _client.Dispose();
}

using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BitcoinEvents.LocalAws;

namespace BitcoinEvents.DevHost;

/// <summary>A demo account in the local Cognito pool. Local-only credentials: they exist nowhere else.</summary>
internal sealed record DemoUser(string Email, string Password, string Group);

/// <summary>
/// Demo users (one per group; two organizers, and two attendees so that one can wait for the
/// other's seat) and a couple of published upcoming events, created through the platform's own
/// HTTP API as the demo organizer would. Idempotent: an existing user keeps its account, an event
/// whose title the organizer already has is not created again.
/// </summary>
internal static partial class DemoData
{
    public static readonly IReadOnlyList<DemoUser> Users =
    [
        new("organizer@demo.local", "Demo-Organizer-1", "organizer"),
        new("organizer2@demo.local", "Demo-Organizer-2", "organizer"),
        new("attendee@demo.local", "Demo-Attendee-1", "attendee"),
        new("attendee2@demo.local", "Demo-Attendee-2", "attendee"),
        new("staff@demo.local", "Demo-Staff-1", "staff"),
        new("admin@demo.local", "Demo-Admin-1", "admin"),
    ];

    public static DemoUser Organizer => Users[0];

    public static async Task EnsureUsersAsync(LocalCognito cognito, string userPoolId)
    {
        foreach (var user in Users)
        {
            await cognito.EnsureUserAsync(userPoolId, user.Email, user.Password, user.Group);
        }
    }

    /// <summary>The demo events, relative to <paramref name="now"/> so they are always upcoming.</summary>
    public static IReadOnlyList<JsonObject> Events(DateTimeOffset now)
    {
        var day = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        return
        [
            Event(
                "Lisbon Bitcoin Meetup (demo)",
                "Monthly meetup: a talk on Lightning channel management, then drinks.",
                new JsonObject
                {
                    ["name"] = "Hub Criativo do Beato",
                    ["addressLines"] = new JsonArray("Rua da Manutenção 71"),
                    ["city"] = "Lisbon",
                    ["postalCode"] = "1900-500",
                    ["country"] = "PT",
                    ["timeZone"] = "Europe/Lisbon",
                },
                day.AddDays(14).AddHours(18),
                TimeSpan.FromHours(3),
                capacity: 120),
            Event(
                "Satoshi Summit Bengaluru (demo)",
                "Two days of talks and workshops on self-custody, Lightning and Bitcoin in India.",
                new JsonObject
                {
                    ["name"] = "Bangalore International Exhibition Centre",
                    ["addressLines"] = new JsonArray("10th Mile, Tumkur Road"),
                    ["city"] = "Bengaluru",
                    ["region"] = "Karnataka",
                    ["postalCode"] = "562123",
                    ["country"] = "IN",
                    ["timeZone"] = "Asia/Kolkata",
                },
                day.AddDays(45).AddHours(3).AddMinutes(30),
                TimeSpan.FromHours(32),
                capacity: 2000),
        ];
    }

    /// <summary>
    /// Signs in as the demo organizer; creates each demo event it does not have yet (by title) and
    /// publishes any demo event still in draft.
    /// </summary>
    /// <returns>The number of events published.</returns>
    public static async Task<int> EnsureEventsAsync(HttpClient api, LocalCognito cognito, string clientId, TimeProvider clock, CancellationToken cancellationToken)
    {
        var tokens = await cognito.SignInAsync(clientId, Organizer.Email, Organizer.Password, cancellationToken);
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.IdToken);

        var existing = await ExistingEventsAsync(api, cancellationToken);
        var published = 0;
        foreach (var demo in Events(clock.GetUtcNow()))
        {
            var title = demo["title"]!.GetValue<string>();
            if (!existing.TryGetValue(title, out var known))
            {
                using var create = new HttpRequestMessage(HttpMethod.Post, "events") { Content = JsonContent.Create(demo) };
                create.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
                using var created = await SendAsync(api, create, cancellationToken);
                var body = await created.Content.ReadFromJsonAsync<JsonObject>(cancellationToken);
                known = (body?["id"]?.GetValue<string>() ?? throw new InvalidOperationException("POST /events answered without an id."), "draft");
            }

            if (known.Status == "draft")
            {
                using var publish = new HttpRequestMessage(HttpMethod.Post, $"events/{Uri.EscapeDataString(known.Id)}/publish");
                using var _ = await SendAsync(api, publish, cancellationToken);
                published++;
            }
        }

        return published;
    }

    /// <summary>The organizer's events by title: id and status.</summary>
    private static async Task<Dictionary<string, (string Id, string Status)>> ExistingEventsAsync(HttpClient api, CancellationToken cancellationToken)
    {
        var events = new Dictionary<string, (string Id, string Status)>(StringComparer.Ordinal);
        string? cursor = null;
        do
        {
            var url = cursor is null ? "organizer/events" : $"organizer/events?cursor={Uri.EscapeDataString(cursor)}";
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            using var response = await SendAsync(api, request, cancellationToken);
            var page = await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken);
            foreach (var item in page?["items"]?.AsArray() ?? [])
            {
                if (item?["title"]?.GetValue<string>() is { } title
                    && item["id"]?.GetValue<string>() is { } id
                    && item["status"]?.GetValue<string>() is { } status)
                {
                    events[title] = (id, status);
                }
            }

            cursor = page?["nextCursor"]?.GetValue<string>();
        }
        while (cursor is not null);

        return events;
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient api, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await api.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var detail = await response.Content.ReadAsStringAsync(cancellationToken);
            response.Dispose();
            throw new InvalidOperationException($"Seeding demo data: {request.Method} /{request.RequestUri} answered {(int)response.StatusCode}: {detail}");
        }

        return response;
    }

    private static JsonObject Event(string title, string description, JsonObject venue, DateTimeOffset startsAt, TimeSpan length, int capacity) => new()
    {
        ["title"] = title,
        ["description"] = description,
        ["venue"] = venue,
        ["startsAt"] = startsAt,
        ["endsAt"] = startsAt + length,
        ["capacity"] = capacity,
    };
}

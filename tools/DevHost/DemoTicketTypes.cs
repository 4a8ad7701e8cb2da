using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BitcoinEvents.LocalAws;

namespace BitcoinEvents.DevHost;

/// <summary>
/// Ticket types of the demo events, so a newcomer can buy a ticket in the web app at once: a free
/// one and a paid one per event (priced in the venue's currency, and in sats). Created through the
/// API as the demo organizer; an event that has ticket types already is left alone.
/// </summary>
internal static partial class DemoData
{
    public static IReadOnlyList<JsonObject> TicketTypes(string title) => title switch
    {
        "Lisbon Bitcoin Meetup (demo)" =>
        [
            TicketType("Free entry", "Talk and drinks; pay for what you drink.", 0, "EUR", null, 4),
            TicketType("Supporter", "Free entry, and you buy the speaker a dinner.", 1500, "EUR", 15_000, 2),
        ],
        "Satoshi Summit Bengaluru (demo)" =>
        [
            TicketType("Student", "Bring your student card.", 0, "INR", null, 1),
            TicketType("Conference pass", "Both days, lunch included.", 249_900, "INR", 28_000, 5),
        ],
        _ => [],
    };

    /// <summary>Adds the demo ticket types to each demo event that has none; returns how many were added.</summary>
    public static async Task<int> EnsureTicketTypesAsync(HttpClient api, LocalCognito cognito, string clientId, CancellationToken cancellationToken)
    {
        var tokens = await cognito.SignInAsync(clientId, Organizer.Email, Organizer.Password, cancellationToken);
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.IdToken);
        var added = 0;
        foreach (var (title, (id, _)) in await ExistingEventsAsync(api, cancellationToken))
        {
            var types = TicketTypes(title);
            if (types.Count == 0)
            {
                continue;
            }

            using var list = new HttpRequestMessage(HttpMethod.Get, $"organizer/events/{Uri.EscapeDataString(id)}/ticket-types");
            using var existing = await SendAsync(api, list, cancellationToken);
            var page = await existing.Content.ReadFromJsonAsync<JsonObject>(cancellationToken);
            if (page?["items"] is JsonArray { Count: > 0 })
            {
                continue;
            }

            foreach (var type in types)
            {
                using var create = new HttpRequestMessage(HttpMethod.Post, $"events/{Uri.EscapeDataString(id)}/ticket-types") { Content = JsonContent.Create(type) };
                create.Headers.Add("Idempotency-Key", $"demo-{id}-{type["name"]!.GetValue<string>()}".Replace(' ', '-'));
                using var _ = await SendAsync(api, create, cancellationToken);
                added++;
            }
        }

        return added;
    }

    private static JsonObject TicketType(string name, string description, long amount, string currency, long? sats, int maxPerOrder) => new()
    {
        ["name"] = name,
        ["description"] = description,
        ["price"] = new JsonObject { ["amount"] = amount, ["currency"] = currency },
        ["satsPrice"] = sats,
        ["maxPerOrder"] = maxPerOrder,
    };
}

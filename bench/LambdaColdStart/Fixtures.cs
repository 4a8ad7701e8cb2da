using System.Globalization;

namespace LambdaColdStart;

/// <summary>
/// The HTTP API (payload 2.0) events of Fixtures/, filled in per invocation: a fresh request id
/// and time, the caller's claims for the routes behind the JWT authorizer, and for the routes of
/// one resource one of the seeded ids in turn (events, or holds for GetHold).
/// </summary>
internal static class Fixtures
{
    private static readonly Dictionary<string, (string Route, string File)> s_fixtures = new(StringComparer.Ordinal)
    {
        ["GetEvent"] = ("GET /events/{eventId}", "get-event.json"),
        ["ListEvents"] = ("GET /events", "list-events.json"),
        ["GetOrganizerEvent"] = ("GET /organizer/events/{eventId}", "get-organizer-event.json"),
        ["GetTicketingSettings"] = ("GET /events/{eventId}/ticketing-settings", "get-ticketing-settings.json"),
        ["ListTicketTypes"] = ("GET /events/{eventId}/ticket-types", "list-ticket-types.json"),
        ["GetHold"] = ("GET /holds/{holdId}", "get-hold.json"),
    };

    public static string Route(string operation) => Find(operation).Route;

    /// <summary>Whether the operation reads holds (its ids are the seeded holds, not events).</summary>
    public static bool ReadsHolds(string operation) => operation == "GetHold";

    public static EventFactory For(string operation, IReadOnlyList<string> ids, string subject)
    {
        var template = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", Find(operation).File));
        var next = 0;
        return () =>
        {
            var now = DateTimeOffset.UtcNow;
            var id = ids.Count == 0 ? "missing" : ids[next++ % ids.Count];
            return template
                .Replace("{{eventId}}", id, StringComparison.Ordinal)
                .Replace("{{holdId}}", id, StringComparison.Ordinal)
                .Replace("{{subject}}", subject, StringComparison.Ordinal)
                .Replace("{{requestId}}", Convert.ToBase64String(Guid.NewGuid().ToByteArray())[..16], StringComparison.Ordinal)
                .Replace("{{time}}", now.ToString("dd/MMM/yyyy:HH:mm:ss +0000", CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("{{timeEpochSeconds}}", now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("{{expSeconds}}", now.AddHours(1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("{{timeEpoch}}", now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        };
    }

    private static (string Route, string File) Find(string operation) =>
        s_fixtures.TryGetValue(operation, out var fixture)
            ? fixture
            : throw new ArgumentException($"No fixture for operation {operation} ({string.Join(", ", s_fixtures.Keys)}).", nameof(operation));
}

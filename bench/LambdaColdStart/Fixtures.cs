using System.Globalization;

namespace LambdaColdStart;

/// <summary>
/// The HTTP API (payload 2.0) events of Fixtures/, filled in per invocation: a fresh request id
/// and time, and for the routes of one event one of the seeded event ids in turn.
/// </summary>
internal static class Fixtures
{
    public static string Route(string operation) => operation switch
    {
        "GetEvent" => "GET /events/{eventId}",
        "ListEvents" => "GET /events",
        "GetTicketingSettings" => "GET /events/{eventId}/ticketing-settings",
        "ListTicketTypes" => "GET /events/{eventId}/ticket-types",
        _ => throw new ArgumentException($"No fixture for operation {operation} ({Known}).", nameof(operation)),
    };

    private const string Known = "GetEvent, ListEvents, GetTicketingSettings, ListTicketTypes";

    public static EventFactory For(string operation, IReadOnlyList<string> eventIds)
    {
        var file = operation switch
        {
            "GetEvent" => "get-event.json",
            "ListEvents" => "list-events.json",
            "GetTicketingSettings" => "get-ticketing-settings.json",
            "ListTicketTypes" => "list-ticket-types.json",
            _ => throw new ArgumentException($"No fixture for operation {operation} ({Known}).", nameof(operation)),
        };
        var template = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", file));
        var next = 0;
        return () =>
        {
            var now = DateTimeOffset.UtcNow;
            var eventId = eventIds.Count == 0 ? "evt_missing" : eventIds[next++ % eventIds.Count];
            return template
                .Replace("{{eventId}}", eventId, StringComparison.Ordinal)
                .Replace("{{requestId}}", Convert.ToBase64String(Guid.NewGuid().ToByteArray())[..16], StringComparison.Ordinal)
                .Replace("{{time}}", now.ToString("dd/MMM/yyyy:HH:mm:ss +0000", CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("{{timeEpoch}}", now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        };
    }
}

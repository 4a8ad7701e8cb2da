using System.Text.Json;
using System.Text.Json.Serialization;

namespace BitcoinEvents.Lambda;

/// <summary>The event an EventBridge schedule rule sends to its target.</summary>
public sealed class ScheduledEvent
{
    private static readonly JsonElement EmptyDetail = JsonDocument.Parse("{}").RootElement.Clone();

    public string Version { get; init; } = "0";

    public string Id { get; init; } = "";

    [JsonPropertyName("detail-type")]
    public string DetailType { get; init; } = "Scheduled Event";

    public string Source { get; init; } = "aws.events";

    public string Account { get; init; } = "";

    /// <summary>The tick the event belongs to (not the time it was delivered).</summary>
    public DateTimeOffset Time { get; init; }

    public string Region { get; init; } = "";

    /// <summary>The ARN of the rule.</summary>
    public IReadOnlyList<string> Resources { get; init; } = [];

    /// <summary>Empty (<c>{}</c>) for scheduled events.</summary>
    public JsonElement Detail { get; init; } = EmptyDetail;
}

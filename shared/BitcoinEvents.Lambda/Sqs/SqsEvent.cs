using System.Text.Json.Serialization;

namespace BitcoinEvents.Lambda;

/// <summary>The event Lambda receives from an SQS event source mapping.</summary>
public sealed class SqsEvent
{
    [JsonPropertyName("Records")]
    public IReadOnlyList<SqsMessage> Records { get; init; } = [];
}

using System.Text.Json.Serialization;

namespace BitcoinEvents.Lambda;

/// <summary>The event Lambda receives from a DynamoDB stream event source mapping.</summary>
public sealed class DynamoDbStreamEvent
{
    [JsonPropertyName("Records")]
    public IReadOnlyList<DynamoDbStreamRecord> Records { get; init; } = [];
}

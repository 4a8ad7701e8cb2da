using System.Text.Json.Serialization;

namespace BitcoinEvents.Lambda;

/// <summary>
/// An attribute value in DynamoDB's JSON form, as stream records carry it: exactly one of the
/// members is set (<c>{"S":"text"}</c>, <c>{"N":"42"}</c>, <c>{"M":{…}}</c>, …). Numbers stay
/// strings, binary values stay base64, as on the wire.
/// </summary>
public sealed class DynamoDbAttributeValue
{
    [JsonPropertyName("S")]
    public string? S { get; init; }

    [JsonPropertyName("N")]
    public string? N { get; init; }

    /// <summary>Binary, base64.</summary>
    [JsonPropertyName("B")]
    public string? B { get; init; }

    [JsonPropertyName("SS")]
    public IReadOnlyList<string>? SS { get; init; }

    [JsonPropertyName("NS")]
    public IReadOnlyList<string>? NS { get; init; }

    [JsonPropertyName("BS")]
    public IReadOnlyList<string>? BS { get; init; }

    [JsonPropertyName("M")]
    public IReadOnlyDictionary<string, DynamoDbAttributeValue>? M { get; init; }

    [JsonPropertyName("L")]
    public IReadOnlyList<DynamoDbAttributeValue>? L { get; init; }

    [JsonPropertyName("NULL")]
    public bool? Null { get; init; }

    [JsonPropertyName("BOOL")]
    public bool? Bool { get; init; }
}

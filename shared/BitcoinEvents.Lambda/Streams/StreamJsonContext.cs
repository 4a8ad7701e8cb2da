using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace BitcoinEvents.Lambda;

/// <summary>
/// Source-generated JSON of the DynamoDB stream event and its batch response. Its own context, not
/// <see cref="LambdaJsonContext"/>'s: only a bootstrap with a stream operation references it, so the
/// trimmer leaves it out of every other area's binary.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DynamoDbStreamEvent))]
[JsonSerializable(typeof(StreamBatchResponse))]
public sealed partial class StreamJsonContext : JsonSerializerContext
{
    /// <summary>For the response posted to the Runtime API: only what JSON requires is escaped.</summary>
    internal static StreamJsonContext Wire { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}

using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace BitcoinEvents.Lambda;

/// <summary>Source-generated JSON metadata for every Lambda event and response document.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(HttpApiRequest))]
[JsonSerializable(typeof(HttpApiResponse))]
[JsonSerializable(typeof(SqsEvent))]
[JsonSerializable(typeof(SqsBatchResponse))]
[JsonSerializable(typeof(DynamoDbStreamEvent))]
[JsonSerializable(typeof(StreamBatchResponse))]
[JsonSerializable(typeof(ScheduledEvent))]
[JsonSerializable(typeof(LambdaError))]
public sealed partial class LambdaJsonContext : JsonSerializerContext
{
    /// <summary>
    /// For documents posted to the Runtime API: they are read by Lambda, never embedded in HTML, so
    /// only what JSON requires is escaped (a quote in a body stays <c>\"</c>, not <c>\u0022</c>).
    /// </summary>
    internal static LambdaJsonContext Wire { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}

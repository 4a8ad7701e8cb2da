using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace BitcoinEvents.Infrastructure.Messaging;

/// <summary>Source-generated JSON of the envelope.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(DomainEventEnvelope))]
internal sealed partial class MessagingJsonContext : JsonSerializerContext
{
    /// <summary>
    /// Envelopes are message bodies, never embedded in HTML: only what JSON requires is escaped, so
    /// a name with an accent stays as written (and the body stays small).
    /// </summary>
    public static MessagingJsonContext Wire { get; } = new(new JsonSerializerOptions
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}

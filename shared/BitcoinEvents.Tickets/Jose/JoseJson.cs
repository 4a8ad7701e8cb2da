using System.Text.Json.Serialization;

namespace BitcoinEvents.Tickets.Jose;

/// <summary>A JSON Web Key as read from configuration (RFC 7517 §4, RFC 7518 §6.2): EC members only.</summary>
internal sealed class JwkDocument
{
    [JsonPropertyName("kty")]
    public string? Kty { get; set; }

    [JsonPropertyName("crv")]
    public string? Crv { get; set; }

    [JsonPropertyName("x")]
    public string? X { get; set; }

    [JsonPropertyName("y")]
    public string? Y { get; set; }

    [JsonPropertyName("d")]
    public string? D { get; set; }

    [JsonPropertyName("kid")]
    public string? Kid { get; set; }

    [JsonPropertyName("use")]
    public string? Use { get; set; }

    [JsonPropertyName("alg")]
    public string? Alg { get; set; }
}

internal sealed class JwkSetDocument
{
    [JsonPropertyName("keys")]
    public List<JwkDocument>? Keys { get; set; }
}

/// <summary>A public EC signing key as published (no private member exists on this type).</summary>
internal sealed record PublicJwk(
    [property: JsonPropertyName("kty")] string Kty,
    [property: JsonPropertyName("crv")] string Crv,
    [property: JsonPropertyName("x")] string X,
    [property: JsonPropertyName("y")] string Y,
    [property: JsonPropertyName("kid")] string Kid,
    [property: JsonPropertyName("use")] string Use,
    [property: JsonPropertyName("alg")] string Alg);

internal sealed record PublicJwkSet([property: JsonPropertyName("keys")] IReadOnlyList<PublicJwk> Keys);

[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    AllowDuplicateProperties = false,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(JwkSetDocument))]
[JsonSerializable(typeof(PublicJwkSet))]
internal sealed partial class JoseJsonContext : JsonSerializerContext;

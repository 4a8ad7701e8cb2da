using System.Text.Json;
using BitcoinEvents.Tickets.Jose;
using BitcoinEvents.Tickets.Signing;

namespace BitcoinEvents.Tickets;

/// <summary>
/// The public JWK Set (RFC 7517 §5) of the ticket keys, for the anonymous route door scanners
/// download: <c>{"keys":[{"kty":"EC","crv":"P-256","x":…,"y":…,"kid":…,"use":"sig","alg":"ES256"}]}</c>,
/// the current key first. It holds public keys only; no type on this path has a private member.
/// </summary>
public static class TicketJwks
{
    /// <summary>The media type of a JWK Set (RFC 7517 §8.5).</summary>
    public const string MediaType = "application/jwk-set+json";

    public static string ToJson(IEnumerable<EcPublicKey> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var set = new PublicJwkSet([.. keys.Select(k => k.ToJwk())]);
        return JsonSerializer.Serialize(set, JoseJsonContext.Default.PublicJwkSet);
    }

    /// <summary>The ring's JWK Set as JSON.</summary>
    public static async Task<string> GetJwksJsonAsync(this ITicketKeyRing ring, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ring);
        return ToJson(await ring.GetVerificationKeysAsync(cancellationToken));
    }
}

using BitcoinEvents.Tickets.Signing;

namespace BitcoinEvents.Tickets;

/// <summary>
/// Checks a scanned QR code the way an offline scanner does with the JWKS: ES256 only, a kid of
/// the ring, the signature over the exact bytes scanned, then the claims' shapes. Whether the
/// ticket still admits anyone (void, reassigned, already in) is the door's rule,
/// <see cref="BitcoinEvents.Domain.Ticketing.CheckInRules"/>, on the stored ticket.
/// </summary>
public sealed class TicketVerifier
{
    private readonly ITicketKeyRing _keys;

    public TicketVerifier(ITicketKeyRing keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        _keys = keys;
    }

    public async Task<TicketVerification> VerifyAsync(string? jws, CancellationToken cancellationToken = default)
    {
        if (!TicketJws.TryParse(jws, out var parsed, out var rejection))
        {
            return rejection.ToResult();
        }

        var ring = await _keys.GetVerificationKeysAsync(cancellationToken);
        var key = ring.FirstOrDefault(k => string.Equals(k.KeyId, parsed.KeyId, StringComparison.Ordinal));
        if (key is null)
        {
            return TicketRejection.UnknownKey(parsed.KeyId).ToResult();
        }

        if (!key.VerifyEs256(parsed.SigningInput, parsed.Signature))
        {
            return TicketRejection.BadSignature().ToResult();
        }

        return TicketJws.TryReadClaims(parsed.Payload, out var claims, out rejection)
            ? new TicketVerification.Valid(claims.Token, claims.HolderName, claims.IssuedAt, key.KeyId)
            : rejection.ToResult();
    }
}

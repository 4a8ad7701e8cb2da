using BitcoinEvents.Domain.Ticketing;

namespace BitcoinEvents.Tickets;

/// <summary>What a scanned QR code turned out to be.</summary>
public abstract record TicketVerification
{
    private TicketVerification()
    {
    }

    /// <summary>Signed by a key of the ring: <see cref="Token"/> is what the door decides on
    /// (<see cref="CheckInRules.Decide"/>), <see cref="HolderName"/> what the scanner shows.</summary>
    public sealed record Valid(TicketToken Token, string HolderName, DateTimeOffset IssuedAt, string KeyId) : TicketVerification;

    /// <summary>Not a ticket this platform signed (or not one any listed key verifies); <see cref="Code"/>
    /// is one of <see cref="TicketRejectionCodes"/>, stable for scanner apps.</summary>
    public sealed record Invalid(string Code, string Reason) : TicketVerification;
}

/// <summary>The codes of <see cref="TicketVerification.Invalid"/>.</summary>
public static class TicketRejectionCodes
{
    /// <summary>Not a compact JWS of this platform's shape (parts, base64url, header).</summary>
    public const string Malformed = "malformed_token";

    /// <summary>The header's <c>alg</c> is not ES256 (<c>none</c>, HS256 and the like are forgeries).</summary>
    public const string UnsupportedAlgorithm = "unsupported_algorithm";

    /// <summary>The <c>kid</c> is no key of the ring: never ours, or retired.</summary>
    public const string UnknownKey = "unknown_key";

    /// <summary>The signature does not verify: the token was changed or signed by someone else.</summary>
    public const string BadSignature = "bad_signature";

    /// <summary>Signed, but the claims are not a ticket's (never produced by this platform's signer).</summary>
    public const string InvalidClaims = "invalid_claims";
}

internal readonly record struct TicketRejection(string Code, string Reason)
{
    public static TicketRejection Malformed(string reason) => new(TicketRejectionCodes.Malformed, reason);

    public static TicketRejection UnsupportedAlgorithm(string? alg) =>
        new(TicketRejectionCodes.UnsupportedAlgorithm, $"Only ES256 tokens are accepted{(alg is null ? "" : $", not {Printable(alg)}")}.");

    public static TicketRejection UnknownKey(string kid) =>
        new(TicketRejectionCodes.UnknownKey, $"No current or previous ticket key has the id {Printable(kid)}.");

    public static TicketRejection BadSignature() =>
        new(TicketRejectionCodes.BadSignature, "The signature does not match the ticket.");

    public static TicketRejection InvalidClaims(string reason) => new(TicketRejectionCodes.InvalidClaims, reason);

    public TicketVerification.Invalid ToResult() => new(Code, Reason);

    // The values come from whoever made the QR code: keep them short and printable in a reason.
    private static string Printable(string value)
    {
        var shown = value.Length > 64 ? value[..64] + "…" : value;
        return "\"" + string.Concat(shown.Select(c => char.IsControl(c) ? '?' : c)) + "\"";
    }
}

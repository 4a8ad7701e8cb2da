using System.Security.Cryptography;

namespace BitcoinEvents.Payments.Providers;

/// <summary>What checking a webhook's signature found.</summary>
public enum SignatureCheck
{
    /// <summary>The body was signed with the shared secret.</summary>
    Valid,

    /// <summary>No signature header, or an empty one.</summary>
    Missing,

    /// <summary>A header that is not a signature in the provider's format (wrong prefix, not hex, wrong length).</summary>
    Malformed,

    /// <summary>A well-formed signature of something else: a forged or altered body, or another secret.</summary>
    Mismatch,
}

/// <summary>
/// The signature Coinbase Commerce, BTCPay Server and BitGo put on a webhook: the hex HMAC-SHA256
/// of the raw body bytes, keyed with the UTF-8 bytes of the shared secret. Computed on the bytes as
/// they arrived (never on re-serialized JSON) and compared in constant time.
/// </summary>
public static class HexHmacSignature
{
    private const int HexLength = HMACSHA256.HashSizeInBytes * 2;

    /// <summary>Checks <paramref name="signatureHex"/> (64 hex digits, either case) against the body.</summary>
    public static SignatureCheck Verify(ReadOnlySpan<byte> body, string? signatureHex, string secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        if (string.IsNullOrWhiteSpace(signatureHex))
        {
            return SignatureCheck.Missing;
        }

        if (signatureHex.Length != HexLength || !IsHex(signatureHex))
        {
            return SignatureCheck.Malformed;
        }

        return WebhookSignatures.MatchesHex(WebhookSignatures.HmacSha256(secret, body), signatureHex) ? SignatureCheck.Valid : SignatureCheck.Mismatch;
    }

    /// <summary>The lower-case hex signature of <paramref name="body"/> (what the fakes send).</summary>
    public static string Sign(ReadOnlySpan<byte> body, string secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        return WebhookSignatures.Hex(WebhookSignatures.HmacSha256(secret, body));
    }

    /// <summary>The reason a rejected delivery gets (names no secret, echoes nothing).</summary>
    public static string Reason(SignatureCheck check, string header) => check switch
    {
        SignatureCheck.Missing => $"no {header} header.",
        SignatureCheck.Malformed => $"the {header} header is not a signature in the provider's format.",
        SignatureCheck.Mismatch => $"the {header} signature does not match the body.",
        _ => throw new ArgumentOutOfRangeException(nameof(check)),
    };

    private static bool IsHex(string text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}

using System.Security.Cryptography;
using System.Text;

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

        if (signatureHex.Length != HexLength)
        {
            return SignatureCheck.Malformed;
        }

        Span<byte> given = stackalloc byte[HMACSHA256.HashSizeInBytes];
        if (Convert.FromHexString(signatureHex, given, out _, out var written) != System.Buffers.OperationStatus.Done || written != given.Length)
        {
            return SignatureCheck.Malformed;
        }

        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        Span<byte> key = secret.Length <= 256 ? stackalloc byte[Encoding.UTF8.GetMaxByteCount(secret.Length)] : new byte[Encoding.UTF8.GetMaxByteCount(secret.Length)];
        var keyLength = Encoding.UTF8.GetBytes(secret, key);
        HMACSHA256.HashData(key[..keyLength], body, expected);
        CryptographicOperations.ZeroMemory(key);
        return CryptographicOperations.FixedTimeEquals(expected, given) ? SignatureCheck.Valid : SignatureCheck.Mismatch;
    }

    /// <summary>The lower-case hex signature of <paramref name="body"/> (what the fakes send).</summary>
    public static string Sign(ReadOnlySpan<byte> body, string secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
    }
}

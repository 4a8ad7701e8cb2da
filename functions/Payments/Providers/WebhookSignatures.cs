using System.Security.Cryptography;
using System.Text;

namespace BitcoinEvents.Payments.Providers;

/// <summary>
/// The pieces providers sign webhooks with: HMAC-SHA256 over the raw body (or a prefix and the body),
/// compared in constant time against what the delivery claims. A claimed signature that is not hex,
/// or has the wrong length, never matches (and takes no shortcut that depends on the secret).
/// </summary>
public static class WebhookSignatures
{
    /// <summary>HMAC-SHA256 of <paramref name="message"/> with the UTF-8 bytes of <paramref name="secret"/>.</summary>
    public static byte[] HmacSha256(string secret, ReadOnlySpan<byte> message)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message);
    }

    /// <summary>HMAC-SHA256 of <paramref name="prefix"/> followed by <paramref name="message"/> (Stripe signs <c>{t}.{body}</c>).</summary>
    public static byte[] HmacSha256(string secret, ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> message)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        hmac.AppendData(prefix);
        hmac.AppendData(message);
        return hmac.GetHashAndReset();
    }

    /// <summary>True when <paramref name="claimedHex"/> (either case) is exactly <paramref name="expected"/>, compared in constant time.</summary>
    public static bool MatchesHex(ReadOnlySpan<byte> expected, string? claimedHex)
    {
        if (claimedHex is null || claimedHex.Length != expected.Length * 2)
        {
            return false;
        }

        Span<byte> claimed = stackalloc byte[expected.Length];
        return Convert.FromHexString(claimedHex, claimed, out _, out var written) == System.Buffers.OperationStatus.Done
            && written == expected.Length
            && CryptographicOperations.FixedTimeEquals(expected, claimed);
    }

    /// <summary>Lower-case hex of <paramref name="bytes"/> (what the fakes and tests sign with).</summary>
    public static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);
}

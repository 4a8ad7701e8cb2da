using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace BitcoinEvents.Infrastructure.Pagination;

/// <summary>
/// Opaque pagination cursors: the position (a few strings) plus a MAC binding it to the listing it
/// came from (<c>scope</c>: the sort, the organizer...), base64url-encoded. A cursor that was
/// edited, truncated or taken from another listing does not decode. The key is fixed in the code:
/// this makes cursors tamper-evident, not secret; readers still validate what they decode.
/// </summary>
public static class PageCursor
{
    public const string Field = "cursor";

    /// <summary>The reason given for a cursor its listing did not issue.</summary>
    public const string NotOfListingReason = "is not a cursor of this listing: pass nextCursor from the previous page unchanged.";

    /// <summary>The longest cursor that can decode.</summary>
    public const int MaxLength = 2048;

    private const int MacLength = 16;
    private const char Separator = '\u001f';
    private static readonly byte[] Key = "BitcoinEvents.PageCursor.v1"u8.ToArray();

    public static string Encode(string scope, params string[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Any(p => p.Contains(Separator, StringComparison.Ordinal)))
        {
            throw new ArgumentException("A cursor part contains the separator.", nameof(parts));
        }

        var payload = Encoding.UTF8.GetBytes(string.Join(Separator, parts));
        var token = new byte[MacLength + payload.Length];
        Mac(scope, payload).AsSpan(0, MacLength).CopyTo(token);
        payload.CopyTo(token, MacLength);
        return Base64Url.EncodeToString(token);
    }

    /// <summary>The parts, or false when the cursor is not one this scope issued with <paramref name="partCount"/> parts.</summary>
    public static bool TryDecode(string? cursor, string scope, int partCount, out string[] parts)
    {
        parts = [];
        if (string.IsNullOrEmpty(cursor) || cursor.Length > MaxLength)
        {
            return false;
        }

        byte[] token;
        try
        {
            token = Base64Url.DecodeFromChars(cursor);
        }
        catch (FormatException)
        {
            return false;
        }

        if (token.Length <= MacLength)
        {
            return false;
        }

        var payload = token.AsSpan(MacLength);
        var expected = Mac(scope, payload);
        if (!CryptographicOperations.FixedTimeEquals(expected.AsSpan(0, MacLength), token.AsSpan(0, MacLength)))
        {
            return false;
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(payload);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        var split = text.Split(Separator);
        if (split.Length != partCount)
        {
            return false;
        }

        parts = split;
        return true;
    }

    private static byte[] Mac(string scope, ReadOnlySpan<byte> payload)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Key);
        hmac.AppendData(Encoding.UTF8.GetBytes(scope));
        hmac.AppendData([0]);
        hmac.AppendData(payload);
        return hmac.GetHashAndReset();
    }
}

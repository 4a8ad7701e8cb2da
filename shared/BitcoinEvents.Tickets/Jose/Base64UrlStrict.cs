using System.Buffers.Text;

namespace BitcoinEvents.Tickets.Jose;

/// <summary>
/// Base64url without padding (RFC 7515 §2), read strictly: only the URL-safe alphabet, no padding,
/// no whitespace, and the unused low bits of the last character zero. One value has exactly one
/// spelling, so a changed character is always a changed value (a tampered signature cannot hide in
/// bits the decoder drops).
/// </summary>
internal static class Base64UrlStrict
{
    public static string Encode(ReadOnlySpan<byte> bytes) => Base64Url.EncodeToString(bytes);

    public static bool TryDecode(ReadOnlySpan<char> text, out byte[] bytes)
    {
        bytes = [];

        // A length of 1 (mod 4) cannot come from whole bytes.
        if (text.Length % 4 == 1)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_'))
            {
                return false;
            }
        }

        var decoded = new byte[Base64Url.GetMaxDecodedLength(text.Length)];
        if (Base64Url.DecodeFromChars(text, decoded, out var consumed, out var written) != System.Buffers.OperationStatus.Done
            || consumed != text.Length)
        {
            return false;
        }

        decoded = written == decoded.Length ? decoded : decoded[..written];

        // Canonical: the decoded bytes encode back to the very same characters.
        if (!text.SequenceEqual(Base64Url.EncodeToString(decoded).AsSpan()))
        {
            return false;
        }

        bytes = decoded;
        return true;
    }
}

using System.Formats.Asn1;

namespace BitcoinEvents.Tickets.Jose;

/// <summary>
/// ECDSA signatures in their two wire forms: the DER <c>SEQUENCE { r INTEGER, s INTEGER }</c> that
/// KMS (and X.509) returns, and the fixed-width <c>r‖s</c> that JWS uses (RFC 7518 §3.4: each
/// integer big-endian, left-padded with zeros to the curve's field size, 32 bytes for P-256).
/// </summary>
public static class JoseSignature
{
    /// <summary>The field size of P-256 in bytes: an ES256 signature is twice this.</summary>
    public const int P256FieldSize = 32;

    /// <summary>DER (RFC 3279) → JOSE <c>r‖s</c>. Throws <see cref="FormatException"/> on anything but one
    /// strict DER sequence of two positive integers that fit the field.</summary>
    public static byte[] FromDer(ReadOnlySpan<byte> der, int fieldSize = P256FieldSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fieldSize);
        var jose = new byte[2 * fieldSize];
        try
        {
            var reader = new AsnReader(der.ToArray(), AsnEncodingRules.DER);
            var sequence = reader.ReadSequence();
            reader.ThrowIfNotEmpty();
            CopyInteger(sequence.ReadIntegerBytes().Span, jose.AsSpan(0, fieldSize));
            CopyInteger(sequence.ReadIntegerBytes().Span, jose.AsSpan(fieldSize, fieldSize));
            sequence.ThrowIfNotEmpty();
        }
        catch (AsnContentException e)
        {
            throw new FormatException("Not a DER-encoded ECDSA signature.", e);
        }

        return jose;
    }

    /// <summary>JOSE <c>r‖s</c> → DER (RFC 3279), the form X.509 tools and KMS Verify take.</summary>
    public static byte[] ToDer(ReadOnlySpan<byte> jose)
    {
        if (jose.Length == 0 || jose.Length % 2 != 0)
        {
            throw new FormatException("A JOSE ECDSA signature is two integers of equal width.");
        }

        var half = jose.Length / 2;
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteIntegerUnsigned(Minimal(jose[..half]));
            writer.WriteIntegerUnsigned(Minimal(jose[half..]));
        }

        return writer.Encode();
    }

    // The writer wants the value without its fixed-width zero padding (one zero byte for zero).
    private static ReadOnlySpan<byte> Minimal(ReadOnlySpan<byte> value)
    {
        var trimmed = value.TrimStart((byte)0);
        return trimmed.IsEmpty ? value[^1..] : trimmed;
    }

    // A DER INTEGER is minimal two's complement: a positive value whose top bit is set carries one
    // leading zero byte (33 bytes for P-256), a small one fewer than 32 bytes.
    private static void CopyInteger(ReadOnlySpan<byte> integer, Span<byte> destination)
    {
        if (integer.Length == 0 || (integer[0] & 0x80) != 0)
        {
            throw new FormatException("An ECDSA signature's r and s are positive.");
        }

        var value = integer.TrimStart((byte)0);
        if (value.Length == 0 || value.Length > destination.Length)
        {
            throw new FormatException("An ECDSA signature's r or s is zero or wider than the curve's field.");
        }

        destination[..^value.Length].Clear();
        value.CopyTo(destination[^value.Length..]);
    }
}

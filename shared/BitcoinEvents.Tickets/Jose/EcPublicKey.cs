using System.Security.Cryptography;
using System.Text;

namespace BitcoinEvents.Tickets.Jose;

/// <summary>
/// A P-256 public key: the point (x, y), its key id (the RFC 7638 JWK thumbprint, so the same key
/// always has the same kid wherever it is held), and ES256 verification.
/// </summary>
public sealed class EcPublicKey
{
    private readonly byte[] _x;
    private readonly byte[] _y;

    private EcPublicKey(byte[] x, byte[] y)
    {
        // Importing validates that the point is on the curve; a bad key fails here, not at a door.
        try
        {
            using (ECDsa.Create(Parameters(x, y)))
            {
            }
        }
        catch (CryptographicException e)
        {
            throw new FormatException("The key is not a point on P-256.", e);
        }

        _x = x;
        _y = y;
        KeyId = Thumbprint(x, y);
    }

    /// <summary>The RFC 7638 SHA-256 thumbprint of the public JWK, base64url.</summary>
    public string KeyId { get; }

    /// <summary>The x coordinate, base64url (the JWK member <c>x</c>).</summary>
    public string X => Base64UrlStrict.Encode(_x);

    /// <summary>The y coordinate, base64url (the JWK member <c>y</c>).</summary>
    public string Y => Base64UrlStrict.Encode(_y);

    /// <summary>From a DER SubjectPublicKeyInfo (what KMS GetPublicKey returns); P-256 only.</summary>
    public static EcPublicKey FromSubjectPublicKeyInfo(ReadOnlySpan<byte> der)
    {
        using var ec = ECDsa.Create();
        try
        {
            ec.ImportSubjectPublicKeyInfo(der, out var read);
            if (read != der.Length)
            {
                throw new FormatException("Trailing bytes after the SubjectPublicKeyInfo.");
            }
        }
        catch (CryptographicException e)
        {
            throw new FormatException("Not a DER SubjectPublicKeyInfo of an EC key.", e);
        }

        return FromParameters(ec.ExportParameters(includePrivateParameters: false));
    }

    /// <summary>From EC parameters; P-256 only.</summary>
    public static EcPublicKey FromParameters(ECParameters parameters)
    {
        if (!IsP256(parameters.Curve))
        {
            throw new FormatException("Ticket keys are P-256 (ES256).");
        }

        var x = parameters.Q.X ?? throw new FormatException("The key has no x coordinate.");
        var y = parameters.Q.Y ?? throw new FormatException("The key has no y coordinate.");
        if (x.Length != JoseSignature.P256FieldSize || y.Length != JoseSignature.P256FieldSize)
        {
            throw new FormatException("A P-256 coordinate is 32 bytes.");
        }

        return new EcPublicKey((byte[])x.Clone(), (byte[])y.Clone());
    }

    /// <summary>True when <paramref name="signature"/> (JOSE r‖s) is this key's ES256 signature of <paramref name="signingInput"/>.</summary>
    public bool VerifyEs256(ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature)
    {
        if (signature.Length != 2 * JoseSignature.P256FieldSize)
        {
            return false;
        }

        using var ec = ECDsa.Create(Parameters(_x, _y));
        return ec.VerifyData(signingInput, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    /// <summary>The public parameters, for <see cref="ECDsa.Create(ECParameters)"/>.</summary>
    public ECParameters ToParameters() => Parameters((byte[])_x.Clone(), (byte[])_y.Clone());

    internal PublicJwk ToJwk() => new("EC", "P-256", X, Y, KeyId, "sig", "ES256");

    internal static bool IsP256(ECCurve curve) =>
        curve.IsNamed && (curve.Oid.Value == P256Oid || curve.Oid.FriendlyName is "nistP256" or "ECDSA_P256" or "P-256" or "prime256v1" or "secp256r1");

    private const string P256Oid = "1.2.840.10045.3.1.7";

    private static ECParameters Parameters(byte[] x, byte[] y) => new()
    {
        Curve = ECCurve.NamedCurves.nistP256,
        Q = new ECPoint { X = x, Y = y },
    };

    // RFC 7638 §3.2: the required members only (EC: crv, kty, x, y), in lexicographic order, no
    // whitespace. Every value here is ASCII without characters JSON would escape.
    private static string Thumbprint(byte[] x, byte[] y)
    {
        var canonical = $"{{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"{Base64UrlStrict.Encode(x)}\",\"y\":\"{Base64UrlStrict.Encode(y)}\"}}";
        return Base64UrlStrict.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(canonical)));
    }
}

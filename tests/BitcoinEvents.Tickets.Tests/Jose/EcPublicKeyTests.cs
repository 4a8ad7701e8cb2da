using System.Security.Cryptography;
using System.Text;
using BitcoinEvents.Tickets.Jose;
using BitcoinEvents.Tickets.Tests.Support;
using Microsoft.IdentityModel.Tokens;

namespace BitcoinEvents.Tickets.Tests.Jose;

public class EcPublicKeyTests
{
    // RFC 7515 Appendix A.3: the example P-256 key and ES256 JWS (header {"alg":"ES256"}).
    private const string RfcX = "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU";
    private const string RfcY = "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0";
    private const string RfcJws =
        "eyJhbGciOiJFUzI1NiJ9"
        + ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
        + ".DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q";

    private static EcPublicKey RfcKey() => EcPublicKey.FromParameters(new ECParameters
    {
        Curve = ECCurve.NamedCurves.nistP256,
        Q = new ECPoint { X = Tokens.Unb64(RfcX), Y = Tokens.Unb64(RfcY) },
    });

    [Fact]
    public void VerifyEs256_Rfc7515A3Example_Verifies()
    {
        var lastDot = RfcJws.LastIndexOf('.');
        var input = Encoding.ASCII.GetBytes(RfcJws[..lastDot]);
        var signature = Tokens.Unb64(RfcJws[(lastDot + 1)..]);

        Assert.True(RfcKey().VerifyEs256(input, signature));
    }

    [Fact]
    public void VerifyEs256_Rfc7515A3ExampleTampered_DoesNotVerify()
    {
        var lastDot = RfcJws.LastIndexOf('.');
        var input = Encoding.ASCII.GetBytes(RfcJws[..lastDot]);
        var signature = Tokens.Unb64(RfcJws[(lastDot + 1)..]);
        var otherInput = (byte[])input.Clone();
        otherInput[^1] ^= 1;
        var otherSignature = (byte[])signature.Clone();
        otherSignature[^1] ^= 1;

        Assert.False(RfcKey().VerifyEs256(otherInput, signature));
        Assert.False(RfcKey().VerifyEs256(input, otherSignature));
        Assert.False(RfcKey().VerifyEs256(input, JoseSignature.ToDer(signature))); // DER is not the JWS form
    }

    [Fact]
    public void KeyId_IsTheRfc7638Thumbprint_AsAnotherImplementationComputesIt()
    {
        var key = RfcKey();
        var other = new JsonWebKey { Kty = "EC", Crv = "P-256", X = RfcX, Y = RfcY };

        Assert.Equal(Base64UrlEncoder.Encode(other.ComputeJwkThumbprint()), key.KeyId);
        Assert.Equal(RfcX, key.X);
        Assert.Equal(RfcY, key.Y);
    }

    [Fact]
    public void KeyId_IsTheSha256OfTheCanonicalJwk()
    {
        // RFC 7638 §3.2: required members, lexicographic order, no whitespace.
        var canonical = $$"""{"crv":"P-256","kty":"EC","x":"{{RfcX}}","y":"{{RfcY}}"}""";
        Assert.Equal(Tokens.B64(SHA256.HashData(Encoding.UTF8.GetBytes(canonical))), RfcKey().KeyId);
    }

    [Fact]
    public void FromSubjectPublicKeyInfo_SameKey_SameKid()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var fromDer = EcPublicKey.FromSubjectPublicKeyInfo(ec.ExportSubjectPublicKeyInfo());
        var fromParameters = EcPublicKey.FromParameters(ec.ExportParameters(false));

        Assert.Equal(fromParameters.KeyId, fromDer.KeyId);
        Assert.Equal(43, fromDer.KeyId.Length);
    }

    [Fact]
    public void FromSubjectPublicKeyInfo_OtherCurvesAndRsa_AreRefused()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        using var rsa = RSA.Create(2048);

        Assert.Throws<FormatException>(() => EcPublicKey.FromSubjectPublicKeyInfo(p384.ExportSubjectPublicKeyInfo()));
        Assert.Throws<FormatException>(() => EcPublicKey.FromSubjectPublicKeyInfo(rsa.ExportSubjectPublicKeyInfo()));
        Assert.Throws<FormatException>(() => EcPublicKey.FromSubjectPublicKeyInfo([0x30, 0x00]));
    }

    [Fact]
    public void FromParameters_PointNotOnTheCurve_IsRefused()
    {
        var y = Tokens.Unb64(RfcY);
        y[^1] ^= 1;
        Assert.Throws<FormatException>(() => EcPublicKey.FromParameters(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = Tokens.Unb64(RfcX), Y = y },
        }));
    }
}

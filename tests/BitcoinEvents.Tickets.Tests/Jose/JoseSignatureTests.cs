using System.Security.Cryptography;
using BitcoinEvents.Tickets.Jose;

namespace BitcoinEvents.Tickets.Tests.Jose;

public class JoseSignatureTests
{
    [Fact]
    public void FromDer_HighBitR_DropsTheSignByte()
    {
        // r = 0x80 followed by 31 0x11 bytes: DER needs a leading 0x00 (33 content bytes).
        var r = Enumerable.Repeat((byte)0x11, 32).ToArray();
        r[0] = 0x80;
        var s = Enumerable.Repeat((byte)0x22, 32).ToArray();
        byte[] der = [0x30, 2 + 33 + 2 + 32, 0x02, 33, 0x00, .. r, 0x02, 32, .. s];

        Assert.Equal([.. r, .. s], JoseSignature.FromDer(der));
    }

    [Fact]
    public void FromDer_ShortRAndS_LeftPadsToTheFieldSize()
    {
        // r = 0x01 (1 byte), s = 31 bytes with the top bit clear: both padded with zeros.
        var s = Enumerable.Repeat((byte)0x7f, 31).ToArray();
        byte[] der = [0x30, 3 + 2 + 31, 0x02, 1, 0x01, 0x02, 31, .. s];

        var jose = JoseSignature.FromDer(der);

        Assert.Equal(64, jose.Length);
        Assert.Equal([.. new byte[31], 0x01], jose[..32]);
        Assert.Equal([0x00, .. s], jose[32..]);
    }

    [Fact]
    public void ToDer_LeadingZerosAndHighBits_IsMinimalDer()
    {
        byte[] jose = [.. new byte[31], 0x05, 0xff, .. Enumerable.Repeat((byte)0x01, 31)];

        var der = JoseSignature.ToDer(jose);

        byte[] expected = [0x30, 3 + 2 + 33, 0x02, 1, 0x05, 0x02, 33, 0x00, 0xff, .. Enumerable.Repeat((byte)0x01, 31)];
        Assert.Equal(expected, der);
        Assert.Equal(jose, JoseSignature.FromDer(der));
    }

    [Fact]
    public void Conversions_AgreeWithDotNetOnRealSignatures()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var data = "ticket"u8.ToArray();

        // Enough signatures that r and s with the top bit set (about half) and short ones occur.
        for (var i = 0; i < 200; i++)
        {
            var der = key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
            var jose = JoseSignature.FromDer(der);
            Assert.True(key.VerifyData(data, jose, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
            Assert.Equal(der, JoseSignature.ToDer(jose));

            var ieee = key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
            Assert.True(key.VerifyData(data, JoseSignature.ToDer(ieee), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
        }
    }

    public static TheoryData<string, byte[]> NotDerSignatures => new()
    {
        { "empty", [] },
        { "not a sequence", [0x31, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01] },
        { "one integer", [0x30, 0x03, 0x02, 0x01, 0x01] },
        { "three integers", [0x30, 0x09, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01] },
        { "trailing bytes", [0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01, 0x00] },
        { "negative r", [0x30, 0x06, 0x02, 0x01, 0x81, 0x02, 0x01, 0x01] },
        { "zero s", [0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x00] },
        { "non-minimal integer (BER)", [0x30, 0x07, 0x02, 0x02, 0x00, 0x01, 0x02, 0x01, 0x01] },
        { "long-form length (BER)", [0x30, 0x81, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01] },
        { "r wider than the field", [0x30, 0x26, 0x02, 0x21, 0x01, .. new byte[32], 0x02, 0x01, 0x01] },
    };

    [Theory]
    [MemberData(nameof(NotDerSignatures))]
    public void FromDer_NotAStrictEcdsaSignature_Throws(string why, byte[] der)
    {
        Assert.NotNull(why);
        Assert.Throws<FormatException>(() => JoseSignature.FromDer(der));
    }

    [Fact]
    public void ToDer_OddLength_Throws() => Assert.Throws<FormatException>(() => JoseSignature.ToDer(new byte[63]));
}

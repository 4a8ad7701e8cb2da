using System.Security.Cryptography;
using System.Text;
using BitcoinEvents.Tickets.Jose;
using BitcoinEvents.Tickets.Signing;
using BitcoinEvents.Tickets.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace BitcoinEvents.Tickets.Tests;

public sealed class TicketVerifierTests : IDisposable
{
    private readonly LocalTicketKeys _keys = LocalTicketKeys.FromJwkSet(LocalTicketKeys.CreateJwkSet(), new FakeTimeProvider(Tokens.Now));

    public void Dispose() => _keys.Dispose();

    private TicketVerifier Verifier => new(_keys);

    private async Task<string> KidAsync() => (await _keys.GetVerificationKeysAsync(Ct))[0].KeyId;

    [Fact]
    public async Task Verify_SignedTicket_IsValidWithItsClaims()
    {
        var jws = await _keys.SignAsync(Tokens.Sample(2, "s1", "s2"), "Nick Szabo", Ct);

        var valid = Assert.IsType<TicketVerification.Valid>(await Verifier.VerifyAsync(jws, Ct));

        Assert.Equal(Tokens.Sample().TicketId, valid.Token.TicketId);
        Assert.Equal(Tokens.Sample().EventId, valid.Token.EventId);
        Assert.Equal(["s1", "s2"], valid.Token.SessionIds);
        Assert.Equal(2, valid.Token.Revision);
        Assert.Equal("Nick Szabo", valid.HolderName);
        Assert.Equal(Tokens.Now, valid.IssuedAt);
        Assert.Equal(await KidAsync(), valid.KeyId);
    }

    [Fact]
    public async Task Verify_PayloadChanged_IsBadSignature()
    {
        var jws = await _keys.SignAsync(Tokens.Sample(1), "Mallory", Ct);
        var payload = Tokens.Json(Tokens.Part(jws, 1)).Replace("\"rev\":1", "\"rev\":2", StringComparison.Ordinal);

        var result = await Verifier.VerifyAsync(Tokens.WithPart(jws, 1, Tokens.B64(payload)), Ct);

        Assert.Equal(TicketRejectionCodes.BadSignature, Assert.IsType<TicketVerification.Invalid>(result).Code);
    }

    [Fact]
    public async Task Verify_SignatureChanged_IsBadSignature()
    {
        var jws = await _keys.SignAsync(Tokens.Sample(), "A", Ct);
        var signature = Tokens.Unb64(Tokens.Part(jws, 2));
        signature[10] ^= 0x01;

        var result = await Verifier.VerifyAsync(Tokens.WithPart(jws, 2, Tokens.B64(signature)), Ct);

        Assert.Equal(TicketRejectionCodes.BadSignature, Assert.IsType<TicketVerification.Invalid>(result).Code);
    }

    [Fact]
    public async Task Verify_SignatureLastCharacterChangedInItsUnusedBits_IsRefused()
    {
        // 64 bytes are 85⅓ characters: the last one carries 4 bits no byte uses. A lenient decoder
        // would accept the changed text as the same signature.
        var jws = await _keys.SignAsync(Tokens.Sample(), "A", Ct);
        var sig = Tokens.Part(jws, 2);
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        var last = alphabet.IndexOf(sig[^1], StringComparison.Ordinal);
        var sibling = alphabet[last ^ 0x01];

        var result = await Verifier.VerifyAsync(Tokens.WithPart(jws, 2, sig[..^1] + sibling), Ct);

        Assert.Equal(TicketRejectionCodes.Malformed, Assert.IsType<TicketVerification.Invalid>(result).Code);
    }

    [Fact]
    public async Task Verify_SignedByAKeyNotInTheRing_IsUnknownKey()
    {
        using var stranger = LocalTicketKeys.FromJwkSet(LocalTicketKeys.CreateJwkSet(), new FakeTimeProvider(Tokens.Now));
        var jws = await stranger.SignAsync(Tokens.Sample(), "Eve", Ct);

        var result = await Verifier.VerifyAsync(jws, Ct);

        Assert.Equal(TicketRejectionCodes.UnknownKey, Assert.IsType<TicketVerification.Invalid>(result).Code);
    }

    [Fact]
    public async Task Verify_ForgedWithOurKidButAnotherKey_IsBadSignature()
    {
        using var forger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var jws = Forge(forger, $$"""{"alg":"ES256","typ":"JWT","kid":"{{await KidAsync()}}"}""", ValidPayload);

        var result = await Verifier.VerifyAsync(jws, Ct);

        Assert.Equal(TicketRejectionCodes.BadSignature, Assert.IsType<TicketVerification.Invalid>(result).Code);
    }

    [Fact]
    public async Task Verify_AlgNone_IsRefused()
    {
        var header = Tokens.B64($$"""{"alg":"none","typ":"JWT","kid":"{{await KidAsync()}}"}""");
        var forged = $"{header}.{Tokens.B64(ValidPayload)}.";

        var result = await Verifier.VerifyAsync(forged, Ct);

        Assert.Equal(TicketRejectionCodes.UnsupportedAlgorithm, Assert.IsType<TicketVerification.Invalid>(result).Code);
        var withSignature = await Verifier.VerifyAsync(forged + "AAAA", Ct);
        Assert.Equal(TicketRejectionCodes.UnsupportedAlgorithm, Assert.IsType<TicketVerification.Invalid>(withSignature).Code);
    }

    [Fact]
    public async Task Verify_Hs256KeyedWithThePublicJwks_IsRefused()
    {
        // The classic confusion: HMAC with the published public key as the secret.
        var jwks = await _keys.GetJwksJsonAsync(Ct);
        var header = Tokens.B64($$"""{"alg":"HS256","typ":"JWT","kid":"{{await KidAsync()}}"}""");
        var input = $"{header}.{Tokens.B64(ValidPayload)}";
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(jwks), Encoding.ASCII.GetBytes(input));

        var result = await Verifier.VerifyAsync($"{input}.{Tokens.B64(mac)}", Ct);

        Assert.Equal(TicketRejectionCodes.UnsupportedAlgorithm, Assert.IsType<TicketVerification.Invalid>(result).Code);
    }

    [Theory]
    [InlineData("RS256")]
    [InlineData("ES384")]
    [InlineData("EdDSA")]
    [InlineData("es256")]
    public async Task Verify_AnyOtherAlgorithm_IsRefused(string alg)
    {
        var header = Tokens.B64($$"""{"alg":"{{alg}}","typ":"JWT","kid":"{{await KidAsync()}}"}""");

        var result = await Verifier.VerifyAsync($"{header}.{Tokens.B64(ValidPayload)}.{Tokens.B64(new byte[64])}", Ct);

        Assert.Equal(TicketRejectionCodes.UnsupportedAlgorithm, Assert.IsType<TicketVerification.Invalid>(result).Code);
    }

    [Theory]
    [InlineData("""{"alg":"ES256","typ":"JWT"}""")]
    [InlineData("""{"alg":"ES256","typ":"JWT","kid":""}""")]
    [InlineData("""{"alg":"ES256","typ":"JWT","kid":7}""")]
    [InlineData("""{"alg":"ES256","typ":"JOSE+JSON","kid":"k"}""")]
    [InlineData("""{"alg":"ES256","typ":"JWT","kid":"k","crit":["exp"]}""")]
    [InlineData("""{"alg":"none","alg":"ES256","typ":"JWT","kid":"k"}""")]
    [InlineData("""["ES256"]""")]
    [InlineData("""{"alg":"ES256",""")]
    public async Task Verify_HeaderNotOurs_IsRefused(string header)
    {
        var result = await Verifier.VerifyAsync($"{Tokens.B64(header)}.{Tokens.B64(ValidPayload)}.{Tokens.B64(new byte[64])}", Ct);

        Assert.IsType<TicketVerification.Invalid>(result);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("a.b")]
    [InlineData("a.b.c.d")]
    [InlineData("..")]
    [InlineData("eyJhbGciOiJFUzI1NiJ9..c2ln")]
    [InlineData(".eyJ0aWQiOiJ0In0.c2ln")]
    [InlineData("eyJhbGciOiJFUzI1NiJ9.eyJ0aWQiOiJ0In0")]
    public async Task Verify_NotACompactJws_IsMalformed(string? jws)
    {
        var result = await Verifier.VerifyAsync(jws, Ct);

        Assert.Equal(TicketRejectionCodes.Malformed, Assert.IsType<TicketVerification.Invalid>(result).Code);
    }

    [Fact]
    public async Task Verify_TooLong_IsMalformedWithoutParsing()
    {
        var result = await Verifier.VerifyAsync(new string('A', 5000) + ".A.A", Ct);

        Assert.Equal(TicketRejectionCodes.Malformed, Assert.IsType<TicketVerification.Invalid>(result).Code);
    }

    [Fact]
    public async Task Verify_EmptySignature_IsBadSignature()
    {
        var jws = await _keys.SignAsync(Tokens.Sample(), "A", Ct);

        var result = await Verifier.VerifyAsync(jws[..(jws.LastIndexOf('.') + 1)], Ct);

        Assert.Equal(TicketRejectionCodes.BadSignature, Assert.IsType<TicketVerification.Invalid>(result).Code);
    }

    [Fact]
    public async Task Verify_SignatureInDerForm_IsRefused()
    {
        var jws = await _keys.SignAsync(Tokens.Sample(), "A", Ct);
        var der = JoseSignature.ToDer(Tokens.Unb64(Tokens.Part(jws, 2)));

        var result = await Verifier.VerifyAsync(Tokens.WithPart(jws, 2, Tokens.B64(der)), Ct);

        Assert.Equal(TicketRejectionCodes.BadSignature, Assert.IsType<TicketVerification.Invalid>(result).Code);
    }

    public static TheoryData<string> NotTicketClaims =>
    [
        """{"eid":"e","sid":[],"rev":1,"nam":"A","iat":1}""",
        """{"tid":"","eid":"e","sid":[],"rev":1,"nam":"A","iat":1}""",
        """{"tid":"t","eid":"e","sid":"s1","rev":1,"nam":"A","iat":1}""",
        """{"tid":"t","eid":"e","sid":[""],"rev":1,"nam":"A","iat":1}""",
        """{"tid":"t","eid":"e","sid":[1],"rev":1,"nam":"A","iat":1}""",
        """{"tid":"t","eid":"e","sid":[],"rev":0,"nam":"A","iat":1}""",
        """{"tid":"t","eid":"e","sid":[],"rev":1.5,"nam":"A","iat":1}""",
        """{"tid":"t","eid":"e","sid":[],"rev":"1","nam":"A","iat":1}""",
        """{"tid":"t","eid":"e","sid":[],"rev":1,"iat":1}""",
        """{"tid":"t","eid":"e","sid":[],"rev":1,"nam":"A"}""",
        """{"tid":"t","eid":"e","sid":[],"rev":1,"nam":"A","iat":-5}""",
        """{"tid":"t","tid":"u","eid":"e","sid":[],"rev":1,"nam":"A","iat":1}""",
        """["t"]""",
        """not json""",
    ];

    [Theory]
    [MemberData(nameof(NotTicketClaims))]
    public async Task Verify_ValidlySignedButNotATicketsClaims_IsInvalidClaims(string payload)
    {
        using var ring = TestKeys.Create(out var signer);
        var header = $$"""{"alg":"ES256","typ":"JWT","kid":"{{(await ring.GetVerificationKeysAsync(Ct))[0].KeyId}}"}""";

        var result = await new TicketVerifier(ring).VerifyAsync(Forge(signer, header, payload), Ct);

        Assert.Equal(TicketRejectionCodes.InvalidClaims, Assert.IsType<TicketVerification.Invalid>(result).Code);
    }

    [Fact]
    public async Task Verify_UnknownExtraClaims_AreIgnored()
    {
        using var ring = TestKeys.Create(out var signer);
        var header = $$"""{"alg":"ES256","typ":"JWT","kid":"{{(await ring.GetVerificationKeysAsync(Ct))[0].KeyId}}"}""";
        var payload = """{"tid":"t","eid":"e","sid":[],"rev":1,"nam":"A","iat":1,"seat":"12B"}""";

        var result = await new TicketVerifier(ring).VerifyAsync(Forge(signer, header, payload), Ct);

        Assert.Equal("t", Assert.IsType<TicketVerification.Valid>(result).Token.TicketId);
    }

    private const string ValidPayload = """{"tid":"0f1e2d3c4b5a69788796a5b4c3d2e1f0","eid":"a1b2c3d4e5f60718293a4b5c6d7e8f90","sid":[],"rev":1,"nam":"Eve","iat":1796149800}""";

    private static string Forge(ECDsa key, string header, string payload)
    {
        var input = $"{Tokens.B64(header)}.{Tokens.B64(payload)}";
        var signature = key.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return $"{input}.{Tokens.B64(signature)}";
    }
}

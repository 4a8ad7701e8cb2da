using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using BitcoinEvents.Tickets.Signing;
using BitcoinEvents.Tickets.Tests.Support;
using Jose;
using Microsoft.Extensions.Time.Testing;

namespace BitcoinEvents.Tickets.Tests;

/// <summary>
/// What a door-scanner app does with a standard JOSE library (jose-jwt here): download the JWKS,
/// pick the key by the token's kid, verify ES256. Our tokens must pass; forgeries must not, with
/// that library and with ours.
/// </summary>
public sealed class IndependentVerificationTests : IDisposable
{
    private readonly KmsStandIn _kms = new();
    private readonly FakeTimeProvider _clock = new(Tokens.Now);

    public void Dispose() => _kms.Dispose();

    public static TheoryData<string> Signers => ["local", "kms", "kms-rotated"];

    private async Task<(ITicketSigner Signer, ITicketKeyRing Ring)> CreateAsync(string kind)
    {
        switch (kind)
        {
            case "local":
                var local = LocalTicketKeys.FromJwkSet(LocalTicketKeys.CreateJwkSet(LocalTicketKeys.CreateJwkSet()), _clock);
                return (local, local);
            case "kms":
                var kms = new KmsTicketKeys(_kms.Client, _kms.CreateKey(), [], _clock);
                return (kms, kms);
            default:
                var oldArn = _kms.CreateKey();
                var rotated = new KmsTicketKeys(_kms.Client, _kms.CreateKey(), [oldArn], _clock);
                await rotated.GetVerificationKeysAsync(Ct);
                return (new KmsTicketKeys(_kms.Client, oldArn, [], _clock), rotated); // an old ticket, the current JWKS
        }
    }

    [Theory]
    [MemberData(nameof(Signers))]
    public async Task OurToken_VerifiesWithJoseJwtAgainstOurJwks(string kind)
    {
        var (signer, ring) = await CreateAsync(kind);
        var jws = await signer.SignAsync(Tokens.Sample(2, "s1"), "Len Sassaman", Ct);

        var payload = ScannerDecode(jws, await ring.GetJwksJsonAsync(Ct));

        var claims = JsonNode.Parse(payload)!;
        Assert.Equal(Tokens.Sample().TicketId, (string?)claims["tid"]);
        Assert.Equal(Tokens.Sample().EventId, (string?)claims["eid"]);
        Assert.Equal("s1", (string?)claims["sid"]![0]);
        Assert.Equal(2, (int)claims["rev"]!);
        Assert.Equal("Len Sassaman", (string?)claims["nam"]);
        Assert.Equal(Tokens.Now.ToUnixTimeSeconds(), (long)claims["iat"]!);
    }

    [Theory]
    [MemberData(nameof(Signers))]
    public async Task TamperedPayload_FailsWithJoseJwtAndWithUs(string kind)
    {
        var (signer, ring) = await CreateAsync(kind);
        var jws = await signer.SignAsync(Tokens.Sample(1), "Alice", Ct);
        var forged = Tokens.WithPart(jws, 1, Tokens.B64(Tokens.Json(Tokens.Part(jws, 1)).Replace("Alice", "Mallory", StringComparison.Ordinal)));

        var jwks = await ring.GetJwksJsonAsync(Ct);
        Assert.Throws<IntegrityException>(() => ScannerDecode(forged, jwks));
        Assert.IsType<TicketVerification.Invalid>(await new TicketVerifier(ring).VerifyAsync(forged, Ct));
    }

    [Theory]
    [MemberData(nameof(Signers))]
    public async Task TamperedSignature_FailsWithJoseJwtAndWithUs(string kind)
    {
        var (signer, ring) = await CreateAsync(kind);
        var jws = await signer.SignAsync(Tokens.Sample(), "Alice", Ct);
        var signature = Tokens.Unb64(Tokens.Part(jws, 2));
        signature[40] ^= 0x80;
        var forged = Tokens.WithPart(jws, 2, Tokens.B64(signature));

        var jwks = await ring.GetJwksJsonAsync(Ct);
        Assert.Throws<IntegrityException>(() => ScannerDecode(forged, jwks));
        Assert.IsType<TicketVerification.Invalid>(await new TicketVerifier(ring).VerifyAsync(forged, Ct));
    }

    [Fact]
    public async Task SignedByAnUnknownKey_FailsWithJoseJwtAndWithUs()
    {
        var (_, ring) = await CreateAsync("kms");
        using var stranger = LocalTicketKeys.FromJwkSet(LocalTicketKeys.CreateJwkSet(), _clock);
        var forged = await stranger.SignAsync(Tokens.Sample(), "Eve", Ct);
        var jwks = await ring.GetJwksJsonAsync(Ct);

        // No key of the set has the token's kid; and none of them verifies it either.
        Assert.Throws<KeyNotFoundException>(() => ScannerDecode(forged, jwks));
        foreach (var key in JwkSet.FromJson(jwks, JWT.DefaultSettings.JsonMapper).Keys)
        {
            Assert.Throws<IntegrityException>(() => JWT.Decode(forged, key, JwsAlgorithm.ES256));
        }

        Assert.Equal(TicketRejectionCodes.UnknownKey, Assert.IsType<TicketVerification.Invalid>(await new TicketVerifier(ring).VerifyAsync(forged, Ct)).Code);
    }

    [Fact]
    public async Task AlgNoneForgery_FailsWithJoseJwtAndWithUs()
    {
        var (signer, ring) = await CreateAsync("local");
        var genuine = await signer.SignAsync(Tokens.Sample(), "Alice", Ct);
        var header = JsonNode.Parse(Tokens.Json(Tokens.Part(genuine, 0)))!;
        header["alg"] = "none";
        var forged = $"{Tokens.B64(header.ToJsonString())}.{Tokens.Part(genuine, 1)}.";

        var jwks = await ring.GetJwksJsonAsync(Ct);
        Assert.ThrowsAny<JoseException>(() => ScannerDecode(forged, jwks));
        Assert.Equal(TicketRejectionCodes.UnsupportedAlgorithm, Assert.IsType<TicketVerification.Invalid>(await new TicketVerifier(ring).VerifyAsync(forged, Ct)).Code);
    }

    [Fact]
    public async Task Hs256ForgeryKeyedWithThePublicKey_FailsWithJoseJwtAndWithUs()
    {
        var (_, ring) = await CreateAsync("local");
        var jwks = await ring.GetJwksJsonAsync(Ct);
        var kid = (await ring.GetVerificationKeysAsync(Ct))[0].KeyId;
        var claims = """{"tid":"0f1e2d3c4b5a69788796a5b4c3d2e1f0","eid":"a1b2c3d4e5f60718293a4b5c6d7e8f90","sid":[],"rev":1,"nam":"Eve","iat":1796149800}""";
        var forged = JWT.Encode(claims, Encoding.UTF8.GetBytes(jwks), JwsAlgorithm.HS256, new Dictionary<string, object> { ["kid"] = kid, ["typ"] = "JWT" });

        Assert.ThrowsAny<JoseException>(() => ScannerDecode(forged, jwks));
        Assert.Equal(TicketRejectionCodes.UnsupportedAlgorithm, Assert.IsType<TicketVerification.Invalid>(await new TicketVerifier(ring).VerifyAsync(forged, Ct)).Code);
    }

    [Fact]
    public async Task TokenSignedByJoseJwtWithARingKey_VerifiesWithUs()
    {
        // The other direction: our reader accepts what a standard library writes for our claims.
        using var ring = TestKeys.Create(out var key);
        var kid = (await ring.GetVerificationKeysAsync(Ct))[0].KeyId;
        var claims = """{"tid":"t-1","eid":"e-1","sid":["s1","s2"],"rev":4,"nam":"Hal","iat":1796149800}""";
        var jws = JWT.Encode(claims, new Jwk(key, isPrivate: true), JwsAlgorithm.ES256, new Dictionary<string, object> { ["kid"] = kid, ["typ"] = "JWT" });

        var valid = Assert.IsType<TicketVerification.Valid>(await new TicketVerifier(ring).VerifyAsync(jws, Ct));

        Assert.Equal("t-1", valid.Token.TicketId);
        Assert.Equal(["s1", "s2"], valid.Token.SessionIds);
        Assert.Equal(4, valid.Token.Revision);
        Assert.Equal("Hal", valid.HolderName);
    }

    [Fact]
    public async Task Jwks_IsReadByJoseJwtAsEcP256SigningKeys()
    {
        var (_, ring) = await CreateAsync("kms-rotated");

        var set = JwkSet.FromJson(await ring.GetJwksJsonAsync(Ct), JWT.DefaultSettings.JsonMapper);

        Assert.Equal(2, set.Keys.Count);
        Assert.All(set.Keys, k =>
        {
            Assert.Equal(Jwk.KeyTypes.EC, k.Kty);
            Assert.Equal("P-256", k.Crv);
            Assert.Equal(Jwk.KeyUsage.Signature, k.Use);
            Assert.Equal("ES256", k.Alg);
            using var ec = k.ECDsaKey();
            Assert.Equal(256, ec.KeySize);
        });
    }

    // A scanner: the JWKS it downloaded, the key named by the token's kid, ES256 pinned.
    private static string ScannerDecode(string jws, string jwksJson)
    {
        var set = JwkSet.FromJson(jwksJson, JWT.DefaultSettings.JsonMapper);
        var kid = JWT.Headers(jws)["kid"] as string;
        var key = set.Keys.FirstOrDefault(k => k.KeyId == kid) ?? throw new KeyNotFoundException($"No key {kid} in the JWKS.");
        return JWT.Decode(jws, key, JwsAlgorithm.ES256);
    }
}

using System.Security.Cryptography;
using System.Text;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using BitcoinEvents.Tickets.Jose;
using BitcoinEvents.Tickets.Signing;
using BitcoinEvents.Tickets.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace BitcoinEvents.Tickets.Tests.Signing;

public sealed class KmsTicketKeysTests : IDisposable
{
    private readonly KmsStandIn _kms = new();
    private readonly FakeTimeProvider _clock = new(Tokens.Now);

    public void Dispose() => _kms.Dispose();

    [Fact]
    public async Task Sign_KmsSignsTheDigest_AndTheTokenVerifiesWithTheKmsPublicKey()
    {
        var arn = _kms.CreateKey();
        var keys = new KmsTicketKeys(_kms.Client, arn, [], _clock);

        var jws = await keys.SignAsync(Tokens.Sample(1, "s1"), "Satoshi", Ct);

        var valid = Assert.IsType<TicketVerification.Valid>(await new TicketVerifier(keys).VerifyAsync(jws, Ct));
        Assert.Equal("Satoshi", valid.HolderName);

        // The request KMS saw: the SHA-256 of the signing input, as a digest, with ECDSA_SHA_256.
        var request = Assert.Single(_kms.SignRequests);
        Assert.Equal(arn, request.KeyId);
        Assert.Equal(MessageType.DIGEST, request.MessageType);
        Assert.Equal(SigningAlgorithmSpec.ECDSA_SHA_256, request.SigningAlgorithm);
        var signingInput = Encoding.ASCII.GetBytes(jws[..jws.LastIndexOf('.')]);
        Assert.Equal(SHA256.HashData(signingInput), request.Message.ToArray());

        // And it is a valid ES256 signature for the KMS key's own public half, checked without us.
        using var kmsPublic = ECDsa.Create();
        kmsPublic.ImportSubjectPublicKeyInfo(_kms.PrivateKey(arn).ExportSubjectPublicKeyInfo(), out _);
        Assert.True(kmsPublic.VerifyData(signingInput, Tokens.Unb64(Tokens.Part(jws, 2)), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
    }

    [Fact]
    public async Task Sign_ManyTimes_EveryDerShapeFromKmsBecomesAValidJoseSignature()
    {
        // KMS's DER r and s are 33 bytes when their top bit is set and shorter when they start with
        // zeros; about half the signatures hit the first case.
        var arn = _kms.CreateKey();
        var keys = new KmsTicketKeys(_kms.Client, arn, [], _clock);
        var verifier = new TicketVerifier(keys);

        for (var i = 0; i < 64; i++)
        {
            var jws = await keys.SignAsync(Tokens.Sample(i + 1), "A", Ct);
            Assert.IsType<TicketVerification.Valid>(await verifier.VerifyAsync(jws, Ct));
        }
    }

    [Fact]
    public async Task Kid_IsTheThumbprintOfTheKmsPublicKey()
    {
        var arn = _kms.CreateKey();
        var keys = new KmsTicketKeys(_kms.Client, arn, [], _clock);

        var jws = await keys.SignAsync(Tokens.Sample(), "A", Ct);

        var expected = EcPublicKey.FromParameters(_kms.PrivateKey(arn).ExportParameters(false)).KeyId;
        Assert.Contains($"\"kid\":\"{expected}\"", Tokens.Json(Tokens.Part(jws, 0)), StringComparison.Ordinal);
        Assert.Equal(expected, (await keys.GetVerificationKeysAsync(Ct)).Single().KeyId);
    }

    [Fact]
    public async Task PublicKeys_AreReadOncePerProcess()
    {
        var current = _kms.CreateKey();
        var previous = _kms.CreateKey();
        var keys = new KmsTicketKeys(_kms.Client, current, [previous], _clock);

        for (var i = 0; i < 5; i++)
        {
            await keys.SignAsync(Tokens.Sample(), "A", Ct);
            await keys.GetJwksJsonAsync(Ct);
        }

        Assert.Equal([current, previous], _kms.PublicKeyRequests.Select(r => r.KeyId));
    }

    [Fact]
    public async Task PublicKeys_AFailedReadIsNotKept_TheNextCallReadsAgain()
    {
        var arn = _kms.CreateKey();
        var keys = new KmsTicketKeys(_kms.Client, arn, [], _clock);
        _kms.PublicKeyFailures = 1;

        await Assert.ThrowsAsync<KMSInternalException>(() => keys.GetVerificationKeysAsync(Ct));
        var ring = await keys.GetVerificationKeysAsync(Ct);

        Assert.Single(ring);
    }

    [Fact]
    public async Task Rotation_TokensOfThePreviousKeyVerify_TheCurrentKeySigns()
    {
        var oldArn = _kms.CreateKey();
        var oldToken = await new KmsTicketKeys(_kms.Client, oldArn, [], _clock).SignAsync(Tokens.Sample(), "Old", Ct);
        var newArn = _kms.CreateKey();

        var rotated = new KmsTicketKeys(_kms.Client, newArn, [oldArn], _clock);
        var newToken = await rotated.SignAsync(Tokens.Sample(), "New", Ct);
        var verifier = new TicketVerifier(rotated);

        Assert.Equal(newArn, _kms.SignRequests[^1].KeyId);
        var ring = await rotated.GetVerificationKeysAsync(Ct);
        Assert.Equal(ring[0].KeyId, Assert.IsType<TicketVerification.Valid>(await verifier.VerifyAsync(newToken, Ct)).KeyId);
        Assert.Equal(ring[1].KeyId, Assert.IsType<TicketVerification.Valid>(await verifier.VerifyAsync(oldToken, Ct)).KeyId);

        // Once the old key leaves the list, its tickets stop verifying.
        var retired = new TicketVerifier(new KmsTicketKeys(_kms.Client, newArn, [], _clock));
        Assert.Equal(TicketRejectionCodes.UnknownKey, Assert.IsType<TicketVerification.Invalid>(await retired.VerifyAsync(oldToken, Ct)).Code);
    }

    [Fact]
    public async Task Alias_IsResolvedOnce_SigningStaysWithTheKeyWhosePublicHalfWasRead()
    {
        var first = _kms.CreateKey("alias/bitcoin-events-test-tickets");
        var keys = new KmsTicketKeys(_kms.Client, "alias/bitcoin-events-test-tickets", [], _clock);
        await keys.GetVerificationKeysAsync(Ct);

        // The alias moves while the process is warm: this process keeps signing with the key its
        // kid names, so its tokens keep verifying; a new process picks up the new key.
        _kms.PointAlias("alias/bitcoin-events-test-tickets", _kms.CreateKey());
        var jws = await keys.SignAsync(Tokens.Sample(), "A", Ct);

        Assert.Equal(first, _kms.SignRequests.Single().KeyId);
        Assert.IsType<TicketVerification.Valid>(await new TicketVerifier(keys).VerifyAsync(jws, Ct));
    }

    [Fact]
    public async Task SameKeyListedTwice_IsPublishedOnce()
    {
        var arn = _kms.CreateKey("alias/t");
        var keys = new KmsTicketKeys(_kms.Client, "alias/t", [arn], _clock);

        Assert.Single(await keys.GetVerificationKeysAsync(Ct));
    }

    [Fact]
    public async Task Sign_KmsAnswersWithAnotherKeysSignature_ThrowsInsteadOfIssuingAnUnverifiableTicket()
    {
        var arn = _kms.CreateKey();
        var keys = new KmsTicketKeys(_kms.Client, arn, [], _clock);
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        _kms.SignWith = other;

        await Assert.ThrowsAsync<InvalidOperationException>(() => keys.SignAsync(Tokens.Sample(), "A", Ct));
    }

    public static TheoryData<string, string> WrongKeys => new()
    {
        { "ECC_SECG_P256K1", "SIGN_VERIFY" },
        { "RSA_2048", "SIGN_VERIFY" },
        { "ECC_NIST_P256", "KEY_AGREEMENT" },
        { "SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT" },
    };

    [Theory]
    [MemberData(nameof(WrongKeys))]
    public async Task WrongKeySpecOrUsage_IsRefusedWhenTheKeysAreRead(string spec, string usage)
    {
        var arn = _kms.CreateOtherKey(new KeySpec(spec), new KeyUsageType(usage), usage == "SIGN_VERIFY" ? ["ECDSA_SHA_256"] : null);
        var keys = new KmsTicketKeys(_kms.Client, arn, [], _clock);

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => keys.GetVerificationKeysAsync(Ct));
        Assert.Contains(arn, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownKeyId_SurfacesKmsNotFound()
    {
        var keys = new KmsTicketKeys(_kms.Client, "alias/missing", [], _clock);

        await Assert.ThrowsAsync<NotFoundException>(() => keys.SignAsync(Tokens.Sample(), "A", Ct));
    }
}

using System.Security.Cryptography;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using BitcoinEvents.Domain.Ticketing;
using BitcoinEvents.Tickets.Jose;

namespace BitcoinEvents.Tickets.Signing;

/// <summary>
/// Ticket keys in AWS KMS: asymmetric keys of spec <c>ECC_NIST_P256</c>, usage <c>SIGN_VERIFY</c>.
/// The private key never leaves KMS: a token's SHA-256 digest is signed by KMS <c>Sign</c>
/// (<c>MessageType: DIGEST</c>, <c>ECDSA_SHA_256</c>), whose DER signature becomes JOSE r‖s. The
/// public keys come from KMS <c>GetPublicKey</c> once per process; a key's kid is its RFC 7638
/// thumbprint. The first key id signs (<c>TICKET_SIGNING_KEY_ID</c>), the others only verify
/// (<c>TICKET_VERIFYING_KEY_IDS</c>). Signing needs <c>kms:Sign</c> on the current key;
/// the ring needs <c>kms:GetPublicKey</c> on every listed key.
/// </summary>
public sealed class KmsTicketKeys : ITicketSigner, ITicketKeyRing
{
    private readonly IAmazonKeyManagementService _kms;
    private readonly IReadOnlyList<string> _keyIds;
    private readonly TimeProvider _clock;
    private readonly Lock _loading = new();
    private Task<Ring>? _ring;

    /// <param name="kms">The KMS client.</param>
    /// <param name="signingKeyId">The current key: key id, key ARN, alias name or alias ARN.</param>
    /// <param name="verifyingKeyIds">Previous keys, still verifying tokens they signed.</param>
    /// <param name="clock">The clock for <c>iat</c>.</param>
    public KmsTicketKeys(IAmazonKeyManagementService kms, string signingKeyId, IEnumerable<string> verifyingKeyIds, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(kms);
        ArgumentException.ThrowIfNullOrWhiteSpace(signingKeyId);
        ArgumentNullException.ThrowIfNull(verifyingKeyIds);
        ArgumentNullException.ThrowIfNull(clock);
        _kms = kms;
        _keyIds = [signingKeyId.Trim(), .. verifyingKeyIds.Select(k => k.Trim()).Where(k => k.Length > 0)];
        _clock = clock;
    }

    public async Task<IReadOnlyList<EcPublicKey>> GetVerificationKeysAsync(CancellationToken cancellationToken = default) =>
        (await LoadAsync(cancellationToken)).Keys;

    public async Task<string> SignAsync(TicketToken token, string holderName, CancellationToken cancellationToken = default)
    {
        var ring = await LoadAsync(cancellationToken);
        var current = ring.Keys[0];
        var input = TicketJws.SigningInput(current.KeyId, token, holderName, _clock.GetUtcNow());
        var digest = SHA256.HashData(input);

        SignResponse response;
        using (var message = new MemoryStream(digest, writable: false))
        {
            response = await _kms.SignAsync(
                new SignRequest
                {
                    // The key whose public half was read, even if an alias has since moved: the kid
                    // always names the key that signed.
                    KeyId = ring.SigningKeyArn,
                    Message = message,
                    MessageType = MessageType.DIGEST,
                    SigningAlgorithm = SigningAlgorithmSpec.ECDSA_SHA_256,
                },
                cancellationToken);
        }

        var signature = JoseSignature.FromDer(response.Signature?.ToArray() ?? throw new InvalidOperationException("KMS Sign returned no signature."));

        // A wrong key or algorithm would issue tickets no door accepts: check before handing one out.
        if (!current.VerifyEs256(input, signature))
        {
            throw new InvalidOperationException($"KMS key {ring.SigningKeyArn} signed a ticket its public key does not verify.");
        }

        return TicketJws.Compose(input, signature);
    }

    // Once per process. A failed load is not kept, so the next call tries again; the shared load
    // runs without any one caller's cancellation.
    private Task<Ring> LoadAsync(CancellationToken cancellationToken)
    {
        Task<Ring> ring;
        lock (_loading)
        {
            if (_ring is null || _ring.IsFaulted || _ring.IsCanceled)
            {
                _ring = Task.Run(ReadKeysAsync, CancellationToken.None);
            }

            ring = _ring;
        }

        return ring.WaitAsync(cancellationToken);
    }

    private async Task<Ring> ReadKeysAsync()
    {
        // One request per key, side by side: a cold start waits for the slowest, not the sum.
        var responses = await Task.WhenAll(_keyIds.Select(id => _kms.GetPublicKeyAsync(new GetPublicKeyRequest { KeyId = id }, CancellationToken.None)));
        var keys = new List<EcPublicKey>(responses.Length);
        for (var i = 0; i < responses.Length; i++)
        {
            var (keyId, response) = (_keyIds[i], responses[i]);
            if (response.KeySpec != KeySpec.ECC_NIST_P256
                || response.KeyUsage != KeyUsageType.SIGN_VERIFY
                || response.SigningAlgorithms?.Contains(SigningAlgorithmSpec.ECDSA_SHA_256.Value) != true)
            {
                throw new InvalidOperationException(
                    $"KMS key {keyId} is {response.KeySpec}/{response.KeyUsage}: ticket keys are ECC_NIST_P256 keys for SIGN_VERIFY with ECDSA_SHA_256.");
            }

            var key = EcPublicKey.FromSubjectPublicKeyInfo(response.PublicKey?.ToArray() ?? throw new InvalidOperationException($"KMS returned no public key for {keyId}."));

            // The same key listed twice (say, by alias and by ARN) is published once.
            if (!keys.Any(k => k.KeyId == key.KeyId))
            {
                keys.Add(key);
            }
        }

        var signingArn = string.IsNullOrEmpty(responses[0].KeyId) ? _keyIds[0] : responses[0].KeyId;
        return new Ring(keys, signingArn);
    }

    private sealed record Ring(IReadOnlyList<EcPublicKey> Keys, string SigningKeyArn);
}

using System.Security.Cryptography;
using System.Text.Json;
using BitcoinEvents.Domain.Ticketing;
using BitcoinEvents.Tickets.Jose;

namespace BitcoinEvents.Tickets.Signing;

/// <summary>
/// Ticket keys held in the process, for DevHost and tests: a JWK Set of P-256 keys
/// (<c>TICKET_SIGNING_KEYS</c>); the first key, which must carry its private member <c>d</c>, signs,
/// and every key verifies. Never used in AWS, where the private key stays in KMS
/// (<see cref="KmsTicketKeys"/>).
/// </summary>
public sealed class LocalTicketKeys : ITicketSigner, ITicketKeyRing, IDisposable
{
    private readonly ECDsa _signingKey;
    private readonly IReadOnlyList<EcPublicKey> _keys;
    private readonly TimeProvider _clock;
    private readonly Lock _signing = new();

    private LocalTicketKeys(ECDsa signingKey, IReadOnlyList<EcPublicKey> keys, TimeProvider clock)
    {
        _signingKey = signingKey;
        _keys = keys;
        _clock = clock;
    }

    /// <summary>Reads a JWK Set of EC P-256 keys, the first one private. Messages never quote a key.</summary>
    public static LocalTicketKeys FromJwkSet(string jwkSetJson, TimeProvider clock)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jwkSetJson);
        ArgumentNullException.ThrowIfNull(clock);
        JwkSetDocument? set;
        try
        {
            set = JsonSerializer.Deserialize(jwkSetJson, JoseJsonContext.Default.JwkSetDocument);
        }
        catch (JsonException e)
        {
            // The exception's message can quote the input, which holds private keys: say where only.
            throw new FormatException($"The ticket keys are not a JWK Set (JSON error at {e.Path ?? "$"}, line {e.LineNumber + 1}).");
        }

        if (set?.Keys is not { Count: > 0 } jwks)
        {
            throw new FormatException("The ticket key set has no keys.");
        }

        var keys = new List<EcPublicKey>(jwks.Count);
        ECDsa? signer = null;
        try
        {
            for (var i = 0; i < jwks.Count; i++)
            {
                var (parameters, key) = Read(jwks[i], i);
                if (i == 0)
                {
                    if (parameters.D is null)
                    {
                        throw new FormatException("The first ticket key signs: it needs its private member d.");
                    }

                    signer = CreateSigner(parameters);
                    SelfTest(signer, key);
                }

                if (keys.Any(k => k.KeyId == key.KeyId))
                {
                    throw new FormatException($"Ticket key {i} is listed twice.");
                }

                keys.Add(key);
            }

            var ring = new LocalTicketKeys(signer!, keys, clock);
            signer = null;
            return ring;
        }
        finally
        {
            signer?.Dispose();
        }
    }

    /// <summary>
    /// A JWK Set whose first key is a new P-256 private key, followed by the keys of
    /// <paramref name="previousJwkSetJson"/> (if any), which then verify only: a local rotation.
    /// DevHost writes one into <c>.local/</c> on first run; tests make their own.
    /// </summary>
    public static string CreateJwkSet(string? previousJwkSetJson = null)
    {
        var keys = new List<JwkDocument>();
        using (var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            var p = ec.ExportParameters(includePrivateParameters: true);
            var key = EcPublicKey.FromParameters(p);
            keys.Add(new JwkDocument
            {
                Kty = "EC",
                Crv = "P-256",
                X = key.X,
                Y = key.Y,
                D = Base64UrlStrict.Encode(p.D),
                Kid = key.KeyId,
                Use = "sig",
                Alg = TicketJws.Algorithm,
            });
            CryptographicOperations.ZeroMemory(p.D);
        }

        if (!string.IsNullOrWhiteSpace(previousJwkSetJson))
        {
            using var previous = FromJwkSet(previousJwkSetJson, TimeProvider.System);
            var old = JsonSerializer.Deserialize(previousJwkSetJson, JoseJsonContext.Default.JwkSetDocument)!;
            keys.AddRange(old.Keys!);
        }

        return JsonSerializer.Serialize(new JwkSetDocument { Keys = keys }, JoseJsonContext.Default.JwkSetDocument);
    }

    public Task<IReadOnlyList<EcPublicKey>> GetVerificationKeysAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(_keys);

    public Task<string> SignAsync(TicketToken token, string holderName, CancellationToken cancellationToken = default)
    {
        var input = TicketJws.SigningInput(_keys[0].KeyId, token, holderName, _clock.GetUtcNow());
        byte[] signature;
        lock (_signing)
        {
            signature = _signingKey.SignData(input, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }

        return Task.FromResult(TicketJws.Compose(input, signature));
    }

    public void Dispose() => _signingKey.Dispose();

    private static (ECParameters Parameters, EcPublicKey Key) Read(JwkDocument jwk, int index)
    {
        if (jwk.Kty != "EC" || jwk.Crv != "P-256")
        {
            throw new FormatException($"Ticket key {index} is not an EC P-256 key.");
        }

        if (jwk.Alg is not (null or TicketJws.Algorithm) || jwk.Use is not (null or "sig"))
        {
            throw new FormatException($"Ticket key {index} is not an ES256 signing key.");
        }

        if (!Coordinate(jwk.X, out var x) || !Coordinate(jwk.Y, out var y))
        {
            throw new FormatException($"Ticket key {index} has no valid x and y (32 bytes, base64url).");
        }

        byte[]? d = null;
        if (jwk.D is not null && !Coordinate(jwk.D, out d))
        {
            throw new FormatException($"Ticket key {index} has an invalid private member d.");
        }

        var parameters = new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = x, Y = y }, D = d };
        EcPublicKey key;
        try
        {
            key = EcPublicKey.FromParameters(parameters);
        }
        catch (FormatException e)
        {
            throw new FormatException($"Ticket key {index}: {e.Message}");
        }

        if (jwk.Kid is not null && jwk.Kid != key.KeyId)
        {
            throw new FormatException($"Ticket key {index}'s kid is not its RFC 7638 thumbprint ({key.KeyId}).");
        }

        return (parameters, key);
    }

    private static ECDsa CreateSigner(ECParameters parameters)
    {
        try
        {
            return ECDsa.Create(parameters);
        }
        catch (CryptographicException)
        {
            throw new FormatException("The first ticket key's private member d does not belong to its x and y.");
        }
    }

    private static bool Coordinate(string? value, out byte[] bytes)
    {
        bytes = [];
        return value is not null && Base64UrlStrict.TryDecode(value, out bytes) && bytes.Length == JoseSignature.P256FieldSize;
    }

    // ImportParameters does not promise that d belongs to (x, y): sign and verify once, so a key set
    // with mismatched halves fails at start-up instead of issuing tickets nobody can verify.
    private static void SelfTest(ECDsa signer, EcPublicKey key)
    {
        ReadOnlySpan<byte> probe = "ticket key self-test"u8;
        var signature = signer.SignData(probe, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        if (!key.VerifyEs256(probe, signature))
        {
            throw new FormatException("The first ticket key's private member d does not belong to its x and y.");
        }
    }
}

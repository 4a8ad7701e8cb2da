using System.Reflection;
using System.Security.Cryptography;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;

namespace BitcoinEvents.Tickets.Tests.Support;

/// <summary>
/// A stand-in for AWS KMS (no emulator exists): an <see cref="IAmazonKeyManagementService"/> whose
/// GetPublicKey and Sign answer in KMS's documented shapes (a DER SubjectPublicKeyInfo, a DER
/// ECDSA signature of a 32-byte digest) from keys made for the test. Every other operation throws.
/// </summary>
public sealed class KmsStandIn : IDisposable
{
    private const string Account = "111122223333";
    private readonly Dictionary<string, StoredKey> _keys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _aliases = new(StringComparer.Ordinal);

    public KmsStandIn()
    {
        var proxy = DispatchProxy.Create<IAmazonKeyManagementService, Dispatcher>();
        ((Dispatcher)(object)proxy).Owner = this;
        Client = proxy;
    }

    public IAmazonKeyManagementService Client { get; }

    public List<GetPublicKeyRequest> PublicKeyRequests { get; } = [];

    public List<SignRequest> SignRequests { get; } = [];

    /// <summary>GetPublicKey calls to fail (as a throttled or unreachable KMS would) before answering.</summary>
    public int PublicKeyFailures { get; set; }

    /// <summary>Sign with this key instead of the one asked for (a misconfiguration to detect).</summary>
    public ECDsa? SignWith { get; set; }

    /// <summary>A new ECC_NIST_P256 SIGN_VERIFY key; returns its ARN.</summary>
    public string CreateKey(string? alias = null) => Add(new StoredKey(ECDsa.Create(ECCurve.NamedCurves.nistP256), KeySpec.ECC_NIST_P256, KeyUsageType.SIGN_VERIFY, ["ECDSA_SHA_256"]), alias);

    /// <summary>A key of another spec or usage (what a wrong key id in configuration would name).</summary>
    public string CreateOtherKey(KeySpec spec, KeyUsageType usage, List<string>? algorithms) =>
        Add(new StoredKey(ECDsa.Create(ECCurve.NamedCurves.nistP256), spec, usage, algorithms), null);

    public void PointAlias(string alias, string arn) => _aliases[alias] = arn;

    public ECDsa PrivateKey(string arn) => _keys[arn].Key;

    public void Dispose()
    {
        foreach (var key in _keys.Values)
        {
            key.Key.Dispose();
        }
    }

    private string Add(StoredKey key, string? alias)
    {
        var arn = $"arn:aws:kms:us-east-1:{Account}:key/{Guid.NewGuid()}";
        _keys[arn] = key;
        if (alias is not null)
        {
            _aliases[alias] = arn;
        }

        return arn;
    }

    private string Resolve(string keyId)
    {
        if (_aliases.TryGetValue(keyId, out var aliased))
        {
            return aliased;
        }

        var arn = _keys.Keys.FirstOrDefault(k => k == keyId || k.EndsWith("/" + keyId, StringComparison.Ordinal));
        return arn ?? throw new NotFoundException($"Key '{keyId}' does not exist");
    }

    private GetPublicKeyResponse GetPublicKey(GetPublicKeyRequest request)
    {
        PublicKeyRequests.Add(request);
        if (PublicKeyFailures > 0)
        {
            PublicKeyFailures--;
            throw new KMSInternalException("Service unavailable (stand-in)");
        }

        var arn = Resolve(request.KeyId);
        var key = _keys[arn];
        return new GetPublicKeyResponse
        {
            KeyId = arn,
            PublicKey = new MemoryStream(key.Key.ExportSubjectPublicKeyInfo()),
            KeySpec = key.Spec,
            KeyUsage = key.Usage,
            SigningAlgorithms = key.Algorithms,
        };
    }

    private SignResponse Sign(SignRequest request)
    {
        SignRequests.Add(request);
        var arn = Resolve(request.KeyId);
        var key = _keys[arn];
        if (key.Usage != KeyUsageType.SIGN_VERIFY || key.Algorithms?.Contains(request.SigningAlgorithm.Value) != true)
        {
            throw new InvalidKeyUsageException($"{arn} cannot sign with {request.SigningAlgorithm}");
        }

        var message = request.Message.ToArray();
        byte[] digest;
        if (request.MessageType == MessageType.DIGEST)
        {
            // KMS: with DIGEST, the message is the hash itself, exactly the algorithm's digest length.
            if (message.Length != 32)
            {
                throw new AmazonKeyManagementServiceException("Digest is invalid length for algorithm ECDSA_SHA_256.") { ErrorCode = "ValidationException" };
            }

            digest = message;
        }
        else
        {
            digest = SHA256.HashData(message);
        }

        var signer = SignWith ?? key.Key;
        return new SignResponse
        {
            KeyId = arn,
            SigningAlgorithm = request.SigningAlgorithm,
            Signature = new MemoryStream(signer.SignHash(digest, DSASignatureFormat.Rfc3279DerSequence)),
        };
    }

    private sealed record StoredKey(ECDsa Key, KeySpec Spec, KeyUsageType Usage, List<string>? Algorithms);

    /// <summary>The proxy behind <see cref="Client"/>: answers two operations, refuses the rest.</summary>
    public class Dispatcher : DispatchProxy
    {
        internal KmsStandIn Owner { get; set; } = null!;

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            ArgumentNullException.ThrowIfNull(targetMethod);
            try
            {
                return targetMethod.Name switch
                {
                    nameof(IAmazonKeyManagementService.GetPublicKeyAsync) => Task.FromResult(Owner.GetPublicKey((GetPublicKeyRequest)args![0]!)),
                    nameof(IAmazonKeyManagementService.SignAsync) => Task.FromResult(Owner.Sign((SignRequest)args![0]!)),
                    nameof(IDisposable.Dispose) => null,
                    _ => throw new NotSupportedException($"The KMS stand-in does not answer {targetMethod.Name}."),
                };
            }
            catch (AmazonKeyManagementServiceException e) when (targetMethod.Name == nameof(IAmazonKeyManagementService.GetPublicKeyAsync))
            {
                return Task.FromException<GetPublicKeyResponse>(e);
            }
            catch (AmazonKeyManagementServiceException e) when (targetMethod.Name == nameof(IAmazonKeyManagementService.SignAsync))
            {
                return Task.FromException<SignResponse>(e);
            }
        }
    }
}

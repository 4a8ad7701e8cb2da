using System.Security.Cryptography;
using BitcoinEvents.Tickets.Jose;
using BitcoinEvents.Tickets.Signing;

namespace BitcoinEvents.Tickets.Tests.Support;

/// <summary>A ring of one key whose private half the test holds, to sign anything it likes.</summary>
internal sealed class TestKeys : ITicketKeyRing, IDisposable
{
    private readonly ECDsa _key;

    private TestKeys(ECDsa key) => _key = key;

    public static TestKeys Create(out ECDsa signer)
    {
        signer = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return new TestKeys(signer);
    }

    public Task<IReadOnlyList<EcPublicKey>> GetVerificationKeysAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<EcPublicKey>>([EcPublicKey.FromParameters(_key.ExportParameters(false))]);

    public void Dispose() => _key.Dispose();
}

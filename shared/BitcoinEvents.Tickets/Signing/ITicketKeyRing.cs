using BitcoinEvents.Tickets.Jose;

namespace BitcoinEvents.Tickets.Signing;

/// <summary>
/// The public halves of the ticket keys: the current one (first) and the previous ones, which
/// verify only. A token verifies while the key that signed it is listed here. Read once per
/// process and then held.
/// </summary>
public interface ITicketKeyRing
{
    Task<IReadOnlyList<EcPublicKey>> GetVerificationKeysAsync(CancellationToken cancellationToken = default);
}

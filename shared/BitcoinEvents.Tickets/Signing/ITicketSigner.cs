using BitcoinEvents.Domain.Ticketing;

namespace BitcoinEvents.Tickets.Signing;

/// <summary>Signs a ticket's QR token with the current key of the ring.</summary>
public interface ITicketSigner
{
    /// <summary>The compact JWS for <paramref name="token"/> in <paramref name="holderName"/>'s name,
    /// signed now (ES256, <c>kid</c> = the current key's thumbprint).</summary>
    Task<string> SignAsync(TicketToken token, string holderName, CancellationToken cancellationToken = default);
}

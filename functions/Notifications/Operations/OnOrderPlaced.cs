using BitcoinEvents.Domain.Messages;
using BitcoinEvents.Infrastructure.Messaging;
using BitcoinEvents.Lambda;
using BitcoinEvents.Notifications.Storage;

namespace BitcoinEvents.Notifications.Operations;

/// <summary>
/// Consumes OrderPlaced (Ticketing): remembers who placed the order, for which event, its total and
/// payment deadline, so that a later PaymentFailed (which names only the order) reaches the buyer.
/// Sends nothing. Idempotent: a repeat changes nothing.
/// </summary>
internal sealed class OnOrderPlaced(Projections projections, TimeProvider clock) : ISqsMessageHandler<DomainEvent<OrderPlacedV1>>
{
    public const string Name = nameof(OnOrderPlaced);

    public Task HandleAsync(DomainEvent<OrderPlacedV1> message, SqsMessageContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        return projections.RecordPlacedAsync(message.Data, clock.GetUtcNow(), ct);
    }
}

using BitcoinEvents.Domain.Messages;
using BitcoinEvents.Domain.Notifications;
using BitcoinEvents.Infrastructure.Messaging;
using BitcoinEvents.Lambda;
using BitcoinEvents.Notifications.Contracts;
using BitcoinEvents.Notifications.Delivery;

namespace BitcoinEvents.Notifications.Operations;

/// <summary>Consumes OrderExpired (Ticketing): the buyer hears that the unpaid order lapsed and nothing was charged.</summary>
internal sealed class OnOrderExpired(DeliveriesQueue deliveries) : ISqsMessageHandler<DomainEvent<OrderExpiredV1>>
{
    public const string Name = nameof(OnOrderExpired);

    public Task HandleAsync(DomainEvent<OrderExpiredV1> message, SqsMessageContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        var expired = message.Data;
        return deliveries.EnqueueAsync(
        [
            new NotificationRequestV1(
                message.Id, NotificationKinds.Name(NotificationKind.OrderExpired), expired.BuyerId, expired.EventId, expired.ExpiredAt,
                new NoticeDetails { OrderId = expired.OrderId }),
        ], ct);
    }
}

using BitcoinEvents.Domain.Messages;
using BitcoinEvents.Domain.Notifications;
using BitcoinEvents.Infrastructure.Messaging;
using BitcoinEvents.Lambda;
using BitcoinEvents.Notifications.Contracts;
using BitcoinEvents.Notifications.Delivery;
using BitcoinEvents.Notifications.Storage;

namespace BitcoinEvents.Notifications.Operations;

/// <summary>Consumes PaymentRefunded (Payments): the buyer gets the refund's receipt (its amount, in the order's currency).</summary>
internal sealed class OnPaymentRefunded(Projections projections, DeliveriesQueue deliveries) : ISqsMessageHandler<DomainEvent<PaymentRefundedV1>>
{
    public const string Name = nameof(OnPaymentRefunded);

    public async Task HandleAsync(DomainEvent<PaymentRefundedV1> message, SqsMessageContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        var refunded = message.Data;
        var order = await projections.GetOrderAsync(refunded.OrderId, ct)
            ?? throw new OrderNotKnownYetException(refunded.OrderId);
        await deliveries.EnqueueAsync(
        [
            new NotificationRequestV1(
                message.Id, NotificationKinds.Name(NotificationKind.RefundIssued), order.BuyerId, order.EventId, refunded.RefundedAt,
                new NoticeDetails { OrderId = order.OrderId, Amount = refunded.Amount }),
        ], ct);
    }
}

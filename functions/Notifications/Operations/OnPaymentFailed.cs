using BitcoinEvents.Domain.Messages;
using BitcoinEvents.Domain.Notifications;
using BitcoinEvents.Infrastructure.Messaging;
using BitcoinEvents.Lambda;
using BitcoinEvents.Notifications.Contracts;
using BitcoinEvents.Notifications.Delivery;
using BitcoinEvents.Notifications.Storage;

namespace BitcoinEvents.Notifications.Operations;

/// <summary>
/// Consumes PaymentFailed (Payments): the buyer hears the payment did not go through and until when
/// the seats are held. The event names only the order: its buyer comes from the OrderPlaced this
/// area recorded; until that has arrived the message fails and is retried (with backoff).
/// </summary>
internal sealed class OnPaymentFailed(Projections projections, DeliveriesQueue deliveries) : ISqsMessageHandler<DomainEvent<PaymentFailedV1>>
{
    public const string Name = nameof(OnPaymentFailed);

    public async Task HandleAsync(DomainEvent<PaymentFailedV1> message, SqsMessageContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        var failed = message.Data;
        var order = await projections.GetOrderAsync(failed.OrderId, ct)
            ?? throw new OrderNotKnownYetException(failed.OrderId);
        await deliveries.EnqueueAsync(
        [
            new NotificationRequestV1(
                message.Id, NotificationKinds.Name(NotificationKind.PaymentFailed), order.BuyerId, order.EventId, failed.FailedAt,
                new NoticeDetails { OrderId = order.OrderId, Amount = order.Total, Reason = failed.Reason, Deadline = order.PaymentDeadline }),
        ], ct);
    }
}

/// <summary>An event about an order arrived before the order's own: retried until it has.</summary>
internal sealed class OrderNotKnownYetException(string orderId)
    : Exception($"Order {orderId} is not known yet (its OrderPlaced or OrderPaid has not arrived); retried.");

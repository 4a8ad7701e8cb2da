using BitcoinEvents.Domain.Messages;
using BitcoinEvents.Domain.Notifications;
using BitcoinEvents.Infrastructure.Messaging;
using BitcoinEvents.Lambda;
using BitcoinEvents.Notifications.Contracts;
using BitcoinEvents.Notifications.Delivery;
using BitcoinEvents.Notifications.Storage;

namespace BitcoinEvents.Notifications.Operations;

/// <summary>
/// Consumes OrderPaid (Ticketing): the order's tickets join the event's holders (reminders, event
/// news), and the buyer's confirmation, with every ticket and its QR code, goes to the deliveries
/// queue. However often it arrives, the confirmation is sent once (DeliverNotification).
/// </summary>
internal sealed class OnOrderPaid(Projections projections, DeliveriesQueue deliveries, TimeProvider clock) : ISqsMessageHandler<DomainEvent<OrderPaidV1>>
{
    public const string Name = nameof(OnOrderPaid);

    public async Task HandleAsync(DomainEvent<OrderPaidV1> message, SqsMessageContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        var paid = message.Data;
        await projections.RecordPaidAsync(paid, clock.GetUtcNow(), ct);
        await deliveries.EnqueueAsync([Notice(message)], ct);
    }

    /// <summary>The confirmation notice of a paid order.</summary>
    public static NotificationRequestV1 Notice(DomainEvent<OrderPaidV1> message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var paid = message.Data;
        return new NotificationRequestV1(
            message.Id,
            NotificationKinds.Name(NotificationKind.OrderConfirmation),
            paid.BuyerId,
            paid.EventId,
            paid.PaidAt,
            new NoticeDetails
            {
                OrderId = paid.OrderId,
                Amount = paid.Total,
                Tickets = [.. paid.Tickets.Select(t => new NoticeTicket(t.TicketId, t.TypeName, t.HolderName, t.QrToken))],
                TicketCount = paid.Tickets.Count,
            });
    }
}

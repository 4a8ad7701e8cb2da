using BitcoinEvents.Domain.Events;
using BitcoinEvents.Domain.Messages;
using BitcoinEvents.Domain.Notifications;
using BitcoinEvents.Infrastructure.Catalog;
using BitcoinEvents.Infrastructure.Messaging;
using BitcoinEvents.Lambda;
using BitcoinEvents.Notifications.Contracts;
using BitcoinEvents.Notifications.Delivery;
using BitcoinEvents.Notifications.Storage;

namespace BitcoinEvents.Notifications.Operations;

/// <summary>
/// Consumes OrderCancelled (Ticketing): the order's tickets leave the event's holders (no reminder
/// for a void ticket), and the buyer hears of it, unless the whole event was cancelled (its holders,
/// this buyer among them, get one EventCancelled notice, not one more per order).
/// </summary>
internal sealed class OnOrderCancelled(Projections projections, EventCatalog catalog, DeliveriesQueue deliveries, TimeProvider clock)
    : ISqsMessageHandler<DomainEvent<OrderCancelledV1>>
{
    public const string Name = nameof(OnOrderCancelled);

    public async Task HandleAsync(DomainEvent<OrderCancelledV1> message, SqsMessageContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        var cancelled = message.Data;
        var @event = await catalog.GetAsync(cancelled.EventId, consistent: true, ct);
        if (@event?.Status == EventStatus.Cancelled)
        {
            // Ticketing cancels a cancelled event's orders when it hears EventCancelled, which may
            // be before this area does: the order's tickets stay among the event's holders, so the
            // EventCancelled notice still reaches their buyer whichever message is handled first (a
            // cancelled event gets no reminders anyway).
            return;
        }

        await projections.RecordCancelledAsync(cancelled, clock.GetUtcNow(), ct);

        await deliveries.EnqueueAsync(
        [
            new NotificationRequestV1(
                message.Id, NotificationKinds.Name(NotificationKind.OrderCancelled), cancelled.BuyerId, cancelled.EventId, cancelled.CancelledAt,
                new NoticeDetails { OrderId = cancelled.OrderId, Reason = cancelled.Reason, ByOrganizer = cancelled.ByOrganizer }),
        ], ct);
    }
}

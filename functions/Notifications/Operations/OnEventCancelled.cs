using BitcoinEvents.Domain.Messages;
using BitcoinEvents.Domain.Notifications;
using BitcoinEvents.Infrastructure.Messaging;
using BitcoinEvents.Lambda;
using BitcoinEvents.Notifications.Contracts;
using BitcoinEvents.Notifications.Delivery;

namespace BitcoinEvents.Notifications.Operations;

/// <summary>Consumes EventCancelled (Events): every holder of a valid ticket hears it once, however many tickets they hold.</summary>
internal sealed class OnEventCancelled(HolderNotices holders) : ISqsMessageHandler<DomainEvent<EventCancelledV1>>
{
    public const string Name = nameof(OnEventCancelled);

    public Task HandleAsync(DomainEvent<EventCancelledV1> message, SqsMessageContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        var cancelled = message.Data;
        return holders.NotifyAsync(cancelled.EventId, (owner, count) => new NotificationRequestV1(
            message.Id, NotificationKinds.Name(NotificationKind.EventCancelled), owner, cancelled.EventId, cancelled.CancelledAt,
            new NoticeDetails { Reason = cancelled.Reason, TicketCount = count }), ct);
    }
}

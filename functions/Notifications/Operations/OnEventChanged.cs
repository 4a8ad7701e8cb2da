using BitcoinEvents.Domain.Messages;
using BitcoinEvents.Domain.Notifications;
using BitcoinEvents.Infrastructure.Messaging;
using BitcoinEvents.Lambda;
using BitcoinEvents.Notifications.Contracts;
using BitcoinEvents.Notifications.Delivery;

namespace BitcoinEvents.Notifications.Operations;

/// <summary>Consumes EventChanged (Events): every holder hears the new time or place, once.</summary>
internal sealed class OnEventChanged(HolderNotices holders) : ISqsMessageHandler<DomainEvent<EventChangedV1>>
{
    public const string Name = nameof(OnEventChanged);

    public Task HandleAsync(DomainEvent<EventChangedV1> message, SqsMessageContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        var changed = message.Data;
        return holders.NotifyAsync(changed.EventId, (owner, count) => new NotificationRequestV1(
            message.Id, NotificationKinds.Name(NotificationKind.EventChanged), owner, changed.EventId, changed.ChangedAt,
            new NoticeDetails { Changed = changed.Changed, TicketCount = count }), ct);
    }
}

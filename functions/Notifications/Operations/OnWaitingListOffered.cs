using BitcoinEvents.Domain.Messages;
using BitcoinEvents.Domain.Notifications;
using BitcoinEvents.Infrastructure.Messaging;
using BitcoinEvents.Lambda;
using BitcoinEvents.Notifications.Contracts;
using BitcoinEvents.Notifications.Delivery;

namespace BitcoinEvents.Notifications.Operations;

/// <summary>Consumes WaitingListOffered (Ticketing): the waiting attendee hears seats are held for them, and until when (in the event's time zone).</summary>
internal sealed class OnWaitingListOffered(DeliveriesQueue deliveries) : ISqsMessageHandler<DomainEvent<WaitingListOfferedV1>>
{
    public const string Name = nameof(OnWaitingListOffered);

    public Task HandleAsync(DomainEvent<WaitingListOfferedV1> message, SqsMessageContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        var offer = message.Data;
        return deliveries.EnqueueAsync(
        [
            new NotificationRequestV1(
                message.Id, NotificationKinds.Name(NotificationKind.WaitingListOffer), offer.OwnerId, offer.EventId, message.OccurredAt,
                new NoticeDetails { HoldId = offer.HoldId, Quantity = offer.Quantity, Deadline = offer.ExpiresAt }),
        ], ct);
    }
}

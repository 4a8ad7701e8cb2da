using BitcoinEvents.Domain.Messages;
using BitcoinEvents.Domain.Notifications;
using BitcoinEvents.Infrastructure.Messaging;
using BitcoinEvents.Lambda;
using BitcoinEvents.Notifications.Contracts;
using BitcoinEvents.Notifications.Delivery;
using BitcoinEvents.Notifications.Storage;

namespace BitcoinEvents.Notifications.Operations;

/// <summary>
/// Consumes TicketReassigned (Ticketing): the ticket's owner gets its new QR code (the old one no
/// longer scans). The contract names one account, the owner who manages the ticket; the previous
/// and the new holder are names, with no address to write to, so the owner passes it on.
/// </summary>
internal sealed class OnTicketReassigned(Projections projections, DeliveriesQueue deliveries) : ISqsMessageHandler<DomainEvent<TicketReassignedV1>>
{
    public const string Name = nameof(OnTicketReassigned);

    public async Task HandleAsync(DomainEvent<TicketReassignedV1> message, SqsMessageContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        var reassigned = message.Data;
        await projections.RecordReassignedAsync(reassigned, ct);
        await deliveries.EnqueueAsync(
        [
            new NotificationRequestV1(
                message.Id, NotificationKinds.Name(NotificationKind.TicketReassigned), reassigned.OwnerId, reassigned.EventId, reassigned.ReassignedAt,
                new NoticeDetails
                {
                    PreviousHolderName = reassigned.PreviousHolderName,
                    Tickets = [new NoticeTicket(reassigned.TicketId, "", reassigned.HolderName, reassigned.QrToken)],
                    TicketCount = 1,
                }),
        ], ct);
    }
}

using BitcoinEvents.Domain.Messages;
using BitcoinEvents.Infrastructure.Messaging;
using BitcoinEvents.Lambda;
using BitcoinEvents.Ticketing.Selling;

namespace BitcoinEvents.Ticketing.Operations;

/// <summary>
/// Consumes EventCancelled (Events): every pending or paid order of the event is cancelled (paid:
/// tickets void and a full RefundRequested; pending: seats back), no waiting-list offer is made for
/// it any more, and no payment buys its tickets. In bounded pages with saved progress: a delivery
/// that runs short of time stops and fails its message, and the redelivery continues where it
/// stopped; any number of deliveries cancel and refund each order once.
/// </summary>
internal sealed class CancelEventOrders(EventCancellation cascade) : ISqsMessageHandler<DomainEvent<EventCancelledV1>>
{
    public const string Name = nameof(CancelEventOrders);

    /// <summary>The time a delivery keeps for itself to save its progress and answer.</summary>
    public static readonly TimeSpan Reserve = TimeSpan.FromSeconds(20);

    public async Task HandleAsync(DomainEvent<EventCancelledV1> message, SqsMessageContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(context);
        var done = await cascade.RunAsync(Name, message.Id, message.Data, () => context.Invocation.RemainingTime < Reserve, ct);
        if (!done)
        {
            // Progress is saved: failing the message makes SQS deliver it again after its visibility timeout.
            throw new InvalidOperationException($"The orders of cancelled event {message.Data.EventId} are being cancelled; the rest continues when the message is delivered again.");
        }
    }
}

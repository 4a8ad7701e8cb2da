using Amazon.DynamoDBv2;
using BitcoinEvents.Domain.Messages;
using BitcoinEvents.Domain.Results;
using BitcoinEvents.Domain.Ticketing;
using BitcoinEvents.Infrastructure.Messaging;
using BitcoinEvents.Ticketing.Storage;
using Microsoft.Extensions.Logging;

namespace BitcoinEvents.Ticketing.Selling;

/// <summary>
/// What an event's cancellation does to its sales: every order still pending or paid is cancelled
/// as if by the organizer (paid: tickets void, everything paid asked back; pending: seats back), one
/// order per transaction, a page of orders at a time, oldest first. First it records the
/// cancellation in Ticketing's own table (<see cref="CancelledEvents"/>): from then on no freed
/// seat is offered to the event's waiting lines and no payment buys its tickets. Its place in the
/// orders is saved after every page, so a run stopped by its time budget (or a crash) is continued
/// by the message's redelivery; each order's cancellation is conditional on its version, so a
/// redelivery never cancels or refunds twice. When every order is dealt with, the consumer's
/// processed marker is written with the record's "done".
/// </summary>
internal sealed partial class EventCancellation(
    CancelledEvents cancelledEvents,
    EventOrderPages pages,
    OrderStore orders,
    Cancellations cancellations,
    IAmazonDynamoDB dynamo,
    TicketingTable table,
    TimeProvider clock,
    ILogger<EventCancellation> logger)
{
    /// <summary>Orders read per page (and per progress save).</summary>
    public const int PageSize = 25;

    /// <summary>
    /// Works through the event's orders until all are dealt with (true) or <paramref name="timeIsUp"/>
    /// says to stop (false: progress saved, the rest is for the next delivery).
    /// </summary>
    public async Task<bool> RunAsync(string consumer, string envelopeId, EventCancelledV1 cancelled, Func<bool> timeIsUp, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(cancelled);
        ArgumentNullException.ThrowIfNull(timeIsUp);
        var progress = await cancelledEvents.MarkAsync(cancelled.EventId, cancelled.Reason, cancelled.CancelledAt, ct);
        if (progress.Done)
        {
            LogAlreadyDone(logger, cancelled.EventId);
            return true;
        }

        var reason = string.IsNullOrWhiteSpace(cancelled.Reason) ? "The event was cancelled." : $"The event was cancelled: {cancelled.Reason}";
        var terms = CancellationTerms.Organizer(reason, offerFreedSeats: false);
        var (afterSk, afterId) = (progress.LastOrderSortKey, progress.LastOrderId);
        var count = 0;
        while (true)
        {
            if (timeIsUp())
            {
                LogPaused(logger, cancelled.EventId, count);
                return false;
            }

            var (page, more) = await pages.PageAsync(cancelled.EventId, afterSk, afterId, PageSize, ct);
            foreach (var placed in page)
            {
                // Cancelled and refunded are final; an expired order may still be paid late, so it is read again.
                if (placed.Order.Status is OrderStatus.Cancelled or OrderStatus.Refunded)
                {
                    continue;
                }

                var order = await orders.GetAsync(placed.Order.Id, consistent: true, ct);
                if (order is null || order.Status is not (OrderStatus.Pending or OrderStatus.Paid))
                {
                    continue;
                }

                var result = await cancellations.CancelAsync(order, terms, ct);
                if (!result.IsSuccess && result.Error is Conflict conflict)
                {
                    throw new InvalidOperationException($"Order {order.Id} of cancelled event {cancelled.EventId} could not be cancelled now ({conflict.Detail}); the message will be retried.");
                }

                count++;
            }

            if (page.Count > 0)
            {
                (afterSk, afterId) = (page[^1].SortKey, page[^1].Order.Id);
                await cancelledEvents.SaveProgressAsync(cancelled.EventId, afterSk, afterId, ct);
            }

            if (!more)
            {
                break;
            }
        }

        var now = clock.GetUtcNow();
        await ProcessedEvents.ApplyOnceAsync(dynamo, ProcessedEvents.Marker(table.Name, consumer, envelopeId, now, ttlAttribute: TicketingItems.Ttl), [cancelledEvents.Finished(cancelled.EventId, now)], ct);
        LogDone(logger, cancelled.EventId, count);
        return true;
    }

    [LoggerMessage(EventId = 3401, Level = LogLevel.Information, Message = "Cancelled event {EventId}: {Count} more orders cancelled, every order dealt with")]
    private static partial void LogDone(ILogger logger, string eventId, int count);

    [LoggerMessage(EventId = 3402, Level = LogLevel.Information, Message = "Cancelled event {EventId}: {Count} orders cancelled in this run; the rest continues on redelivery")]
    private static partial void LogPaused(ILogger logger, string eventId, int count);

    [LoggerMessage(EventId = 3403, Level = LogLevel.Information, Message = "Cancelled event {EventId}: its orders were all dealt with before")]
    private static partial void LogAlreadyDone(ILogger logger, string eventId);
}

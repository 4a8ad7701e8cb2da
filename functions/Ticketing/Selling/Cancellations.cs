using Amazon.DynamoDBv2.Model;
using BitcoinEvents.Domain.Messages;
using BitcoinEvents.Domain.Results;
using BitcoinEvents.Domain.Ticketing;
using BitcoinEvents.Ticketing.Storage;
using MoneyAmount = BitcoinEvents.Domain.Money.Money;

namespace BitcoinEvents.Ticketing.Selling;

/// <summary>Who cancels an order, and under which policy.</summary>
/// <param name="ByOrganizer">The organizer (or the event's cancellation): any time, everything paid back.</param>
/// <param name="RefundDeadline">Until when the buyer may cancel a paid order; null: never.</param>
/// <param name="RefundPercent">The share of what was paid a buyer's cancellation refunds.</param>
/// <param name="Reason">Why, as the buyer will read it.</param>
/// <param name="OfferFreedSeats">False: the seats go back to the buckets, not to the waiting list (the event is cancelled).</param>
internal sealed record CancellationTerms(bool ByOrganizer, DateTimeOffset? RefundDeadline, int RefundPercent, string? Reason, bool OfferFreedSeats = true)
{
    public static CancellationTerms Organizer(string? reason, bool offerFreedSeats = true) => new(true, null, 100, reason, offerFreedSeats);
}

/// <summary>
/// Cancels an order in ONE transaction: the order (conditional on the version read), its tickets
/// void (each conditional on its version), its seats back — to the waiting lines first — and its
/// voucher use back, OrderCancelled and, for what was paid, RefundRequested in the outbox (ids
/// derived from the order: a retry can't ask twice). Cancelling a cancelled order answers it as it
/// is: the request is idempotent. A payment that arrives afterwards buys nothing and is refunded
/// (<see cref="PaymentOutcomes"/>).
/// </summary>
internal sealed class Cancellations(OrderStore orders, Settlement settlement, Issuing issuing, TimeProvider clock)
{
    public const int MaxAttempts = 5;

    public async Task<Result<Order>> CancelAsync(Order order, CancellationTerms terms, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(terms);

        // The reason is checked first: a bad one is refused even when the order is cancelled already.
        var reason = Order.CheckCancellationReason(terms.Reason);
        if (!reason.IsSuccess)
        {
            return reason.Error;
        }

        var current = order;
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            if (current.CancelledAt is not null)
            {
                return current;
            }

            var now = clock.GetUtcNow();
            var cancelled = current.Cancel(terms.ByOrganizer, terms.RefundDeadline, terms.Reason, now, terms.RefundPercent);
            if (!cancelled.IsSuccess)
            {
                return cancelled;
            }

            var next = cancelled.Value;
            var messages = new List<TransactWriteItem>
            {
                issuing.Event(
                    new OrderCancelledV1(next.Id, next.EventId, next.BuyerId, next.CancellationReason ?? string.Empty, terms.ByOrganizer, now),
                    MessagesJsonContext.Default.OrderCancelledV1,
                    next.Id,
                    now,
                    "OrderCancelled",
                    next.Id),
            };
            var zero = MoneyAmount.Zero(next.Total.Currency);
            var refund = (next.RefundRequested ?? zero).MinusClamped(current.RefundRequested ?? zero);
            if (!refund.IsZero)
            {
                messages.Add(RefundRequest(next, refund, now));
            }

            var tickets = next.TicketIds.Count == 0 ? [] : await orders.GetTicketsAsync(next.TicketIds, ct);
            var writes = await settlement.CancellationWritesAsync(next, tickets, messages, ct, offer: terms.OfferFreedSeats && attempt < MaxAttempts);
            if (await orders.ReplaceAsync(next, current.Version, writes, ct))
            {
                return next;
            }

            // Lost a race (a payment, a check-in, another cancellation, a waiting entry that left): read again.
            current = await orders.GetAsync(current.Id, consistent: true, ct)
                ?? throw new InvalidOperationException($"Order {current.Id} disappeared while it was being cancelled.");
        }

        return new Conflict("The order kept changing while it was being cancelled; try again.");
    }

    /// <summary>Ask Payments to pay back <paramref name="amount"/> of the payment that paid the order.</summary>
    private TransactWriteItem RefundRequest(Order order, MoneyAmount amount, DateTimeOffset now)
    {
        var paying = order.Payments.LastOrDefault(p => p.Amount.Currency == order.Total.Currency && p.Amount.Minor >= order.Total.Minor)
            ?? (order.Payments.Count > 0 ? order.Payments[^1] : null);
        return issuing.Event(
            new RefundRequestedV1(
                TicketingIds.Derive("refund", order.Id, "cancellation"),
                order.Id,
                paying?.PaymentId,
                MoneyDto.From(amount),
                order.CancellationReason ?? "Order cancelled.",
                now),
            MessagesJsonContext.Default.RefundRequestedV1,
            order.Id,
            now,
            "RefundRequested",
            order.Id,
            "cancellation");
    }
}

using Amazon.DynamoDBv2.Model;
using BitcoinEvents.Domain.Messages;
using BitcoinEvents.Domain.Ticketing;
using BitcoinEvents.Ticketing.Storage;
using Microsoft.Extensions.Logging;

namespace BitcoinEvents.Ticketing.Selling;

/// <summary>
/// Applies what Payments reports to orders, once each, whatever order and however often reports
/// arrive: the order records every payment and refund id, so a duplicate finds itself already
/// applied, and every write is conditional on the order's version (two deliveries racing: one
/// wins, the other re-reads and finds it done). A payment never buys tickets twice and is never
/// lost: if it can't buy anything (late and sold out, already paid, cancelled), a refund is requested.
/// </summary>
internal sealed partial class PaymentOutcomes(
    OrderStore orders,
    SetupStore setups,
    HoldStore holds,
    Issuing issuing,
    Settlement settlement,
    CancelledEvents cancelledEvents,
    TimeProvider clock,
    ILogger<PaymentOutcomes> logger)
{
    public const int MaxAttempts = 5;

    private readonly Random _random = new();

    public async Task ApplySucceededAsync(PaymentSucceededV1 payment, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(payment);
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var order = await orders.GetAsync(payment.OrderId, consistent: true, ct)
                ?? throw new InvalidOperationException($"Payment {payment.PaymentId} is for order {payment.OrderId}, which does not exist.");
            var now = clock.GetUtcNow();
            var outcome = order.ApplyPayment(payment.PaymentId, payment.Provider, payment.Settles.ToMoney(), payment.SucceededAt, now);
            if (outcome is PaymentOutcome.Paid or PaymentOutcome.PaidLate && await cancelledEvents.IsCancelledAsync(order.EventId, ct))
            {
                // The event is cancelled: the payment buys no tickets (the cascade cancels the order); its money goes back.
                var recorded = outcome is PaymentOutcome.Paid p ? p.Order with { Status = order.Status, PaidAt = order.PaidAt } : ((PaymentOutcome.PaidLate)outcome).Order;
                outcome = new PaymentOutcome.RefundIt(recorded, payment.Settles.ToMoney(), "the event was cancelled");
            }

            bool written;
            switch (outcome)
            {
                case PaymentOutcome.AlreadyApplied:
                    LogDuplicate(logger, payment.PaymentId, order.Id);
                    return;
                case PaymentOutcome.Paid paid:
                    var setup = await setups.LoadAsync(order.EventId, consistent: false, ct);
                    var issued = await issuing.IssueAsync(paid.Order, setup.Types, now, ct);
                    written = await orders.ReplaceAsync(issued.Order, order.Version, [.. issued.Tickets.Select(orders.NewTicket), .. issued.Outbox], ct);
                    break;
                case PaymentOutcome.PaidLate late:
                    written = await PaidLateAsync(order, late.Order, payment, now, ct);
                    break;
                case PaymentOutcome.RefundIt refund:
                    var next = refund.Order.RefundLatePayment(refund.Amount, now);
                    written = await orders.ReplaceAsync(next, order.Version, [RefundRequest(order, payment.PaymentId, refund.Amount, refund.Reason, now)], ct);
                    break;
                default:
                    throw new InvalidOperationException($"Unexpected payment outcome {outcome}.");
            }

            if (written)
            {
                LogApplied(logger, payment.PaymentId, order.Id, outcome.GetType().Name);
                return;
            }
        }

        throw new InvalidOperationException($"Order {payment.OrderId} kept changing while payment {payment.PaymentId} was applied; the message will be retried.");
    }

    public async Task ApplyRefundedAsync(PaymentRefundedV1 refund, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(refund);
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var order = await orders.GetAsync(refund.OrderId, consistent: true, ct)
                ?? throw new InvalidOperationException($"Refund {refund.RefundId} is for order {refund.OrderId}, which does not exist.");
            var now = clock.GetUtcNow();
            var outcome = order.ApplyRefund(refund.RefundId, refund.PaymentId, refund.Amount.ToMoney(), refund.RefundedAt, now);
            if (!outcome.Changed)
            {
                return;
            }

            IReadOnlyList<TransactWriteItem> writes = [];
            if (outcome.VoidTickets)
            {
                // The money went back outside a cancellation: the tickets stop working and the seats go back.
                var tickets = await orders.GetTicketsAsync(order.TicketIds, ct);
                var voided = outcome.Order with { CancellationReason = "Payment refunded." };
                writes = await settlement.CancellationWritesAsync(voided, tickets, [], ct);
            }

            if (await orders.ReplaceAsync(outcome.Order, order.Version, writes, ct))
            {
                return;
            }
        }

        throw new InvalidOperationException($"Order {refund.OrderId} kept changing while refund {refund.RefundId} was applied; the message will be retried.");
    }

    /// <summary>
    /// A payment for an expired order: take seats again if there are some (then it is paid and its
    /// tickets issued), else keep it expired and ask for the money back. Never an oversell.
    /// </summary>
    private async Task<bool> PaidLateAsync(Order current, Order withPayment, PaymentSucceededV1 payment, DateTimeOffset now, CancellationToken ct)
    {
        var setup = await setups.LoadAsync(current.EventId, consistent: false, ct);
        var demand = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in current.Lines.Where(l => l.Kind == OrderLine.TicketKind))
        {
            if (!setup.Types.TryGetValue(line.ItemId, out var type))
            {
                continue;
            }

            foreach (var quota in type.AllQuotaIds(setup.TotalQuotaId))
            {
                demand[quota] = demand.GetValueOrDefault(quota) + line.Quantity;
            }
        }

        var quotas = demand.Keys.Where(setup.Quotas.ContainsKey).Select(q => setup.Quotas[q]).ToList();
        var availability = await setups.ReadAvailabilityAsync(quotas, ct);
        var allocations = new List<QuotaTake>();
        foreach (var (quotaId, wanted) in demand)
        {
            var takes = availability.TryGetValue(quotaId, out var buckets) ? QuotaBuckets.Plan(buckets, wanted, _random) : null;
            if (takes is null)
            {
                var refunded = withPayment.RefundLatePayment(payment.Settles.ToMoney(), now);
                return await orders.ReplaceAsync(
                    refunded,
                    current.Version,
                    [RefundRequest(current, payment.PaymentId, payment.Settles.ToMoney(), "paid after the hold expired, and the seats were sold meanwhile", now)],
                    ct);
            }

            allocations.AddRange(takes.Select(t => new QuotaTake(quotaId, t.Bucket, t.Count)));
        }

        var issued = await issuing.IssueAsync(withPayment.PaidAfterRetake(allocations, payment.SucceededAt, now), setup.Types, now, ct);
        return await orders.ReplaceAsync(
            issued.Order,
            current.Version,
            [.. Buckets.TakeAll(holds.TableName, allocations), .. issued.Tickets.Select(orders.NewTicket), .. issued.Outbox],
            ct);
    }

    private TransactWriteItem RefundRequest(Order order, string paymentId, Domain.Money.Money amount, string reason, DateTimeOffset now) =>
        issuing.Event(
            new RefundRequestedV1(Domain.Ticketing.TicketingIds.Derive("refund", order.Id, paymentId), order.Id, paymentId, MoneyDto.From(amount), reason, now),
            MessagesJsonContext.Default.RefundRequestedV1,
            order.Id,
            now,
            "RefundRequested",
            order.Id,
            paymentId);

    [LoggerMessage(EventId = 3201, Level = LogLevel.Information, Message = "Payment {PaymentId} of order {OrderId} applied: {Outcome}")]
    private static partial void LogApplied(ILogger logger, string paymentId, string orderId, string outcome);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Information, Message = "Payment {PaymentId} of order {OrderId} was applied before; nothing to do")]
    private static partial void LogDuplicate(ILogger logger, string paymentId, string orderId);
}

using BitcoinEvents.Domain.Messages;
using BitcoinEvents.Domain.Payments;
using BitcoinEvents.Infrastructure.Messaging;
using BitcoinEvents.Lambda;
using BitcoinEvents.Payments.Processing;
using BitcoinEvents.Payments.Storage;
using Microsoft.Extensions.Logging;

namespace BitcoinEvents.Payments.Operations;

/// <summary>
/// Consumes RefundRequested (from Ticketing: a cancellation, a late or double payment; and from this
/// area: money a payment owes back, such as an excess): refunds through the provider that took the
/// money, at most what can still be refunded, once per request id however often it arrives. Without
/// a payment id, the order's paid payments are refunded in turn until the amount is covered.
/// </summary>
internal sealed partial class OnRefundRequested(PaymentStore store, Refunds refunds, ILogger<OnRefundRequested> logger)
    : ISqsMessageHandler<DomainEvent<RefundRequestedV1>>
{
    public const string Name = nameof(OnRefundRequested);

    public async Task HandleAsync(DomainEvent<RefundRequestedV1> message, SqsMessageContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        var request = message.Data;
        var asked = request.Amount.ToMoney();
        if (request.PaymentId is { } paymentId)
        {
            var refunded = await refunds.RefundAsync(paymentId, request.RequestId, asked, request.Reason, clamp: true, ct);
            if (!refunded.IsSuccess)
            {
                // Another area asked for something this payment can't give (nothing paid, another currency): say so, drop it.
                LogRefused(logger, request.RequestId, paymentId, refunded.Error.Detail);
            }

            return;
        }

        var left = asked;
        foreach (var stored in (await store.ListByOrderAsync(request.OrderId, ct)).OrderBy(p => p.Payment.CreatedAt))
        {
            var payment = stored.Payment;
            if (left.IsZero || payment.Refundable.IsZero)
            {
                continue;
            }

            var share = left.Currency == payment.Amount.Currency ? left : left.Currency == payment.Settles.Currency ? payment.ToAmount(left) : left;
            var take = share.Currency == payment.Amount.Currency ? new Domain.Money.Money(Math.Min(share.Minor, payment.Refundable.Minor), share.Currency) : share;
            var refunded = await refunds.RefundAsync(payment.Id, PaymentIds.Derive(request.RequestId, payment.Id), take, request.Reason, clamp: true, ct);
            if (refunded.TryGetValue(out var claim, out _) && claim is not null)
            {
                var covered = left.Currency == payment.Amount.Currency ? claim.Amount : payment.ToSettles(claim.Amount);
                left = left.MinusClamped(covered);
            }
        }

        if (!left.IsZero)
        {
            LogUncovered(logger, request.RequestId, request.OrderId, left.ToString());
        }
    }

    [LoggerMessage(EventId = 4401, Level = LogLevel.Warning, Message = "Refund request {RequestId} for payment {PaymentId} refused: {Why}")]
    private static partial void LogRefused(ILogger logger, string requestId, string paymentId, string why);

    [LoggerMessage(EventId = 4402, Level = LogLevel.Warning, Message = "Refund request {RequestId} for order {OrderId}: {Left} not covered by its payments")]
    private static partial void LogUncovered(ILogger logger, string requestId, string orderId, string left);
}

using BitcoinEvents.Domain.Payments;
using BitcoinEvents.Domain.Results;
using BitcoinEvents.Payments.Providers;
using Microsoft.Extensions.Logging;
using MoneyAmount = BitcoinEvents.Domain.Money.Money;

namespace BitcoinEvents.Payments.Processing;

/// <summary>
/// Gives money of a payment back through the provider that took it, once per request id:
/// (1) the request is recorded on the payment (never above what can still be refunded);
/// (2) the provider is asked, with an idempotency key derived from the request id, so asking again
/// after a crash gives the same refund; (3) its answer is recorded, and money it reports back applies
/// as a webhook would. A refund the provider completes later arrives by webhook or reconciliation.
/// </summary>
internal sealed partial class Refunds(PaymentUpdates updates, PaymentProviderRegistry registry, TimeProvider clock, ILogger<Refunds> logger)
{
    /// <summary>
    /// Refunds <paramref name="amount"/> (the order's currency or the payment's), or with
    /// <paramref name="clamp"/> as much of it as can still be refunded (a request from another area).
    /// Null claim: nothing was left to refund.
    /// </summary>
    public async Task<Result<RefundClaim?>> RefundAsync(string paymentId, string requestId, MoneyAmount? amount, string reason, bool clamp, CancellationToken ct)
    {
        DomainError? refused = null;
        RefundClaim? claim = null;
        var recorded = await updates.UpdateAsync(
            paymentId,
            stored =>
            {
                (refused, claim) = (null, null);
                var payment = stored.Payment;
                var asked = amount is { } a ? (a.Currency == payment.Settles.Currency && a.Currency != payment.Amount.Currency ? payment.ToAmount(a) : a) : payment.Refundable;
                if (payment.RefundClaims.FirstOrDefault(c => c.RequestId == requestId) is { } existing)
                {
                    claim = existing;
                    return null;
                }

                if (amount is null && asked.IsZero && !payment.Received.IsZero)
                {
                    return null;
                }

                if (clamp && asked.Currency == payment.Amount.Currency)
                {
                    asked = new MoneyAmount(Math.Min(asked.Minor, payment.Refundable.Minor), asked.Currency);
                    if (asked.IsZero)
                    {
                        return null;
                    }
                }

                var requested = payment.RequestRefund(requestId, asked, reason, clock.GetUtcNow());
                if (!requested.TryGetValue(out var change, out var error))
                {
                    refused = error;
                    return null;
                }

                claim = change.Claim;
                return change.Changed ? (change.Payment, []) : null;
            },
            [],
            ct);
        if (recorded is null)
        {
            return new NotFound("payment", paymentId);
        }

        if (refused is not null)
        {
            return Result<RefundClaim?>.Failure(refused);
        }

        if (claim is null)
        {
            LogNothingLeft(logger, paymentId, requestId);
            return Result<RefundClaim?>.Success(null);
        }

        if (claim.Status != RefundClaimStatus.Requested)
        {
            return claim;
        }

        var provider = registry.Get(recorded.Provider);
        var answer = await provider.RefundAsync(recorded, new ProviderRefundRequest(requestId, claim.Amount, "refund-" + requestId, reason), ct);
        var after = await updates.UpdateAsync(
            paymentId,
            stored =>
            {
                var submitted = stored.Payment.RefundSubmitted(requestId, answer.ProviderRefundId, clock.GetUtcNow());
                var observed = updates.Observe(submitted, answer.Observations);
                if (observed is { } change)
                {
                    return change;
                }

                return ReferenceEquals(submitted, stored.Payment) ? null : (submitted, []);
            },
            [],
            ct);
        LogSubmitted(logger, paymentId, requestId, answer.ProviderRefundId);
        return after?.RefundClaims.FirstOrDefault(c => c.RequestId == requestId) ?? claim;
    }

    [LoggerMessage(EventId = 4201, Level = LogLevel.Information, Message = "Refund {RequestId} of payment {PaymentId}: nothing left to refund")]
    private static partial void LogNothingLeft(ILogger logger, string paymentId, string requestId);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Information, Message = "Refund {RequestId} of payment {PaymentId}: submitted as {ProviderRefundId}")]
    private static partial void LogSubmitted(ILogger logger, string paymentId, string requestId, string providerRefundId);
}

using MoneyAmount = BitcoinEvents.Domain.Money.Money;

namespace BitcoinEvents.Domain.Payments;

/// <summary>
/// What a provider says about a payment (from a verified webhook, a re-read of the payment, or the
/// answer to a refund), as the payment's state machine takes it. Observations arrive late, twice
/// and out of order; <see cref="Payment.Apply"/> makes each count once and never moves a payment back.
/// </summary>
public abstract record PaymentObservation(DateTimeOffset At)
{
    /// <summary>Under way: processing, authorized, seen but unconfirmed.</summary>
    public sealed record Pending(DateTimeOffset At) : PaymentObservation(At);

    /// <summary>
    /// Money arrived: <paramref name="Amount"/> under <paramref name="Key"/> (a charge, a UPI payment, an
    /// on-chain transfer, or the provider's running total for the payment). The same key again counts
    /// once, with the larger amount; different keys add up, so two captures are never one.
    /// </summary>
    public sealed record Received(string Key, MoneyAmount Amount, DateTimeOffset At) : PaymentObservation(At);

    /// <summary>An attempt failed (the buyer may try again until the deadline).</summary>
    public sealed record Failed(string Reason, DateTimeOffset At) : PaymentObservation(At);

    /// <summary>The provider's session, invoice or quote ran out.</summary>
    public sealed record Expired(DateTimeOffset At) : PaymentObservation(At);

    /// <summary>
    /// Money went back to the buyer: <paramref name="Amount"/> under <paramref name="Key"/> (a refund's id,
    /// or a charge's running refunded total), counted as <see cref="Received"/> is.
    /// </summary>
    public sealed record Refunded(string Key, MoneyAmount Amount, DateTimeOffset At) : PaymentObservation(At);

    /// <summary>A refund we asked for failed at the provider (it will be asked for again by whoever requested it).</summary>
    public sealed record RefundFailed(string ProviderRefundId, string Reason, DateTimeOffset At) : PaymentObservation(At);
}

using BitcoinEvents.Domain.Payments;
using BitcoinEvents.Domain.Results;

namespace BitcoinEvents.Domain.Money;

/// <summary>
/// A bitcoin price for a fiat amount: <see cref="Satoshis"/> at a locked <see cref="Rate"/>, valid
/// until <see cref="ValidUntil"/>, which is never later than the order's hold; satoshis are integers
/// throughout.
/// </summary>
public sealed record BitcoinQuote(Money Price, long Satoshis, ExchangeRate Rate, DateTimeOffset LockedAt, DateTimeOffset ValidUntil)
{
    /// <summary>The quoted amount as money (BTC, in satoshis).</summary>
    public Money Amount => new(Satoshis, Currencies.Bitcoin);

    /// <summary>
    /// Locks <paramref name="price"/> at <paramref name="rate"/> for <paramref name="validity"/>,
    /// cut short by <paramref name="holdDeadline"/>: a quote never outlives the seats it pays for.
    /// A price in BTC needs no rate (its satoshis are the price).
    /// </summary>
    public static Result<BitcoinQuote> Lock(Money price, ExchangeRate rate, DateTimeOffset now, DateTimeOffset holdDeadline, TimeSpan validity)
    {
        ArgumentNullException.ThrowIfNull(rate);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(validity, TimeSpan.Zero);
        if (price.IsZero)
        {
            return new InvalidStateTransition("free", "pay in bitcoin");
        }

        if (holdDeadline <= now)
        {
            return new InvalidStateTransition("past its payment deadline", "quote a bitcoin price");
        }

        if (!string.Equals(rate.Currency, price.Currency, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"A rate in {rate.Currency} cannot price an order in {price.Currency}.");
        }

        var satoshis = price.Currency == Currencies.Bitcoin ? price.Minor : rate.SatoshisFor(price);
        var until = now + validity < holdDeadline ? now + validity : holdDeadline;
        return new BitcoinQuote(price, satoshis, rate, now, until);
    }

    /// <summary>True while payments count at this quote's rate (the deadline itself is too late).</summary>
    public bool IsValidAt(DateTimeOffset at) => at < ValidUntil;

    /// <summary>
    /// The quote as a payment records it: <see cref="Amount"/> (satoshis) settles <see cref="Price"/>
    /// if it arrives by <see cref="ValidUntil"/>; what arrives is measured against it by the payment's
    /// state machine (underpaid, overpaid, late).
    /// </summary>
    public PaymentQuote ToPaymentQuote() => new(Price, Amount, Rate.Source, LockedAt, ValidUntil);
}

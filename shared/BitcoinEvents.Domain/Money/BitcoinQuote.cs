using BitcoinEvents.Domain.Results;

namespace BitcoinEvents.Domain.Money;

/// <summary>How much of a quote the buyer has sent.</summary>
public enum QuoteCoverage
{
    /// <summary>Nothing received yet.</summary>
    Unpaid,

    /// <summary>Less than quoted: the buyer may top up until the quote expires.</summary>
    Underpaid,

    /// <summary>Exactly what was quoted.</summary>
    Paid,

    /// <summary>More than quoted: the order is paid, the excess is owed back to the buyer.</summary>
    Overpaid,
}

/// <summary>
/// What the payments received so far mean for a quote. <see cref="Late"/>: the satoshis that
/// completed the price arrived after the quote's deadline (Ticketing decides whether the order can
/// still be honoured). <see cref="Missing"/> is what a top-up must add; <see cref="Excess"/> is what
/// goes back to the buyer.
/// </summary>
public sealed record QuoteSettlement(QuoteCoverage Coverage, long Received, long Missing, long Excess, bool Late)
{
    /// <summary>The price is covered (exactly or more), in time or late.</summary>
    public bool Covered => Coverage is QuoteCoverage.Paid or QuoteCoverage.Overpaid;
}

/// <summary>
/// A bitcoin price for a fiat amount: <see cref="Satoshis"/> at a locked <see cref="Rate"/>, valid
/// until <see cref="ValidUntil"/>, which is never later than the order's hold. Payments that arrive
/// while it is valid are measured against it; satoshis are integers throughout.
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
    /// Measures <paramref name="received"/> satoshis (all payments so far) against the quote.
    /// <paramref name="coveredAt"/> is when the payment that brought the total to the price arrived
    /// (or the latest payment, if it is still short).
    /// </summary>
    public QuoteSettlement Settle(long received, DateTimeOffset coveredAt)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(received);
        var coverage = received == 0 ? QuoteCoverage.Unpaid
            : received < Satoshis ? QuoteCoverage.Underpaid
            : received == Satoshis ? QuoteCoverage.Paid
            : QuoteCoverage.Overpaid;
        return new QuoteSettlement(
            coverage,
            received,
            Missing: Math.Max(0, Satoshis - received),
            Excess: Math.Max(0, received - Satoshis),
            Late: (coverage is QuoteCoverage.Paid or QuoteCoverage.Overpaid) && !IsValidAt(coveredAt));
    }
}

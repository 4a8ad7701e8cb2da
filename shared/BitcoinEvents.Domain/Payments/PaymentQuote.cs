using MoneyAmount = BitcoinEvents.Domain.Money.Money;

namespace BitcoinEvents.Domain.Payments;

/// <summary>
/// A price in another currency, locked: <see cref="Amount"/> (e.g. satoshis) pays <see cref="Settles"/>
/// (the order's total, e.g. EUR cents) if it arrives by <see cref="ExpiresAt"/>. The rate is the
/// ratio of the two integers, so converting never rounds through a floating-point number.
/// </summary>
public sealed record PaymentQuote(MoneyAmount Settles, MoneyAmount Amount, string Source, DateTimeOffset LockedAt, DateTimeOffset ExpiresAt)
{
    /// <summary><paramref name="settles"/> (in the order's currency) in the quote's currency, rounded down.</summary>
    public MoneyAmount ToAmount(MoneyAmount settles) => Scale(settles, Settles, Amount);

    /// <summary><paramref name="amount"/> (in the quote's currency) in the order's currency, rounded down.</summary>
    public MoneyAmount ToSettles(MoneyAmount amount) => Scale(amount, Amount, Settles);

    internal static MoneyAmount Scale(MoneyAmount value, MoneyAmount from, MoneyAmount to)
    {
        if (value.Currency != from.Currency)
        {
            throw new ArgumentException($"Expected {from.Currency}, got {value.Currency}.", nameof(value));
        }

        if (from.Minor == 0)
        {
            return MoneyAmount.Zero(to.Currency);
        }

        var scaled = (Int128)value.Minor * to.Minor / from.Minor;
        return new MoneyAmount((long)scaled, to.Currency);
    }
}

using System.Globalization;

namespace BitcoinEvents.Domain.Money;

/// <summary>
/// An amount in a currency's minor units: cents, paise, satoshis (<see cref="Currencies.Bitcoin"/>).
/// Integers only: no money is ever a floating-point number.
/// </summary>
public readonly record struct Money
{
    public Money(long minor, string currency)
    {
        if (!Currencies.IsKnown(currency))
        {
            throw new ArgumentException($"Unknown currency '{currency}'.", nameof(currency));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(minor);
        Minor = minor;
        Currency = currency;
    }

    /// <summary>The amount in minor units (never negative).</summary>
    public long Minor { get; }

    /// <summary>ISO 4217 code, or BTC (minor unit: the satoshi).</summary>
    public string Currency { get; }

    public bool IsZero => Minor == 0;

    public static Money Zero(string currency) => new(0, currency);

    public Money Plus(Money other)
    {
        RequireSameCurrency(other);
        return new Money(checked(Minor + other.Minor), Currency);
    }

    /// <summary>This minus <paramref name="other"/>, never below zero.</summary>
    public Money MinusClamped(Money other)
    {
        RequireSameCurrency(other);
        return new Money(Math.Max(0, Minor - other.Minor), Currency);
    }

    public Money Times(int quantity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(quantity);
        return new Money(checked(Minor * quantity), Currency);
    }

    /// <summary>
    /// <paramref name="percent"/> % of this amount, rounded half away from zero to the minor unit
    /// (how a shop rounds a percentage discount).
    /// </summary>
    public Money Percent(int percent)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(percent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100);
        var hundredths = checked(Minor * percent);
        return new Money((hundredths + 50) / 100, Currency);
    }

    /// <summary>"12.50 EUR", "21000 sats".</summary>
    public override string ToString()
    {
        if (Currency == Currencies.Bitcoin)
        {
            return Minor.ToString("N0", CultureInfo.InvariantCulture) + " sats";
        }

        var digits = Currencies.MinorUnitDigits(Currency);
        var major = (decimal)Minor / (decimal)Math.Pow(10, digits);
        return major.ToString("F" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) + " " + Currency;
    }

    private void RequireSameCurrency(Money other)
    {
        if (!string.Equals(Currency, other.Currency, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Cannot combine {Currency} with {other.Currency}.");
        }
    }
}

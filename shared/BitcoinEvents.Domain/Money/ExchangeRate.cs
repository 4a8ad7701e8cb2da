using System.Globalization;
using System.Numerics;

namespace BitcoinEvents.Domain.Money;

/// <summary>
/// What one bitcoin was worth in <see cref="Currency"/> when <see cref="Source"/> said so at
/// <see cref="ObservedAt"/>: 1 BTC = <see cref="PerBitcoin"/> (major units, as sources quote it:
/// "64392.23" EUR). The rate is kept as the exact decimal the source gave; conversions to minor units
/// are exact rational arithmetic, rounded once, in the direction stated.
/// </summary>
public sealed record ExchangeRate
{
    public ExchangeRate(string currency, decimal perBitcoin, DateTimeOffset observedAt, string source)
    {
        if (!Currencies.IsKnown(currency))
        {
            throw new ArgumentException($"Unknown currency '{currency}'.", nameof(currency));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perBitcoin);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        Currency = currency;
        PerBitcoin = perBitcoin;
        ObservedAt = observedAt;
        Source = source;
    }

    /// <summary>The currency one bitcoin is priced in (ISO 4217, or BTC for the identity rate).</summary>
    public string Currency { get; }

    /// <summary>Major units of <see cref="Currency"/> per bitcoin; always positive.</summary>
    public decimal PerBitcoin { get; }

    public DateTimeOffset ObservedAt { get; }

    /// <summary>Where the rate came from ("btcpay:store", "fixed", "coinbase").</summary>
    public string Source { get; }

    /// <summary>1 BTC = 1 BTC: an order priced in bitcoin needs no conversion.</summary>
    public static ExchangeRate Identity(DateTimeOffset at) => new(Currencies.Bitcoin, 1m, at, "identity");

    /// <summary>Parses a source's rate text ("64392.23") exactly; false for anything but a positive plain decimal.</summary>
    public static bool TryParseRate(string? text, out decimal rate)
    {
        rate = 0;
        return !string.IsNullOrEmpty(text)
            && text.Length <= 40
            && decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out rate)
            && rate > 0;
    }

    /// <summary>
    /// Satoshis that buy <paramref name="price"/> at this rate, rounded up to the next satoshi, so
    /// the merchant never receives less than the price.
    /// </summary>
    public long SatoshisFor(Money price)
    {
        RequireCurrency(price.Currency);
        var (rateUnits, rateScale) = Rational(PerBitcoin);
        // sats = minor / 10^digits / (rateUnits / 10^rateScale) * 10^8
        var numerator = price.Minor * Pow10(SatoshiDigits + rateScale);
        var denominator = rateUnits * Pow10(Currencies.MinorUnitDigits(Currency));
        return checked((long)CeilingDivide(numerator, denominator));
    }

    /// <summary>What <paramref name="satoshis"/> are worth in <see cref="Currency"/> at this rate, rounded down to the minor unit.</summary>
    public Money ValueOf(long satoshis)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(satoshis);
        var (rateUnits, rateScale) = Rational(PerBitcoin);
        var numerator = satoshis * rateUnits * Pow10(Currencies.MinorUnitDigits(Currency));
        var denominator = Pow10(SatoshiDigits + rateScale);
        return new Money(checked((long)BigInteger.Divide(numerator, denominator)), Currency);
    }

    private const int SatoshiDigits = 8;

    private void RequireCurrency(string currency)
    {
        if (!string.Equals(currency, Currency, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"A rate in {Currency} cannot price an amount in {currency}.");
        }
    }

    private static (BigInteger Units, int Scale) Rational(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var units = (new BigInteger((uint)bits[2]) << 64) | (new BigInteger((uint)bits[1]) << 32) | new BigInteger((uint)bits[0]);
        var scale = (bits[3] >> 16) & 0xFF;
        return (units, scale);
    }

    private static BigInteger Pow10(int exponent) => BigInteger.Pow(10, exponent);

    private static BigInteger CeilingDivide(BigInteger numerator, BigInteger denominator)
    {
        var quotient = BigInteger.DivRem(numerator, denominator, out var remainder);
        return remainder.IsZero ? quotient : quotient + 1;
    }
}

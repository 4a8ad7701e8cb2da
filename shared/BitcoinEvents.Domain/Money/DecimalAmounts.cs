using System.Globalization;

namespace BitcoinEvents.Domain.Money;

/// <summary>
/// Amounts written as decimal strings, the way provider APIs send and expect them ("49.99",
/// "0.00012345", "1"), converted exactly to and from minor units. Nothing goes through floating
/// point; a string with more precision than the currency has (a non-zero digit past the satoshi or
/// the cent) does not parse, because it is not an amount of that currency.
/// </summary>
public static class DecimalAmounts
{
    /// <summary>Longest accepted text: a long has 19 digits; the rest is sign, point and trailing zeros.</summary>
    private const int MaxLength = 48;

    /// <summary>
    /// Parses a plain decimal ("-0.5", "12", "12.340000000") into minor units with
    /// <paramref name="digits"/> decimals: optional leading '-', digits, optional '.' and digits.
    /// No exponent, no grouping, no '+', no surrounding space. Trailing zeros past the precision are
    /// fine; a non-zero digit past it is not.
    /// </summary>
    public static bool TryParseMinorUnits(string? text, int digits, out long minor)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(digits);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(digits, 18);
        minor = 0;
        if (string.IsNullOrEmpty(text) || text.Length > MaxLength)
        {
            return false;
        }

        var span = text.AsSpan();
        var negative = span[0] == '-';
        if (negative)
        {
            span = span[1..];
        }

        var point = span.IndexOf('.');
        var whole = point < 0 ? span : span[..point];
        var fraction = point < 0 ? [] : span[(point + 1)..];
        if (whole.IsEmpty || (point >= 0 && fraction.IsEmpty) || !IsDigits(whole) || !IsDigits(fraction))
        {
            return false;
        }

        if (fraction.Length > digits && fraction[digits..].ContainsAnyExcept('0'))
        {
            return false;
        }

        ulong magnitude = 0;
        try
        {
            checked
            {
                foreach (var c in whole)
                {
                    magnitude = (magnitude * 10) + (ulong)(c - '0');
                }

                for (var i = 0; i < digits; i++)
                {
                    magnitude = (magnitude * 10) + (ulong)(i < fraction.Length ? fraction[i] - '0' : 0);
                }
            }
        }
        catch (OverflowException)
        {
            return false;
        }

        // A long holds one more negative value than positive ones (long.MinValue).
        if (magnitude > (negative ? (ulong)long.MaxValue + 1 : long.MaxValue))
        {
            return false;
        }

        minor = negative ? (long)(0 - magnitude) : (long)magnitude;
        return true;
    }

    /// <summary>A non-negative amount in <paramref name="currency"/> ("49.99" EUR → 4999 cents).</summary>
    public static bool TryParse(string? text, string currency, out Money money)
    {
        money = default;
        if (!Currencies.IsKnown(currency) || !TryParseMinorUnits(text, Currencies.MinorUnitDigits(currency), out var minor) || minor < 0)
        {
            return false;
        }

        money = new Money(minor, currency);
        return true;
    }

    /// <summary>Minor units as a decimal with every minor digit: 4999 → "49.99", 12345 sats → "0.00012345", 5 JPY → "5".</summary>
    public static string Format(long minor, int digits)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(digits);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(digits, 18);
        var negative = minor < 0;
        var magnitude = negative ? ((ulong)(-(minor + 1))) + 1 : (ulong)minor;
        var text = magnitude.ToString(CultureInfo.InvariantCulture);
        if (digits > 0)
        {
            text = text.PadLeft(digits + 1, '0');
            text = string.Concat(text.AsSpan(0, text.Length - digits), ".", text.AsSpan(text.Length - digits));
        }

        return negative ? "-" + text : text;
    }

    /// <summary>The amount in major units with every minor digit ("49.99 EUR" → "49.99", 12345 sats → "0.00012345").</summary>
    public static string Format(Money money) => Format(money.Minor, Currencies.MinorUnitDigits(money.Currency));

    /// <summary>As <see cref="Format(long, int)"/> without trailing zeros (and without a bare point): 100000000 sats → "1", 10000 → "0.0001".</summary>
    public static string FormatShortest(long minor, int digits)
    {
        var text = Format(minor, digits);
        return text.Contains('.', StringComparison.Ordinal) ? text.TrimEnd('0').TrimEnd('.') : text;
    }

    private static bool IsDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }
}

using System.Collections.Frozen;

namespace BitcoinEvents.Domain.Money;

/// <summary>
/// The currencies a price may be in: the ISO 4217 codes in circulation, each with its minor unit
/// (2 for USD and EUR, 0 for JPY, 3 for KWD), and <c>BTC</c>, whose minor unit is the satoshi (8).
/// </summary>
public static class Currencies
{
    /// <summary>Bitcoin, counted in satoshis.</summary>
    public const string Bitcoin = "BTC";

    public const string Field = "currency";

    // ISO 4217 (list one, 2024): active codes with two decimals, then the exceptions.
    private const string TwoDecimals =
        "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BRL BSD BTN BWP BYN BZD " +
        "CAD CDF CHF CNY COP CRC CUP CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GTQ " +
        "GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL MAD MDL " +
        "MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR " +
        "PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT " +
        "TOP TRY TTD TWD TZS UAH USD UYU UZS VES WST XCD YER ZAR ZMW ZWG";

    private const string ZeroDecimals = "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF";

    private const string ThreeDecimals = "BHD IQD JOD KWD LYD OMR TND";

    private static readonly FrozenDictionary<string, int> MinorUnits = BuildMinorUnits();

    /// <summary>True when <paramref name="code"/> is a currency a price may be in ("EUR", "BTC"); codes are upper case.</summary>
    public static bool IsKnown(string? code) => code is not null && MinorUnits.ContainsKey(code);

    /// <summary>Decimal places of the currency's minor unit (8 for BTC: satoshis).</summary>
    public static int MinorUnitDigits(string code) =>
        MinorUnits.TryGetValue(code ?? throw new ArgumentNullException(nameof(code)), out var digits)
            ? digits
            : throw new ArgumentException($"Unknown currency '{code}'.", nameof(code));

    private static FrozenDictionary<string, int> BuildMinorUnits()
    {
        var units = new Dictionary<string, int>(StringComparer.Ordinal) { [Bitcoin] = 8 };
        foreach (var (codes, digits) in new[] { (TwoDecimals, 2), (ZeroDecimals, 0), (ThreeDecimals, 3) })
        {
            foreach (var code in codes.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                units[code] = digits;
            }
        }

        return units.ToFrozenDictionary(StringComparer.Ordinal);
    }
}

using System.Text;
using BitcoinEvents.Domain.Money;

namespace BitcoinEvents.Payments.Crypto;

/// <summary>
/// BIP 21 payment URIs (<c>bitcoin:&lt;address&gt;?amount=&lt;BTC&gt;&amp;label=…</c>), what a wallet
/// scans to pay an exact amount. The amount is written in BTC as the exact decimal of the satoshis
/// (no floating point: 12,345 sats is "0.00012345"); label and message are percent-encoded. A
/// Lightning invoice may ride along as <c>lightning=</c> (the unified QR that wallets understand).
/// </summary>
public static class Bip21
{
    public const string Scheme = "bitcoin";

    public static string Uri(string address, long satoshis, string? label = null, string? message = null, string? lightning = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(address);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(satoshis);
        var uri = new StringBuilder(Scheme.Length + address.Length + 64)
            .Append(Scheme).Append(':').Append(address)
            .Append("?amount=").Append(DecimalAmounts.FormatShortest(satoshis, Currencies.MinorUnitDigits(Currencies.Bitcoin)));
        Append(uri, "label", label);
        Append(uri, "message", message);
        Append(uri, "lightning", lightning);
        return uri.ToString();
    }

    private static void Append(StringBuilder uri, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            uri.Append('&').Append(name).Append('=').Append(System.Uri.EscapeDataString(value));
        }
    }
}

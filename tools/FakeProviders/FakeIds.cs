using System.Security.Cryptography;
using NBitcoin.DataEncoders;

namespace BitcoinEvents.FakeProviders;

/// <summary>Ids and payment destinations shaped like a provider's (a prefix and random letters and digits; the crypto fakes' ids, addresses and invoices).</summary>
public static class FakeIds
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private const string Base58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    public static string New(string prefix, int length = 24) =>
        prefix + new string([.. Enumerable.Range(0, length).Select(_ => Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)])]);

    /// <summary>A BTCPay-style id: 22 base58 characters.</summary>
    public static string Base58Id(int length = 22) => string.Create(length, 0, (chars, _) =>
    {
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Base58[RandomNumberGenerator.GetInt32(Base58.Length)];
        }
    });

    /// <summary>A BitGo/Coinbase-style id: 32 lower-case hex digits.</summary>
    public static string HexId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>A UUID as Coinbase writes them.</summary>
    public static string Uuid() => Guid.NewGuid().ToString("D");

    /// <summary>A fresh segwit v0 key-hash address of the network (<c>bcrt</c> regtest, <c>tb</c> testnet, <c>bc</c> mainnet): valid checksum, random key.</summary>
    public static string SegwitAddress(string prefix) => Encoders.Bech32(prefix).Encode(0, RandomNumberGenerator.GetBytes(20));

    /// <summary>A 64-hex-digit transaction id.</summary>
    public static string TransactionId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    /// <summary>
    /// A BOLT11-shaped Lightning invoice for <paramref name="satoshis"/> on regtest (<c>lnbcrt…</c>): a
    /// bech32 string with the amount in its prefix, as wallets and QR codes expect; not payable.
    /// </summary>
    public static string Bolt11(long satoshis)
    {
        var encoder = Encoders.Bech32("lnbcrt" + (satoshis * 10).ToString(System.Globalization.CultureInfo.InvariantCulture) + "n");
        encoder.StrictLength = false;
        var data = new byte[120];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = (byte)RandomNumberGenerator.GetInt32(32);
        }

        return encoder.EncodeData(data, Bech32EncodingType.BECH32);
    }
}

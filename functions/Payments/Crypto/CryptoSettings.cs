namespace BitcoinEvents.Payments.Crypto;

/// <summary>The settings every bitcoin provider shares.</summary>
internal static class CryptoSettings
{
    /// <summary>mainnet (default), testnet, signet or regtest: the network refund addresses must belong to.</summary>
    public const string Network = "BITCOIN_NETWORK";

    /// <summary>Where bitcoin prices come from: <c>btcpay</c> (the BTCPay store's rates) or <c>fixed</c> (dev). Default: btcpay when BTCPay is configured, else fixed when fixed rates are set.</summary>
    public const string RateSource = "BITCOIN_RATE_SOURCE";

    /// <summary>Dev only: fixed rates, <c>EUR=50000;USD=60000</c> (major units per bitcoin).</summary>
    public const string FixedRates = "BITCOIN_FIXED_RATES";

    /// <summary>How long a quote holds, in minutes (default 15), never past the order's deadline.</summary>
    public const string QuoteMinutes = "BITCOIN_QUOTE_MINUTES";

    public const int DefaultQuoteMinutes = 15;
}

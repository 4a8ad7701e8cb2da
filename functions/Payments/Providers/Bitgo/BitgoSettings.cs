namespace BitcoinEvents.Payments.Providers.Bitgo;

/// <summary>The settings BitGo needs (the function's environment; locally the fake's dev values).</summary>
internal static class BitgoSettings
{
    /// <summary>BitGo's platform API (default https://app.bitgo.com/): addresses and transfers.</summary>
    public const string ApiBase = "BITGO_API_BASE";

    /// <summary>BitGo Express, which signs sends with the wallet passphrase (default http://localhost:3080/).</summary>
    public const string ExpressBase = "BITGO_EXPRESS_BASE";

    /// <summary>A long-lived access token of a user of the wallet (Authorization: Bearer).</summary>
    public const string AccessToken = "BITGO_ACCESS_TOKEN";

    /// <summary>The coin: btc (mainnet), tbtc or tbtc4 (testnet).</summary>
    public const string Coin = "BITGO_COIN";

    /// <summary>The custodial wallet payments are received into (32 hex digits).</summary>
    public const string WalletId = "BITGO_WALLET_ID";

    /// <summary>The wallet's passphrase, for BitGo Express to sign refunds.</summary>
    public const string WalletPassphrase = "BITGO_WALLET_PASSPHRASE";

    /// <summary>The enterprise's webhook secret (BitGo signs transfer webhooks with it: X-Signature-SHA256).</summary>
    public const string WebhookSecret = "BITGO_WEBHOOK_SECRET";

    /// <summary>Confirmations a transfer needs before it counts (default 2). Register the wallet's transfer webhook with the same numConfirmations.</summary>
    public const string MinConfirmations = "BITGO_MIN_CONFIRMATIONS";

    public const int DefaultMinConfirmations = 2;
}

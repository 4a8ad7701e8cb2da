namespace BitcoinEvents.Payments.Providers.Btcpay;

/// <summary>The settings BTCPay Server needs (the function's environment; locally the fake's dev values).</summary>
internal static class BtcpaySettings
{
    /// <summary>The BTCPay Server's base URL (the merchant's own server: there is no public default).</summary>
    public const string ApiBase = "BTCPAY_API_BASE";

    /// <summary>The store the invoices belong to.</summary>
    public const string StoreId = "BTCPAY_STORE_ID";

    /// <summary>A Greenfield API key with btcpay.store.canviewinvoices, cancreateinvoice, canviewstoresettings, cancreatepullpayments.</summary>
    public const string ApiKey = "BTCPAY_API_KEY";

    /// <summary>The secret of the store's webhook that points at POST /webhooks/btcpay.</summary>
    public const string WebhookSecret = "BTCPAY_WEBHOOK_SECRET";

    /// <summary>The invoice's payment methods, comma separated (default <c>BTC-CHAIN,BTC-LN</c>: on-chain and Lightning).</summary>
    public const string PaymentMethods = "BTCPAY_PAYMENT_METHODS";

    /// <summary>How long after expiry the store still watches for payments, in minutes (default 1440): late payments are seen, not lost.</summary>
    public const string MonitoringMinutes = "BTCPAY_MONITORING_MINUTES";

    /// <summary>How many confirmations settle an on-chain payment: BTCPay's speed policy (HighSpeed 0, MediumSpeed 1, LowMediumSpeed 2, LowSpeed 6; default MediumSpeed).</summary>
    public const string SpeedPolicy = "BTCPAY_SPEED_POLICY";
}

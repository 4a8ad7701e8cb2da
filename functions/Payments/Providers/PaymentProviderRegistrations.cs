namespace BitcoinEvents.Payments.Providers;

/// <summary>
/// Every provider of the platform: THE place a provider is registered, one line each (README.md in
/// this folder). The area adds each one's services and maps its webhook route from this list.
/// </summary>
public static class PaymentProviderRegistrations
{
    public static IReadOnlyList<IPaymentProviderRegistration> All { get; } =
    [
        // Fiat providers (Payments core).
        Stripe.StripeRegistration.Instance,
        Razorpay.RazorpayRegistration.Instance,
        // ---- one line per provider above and below; keep a line between groups so merges stay clean
        // Crypto providers.
        Btcpay.BtcpayRegistration.Instance,
        Bitgo.BitgoRegistration.Instance,
        Coinbase.CoinbaseRegistration.Instance,
    ];
}

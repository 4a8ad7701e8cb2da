namespace BitcoinEvents.FakeProviders;

/// <summary>
/// Every fake provider: THE place a fake is registered, one line each (its folder holds the rest).
/// The fake server mounts each under <c>/{Id}</c> and drives it through the control API.
/// </summary>
public static class FakeProviderRegistrations
{
    public static IReadOnlyList<FakeProviderFactory> All { get; } =
    [
        // Fiat providers (Payments core).
        context => new Stripe.FakeStripe(context),
        context => new Razorpay.FakeRazorpay(context),
        // ---- one line per fake above and below; keep a line between groups so merges stay clean
        // Crypto providers.
        context => new Btcpay.FakeBtcpay(context),
        context => new Bitgo.FakeBitgo(context),
        context => new Coinbase.FakeCoinbase(context),
    ];
}

using BitcoinEvents.Domain.Payments;
using MoneyAmount = BitcoinEvents.Domain.Money.Money;

namespace BitcoinEvents.Payments.Providers;

/// <summary>What a provider is asked to start: the payment (its id, the order's total, the deadline) and the buyer's choices.</summary>
/// <param name="Payment">The payment as recorded (status Created): <see cref="Payment.Settles"/> is the order's total, <see cref="Payment.Deadline"/> the order's deadline.</param>
/// <param name="IdempotencyKey">Derived from the payment's id: the same for every attempt to start this payment.</param>
/// <param name="ReturnUrl">Where a hosted page sends the buyer back to (https, or http on localhost), if the client gave one.</param>
/// <param name="Options">Provider-specific choices the client sent (<c>options</c> in the request), unvalidated: validate what you read.</param>
public sealed record PaymentStart(
    Payment Payment,
    string IdempotencyKey,
    Uri? ReturnUrl,
    IReadOnlyDictionary<string, string> Options);

/// <summary>What the provider created for a payment.</summary>
/// <param name="ProviderReference">Its id of what it created (a webhook names it; the area finds the payment by it).</param>
/// <param name="Instructions">What the frontend needs to let the buyer pay.</param>
/// <param name="Quote">When the provider collects another currency than the order's (crypto): the locked quote; null otherwise.</param>
/// <param name="OtherReferences">More ids its webhooks may name instead (a Checkout Session's PaymentIntent, ...).</param>
public sealed record StartedPayment(
    string ProviderReference,
    PaymentInstructions Instructions,
    PaymentQuote? Quote = null,
    IReadOnlyList<string>? OtherReferences = null);

/// <summary>
/// What the frontend needs to let the buyer pay, by provider: Stripe's client secret and publishable
/// key or Checkout URL; Razorpay's order id and key id; a hosted URL; a BTCPay checkout link with the
/// BOLT11 invoice and BIP21 URI; a BitGo address and BIP21 URI with the amount. Unused members are null.
/// </summary>
public sealed record PaymentInstructions
{
    /// <summary>How to pay: <c>redirect</c> (send the buyer to <see cref="Url"/>), <c>client_secret</c> (Stripe Elements), <c>razorpay_checkout</c>, <c>crypto</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>A hosted page to send the buyer to (Checkout, Coinbase's hosted page, BTCPay's checkout link).</summary>
    public string? Url { get; init; }

    /// <summary>Stripe: the PaymentIntent's client secret (for the buyer's browser only).</summary>
    public string? ClientSecret { get; init; }

    /// <summary>A public key the provider's browser library needs (Stripe's publishable key, Razorpay's key id).</summary>
    public string? PublicKey { get; init; }

    /// <summary>The provider's order or invoice id the browser library needs (Razorpay's order id).</summary>
    public string? ProviderOrderId { get; init; }

    /// <summary>The amount the buyer pays, in the provider's currency (satoshis for BTC).</summary>
    public MoneyAmount? Amount { get; init; }

    /// <summary>A bitcoin address to pay to.</summary>
    public string? Address { get; init; }

    /// <summary>A BIP21 URI (<c>bitcoin:addr?amount=...</c>).</summary>
    public string? PaymentUri { get; init; }

    /// <summary>A BOLT11 Lightning invoice.</summary>
    public string? LightningInvoice { get; init; }

    /// <summary>Until when these instructions work.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>Anything else a provider's frontend needs, by name.</summary>
    public IReadOnlyDictionary<string, string>? Extra { get; init; }
}

/// <summary>A webhook delivery as it arrived: the raw body bytes, the headers (names case-insensitive), and when.</summary>
public sealed record WebhookDelivery(ReadOnlyMemory<byte> Body, IReadOnlyDictionary<string, string> Headers, DateTimeOffset ReceivedAt)
{
    /// <summary>A header's value, or null.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>The outcome of checking a delivery's signature.</summary>
public abstract record WebhookVerification
{
    private WebhookVerification()
    {
    }

    /// <summary>Signed by the provider: <paramref name="EventId"/> is the provider's id of the event (a redelivery has the same), <paramref name="EventType"/> its type.</summary>
    public sealed record Verified(string EventId, string EventType) : WebhookVerification;

    /// <summary>Not signed by the provider (forged, stale, malformed): <paramref name="Reason"/> says why, without echoing secrets.</summary>
    public sealed record Rejected(string Reason) : WebhookVerification;
}

/// <summary>A delivery that passed <see cref="IPaymentProvider.Verify"/>, as stored and later applied.</summary>
public sealed record VerifiedWebhook(string EventId, string EventType, ReadOnlyMemory<byte> Body, DateTimeOffset ReceivedAt);

/// <summary>
/// How to find the payment a delivery is about: our payment id (from the metadata we sent), or the
/// provider's reference. <paramref name="OtherReferences"/>: more of the provider's ids for the same
/// payment (a Razorpay payment id of an order), remembered once the payment is found, so later
/// deliveries that name only those (a refund) find it too.
/// </summary>
public sealed record PaymentLocator(string? PaymentId, string? ProviderReference, IReadOnlyList<string>? OtherReferences = null)
{
    public static PaymentLocator ById(string paymentId) => new(paymentId, null);

    public static PaymentLocator ByReference(string reference) => new(null, reference);
}

/// <summary>What a verified delivery says.</summary>
public abstract record WebhookTranslation
{
    private WebhookTranslation()
    {
    }

    /// <summary>About the payment <paramref name="Locator"/> finds: apply <paramref name="Observations"/> in order.</summary>
    public sealed record About(PaymentLocator Locator, IReadOnlyList<PaymentObservation> Observations) : WebhookTranslation;

    /// <summary>Nothing the platform uses (an unknown type, or not one of our payments): acknowledged, nothing changes.</summary>
    public sealed record Ignored(string Reason) : WebhookTranslation;
}

/// <summary>A refund to ask the provider for.</summary>
/// <param name="RequestId">Ours: the refund request's id.</param>
/// <param name="Amount">In the payment's currency (<see cref="Payment.Amount"/>'s), never more than it may still refund.</param>
/// <param name="IdempotencyKey">Derived from <paramref name="RequestId"/>: asking again gives the same refund.</param>
/// <param name="Reason">Why (for the provider's dashboard; no personal data).</param>
public sealed record ProviderRefundRequest(string RequestId, MoneyAmount Amount, string IdempotencyKey, string Reason);

/// <summary>What the provider said to a refund: its id, and what it already knows (money gone back, or failed), as observations.</summary>
public sealed record ProviderRefundResult(string ProviderRefundId, IReadOnlyList<PaymentObservation> Observations);

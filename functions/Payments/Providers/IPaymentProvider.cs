using BitcoinEvents.Domain.Payments;
using BitcoinEvents.Domain.Results;

namespace BitcoinEvents.Payments.Providers;

/// <summary>
/// A payment provider (Stripe, Razorpay, ...) as the Payments area uses it: one strategy per
/// provider id, resolved from <see cref="PaymentProviderRegistry"/>. The area owns the payment's
/// state, storage, queues and messages; a provider only talks to its API and reads its webhooks.
/// README.md in this folder says how to write and register one.
/// </summary>
public interface IPaymentProvider
{
    /// <summary>The provider's id: lower case, the last segment of its webhook route (<c>stripe</c> → <c>POST /webhooks/stripe</c>).</summary>
    string Id { get; }

    /// <summary>True when this function has the provider's keys (a provider that isn't configured is not offered).</summary>
    bool IsConfigured { get; }

    /// <summary>True when it can take an order priced in <paramref name="currency"/> (ISO 4217, upper case).</summary>
    bool Accepts(string currency);

    /// <summary>
    /// Asks the provider for what the buyer pays with (a PaymentIntent, a Checkout Session, an order,
    /// an invoice, an address). Must send <see cref="PaymentStart.IdempotencyKey"/> as the provider's
    /// idempotency key (or use it as its own reference): called again for the same payment, it must
    /// give back the same thing, never a second charge. Bad provider-specific input
    /// (<see cref="PaymentStart.Options"/>) is a <see cref="ValidationFailed"/> naming
    /// <c>options.&lt;name&gt;</c>; a provider that is down throws.
    /// </summary>
    Task<Result<StartedPayment>> StartAsync(PaymentStart start, CancellationToken ct);

    /// <summary>
    /// Checks a webhook delivery exactly as the provider signs it, on the raw body, in constant time,
    /// with the provider's tolerance for its timestamp. Pure: no I/O. A delivery that is forged, stale
    /// or malformed is <see cref="WebhookVerification.Rejected"/> (the route answers 4xx and stores nothing).
    /// </summary>
    WebhookVerification Verify(WebhookDelivery delivery);

    /// <summary>
    /// What a verified delivery says: which payment (<see cref="PaymentLocator"/>) and what happened to
    /// it, as observations. May call the provider (BitGo: re-read the transfer before crediting it).
    /// An event type the platform doesn't use is <see cref="WebhookTranslation.Ignored"/>.
    /// </summary>
    Task<WebhookTranslation> TranslateAsync(VerifiedWebhook webhook, CancellationToken ct);

    /// <summary>The payment as the provider sees it now (reconciliation, or a re-read before crediting), as observations.</summary>
    Task<IReadOnlyList<PaymentObservation>> FetchAsync(Payment payment, CancellationToken ct);

    /// <summary>
    /// Refunds <see cref="ProviderRefundRequest.Amount"/> of a payment the provider took, with
    /// <see cref="ProviderRefundRequest.IdempotencyKey"/> (asking again gives the same refund).
    /// </summary>
    Task<ProviderRefundResult> RefundAsync(Payment payment, ProviderRefundRequest refund, CancellationToken ct);

    /// <summary>
    /// The order is gone (expired, cancelled): close whatever the buyer could still pay with (expire a
    /// Checkout Session, cancel a PaymentIntent or an invoice), and say what the provider answered.
    /// Nothing to close is no observation. Money that already arrived is not refunded here.
    /// </summary>
    Task<IReadOnlyList<PaymentObservation>> CloseAsync(Payment payment, CancellationToken ct);
}

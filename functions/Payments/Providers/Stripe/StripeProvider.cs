using System.Globalization;
using System.Text.Json;
using BitcoinEvents.Domain.Money;
using BitcoinEvents.Domain.Payments;
using BitcoinEvents.Domain.Results;
using MoneyAmount = BitcoinEvents.Domain.Money.Money;

namespace BitcoinEvents.Payments.Providers.Stripe;

/// <summary>
/// Stripe (cards and the methods Checkout offers), through its REST API (docs/payments.md says why not
/// Stripe.net in the Lambda). A payment is a Checkout Session when the client gives a return URL (the
/// buyer is sent to Stripe's page), else a PaymentIntent whose client secret the frontend confirms with
/// Stripe.js. Our payment id rides in the metadata of the session, its PaymentIntent and refunds.
/// </summary>
internal sealed class StripeProvider(StripeApi api, ProviderSettings settings) : IPaymentProvider
{
    public const string ProviderId = "stripe";
    public const string WebhookSecretSetting = "STRIPE_WEBHOOK_SECRET";
    public const string PublishableKeySetting = "STRIPE_PUBLISHABLE_KEY";
    public const string PaymentIdKey = "payment_id";

    /// <summary>Stripe keeps a Checkout Session open at least 30 minutes; ours ask for a little more, and expire with the order.</summary>
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromMinutes(31);

    public string Id => ProviderId;

    public bool IsConfigured => api.IsConfigured;

    public bool Accepts(string currency) => currency != Currencies.Bitcoin && Currencies.IsKnown(currency);

    public async Task<Result<StartedPayment>> StartAsync(PaymentStart start, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(start);
        var payment = start.Payment;
        var flow = start.Options.GetValueOrDefault("flow") ?? (start.ReturnUrl is null ? "elements" : "checkout");
        var currency = payment.Amount.Currency.ToLowerInvariant();
        var amount = payment.Amount.Minor.ToString(CultureInfo.InvariantCulture);
        switch (flow)
        {
            case "checkout":
                if (start.ReturnUrl is null)
                {
                    return new ValidationFailed("returnUrl", "is required for Stripe Checkout: where Stripe sends the buyer back to.");
                }

                var session = await api.CreateCheckoutSessionAsync(
                [
                    new("mode", "payment"),
                    new("line_items[0][quantity]", "1"),
                    new("line_items[0][price_data][currency]", currency),
                    new("line_items[0][price_data][unit_amount]", amount),
                    new("line_items[0][price_data][product_data][name]", $"Order {payment.OrderId}"),
                    new("success_url", WithQuery(start.ReturnUrl, "payment_id=" + payment.Id)),
                    new("cancel_url", WithQuery(start.ReturnUrl, "payment_id=" + payment.Id + "&cancelled=true")),
                    new("client_reference_id", payment.Id),
                    new("expires_at", (payment.CreatedAt + SessionLifetime).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
                    new("metadata[" + PaymentIdKey + "]", payment.Id),
                    new("metadata[order_id]", payment.OrderId),
                    new("payment_intent_data[metadata][" + PaymentIdKey + "]", payment.Id),
                    new("payment_intent_data[metadata][order_id]", payment.OrderId),
                ],
                start.IdempotencyKey,
                ct);
                var sessionId = session.Id ?? throw new HttpRequestException("Stripe created a Checkout Session without an id.");
                return new StartedPayment(
                    sessionId,
                    new PaymentInstructions
                    {
                        Kind = "redirect",
                        Url = session.Url,
                        Amount = payment.Amount,
                        ExpiresAt = session.ExpiresAt is { } expires ? DateTimeOffset.FromUnixTimeSeconds(expires) : null,
                    },
                    OtherReferences: StripeJson.IdOf(session.PaymentIntent) is { } intentId ? [intentId] : null);
            case "elements":
                var intent = await api.CreatePaymentIntentAsync(
                [
                    new("amount", amount),
                    new("currency", currency),
                    new("automatic_payment_methods[enabled]", "true"),
                    new("description", $"Order {payment.OrderId}"),
                    new("metadata[" + PaymentIdKey + "]", payment.Id),
                    new("metadata[order_id]", payment.OrderId),
                ],
                start.IdempotencyKey,
                ct);
                return new StartedPayment(
                    intent.Id ?? throw new HttpRequestException("Stripe created a PaymentIntent without an id."),
                    new PaymentInstructions
                    {
                        Kind = "client_secret",
                        ClientSecret = intent.ClientSecret,
                        PublicKey = settings.Optional(PublishableKeySetting),
                        Amount = payment.Amount,
                    });
            default:
                return new ValidationFailed("options.flow", "must be 'checkout' (Stripe's hosted page; needs returnUrl) or 'elements' (a client secret for Stripe.js).");
        }
    }

    public WebhookVerification Verify(WebhookDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var secrets = (settings.Optional(WebhookSecretSetting) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (secrets.Length == 0)
        {
            throw new ProviderNotConfiguredException(WebhookSecretSetting);
        }

        if (StripeSignature.Check(delivery.Header(StripeSignature.Header), delivery.Body.Span, secrets, delivery.ReceivedAt) is { } refused)
        {
            return new WebhookVerification.Rejected(refused);
        }

        var stripeEvent = Parse(delivery.Body);
        return stripeEvent is { Id: { Length: > 0 } id, Type: { Length: > 0 } type }
            ? new WebhookVerification.Verified(id, type)
            : new WebhookVerification.Rejected("the body is not a Stripe event (no id or type).");
    }

    public Task<WebhookTranslation> TranslateAsync(VerifiedWebhook webhook, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        var stripeEvent = Parse(webhook.Body) ?? throw new InvalidDataException($"Stored Stripe event {webhook.EventId} is not JSON.");
        var at = DateTimeOffset.FromUnixTimeSeconds(stripeEvent.Created);
        var data = stripeEvent.Data?.Object ?? default;
        return Task.FromResult(Translate(stripeEvent.Type ?? "", data, at));
    }

    internal static WebhookTranslation Translate(string type, JsonElement data, DateTimeOffset at)
    {
        if (data.ValueKind != JsonValueKind.Object)
        {
            return new WebhookTranslation.Ignored("no data.object");
        }

        switch (type)
        {
            case "payment_intent.succeeded" or "payment_intent.processing" or "payment_intent.payment_failed" or "payment_intent.canceled" or "payment_intent.requires_action":
            {
                var intent = data.Deserialize(StripeJson.Default.StripePaymentIntent)!;
                List<PaymentObservation> observations = type switch
                {
                    "payment_intent.succeeded" => Received(intent, at),
                    "payment_intent.payment_failed" => [new PaymentObservation.Failed(FailureOf(intent), at)],
                    "payment_intent.canceled" => [new PaymentObservation.Expired(at)],
                    _ => [new PaymentObservation.Pending(at)],
                };
                return About(intent.Metadata, intent.Id, [.. observations, .. RefundsOf(intent, at)]);
            }

            case "charge.refunded" or "charge.succeeded" or "charge.captured":
            {
                var charge = data.Deserialize(StripeJson.Default.StripeCharge)!;
                var intentId = StripeJson.IdOf(charge.PaymentIntent);
                var observations = new List<PaymentObservation>();
                if (charge.Paid && charge.Captured && Money(charge.AmountCaptured, charge.Currency) is { } captured)
                {
                    observations.Add(new PaymentObservation.Received(intentId ?? charge.Id ?? "charge", captured, at));
                }

                if (charge.AmountRefunded > 0 && Money(charge.AmountRefunded, charge.Currency) is { } refunded)
                {
                    observations.Add(new PaymentObservation.Refunded(charge.Id ?? "charge", refunded, at));
                }

                return About(charge.Metadata, intentId, observations);
            }

            case "charge.refund.updated" or "refund.updated" or "refund.failed" or "refund.created":
            {
                var refund = data.Deserialize(StripeJson.Default.StripeRefund)!;
                // Money that went back is counted from the charge (charge.refunded: its running refunded total);
                // a refund event only says when one failed.
                return refund.Status is "failed" or "canceled" && refund.Id is { } refundId
                    ? About(refund.Metadata, StripeJson.IdOf(refund.PaymentIntent), [new PaymentObservation.RefundFailed(refundId, refund.FailureReason ?? refund.Status, at)])
                    : new WebhookTranslation.Ignored($"{type} with status {refund.Status}: money back is counted from charge.refunded");
            }

            case "checkout.session.completed" or "checkout.session.async_payment_succeeded" or "checkout.session.async_payment_failed" or "checkout.session.expired":
            {
                var session = data.Deserialize(StripeJson.Default.StripeCheckoutSession)!;
                List<PaymentObservation> observations = type switch
                {
                    "checkout.session.async_payment_failed" => [new PaymentObservation.Failed("async_payment_failed", at)],
                    "checkout.session.expired" => [new PaymentObservation.Expired(at)],
                    _ => SessionObservations(session, at),
                };
                return About(session.Metadata, session.Id, observations);
            }

            default:
                return new WebhookTranslation.Ignored($"the platform does not use {type}");
        }
    }

    public async Task<IReadOnlyList<PaymentObservation>> FetchAsync(Payment payment, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(payment);
        var now = DateTimeOffset.UtcNow;
        var reference = payment.ProviderReference ?? throw new InvalidOperationException($"Payment {payment.Id} was never started at Stripe.");
        if (reference.StartsWith("cs_", StringComparison.Ordinal))
        {
            var session = await api.GetCheckoutSessionAsync(reference, ct);
            var observations = new List<PaymentObservation>(SessionObservations(session, now));
            if (session.Status == "expired")
            {
                observations.Add(new PaymentObservation.Expired(now));
            }

            if (StripeJson.Expanded(session.PaymentIntent, StripeJson.Default.StripePaymentIntent) is { } expanded)
            {
                observations.AddRange(IntentObservations(expanded, now));
            }

            return observations;
        }

        return IntentObservations(await api.GetPaymentIntentAsync(reference, ct), now);
    }

    public async Task<ProviderRefundResult> RefundAsync(Payment payment, ProviderRefundRequest refund, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(payment);
        ArgumentNullException.ThrowIfNull(refund);
        var intentId = await IntentIdAsync(payment, ct);
        var created = await api.CreateRefundAsync(
        [
            new("payment_intent", intentId),
            new("amount", refund.Amount.Minor.ToString(CultureInfo.InvariantCulture)),
            new("metadata[" + PaymentIdKey + "]", payment.Id),
            new("metadata[request_id]", refund.RequestId),
        ],
        refund.IdempotencyKey,
        ct);
        var refundId = created.Id ?? throw new HttpRequestException("Stripe created a refund without an id.");
        var now = DateTimeOffset.UtcNow;
        if (created.Status is "failed" or "canceled")
        {
            return new ProviderRefundResult(refundId, [new PaymentObservation.RefundFailed(refundId, created.FailureReason ?? created.Status, now)]);
        }

        // Succeeded (or pending): the charge's running refunded total is what counts.
        if (created.Status == "succeeded" && StripeJson.IdOf(created.Charge) is { } chargeId)
        {
            var charge = await api.GetChargeAsync(chargeId, ct);
            if (Money(charge.AmountRefunded, charge.Currency) is { } refunded && charge.Id is { } id)
            {
                return new ProviderRefundResult(refundId, [new PaymentObservation.Refunded(id, refunded, now)]);
            }
        }

        return new ProviderRefundResult(refundId, []);
    }

    public async Task<IReadOnlyList<PaymentObservation>> CloseAsync(Payment payment, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(payment);
        var reference = payment.ProviderReference ?? throw new InvalidOperationException($"Payment {payment.Id} was never started at Stripe.");
        try
        {
            if (reference.StartsWith("cs_", StringComparison.Ordinal))
            {
                await api.ExpireCheckoutSessionAsync(reference, ct);
            }
            else
            {
                await api.CancelPaymentIntentAsync(reference, ct);
            }
        }
        catch (StripeApiException exception) when (exception.StatusCode == System.Net.HttpStatusCode.BadRequest)
        {
            // Already complete, expired or cancelled: what it is now says what happened.
        }

        return await FetchAsync(payment, ct);
    }

    private async Task<string> IntentIdAsync(Payment payment, CancellationToken ct)
    {
        if (payment.Receipts.FirstOrDefault(r => r.Key.StartsWith("pi_", StringComparison.Ordinal)) is { } receipt)
        {
            return receipt.Key;
        }

        var reference = payment.ProviderReference ?? throw new InvalidOperationException($"Payment {payment.Id} was never started at Stripe.");
        if (!reference.StartsWith("cs_", StringComparison.Ordinal))
        {
            return reference;
        }

        var session = await api.GetCheckoutSessionAsync(reference, ct);
        return StripeJson.IdOf(session.PaymentIntent) ?? throw new InvalidOperationException($"Checkout Session of payment {payment.Id} has no PaymentIntent: nothing was paid.");
    }

    private static List<PaymentObservation> IntentObservations(StripePaymentIntent intent, DateTimeOffset at)
    {
        List<PaymentObservation> observations = intent.Status switch
        {
            "succeeded" => Received(intent, at),
            "processing" or "requires_capture" => [new PaymentObservation.Pending(at)],
            "canceled" => [new PaymentObservation.Expired(at)],
            "requires_payment_method" when intent.LastPaymentError is not null => [new PaymentObservation.Failed(FailureOf(intent), at)],
            _ => [],
        };
        observations.AddRange(RefundsOf(intent, at));
        return observations;
    }

    private static List<PaymentObservation> SessionObservations(StripeCheckoutSession session, DateTimeOffset at)
    {
        if (session.PaymentStatus == "paid" && Money(session.AmountTotal ?? 0, session.Currency) is { } paid)
        {
            // Keyed by the PaymentIntent, as payment_intent.succeeded is: the same money counts once.
            return [new PaymentObservation.Received(StripeJson.IdOf(session.PaymentIntent) ?? session.Id ?? "session", paid, at)];
        }

        return session.Status == "complete" ? [new PaymentObservation.Pending(at)] : [];
    }

    private static List<PaymentObservation> Received(StripePaymentIntent intent, DateTimeOffset at) =>
        Money(intent.AmountReceived > 0 ? intent.AmountReceived : intent.Amount, intent.Currency) is { } received && intent.Id is { } id
            ? [new PaymentObservation.Received(id, received, at)]
            : [];

    /// <summary>Refunds a PaymentIntent shows: old API versions list its charges, new ones expand latest_charge when asked.</summary>
    private static IEnumerable<PaymentObservation> RefundsOf(StripePaymentIntent intent, DateTimeOffset at)
    {
        var charges = intent.Charges?.Data ?? [];
        if (StripeJson.Expanded(intent.LatestCharge, StripeJson.Default.StripeCharge) is { } latest)
        {
            charges = [.. charges, latest];
        }

        foreach (var charge in charges)
        {
            if (charge.Id is { } id && charge.AmountRefunded > 0 && Money(charge.AmountRefunded, charge.Currency) is { } refunded)
            {
                yield return new PaymentObservation.Refunded(id, refunded, at);
            }
        }
    }

    private static string FailureOf(StripePaymentIntent intent) =>
        intent.LastPaymentError?.DeclineCode ?? intent.LastPaymentError?.Code ?? intent.LastPaymentError?.Type ?? "payment_failed";

    private static WebhookTranslation About(Dictionary<string, string>? metadata, string? reference, IReadOnlyList<PaymentObservation> observations)
    {
        var paymentId = metadata?.GetValueOrDefault(PaymentIdKey);
        if (paymentId is null && reference is null)
        {
            return new WebhookTranslation.Ignored("names no payment of ours (no metadata.payment_id, no id)");
        }

        return new WebhookTranslation.About(new PaymentLocator(PaymentIds.IsWellFormed(paymentId) ? paymentId : null, reference), observations);
    }

    private static MoneyAmount? Money(long amount, string? currency)
    {
        var code = currency?.ToUpperInvariant();
        return amount >= 0 && Currencies.IsKnown(code) ? new MoneyAmount(amount, code!) : null;
    }

    private static StripeEvent? Parse(ReadOnlyMemory<byte> body)
    {
        try
        {
            return JsonSerializer.Deserialize(body.Span, StripeJson.Default.StripeEvent);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string WithQuery(Uri url, string query) =>
        url.ToString() + (string.IsNullOrEmpty(url.Query) ? "?" : "&") + query;
}

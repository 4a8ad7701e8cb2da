using System.Security.Cryptography;
using System.Text.Json;
using BitcoinEvents.Domain.Money;
using BitcoinEvents.Domain.Payments;
using BitcoinEvents.Domain.Results;
using MoneyAmount = BitcoinEvents.Domain.Money.Money;

namespace BitcoinEvents.Payments.Providers.Razorpay;

/// <summary>
/// Razorpay (UPI, cards, netbanking in INR). A payment is a Razorpay order, found again by its receipt
/// (our idempotency key: Razorpay has no idempotency header for orders), paid through Razorpay's
/// Checkout with the order id and key id. An order may see several payment attempts: each captured one
/// counts once (by its pay_ id); a UPI payment reported failed and then captured ends captured.
/// </summary>
internal sealed class RazorpayProvider(RazorpayApi api, ProviderSettings settings) : IPaymentProvider
{
    public const string ProviderId = "razorpay";
    public const string WebhookSecretSetting = "RAZORPAY_WEBHOOK_SECRET";
    public const string SignatureHeader = "X-Razorpay-Signature";
    public const string EventIdHeader = "X-Razorpay-Event-Id";
    public const string PaymentIdNote = "payment_id";

    public string Id => ProviderId;

    public bool IsConfigured => api.IsConfigured;

    /// <summary>UPI is rupees only; so is this platform's Razorpay account.</summary>
    public bool Accepts(string currency) => currency == "INR";

    public async Task<Result<StartedPayment>> StartAsync(PaymentStart start, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(start);
        var payment = start.Payment;
        var receipt = start.IdempotencyKey.Length <= 40 ? start.IdempotencyKey : start.IdempotencyKey[..40];
        var order = (await api.FindOrdersByReceiptAsync(receipt, ct)).Items?.FirstOrDefault(o => o.Receipt == receipt)
            ?? await api.CreateOrderAsync(
                new RazorpayOrderRequest(payment.Amount.Minor, payment.Amount.Currency, receipt, new Dictionary<string, string>
                {
                    [PaymentIdNote] = payment.Id,
                    ["order_id"] = payment.OrderId,
                }),
                ct);
        return new StartedPayment(
            order.Id ?? throw new HttpRequestException("Razorpay created an order without an id."),
            new PaymentInstructions
            {
                Kind = "razorpay_checkout",
                PublicKey = api.KeyId,
                ProviderOrderId = order.Id,
                Amount = payment.Amount,
                ExpiresAt = payment.Deadline,
            });
    }

    public WebhookVerification Verify(WebhookDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var secrets = (settings.Optional(WebhookSecretSetting) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (secrets.Length == 0)
        {
            throw new ProviderNotConfiguredException(WebhookSecretSetting);
        }

        var claimed = delivery.Header(SignatureHeader);
        if (string.IsNullOrEmpty(claimed))
        {
            return new WebhookVerification.Rejected($"no {SignatureHeader} header.");
        }

        var matched = false;
        foreach (var secret in secrets)
        {
            matched |= WebhookSignatures.MatchesHex(WebhookSignatures.HmacSha256(secret, delivery.Body.Span), claimed.Trim());
        }

        if (!matched)
        {
            return new WebhookVerification.Rejected($"{SignatureHeader} does not match.");
        }

        var parsed = Parse(delivery.Body);
        if (parsed is not { Event: { Length: > 0 } type })
        {
            return new WebhookVerification.Rejected("the body is not a Razorpay event (no event).");
        }

        // Razorpay names each event in X-Razorpay-Event-Id (the same on a retry). Without it, the signed
        // body itself (a retry sends the same bytes) is the key.
        var eventId = delivery.Header(EventIdHeader) is { Length: > 0 and <= 100 } header && header.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')
            ? header
            : "sha256_" + Convert.ToHexStringLower(SHA256.HashData(delivery.Body.Span));
        return new WebhookVerification.Verified(eventId, type);
    }

    public Task<WebhookTranslation> TranslateAsync(VerifiedWebhook webhook, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        var parsed = Parse(webhook.Body) ?? throw new InvalidDataException($"Stored Razorpay event {webhook.EventId} is not JSON.");
        return Task.FromResult(Translate(parsed));
    }

    internal static WebhookTranslation Translate(RazorpayEvent parsed)
    {
        var at = DateTimeOffset.FromUnixTimeSeconds(parsed.CreatedAt);
        var payment = parsed.Payload?.Payment?.Entity;
        var order = parsed.Payload?.Order?.Entity;
        var refund = parsed.Payload?.Refund?.Entity;
        switch (parsed.Event)
        {
            case "payment.authorized" or "payment.captured" or "payment.failed" or "order.paid" when payment is not null:
                var observations = parsed.Event switch
                {
                    "payment.authorized" => (IReadOnlyList<PaymentObservation>)[new PaymentObservation.Pending(at)],
                    "payment.failed" => [new PaymentObservation.Failed(payment.ErrorReason ?? payment.ErrorCode ?? "payment_failed", at)],
                    _ => Received(payment, at),
                };
                var paymentId = RazorpayJson.Note(order?.Notes, PaymentIdNote) ?? RazorpayJson.Note(payment.Notes, PaymentIdNote);
                return About(paymentId, payment.OrderId ?? order?.Id, payment.Id, observations);
            case "refund.processed" or "refund.failed" when refund is not null:
                if (refund.Id is null)
                {
                    return new WebhookTranslation.Ignored("a refund without an id");
                }

                IReadOnlyList<PaymentObservation> refunded = refund.Status == "failed" || parsed.Event == "refund.failed"
                    ? [new PaymentObservation.RefundFailed(refund.Id, "failed", at)]
                    : Money(refund.Amount, refund.Currency) is { } amount ? [new PaymentObservation.Refunded(refund.Id, amount, at)] : [];
                return About(RazorpayJson.Note(refund.Notes, PaymentIdNote), refund.PaymentId, null, refunded);
            default:
                return new WebhookTranslation.Ignored($"the platform does not use {parsed.Event}");
        }
    }

    public async Task<IReadOnlyList<PaymentObservation>> FetchAsync(Payment payment, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(payment);
        var orderId = payment.ProviderReference ?? throw new InvalidOperationException($"Payment {payment.Id} was never started at Razorpay.");
        var now = DateTimeOffset.UtcNow;
        var observations = new List<PaymentObservation>();
        foreach (var attempt in (await api.GetOrderPaymentsAsync(orderId, ct)).Items ?? [])
        {
            switch (attempt.Status)
            {
                case "captured" or "refunded":
                    observations.AddRange(Received(attempt, now));
                    break;
                case "authorized":
                    observations.Add(new PaymentObservation.Pending(now));
                    break;
                case "failed":
                    observations.Add(new PaymentObservation.Failed(attempt.ErrorReason ?? attempt.ErrorCode ?? "payment_failed", now));
                    break;
                default:
                    break;
            }

            if (attempt.AmountRefunded is > 0 && attempt.Id is { } id)
            {
                foreach (var refund in (await api.GetRefundsAsync(id, ct)).Items ?? [])
                {
                    if (refund is { Status: "processed", Id: { } refundId } && Money(refund.Amount, refund.Currency) is { } amount)
                    {
                        observations.Add(new PaymentObservation.Refunded(refundId, amount, now));
                    }
                }
            }
        }

        return observations;
    }

    public async Task<ProviderRefundResult> RefundAsync(Payment payment, ProviderRefundRequest refund, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(payment);
        ArgumentNullException.ThrowIfNull(refund);
        // The captured Razorpay payment to refund from: the first that took at least the amount, else the largest.
        var captured = payment.Receipts.Where(r => r.Key.StartsWith("pay_", StringComparison.Ordinal)).ToList();
        var source = captured.FirstOrDefault(r => r.Amount.Minor >= refund.Amount.Minor) ?? captured.OrderByDescending(r => r.Amount.Minor).FirstOrDefault()
            ?? throw new InvalidOperationException($"Payment {payment.Id} has no captured Razorpay payment to refund.");

        // Razorpay has no idempotency header for refunds: ours carries its request id in its notes, and is looked for first.
        var existing = (await api.GetRefundsAsync(source.Key, ct)).Items?.FirstOrDefault(r => RazorpayJson.Note(r.Notes, "request_id") == refund.RequestId);
        var result = existing ?? await api.CreateRefundAsync(
            source.Key,
            new RazorpayRefundRequest(Math.Min(refund.Amount.Minor, source.Amount.Minor), new Dictionary<string, string>
            {
                ["request_id"] = refund.RequestId,
                [PaymentIdNote] = payment.Id,
            }),
            ct);
        var refundId = result.Id ?? throw new HttpRequestException("Razorpay created a refund without an id.");
        var now = DateTimeOffset.UtcNow;
        IReadOnlyList<PaymentObservation> observations = result.Status switch
        {
            "processed" when Money(result.Amount, result.Currency) is { } amount => [new PaymentObservation.Refunded(refundId, amount, now)],
            "failed" => [new PaymentObservation.RefundFailed(refundId, "failed", now)],
            _ => [],
        };
        return new ProviderRefundResult(refundId, observations);
    }

    /// <summary>A Razorpay order can't be cancelled: it stays payable, and a payment after the order expired is a late one.</summary>
    public Task<IReadOnlyList<PaymentObservation>> CloseAsync(Payment payment, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<PaymentObservation>>([]);

    private static IReadOnlyList<PaymentObservation> Received(RazorpayPayment payment, DateTimeOffset at) =>
        payment.Id is { } id && Money(payment.Amount, payment.Currency) is { } amount
            ? [new PaymentObservation.Received(id, amount, at)]
            : [];

    private static WebhookTranslation About(string? paymentId, string? reference, string? other, IReadOnlyList<PaymentObservation> observations)
    {
        var id = PaymentIds.IsWellFormed(paymentId) ? paymentId : null;
        if (id is null && reference is null)
        {
            return new WebhookTranslation.Ignored("names no payment of ours (no notes.payment_id, no order or payment id)");
        }

        return new WebhookTranslation.About(new PaymentLocator(id, reference, other is null ? null : [other]), observations);
    }

    private static MoneyAmount? Money(long amount, string? currency) =>
        amount >= 0 && Currencies.IsKnown(currency) ? new MoneyAmount(amount, currency!) : null;

    private static RazorpayEvent? Parse(ReadOnlyMemory<byte> body)
    {
        try
        {
            return JsonSerializer.Deserialize(body.Span, RazorpayJson.Default.RazorpayEvent);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

using System.Text.Json;
using BitcoinEvents.Domain.Money;
using BitcoinEvents.Domain.Payments;
using BitcoinEvents.Domain.Results;

namespace BitcoinEvents.Payments.Providers.Coinbase;

/// <summary>
/// USDC through Coinbase Commerce: a fixed-price charge in the order's currency (its hosted page takes
/// the payment; Coinbase settles in USDC). Webhooks (<c>X-CC-Webhook-Signature</c>) name a charge,
/// which is re-read from Coinbase before anything counts. Coinbase Commerce has no refund API: a
/// refund request fails at once with that reason, for the organizer to refund from Coinbase's dashboard.
/// </summary>
internal sealed class CoinbaseProvider(CoinbaseApi api, ProviderSettings settings, TimeProvider clock) : IPaymentProvider
{
    public const string ProviderId = "coinbase";

    public string Id => ProviderId;

    public bool IsConfigured => settings.Optional(CoinbaseSettings.ApiKey) is not null;

    /// <summary>A charge is priced in a fiat currency (bitcoin goes through BTCPay or BitGo).</summary>
    public bool Accepts(string currency) => Currencies.IsKnown(currency) && currency != Currencies.Bitcoin;

    public async Task<Result<StartedPayment>> StartAsync(PaymentStart start, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(start);
        var payment = start.Payment;
        // Coinbase's charges API takes no idempotency key: the area calls this once per payment (it
        // records the charge's id), and a charge left over from a lost answer is never shown to anyone and expires.
        var charge = await api.CreateChargeAsync(
            new CoinbaseCreateChargeRequest(
                $"Order {payment.OrderId}",
                "Tickets",
                "fixed_price",
                new CoinbaseMoney(DecimalAmounts.Format(payment.Settles), payment.Settles.Currency),
                new CoinbaseChargeMetadata(payment.Id, payment.OrderId),
                start.ReturnUrl?.ToString(),
                start.ReturnUrl?.ToString()),
            ct);
        if (charge.Id is null || charge.HostedUrl is null)
        {
            throw new HttpRequestException("Coinbase answered a charge without an id or a hosted URL.");
        }

        var instructions = new PaymentInstructions { Kind = "redirect", Url = charge.HostedUrl, Amount = payment.Settles, ExpiresAt = charge.ExpiresAt };
        return new StartedPayment(charge.Id, instructions, null, charge.Code is { } code ? [code] : null);
    }

    public WebhookVerification Verify(WebhookDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var check = CoinbaseWebhookSignature.Verify(delivery.Body.Span, delivery.Header(CoinbaseWebhookSignature.Header), settings.Required(CoinbaseSettings.WebhookSecret));
        if (check != SignatureCheck.Valid)
        {
            return new WebhookVerification.Rejected(HexHmacSignature.Reason(check, CoinbaseWebhookSignature.Header));
        }

        return Parse(delivery.Body)?.Event is { Id: { Length: > 0 } id, Type: { Length: > 0 } type }
            ? new WebhookVerification.Verified(id, type)
            : new WebhookVerification.Rejected("the body is not a Coinbase Commerce webhook (no event id or type).");
    }

    public async Task<WebhookTranslation> TranslateAsync(VerifiedWebhook webhook, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        var @event = Parse(webhook.Body)?.Event;
        if (@event is not { Type: { } type } || !type.StartsWith("charge:", StringComparison.Ordinal) || type == "charge:created")
        {
            return new WebhookTranslation.Ignored($"Coinbase event {@event?.Type} is not used");
        }

        var reference = @event.Data?.Id ?? @event.Data?.Code;
        var charge = reference is null ? null : await api.GetChargeAsync(reference, ct);
        if (charge?.Id is null)
        {
            return new WebhookTranslation.Ignored("Coinbase has no such charge");
        }

        var paymentId = PaymentIdOf(charge.Metadata);
        var currency = CoinbaseObservations.LocalCurrency(charge);
        if (currency is null)
        {
            return new WebhookTranslation.Ignored("a charge without a local price");
        }

        return new WebhookTranslation.About(
            paymentId is not null ? PaymentLocator.ById(paymentId) : PaymentLocator.ByReference(charge.Id),
            CoinbaseObservations.FromCharge(charge, currency));
    }

    public async Task<IReadOnlyList<PaymentObservation>> FetchAsync(Payment payment, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(payment);
        return payment.ProviderReference is { } id && await api.GetChargeAsync(id, ct) is { } charge
            ? CoinbaseObservations.FromCharge(charge, payment.Amount.Currency)
            : [];
    }

    public Task<ProviderRefundResult> RefundAsync(Payment payment, ProviderRefundRequest refund, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(refund);
        var id = "coinbase-manual-" + refund.RequestId;
        IReadOnlyList<PaymentObservation> failed =
            [new PaymentObservation.RefundFailed(id, "Coinbase Commerce has no refund API: refund it from the Coinbase Commerce dashboard.", clock.GetUtcNow())];
        return Task.FromResult(new ProviderRefundResult(id, failed));
    }

    public Task<IReadOnlyList<PaymentObservation>> CloseAsync(Payment payment, CancellationToken ct) =>
        // Onchain charges can't be cancelled; they expire on their own (charge:failed), and money sent late is still seen.
        Task.FromResult<IReadOnlyList<PaymentObservation>>([]);

    private static CoinbaseWebhook? Parse(ReadOnlyMemory<byte> body)
    {
        try
        {
            return JsonSerializer.Deserialize(body.Span, CoinbaseJsonContext.Default.CoinbaseWebhook);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? PaymentIdOf(JsonElement? metadata) =>
        metadata is { ValueKind: JsonValueKind.Object } m && m.TryGetProperty("payment_id", out var id) && id.ValueKind == JsonValueKind.String
            && PaymentIds.IsWellFormed(id.GetString())
            ? id.GetString()
            : null;
}

using System.Globalization;
using System.Text.Json;
using BitcoinEvents.Domain.Money;
using BitcoinEvents.Domain.Payments;
using BitcoinEvents.Domain.Results;
using BitcoinEvents.Payments.Crypto;
using MoneyAmount = BitcoinEvents.Domain.Money.Money;

namespace BitcoinEvents.Payments.Providers.Btcpay;

/// <summary>
/// BTC on-chain and over Lightning through the merchant's BTCPay Server. A payment is an invoice
/// priced in BTC at our locked quote (so the store's accounting and the quote agree to the satoshi),
/// expiring with the quote; the buyer gets the checkout link, the BOLT11 invoice and the BIP21 URI.
/// Webhooks are only a nudge: the invoice is re-read from the store and its settled payments are
/// what counts. Refunds are BTCPay pull payments the buyer claims to their own wallet.
/// </summary>
internal sealed class BtcpayProvider(BtcpayApi api, BitcoinQuotes quotes, ProviderSettings settings, TimeProvider clock) : IPaymentProvider
{
    public const string ProviderId = "btcpay";

    private const string RefundDescriptionPrefix = "payment ";

    public string Id => ProviderId;

    public bool IsConfigured =>
        settings.Optional(BtcpaySettings.ApiBase) is not null
        && settings.Optional(BtcpaySettings.StoreId) is not null
        && settings.Optional(BtcpaySettings.ApiKey) is not null
        && quotes.IsConfigured;

    public bool Accepts(string currency) => Currencies.IsKnown(currency);

    public async Task<Result<StartedPayment>> StartAsync(PaymentStart start, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(start);
        var payment = start.Payment;
        var invoice = await api.FindInvoiceAsync(payment.Id, ct);
        PaymentQuote quote;
        if (invoice is not null && invoice.Status is "New" or "Processing" or "Settled" && invoice.Currency == Currencies.Bitcoin
            && DecimalAmounts.TryParse(invoice.Amount, Currencies.Bitcoin, out var invoiced))
        {
            // Started before (a retry after our write failed): the same invoice at the same quote.
            quote = new PaymentQuote(payment.Settles, invoiced, "btcpay-invoice", DateTimeOffset.FromUnixTimeSeconds(invoice.CreatedTime), DateTimeOffset.FromUnixTimeSeconds(invoice.ExpirationTime));
        }
        else
        {
            var now = clock.GetUtcNow();
            var locked = await quotes.LockAsync(payment, null, ct);
            if (!locked.TryGetValue(out var bitcoin, out var error))
            {
                return Result<StartedPayment>.Failure(error);
            }

            // BTCPay counts expiry in minutes: whole minutes, so the invoice never outlives the quote.
            var minutes = Math.Floor((bitcoin.ValidUntil - now).TotalMinutes);
            if (minutes < 1)
            {
                return new InvalidStateTransition("less than a minute from its payment deadline", "pay in bitcoin");
            }

            invoice = await api.CreateInvoiceAsync(
                new BtcpayCreateInvoiceRequest(
                    DecimalAmounts.Format(bitcoin.Amount),
                    Currencies.Bitcoin,
                    new BtcpayInvoiceMetadata(payment.Id, payment.Id, $"Order {payment.OrderId}"),
                    new BtcpayCheckoutOptions(
                        PaymentMethods(),
                        minutes,
                        MonitoringMinutes(),
                        settings.Optional(BtcpaySettings.SpeedPolicy) ?? "MediumSpeed",
                        start.ReturnUrl?.ToString(),
                        PaymentTolerance: 0),
                    [payment.OrderId]),
                ct);
            quote = bitcoin.ToPaymentQuote() with { ExpiresAt = now.AddMinutes(minutes) };
        }

        var methods = await api.GetPaymentMethodsAsync(invoice.Id, ct);
        return new StartedPayment(invoice.Id, Instructions(invoice, methods, quote), quote);
    }

    public WebhookVerification Verify(WebhookDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var check = BtcpayWebhookSignature.Verify(delivery.Body.Span, delivery.Header(BtcpayWebhookSignature.Header), settings.Required(BtcpaySettings.WebhookSecret));
        if (check != SignatureCheck.Valid)
        {
            return new WebhookVerification.Rejected(HexHmacSignature.Reason(check, BtcpayWebhookSignature.Header));
        }

        var webhook = Parse(delivery.Body);
        var eventId = webhook?.OriginalDeliveryId ?? webhook?.DeliveryId;
        return webhook is { Type: { Length: > 0 } type } && !string.IsNullOrEmpty(eventId)
            ? new WebhookVerification.Verified(eventId, type)
            : new WebhookVerification.Rejected("the body is not a BTCPay webhook event (no deliveryId or type).");
    }

    public async Task<WebhookTranslation> TranslateAsync(VerifiedWebhook webhook, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        var delivery = Parse(webhook.Body);
        if (delivery is null)
        {
            return new WebhookTranslation.Ignored("not a BTCPay webhook event");
        }

        if (!string.Equals(delivery.StoreId, settings.Required(BtcpaySettings.StoreId), StringComparison.Ordinal))
        {
            return new WebhookTranslation.Ignored("an event of another store");
        }

        switch (delivery.Type)
        {
            case "InvoiceReceivedPayment" or "InvoicePaymentSettled" or "InvoiceProcessing" or "InvoiceSettled" or "InvoiceExpired" or "InvoiceInvalid" when delivery.InvoiceId is { Length: > 0 } invoiceId:
                var invoice = await api.GetInvoiceAsync(invoiceId, ct);
                if (invoice is null)
                {
                    return new WebhookTranslation.Ignored("the store has no such invoice");
                }

                var methods = await api.GetPaymentMethodsAsync(invoice.Id, ct);
                var locator = PaymentIdOf(invoice.Metadata) is { } paymentId ? PaymentLocator.ById(paymentId) : PaymentLocator.ByReference(invoice.Id);
                return new WebhookTranslation.About(locator, BtcpayObservations.FromInvoice(invoice, methods));
            case "PayoutApproved" or "PayoutUpdated" when delivery.PullPaymentId is { Length: > 0 } pullPaymentId:
                var pull = await api.GetPullPaymentAsync(pullPaymentId, ct);
                if (pull?.Description is not { } description || !description.StartsWith(RefundDescriptionPrefix, StringComparison.Ordinal))
                {
                    return new WebhookTranslation.Ignored("a payout of a pull payment that is not one of our refunds");
                }

                var payouts = await api.GetPayoutsAsync(pullPaymentId, ct);
                return new WebhookTranslation.About(PaymentLocator.ById(description[RefundDescriptionPrefix.Length..]), BtcpayObservations.FromPayouts(pullPaymentId, payouts));
            default:
                return new WebhookTranslation.Ignored($"BTCPay event {delivery.Type} is not used");
        }
    }

    public async Task<IReadOnlyList<PaymentObservation>> FetchAsync(Payment payment, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(payment);
        var observations = new List<PaymentObservation>();
        if (payment.ProviderReference is { } invoiceId && await api.GetInvoiceAsync(invoiceId, ct) is { } invoice)
        {
            observations.AddRange(BtcpayObservations.FromInvoice(invoice, await api.GetPaymentMethodsAsync(invoice.Id, ct)));
        }

        foreach (var claim in payment.RefundClaims.Where(c => c is { Status: RefundClaimStatus.Submitted, ProviderRefundId: not null }))
        {
            observations.AddRange(BtcpayObservations.FromPayouts(claim.ProviderRefundId!, await api.GetPayoutsAsync(claim.ProviderRefundId!, ct)));
        }

        return observations;
    }

    public async Task<ProviderRefundResult> RefundAsync(Payment payment, ProviderRefundRequest refund, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(payment);
        ArgumentNullException.ThrowIfNull(refund);
        var invoiceId = payment.ProviderReference ?? throw new InvalidOperationException($"Payment {payment.Id} has no BTCPay invoice to refund.");
        if (refund.Amount.Currency != Currencies.Bitcoin)
        {
            throw new InvalidOperationException($"A BTCPay refund is in BTC, not {refund.Amount.Currency}.");
        }

        // BTCPay has no idempotency key: the pull payment is named after ours, and found before a second is made.
        var pull = await api.FindPullPaymentAsync(refund.IdempotencyKey, ct)
            ?? await api.RefundAsync(
                invoiceId,
                new BtcpayRefundRequest(refund.IdempotencyKey, RefundDescriptionPrefix + payment.Id, "Custom", DecimalAmounts.Format(refund.Amount), Currencies.Bitcoin, null),
                ct);
        var payouts = await api.GetPayoutsAsync(pull.Id, ct);
        return new ProviderRefundResult(pull.Id, BtcpayObservations.FromPayouts(pull.Id, payouts));
    }

    public async Task<IReadOnlyList<PaymentObservation>> CloseAsync(Payment payment, CancellationToken ct)
    {
        // An invoice can't be withdrawn: it expires with the quote (never after the order), and the
        // store keeps watching it, so money sent late is still seen (and refunded, or honoured).
        ArgumentNullException.ThrowIfNull(payment);
        return payment.ProviderReference is { } invoiceId && await api.GetInvoiceAsync(invoiceId, ct) is { Status: "Expired" } invoice
            ? [new PaymentObservation.Expired(DateTimeOffset.FromUnixTimeSeconds(invoice.ExpirationTime))]
            : [];
    }

    private static PaymentInstructions Instructions(BtcpayInvoice invoice, IReadOnlyList<BtcpayPaymentMethod> methods, PaymentQuote quote)
    {
        var chain = methods.FirstOrDefault(m => BtcpayObservations.OnChainMethods.Contains(m.Id, StringComparer.Ordinal));
        var lightning = methods.FirstOrDefault(m => BtcpayObservations.LightningMethods.Contains(m.Id, StringComparer.Ordinal));
        var bolt11 = lightning?.Destination is { Length: > 0 } destination
            ? (destination.StartsWith("lightning:", StringComparison.OrdinalIgnoreCase) ? destination["lightning:".Length..] : destination)
            : null;
        string? bip21 = null;
        if (chain?.Destination is { Length: > 0 } address)
        {
            // The store's own BIP21 (its amount includes any network fee the store charges); ours if it gave none.
            bip21 = chain.PaymentLink is { Length: > 0 } link ? link : Bip21.Uri(address, quote.Amount.Minor);
            if (bolt11 is not null && !bip21.Contains("lightning=", StringComparison.OrdinalIgnoreCase))
            {
                bip21 += (bip21.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "lightning=" + bolt11;
            }
        }

        return new PaymentInstructions
        {
            Kind = "crypto",
            Url = invoice.CheckoutLink,
            Amount = quote.Amount,
            Address = chain?.Destination,
            PaymentUri = bip21,
            LightningInvoice = bolt11,
            ExpiresAt = quote.ExpiresAt,
        };
    }

    private string[] PaymentMethods() =>
        (settings.Optional(BtcpaySettings.PaymentMethods) ?? "BTC-CHAIN,BTC-LN").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private double MonitoringMinutes() =>
        int.TryParse(settings.Optional(BtcpaySettings.MonitoringMinutes), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) && minutes > 0 ? minutes : 1440;

    private static BtcpayWebhookEvent? Parse(ReadOnlyMemory<byte> body)
    {
        try
        {
            return JsonSerializer.Deserialize(body.Span, BtcpayJsonContext.Default.BtcpayWebhookEvent);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? PaymentIdOf(JsonElement? metadata) =>
        metadata is { ValueKind: JsonValueKind.Object } m && m.TryGetProperty("paymentId", out var id) && id.ValueKind == JsonValueKind.String
            && PaymentIds.IsWellFormed(id.GetString())
            ? id.GetString()
            : null;
}

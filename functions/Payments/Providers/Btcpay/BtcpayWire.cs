using System.Text.Json;
using System.Text.Json.Serialization;

namespace BitcoinEvents.Payments.Providers.Btcpay;

// BTCPay Server's Greenfield API (v1) as the area uses it: its JSON, camelCase, amounts as decimal
// strings, times as unix seconds. Unknown members are ignored, so newer servers' additions don't
// break reading; 1.x names (paymentMethod, cryptoCode, networkFee) are read beside 2.x's.

/// <summary>POST /api/v1/stores/{storeId}/invoices.</summary>
internal sealed record BtcpayCreateInvoiceRequest(string Amount, string Currency, BtcpayInvoiceMetadata Metadata, BtcpayCheckoutOptions Checkout, IReadOnlyList<string>? AdditionalSearchTerms);

/// <summary>What we put in an invoice's metadata: <c>orderId</c> is BTCPay's indexed reference (our payment id).</summary>
internal sealed record BtcpayInvoiceMetadata(string OrderId, string PaymentId, string? ItemDesc);

internal sealed record BtcpayCheckoutOptions(
    IReadOnlyList<string>? PaymentMethods,
    double? ExpirationMinutes,
    double? MonitoringMinutes,
    string? SpeedPolicy,
    [property: JsonPropertyName("redirectURL")] string? RedirectUrl,
    double? PaymentTolerance);

/// <summary>An invoice (GET /api/v1/stores/{storeId}/invoices/{invoiceId}).</summary>
internal sealed record BtcpayInvoice
{
    public required string Id { get; init; }

    public string? StoreId { get; init; }

    public string? Amount { get; init; }

    public string? Currency { get; init; }

    public string? CheckoutLink { get; init; }

    public long CreatedTime { get; init; }

    public long ExpirationTime { get; init; }

    public long MonitoringExpiration { get; init; }

    /// <summary>New, Processing, Expired, Invalid, Settled.</summary>
    public string? Status { get; init; }

    /// <summary>None, PaidLate, PaidPartial, Marked, Invalid, PaidOver.</summary>
    public string? AdditionalStatus { get; init; }

    public JsonElement? Metadata { get; init; }
}

/// <summary>One payment method of an invoice (GET .../invoices/{invoiceId}/payment-methods).</summary>
internal sealed record BtcpayPaymentMethod
{
    /// <summary>2.x: BTC-CHAIN, BTC-LN, BTC-LNURL.</summary>
    public string? PaymentMethodId { get; init; }

    /// <summary>1.x: BTC, BTC-LightningNetwork, BTC-LNURLPAY.</summary>
    public string? PaymentMethod { get; init; }

    public string? Currency { get; init; }

    public string? CryptoCode { get; init; }

    /// <summary>The on-chain address, or the BOLT11 invoice.</summary>
    public string? Destination { get; init; }

    /// <summary>The BIP21 URI (<c>bitcoin:…?amount=</c>) or <c>lightning:…</c> link.</summary>
    public string? PaymentLink { get; init; }

    public string? Rate { get; init; }

    public string? PaymentMethodPaid { get; init; }

    public string? TotalPaid { get; init; }

    public string? Due { get; init; }

    public string? Amount { get; init; }

    public bool Activated { get; init; } = true;

    public IReadOnlyList<BtcpayInvoicePayment> Payments { get; init; } = [];

    /// <summary>The method's id whichever version named it.</summary>
    public string Id => PaymentMethodId ?? PaymentMethod ?? string.Empty;
}

/// <summary>A payment to an invoice (in its payment method's currency).</summary>
internal sealed record BtcpayInvoicePayment
{
    public string? Id { get; init; }

    public long ReceivedDate { get; init; }

    public string? Value { get; init; }

    public string? Fee { get; init; }

    /// <summary>Invalid, Processing, Settled.</summary>
    public string? Status { get; init; }

    public string? Destination { get; init; }
}

/// <summary>A webhook delivery (every event type's members; each type uses some).</summary>
internal sealed record BtcpayWebhookEvent
{
    public string? DeliveryId { get; init; }

    public string? WebhookId { get; init; }

    public string? OriginalDeliveryId { get; init; }

    public bool IsRedelivery { get; init; }

    public string? Type { get; init; }

    public long Timestamp { get; init; }

    public string? StoreId { get; init; }

    public string? InvoiceId { get; init; }

    public JsonElement? Metadata { get; init; }

    public bool OverPaid { get; init; }

    public bool AfterExpiration { get; init; }

    public bool PartiallyPaid { get; init; }

    public bool ManuallyMarked { get; init; }

    public string? PaymentMethodId { get; init; }

    public BtcpayInvoicePayment? Payment { get; init; }

    public string? PayoutId { get; init; }

    public string? PullPaymentId { get; init; }

    public string? PayoutState { get; init; }
}

/// <summary>POST /api/v1/stores/{storeId}/invoices/{invoiceId}/refund.</summary>
internal sealed record BtcpayRefundRequest(string Name, string Description, string RefundVariant, string? CustomAmount, string? CustomCurrency, IReadOnlyList<string>? PayoutMethods);

/// <summary>A pull payment (what a refund creates: the buyer claims it to their own address or invoice).</summary>
internal sealed record BtcpayPullPayment
{
    public required string Id { get; init; }

    public string? Name { get; init; }

    public string? Description { get; init; }

    public string? Currency { get; init; }

    public string? Amount { get; init; }

    public bool Archived { get; init; }

    public string? ViewLink { get; init; }
}

/// <summary>A payout of a pull payment.</summary>
internal sealed record BtcpayPayout
{
    public required string Id { get; init; }

    public string? PullPaymentId { get; init; }

    public long Date { get; init; }

    public string? OriginalCurrency { get; init; }

    public string? OriginalAmount { get; init; }

    public string? PayoutCurrency { get; init; }

    public string? PayoutAmount { get; init; }

    /// <summary>AwaitingApproval, AwaitingPayment, InProgress, Completed, Cancelled.</summary>
    public string? State { get; init; }

    /// <summary>1.x: the amount in the pull payment's currency.</summary>
    public string? Amount { get; init; }
}

/// <summary>One rate of GET /api/v1/stores/{storeId}/rates.</summary>
internal sealed record BtcpayRate(string? CurrencyPair, string? Rate, IReadOnlyList<string>? Errors);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(BtcpayCreateInvoiceRequest))]
[JsonSerializable(typeof(BtcpayInvoice))]
[JsonSerializable(typeof(IReadOnlyList<BtcpayInvoice>))]
[JsonSerializable(typeof(IReadOnlyList<BtcpayPaymentMethod>))]
[JsonSerializable(typeof(BtcpayWebhookEvent))]
[JsonSerializable(typeof(BtcpayRefundRequest))]
[JsonSerializable(typeof(BtcpayPullPayment))]
[JsonSerializable(typeof(IReadOnlyList<BtcpayPullPayment>))]
[JsonSerializable(typeof(IReadOnlyList<BtcpayPayout>))]
[JsonSerializable(typeof(IReadOnlyList<BtcpayRate>))]
internal sealed partial class BtcpayJsonContext : JsonSerializerContext;

using System.Text.Json;
using System.Text.Json.Serialization;
using BitcoinEvents.Domain.Messages;
using BitcoinEvents.Domain.Payments;
using BitcoinEvents.Infrastructure.Storage;
using BitcoinEvents.Payments.Providers;
using BitcoinEvents.Payments.Storage;

namespace BitcoinEvents.Payments.Contracts;

/// <summary>
/// POST /orders/{orderId}/payments: pay the order through a provider. The amount is the order's, never
/// the client's: a request naming anything else (an amount, a currency) is refused, not ignored.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record StartPaymentRequest
{
    /// <summary>The provider's id (stripe, razorpay, ...): one the event offers.</summary>
    public string? Provider { get; init; }

    /// <summary>Where a hosted payment page sends the buyer back to (Stripe Checkout): https, or http on localhost.</summary>
    public string? ReturnUrl { get; init; }

    /// <summary>Provider-specific choices (e.g. a refund address for an on-chain payment).</summary>
    public Dictionary<string, string>? Options { get; init; }
}

/// <summary>A payment as its buyer (or the event's organizer) sees it.</summary>
public sealed record PaymentResponse
{
    public required string Id { get; init; }

    public required string OrderId { get; init; }

    public required string Provider { get; init; }

    /// <summary>created, pending, failed, expired, succeeded, partly_refunded, refunded.</summary>
    public required string Status { get; init; }

    /// <summary>underpaid, overpaid, paid_late (crypto, mostly).</summary>
    public required IReadOnlyList<string> Exceptions { get; init; }

    /// <summary>What the provider collects (in its currency).</summary>
    public required MoneyDto Amount { get; init; }

    /// <summary>The order's total it pays.</summary>
    public required MoneyDto Settles { get; init; }

    public required MoneyDto Received { get; init; }

    public required MoneyDto Refunded { get; init; }

    /// <summary>Money arriving after this is late.</summary>
    public required DateTimeOffset Deadline { get; init; }

    /// <summary>What the buyer pays with; only for the buyer, while the payment is open.</summary>
    public PaymentInstructions? Instructions { get; init; }

    public string? FailureReason { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    internal static PaymentResponse From(StoredPayment stored, bool forBuyer)
    {
        var p = stored.Payment;
        var exceptions = new List<string>();
        if (p.Exceptions.HasFlag(PaymentExceptions.Underpaid))
        {
            exceptions.Add("underpaid");
        }

        if (p.Exceptions.HasFlag(PaymentExceptions.Overpaid))
        {
            exceptions.Add("overpaid");
        }

        if (p.Exceptions.HasFlag(PaymentExceptions.PaidLate))
        {
            exceptions.Add("paid_late");
        }

        return new PaymentResponse
        {
            Id = p.Id,
            OrderId = p.OrderId,
            Provider = p.Provider,
            Status = PaymentStatuses.Wire(p.Status),
            Exceptions = exceptions,
            Amount = MoneyDto.From(p.Amount),
            Settles = MoneyDto.From(p.Settles),
            Received = MoneyDto.From(p.Received),
            Refunded = MoneyDto.From(p.Refunded),
            Deadline = p.Deadline,
            Instructions = forBuyer && PaymentStatuses.IsOpen(p.Status) ? stored.Instructions : null,
            FailureReason = p.FailureReason,
            CreatedAt = p.CreatedAt,
            UpdatedAt = p.UpdatedAt,
        };
    }
}

/// <summary>
/// POST /payments/{paymentId}/refunds: an organizer gives money back (all that is left when no amount is
/// given). Unknown members are refused: a misspelt "amount" must not become a refund of everything.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record RefundPaymentRequest
{
    /// <summary>In the order's currency; absent: everything that can still be refunded.</summary>
    public MoneyDto? Amount { get; init; }

    public string? Reason { get; init; }
}

/// <summary>A refund request and where it stands.</summary>
public sealed record RefundResponse(string RequestId, string PaymentId, MoneyDto Amount, string Status, string? ProviderRefundId);

/// <summary>PUT /events/{eventId}/payment-providers (unknown members refused, as for every payment request).</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record EventPaymentProvidersRequest
{
    public IReadOnlyList<string>? Providers { get; init; }
}

/// <summary>The providers an event offers (the organizer's choice among the platform's, or all of the platform's).</summary>
public sealed record EventPaymentProvidersResponse(string EventId, IReadOnlyList<string> Providers, bool ChosenByOrganizer);

/// <summary>What a webhook route answers a provider.</summary>
public sealed record WebhookAcknowledgement(bool Received, bool Duplicate);

/// <summary>A stored delivery to apply (the message on PaymentsWebhookQueue: its key; the body stays in the table).</summary>
public sealed record WebhookReceived(string Provider, string EventId);

/// <summary>Source-generated JSON for the area (Native AOT: no reflection).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, Converters = [typeof(StoredMoneyConverter)])]
[JsonSerializable(typeof(StartPaymentRequest))]
[JsonSerializable(typeof(PaymentResponse))]
[JsonSerializable(typeof(RefundPaymentRequest))]
[JsonSerializable(typeof(RefundResponse))]
[JsonSerializable(typeof(EventPaymentProvidersRequest))]
[JsonSerializable(typeof(EventPaymentProvidersResponse))]
[JsonSerializable(typeof(WebhookAcknowledgement))]
[JsonSerializable(typeof(WebhookReceived))]
[JsonSerializable(typeof(JsonElement))]
public sealed partial class PaymentsJsonContext : JsonSerializerContext;

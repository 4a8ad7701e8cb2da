using System.Text.Json;
using System.Text.Json.Serialization;

namespace BitcoinEvents.Payments.Providers.Razorpay;

/// <summary>
/// Razorpay's entities as the platform reads them: only the members used. <c>notes</c> is kept raw:
/// Razorpay sends an object, or <c>[]</c> when there are none.
/// </summary>
internal sealed class RazorpayEvent
{
    public string? Entity { get; set; }

    public string? Event { get; set; }

    [JsonPropertyName("account_id")]
    public string? AccountId { get; set; }

    public RazorpayPayload? Payload { get; set; }

    [JsonPropertyName("created_at")]
    public long CreatedAt { get; set; }
}

internal sealed class RazorpayPayload
{
    public RazorpayWrapped<RazorpayPayment>? Payment { get; set; }

    public RazorpayWrapped<RazorpayOrder>? Order { get; set; }

    public RazorpayWrapped<RazorpayRefund>? Refund { get; set; }
}

internal sealed class RazorpayWrapped<T>
{
    public T? Entity { get; set; }
}

internal sealed class RazorpayOrder
{
    public string? Id { get; set; }

    public long Amount { get; set; }

    [JsonPropertyName("amount_paid")]
    public long AmountPaid { get; set; }

    public string? Currency { get; set; }

    public string? Receipt { get; set; }

    public string? Status { get; set; }

    public JsonElement? Notes { get; set; }
}

internal sealed class RazorpayPayment
{
    public string? Id { get; set; }

    public long Amount { get; set; }

    public string? Currency { get; set; }

    public string? Status { get; set; }

    [JsonPropertyName("order_id")]
    public string? OrderId { get; set; }

    [JsonPropertyName("amount_refunded")]
    public long? AmountRefunded { get; set; }

    public bool Captured { get; set; }

    [JsonPropertyName("error_code")]
    public string? ErrorCode { get; set; }

    [JsonPropertyName("error_reason")]
    public string? ErrorReason { get; set; }

    public JsonElement? Notes { get; set; }

    [JsonPropertyName("created_at")]
    public long CreatedAt { get; set; }
}

internal sealed class RazorpayRefund
{
    public string? Id { get; set; }

    public long Amount { get; set; }

    public string? Currency { get; set; }

    [JsonPropertyName("payment_id")]
    public string? PaymentId { get; set; }

    public string? Status { get; set; }

    public JsonElement? Notes { get; set; }
}

internal sealed class RazorpayCollection<T>
{
    public List<T>? Items { get; set; }
}

internal sealed class RazorpayErrorResponse
{
    public RazorpayErrorBody? Error { get; set; }
}

internal sealed class RazorpayErrorBody
{
    public string? Code { get; set; }

    public string? Reason { get; set; }
}

/// <summary>POST /v1/orders.</summary>
internal sealed record RazorpayOrderRequest(long Amount, string Currency, string Receipt, Dictionary<string, string> Notes);

/// <summary>POST /v1/payments/{id}/refund.</summary>
internal sealed record RazorpayRefundRequest(long Amount, Dictionary<string, string> Notes);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(RazorpayEvent))]
[JsonSerializable(typeof(RazorpayOrder))]
[JsonSerializable(typeof(RazorpayCollection<RazorpayOrder>))]
[JsonSerializable(typeof(RazorpayCollection<RazorpayPayment>))]
[JsonSerializable(typeof(RazorpayCollection<RazorpayRefund>))]
[JsonSerializable(typeof(RazorpayRefund))]
[JsonSerializable(typeof(RazorpayErrorResponse))]
[JsonSerializable(typeof(RazorpayOrderRequest))]
[JsonSerializable(typeof(RazorpayRefundRequest))]
internal sealed partial class RazorpayJson : JsonSerializerContext
{
    /// <summary>A note's value, when <paramref name="notes"/> is an object holding it as a string.</summary>
    public static string? Note(JsonElement? notes, string name) =>
        notes is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

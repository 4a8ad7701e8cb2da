using System.Text.Json;
using System.Text.Json.Serialization;

namespace BitcoinEvents.Payments.Providers.Stripe;

/// <summary>
/// Stripe's objects as the platform reads them, tolerant of every API version still sent: only the
/// members used, unknown ones ignored; expandable members (<c>latest_charge</c>, <c>payment_intent</c>,
/// <c>charge</c>) kept as raw JSON because they are an id or the object itself.
/// </summary>
internal sealed class StripeEvent
{
    public string? Id { get; set; }

    public string? Type { get; set; }

    public long Created { get; set; }

    [JsonPropertyName("api_version")]
    public string? ApiVersion { get; set; }

    public StripeEventData? Data { get; set; }
}

internal sealed class StripeEventData
{
    public JsonElement Object { get; set; }
}

internal sealed class StripeList<T>
{
    public List<T>? Data { get; set; }
}

internal sealed class StripePaymentError
{
    public string? Code { get; set; }

    [JsonPropertyName("decline_code")]
    public string? DeclineCode { get; set; }

    public string? Type { get; set; }
}

internal sealed class StripePaymentIntent
{
    public string? Id { get; set; }

    public long Amount { get; set; }

    [JsonPropertyName("amount_received")]
    public long AmountReceived { get; set; }

    public string? Currency { get; set; }

    public string? Status { get; set; }

    [JsonPropertyName("client_secret")]
    public string? ClientSecret { get; set; }

    public Dictionary<string, string>? Metadata { get; set; }

    [JsonPropertyName("last_payment_error")]
    public StripePaymentError? LastPaymentError { get; set; }

    /// <summary>API versions up to 2022-08-01: the PaymentIntent's charges.</summary>
    public StripeList<StripeCharge>? Charges { get; set; }

    /// <summary>API versions from 2022-11-15: the latest charge, an id or (expanded) the charge.</summary>
    [JsonPropertyName("latest_charge")]
    public JsonElement? LatestCharge { get; set; }
}

internal sealed class StripeCharge
{
    public string? Id { get; set; }

    public long Amount { get; set; }

    [JsonPropertyName("amount_captured")]
    public long AmountCaptured { get; set; }

    [JsonPropertyName("amount_refunded")]
    public long AmountRefunded { get; set; }

    public bool Captured { get; set; }

    public bool Paid { get; set; }

    public string? Currency { get; set; }

    public string? Status { get; set; }

    [JsonPropertyName("payment_intent")]
    public JsonElement? PaymentIntent { get; set; }

    public Dictionary<string, string>? Metadata { get; set; }
}

internal sealed class StripeCheckoutSession
{
    public string? Id { get; set; }

    [JsonPropertyName("amount_total")]
    public long? AmountTotal { get; set; }

    public string? Currency { get; set; }

    [JsonPropertyName("payment_intent")]
    public JsonElement? PaymentIntent { get; set; }

    [JsonPropertyName("payment_status")]
    public string? PaymentStatus { get; set; }

    public string? Status { get; set; }

    public string? Url { get; set; }

    [JsonPropertyName("expires_at")]
    public long? ExpiresAt { get; set; }

    [JsonPropertyName("client_reference_id")]
    public string? ClientReferenceId { get; set; }

    public Dictionary<string, string>? Metadata { get; set; }
}

internal sealed class StripeRefund
{
    public string? Id { get; set; }

    public long Amount { get; set; }

    public string? Currency { get; set; }

    public string? Status { get; set; }

    public JsonElement? Charge { get; set; }

    [JsonPropertyName("payment_intent")]
    public JsonElement? PaymentIntent { get; set; }

    [JsonPropertyName("failure_reason")]
    public string? FailureReason { get; set; }

    public Dictionary<string, string>? Metadata { get; set; }
}

internal sealed class StripeErrorResponse
{
    public StripeErrorBody? Error { get; set; }
}

internal sealed class StripeErrorBody
{
    public string? Type { get; set; }

    public string? Code { get; set; }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(StripeEvent))]
[JsonSerializable(typeof(StripePaymentIntent))]
[JsonSerializable(typeof(StripeCharge))]
[JsonSerializable(typeof(StripeCheckoutSession))]
[JsonSerializable(typeof(StripeRefund))]
[JsonSerializable(typeof(StripeErrorResponse))]
internal sealed partial class StripeJson : JsonSerializerContext
{
    /// <summary>The id of an expandable member: the string itself, or the expanded object's <c>id</c>.</summary>
    public static string? IdOf(JsonElement? member) => member switch
    {
        { ValueKind: JsonValueKind.String } id => id.GetString(),
        { ValueKind: JsonValueKind.Object } expanded when expanded.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String => id.GetString(),
        _ => null,
    };

    /// <summary>The expanded object of an expandable member, or null when it is only an id.</summary>
    public static T? Expanded<T>(JsonElement? member, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
        where T : class =>
        member is { ValueKind: JsonValueKind.Object } expanded ? expanded.Deserialize(type) : null;
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace BitcoinEvents.Payments.Providers.Coinbase;

// Coinbase Commerce's charges API (X-CC-Version 2018-03-22) and its webhooks: snake_case JSON,
// amounts as decimal strings. Read tolerantly: the 2018 charge (crypto pricing and addresses per
// coin, UNRESOLVED with a context) and the 2023+ onchain charge (local and USDC settlement pricing,
// web3_data) both still arrive; the webhook's own id is a number in the old shape, a UUID in the new.

/// <summary>POST /charges.</summary>
internal sealed record CoinbaseCreateChargeRequest(
    string Name,
    string Description,
    string PricingType,
    CoinbaseMoney LocalPrice,
    CoinbaseChargeMetadata Metadata,
    string? RedirectUrl,
    string? CancelUrl);

internal sealed record CoinbaseChargeMetadata(string PaymentId, string OrderId);

internal sealed record CoinbaseMoney(string? Amount, string? Currency);

/// <summary>{"data": charge}: what the charges API answers.</summary>
internal sealed record CoinbaseChargeEnvelope(CoinbaseCharge? Data);

internal sealed record CoinbaseCharge
{
    public string? Id { get; init; }

    public string? Code { get; init; }

    public string? HostedUrl { get; init; }

    public DateTimeOffset? CreatedAt { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>local (the price), settlement (USDC), and in 2018 charges one entry per coin.</summary>
    public Dictionary<string, JsonElement>? Pricing { get; init; }

    public IReadOnlyList<CoinbaseTimelineEntry> Timeline { get; init; } = [];

    public IReadOnlyList<CoinbasePayment> Payments { get; init; } = [];

    public JsonElement? Metadata { get; init; }
}

/// <summary>NEW, SIGNED, PENDING, COMPLETED (2023+); NEW, PENDING, COMPLETED/CONFIRMED, EXPIRED, UNRESOLVED (+ context), RESOLVED, CANCELED (2018).</summary>
internal sealed record CoinbaseTimelineEntry(DateTimeOffset? Time, string? Status, string? Context);

internal sealed record CoinbasePayment
{
    public string? Network { get; init; }

    public string? TransactionId { get; init; }

    public string? PaymentId { get; init; }

    public string? Status { get; init; }

    public DateTimeOffset? DetectedAt { get; init; }

    public CoinbasePaymentValue? Value { get; init; }
}

internal sealed record CoinbasePaymentValue(CoinbaseMoney? Local, CoinbaseMoney? Crypto);

/// <summary>A webhook delivery: the event is what matters; <see cref="Id"/> is the delivery's (a number in 2018, a UUID since).</summary>
internal sealed record CoinbaseWebhook(JsonElement? Id, CoinbaseEvent? Event);

internal sealed record CoinbaseEvent(string? Id, string? Type, string? ApiVersion, DateTimeOffset? CreatedAt, CoinbaseCharge? Data);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CoinbaseCreateChargeRequest))]
[JsonSerializable(typeof(CoinbaseChargeEnvelope))]
[JsonSerializable(typeof(CoinbaseWebhook))]
[JsonSerializable(typeof(CoinbaseMoney))]
internal sealed partial class CoinbaseJsonContext : JsonSerializerContext;

namespace BitcoinEvents.Domain.Messages;

/// <summary>
/// Payments → Ticketing: a payment of an order succeeded. <see cref="Settles"/> is what it covers in
/// the order's currency (a bitcoin payment settles the order's fiat total at its quote). Delivered at
/// least once and in any order: the consumer applies it once, by <see cref="PaymentId"/>.
/// </summary>
public sealed record PaymentSucceededV1(
    string OrderId,
    string PaymentId,
    string Provider,
    MoneyDto Paid,
    MoneyDto Settles,
    DateTimeOffset SucceededAt) : IDomainEvent
{
    public static string EventType => "PaymentSucceeded";

    public static int EventVersion => 1;
}

/// <summary>Payments → Ticketing: an attempt to pay an order failed; the buyer may try again until the deadline.</summary>
public sealed record PaymentFailedV1(
    string OrderId,
    string PaymentId,
    string Provider,
    string Reason,
    DateTimeOffset FailedAt) : IDomainEvent
{
    public static string EventType => "PaymentFailed";

    public static int EventVersion => 1;
}

/// <summary>Payments → Ticketing: money of an order went back to the buyer (partly or wholly), in the order's currency.</summary>
public sealed record PaymentRefundedV1(
    string OrderId,
    string PaymentId,
    string RefundId,
    MoneyDto Amount,
    DateTimeOffset RefundedAt) : IDomainEvent
{
    public static string EventType => "PaymentRefunded";

    public static int EventVersion => 1;
}

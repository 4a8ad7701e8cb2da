namespace BitcoinEvents.Infrastructure.Messaging;

/// <summary>
/// A domain event contract: a versioned record (<c>OrderPaidV1</c>) whose type name and version
/// travel in its envelope and in the SNS message attributes consumers filter on. A breaking change
/// is a new record with the next version (<c>OrderPaidV2</c>), published beside the old one until
/// every consumer has moved.
/// </summary>
/// <example>
/// <code>
/// public sealed record OrderPaidV1(string OrderId, long AmountMinor, string Currency) : IDomainEvent
/// {
///     public static string EventType => "OrderPaid";
///     public static int EventVersion => 1;
/// }
/// </code>
/// </example>
public interface IDomainEvent
{
    /// <summary>The event's name, the envelope's <c>type</c>, e.g. "OrderPaid".</summary>
    static abstract string EventType { get; }

    /// <summary>The contract's version, the envelope's <c>version</c>, e.g. 1.</summary>
    static abstract int EventVersion { get; }
}

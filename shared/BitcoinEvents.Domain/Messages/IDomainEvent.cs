namespace BitcoinEvents.Domain.Messages;

/// <summary>
/// A message between areas: a versioned record (<c>OrderPaidV1</c>) whose name and version travel
/// in its envelope and in the attributes consumers filter on. A breaking change is a new record
/// with the next version (<c>OrderPaidV2</c>), published beside the old one until every consumer moved.
/// </summary>
public interface IDomainEvent
{
    /// <summary>The event's name, e.g. "OrderPaid".</summary>
    static abstract string EventType { get; }

    /// <summary>The contract's version, e.g. 1.</summary>
    static abstract int EventVersion { get; }
}

namespace BitcoinEvents.Domain.Messages;

/// <summary>Events: an event was cancelled (Ticketing cancels its orders; Notifications tells ticket holders).</summary>
public sealed record EventCancelledV1(string EventId, string OrganizerId, string Reason, DateTimeOffset CancelledAt) : IDomainEvent
{
    public static string EventType => "EventCancelled";

    public static int EventVersion => 1;
}

/// <summary>Events: a published event's time or venue changed (Notifications tells ticket holders).</summary>
public sealed record EventChangedV1(
    string EventId,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string VenueName,
    string City,
    string TimeZone,
    IReadOnlyList<string> Changed,
    DateTimeOffset ChangedAt) : IDomainEvent
{
    public static string EventType => "EventChanged";

    public static int EventVersion => 1;
}

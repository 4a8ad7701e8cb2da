namespace BitcoinEvents.Domain.Messages;

/// <summary>Events: an event was cancelled (Ticketing cancels its orders; Notifications tells ticket holders).</summary>
public sealed record EventCancelledV1(string EventId, string OrganizerId, string Reason, DateTimeOffset CancelledAt)
{
    public const string Type = "EventCancelled";
    public const int Version = 1;
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
    DateTimeOffset ChangedAt)
{
    public const string Type = "EventChanged";
    public const int Version = 1;
}

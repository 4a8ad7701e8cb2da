using BitcoinEvents.Domain.Results;

namespace BitcoinEvents.Domain.Ticketing;

public enum WaitingStatus
{
    Waiting,

    /// <summary>Freed seats are held for them (an offer hold) until it expires.</summary>
    Offered,

    /// <summary>Checked out their offer.</summary>
    Converted,

    /// <summary>Let their offer expire; the seats passed on.</summary>
    Lapsed,

    /// <summary>Left the line.</summary>
    Left,
}

/// <summary>An attendee waiting for seats of a sold-out ticket type, first come first served.</summary>
public sealed record WaitingListEntry
{
    public required string Id { get; init; }

    public required string EventId { get; init; }

    public required string TicketTypeId { get; init; }

    public required string OwnerId { get; init; }

    public required int Quantity { get; init; }

    public required DateTimeOffset JoinedAt { get; init; }

    public required WaitingStatus Status { get; init; }

    public string? OfferHoldId { get; init; }

    public DateTimeOffset? OfferExpiresAt { get; init; }

    public required long Version { get; init; }

    public static Result<WaitingListEntry> Join(string id, TicketType type, string ownerId, int? quantity, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (quantity is null)
        {
            return new ValidationFailed("quantity", TicketingErrors.Required);
        }

        var max = Math.Min(type.MaxPerOrder, TicketingRules.MaxWaitingQuantity);
        if (quantity < type.MinPerOrder || quantity > max)
        {
            return new ValidationFailed("quantity", $"must be from {type.MinPerOrder} to {max}.");
        }

        return new WaitingListEntry
        {
            Id = id,
            EventId = type.EventId,
            TicketTypeId = type.Id,
            OwnerId = ownerId,
            Quantity = quantity.Value,
            JoinedAt = now,
            Status = WaitingStatus.Waiting,
            Version = 1,
        };
    }

    public WaitingListEntry Offer(string holdId, DateTimeOffset expiresAt) =>
        this with { Status = WaitingStatus.Offered, OfferHoldId = holdId, OfferExpiresAt = expiresAt, Version = Version + 1 };

    public Result<WaitingListEntry> Leave() => Status is WaitingStatus.Waiting or WaitingStatus.Offered
        ? this with { Status = WaitingStatus.Left, Version = Version + 1 }
        : new InvalidStateTransition(Status.ToString().ToLowerInvariant(), "leave the waiting list");
}

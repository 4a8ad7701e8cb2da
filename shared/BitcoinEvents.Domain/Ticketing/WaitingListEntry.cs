using BitcoinEvents.Domain.Results;

namespace BitcoinEvents.Domain.Ticketing;

public enum WaitingStatus
{
    Waiting,

    /// <summary>Freed seats are held for them (an offer hold) until it expires.</summary>
    Offered,

    /// <summary>Checked out their offer: the offer became their order.</summary>
    Fulfilled,

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

    /// <summary>When it left the line for good (fulfilled, lapsed or left).</summary>
    public DateTimeOffset? ClosedAt { get; init; }

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

    /// <summary>Still in the line or holding an offer: it counts as the buyer's one entry for the type.</summary>
    public bool IsActive => Status is WaitingStatus.Waiting or WaitingStatus.Offered;

    public WaitingListEntry Offer(string holdId, DateTimeOffset expiresAt) =>
        this with { Status = WaitingStatus.Offered, OfferHoldId = holdId, OfferExpiresAt = expiresAt, Version = Version + 1 };

    /// <summary>The buyer leaves the line (an offer they hold is given up with it).</summary>
    public Result<WaitingListEntry> Leave(DateTimeOffset now) => IsActive
        ? this with { Status = WaitingStatus.Left, ClosedAt = now, Version = Version + 1 }
        : new InvalidStateTransition(Status.ToString().ToLowerInvariant(), "leave the waiting list");

    /// <summary>The offer <paramref name="holdId"/> was checked out. Null: the entry does not hold that offer.</summary>
    public WaitingListEntry? Fulfil(string holdId, DateTimeOffset now) => HoldsOffer(holdId)
        ? this with { Status = WaitingStatus.Fulfilled, ClosedAt = now, Version = Version + 1 }
        : null;

    /// <summary>The offer <paramref name="holdId"/> ran out or was declined. Null: the entry does not hold that offer.</summary>
    public WaitingListEntry? Lapse(string holdId, DateTimeOffset now) => HoldsOffer(holdId)
        ? this with { Status = WaitingStatus.Lapsed, ClosedAt = now, Version = Version + 1 }
        : null;

    private bool HoldsOffer(string holdId) => Status == WaitingStatus.Offered && string.Equals(OfferHoldId, holdId, StringComparison.Ordinal);
}

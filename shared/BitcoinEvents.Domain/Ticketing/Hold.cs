using MoneyAmount = BitcoinEvents.Domain.Money.Money;

namespace BitcoinEvents.Domain.Ticketing;

/// <summary>Seats of one ticket type in a hold or order, priced when reserved.</summary>
/// <param name="Discount">The whole line's discount (the voucher's share of it).</param>
/// <param name="SatsUnitPrice">The type's fixed price in satoshis, if it has one.</param>
public sealed record HoldLine(string TicketTypeId, string TypeName, int Quantity, MoneyAmount UnitPrice, MoneyAmount Discount, long? SatsUnitPrice)
{
    public MoneyAmount Subtotal => UnitPrice.Times(Quantity);
}

/// <summary>Seats taken from one bucket of one quota; kept so they can be given back exactly.</summary>
public sealed record QuotaTake(string QuotaId, int Bucket, int Count);

public enum HoldStatus
{
    /// <summary>Holds its seats until it expires.</summary>
    Active,

    /// <summary>Became an order; the order holds the seats now.</summary>
    CheckedOut,

    /// <summary>Ran out before checkout; its seats went back (or to the waiting list).</summary>
    Expired,

    /// <summary>The buyer let it go; its seats went back.</summary>
    Released,
}

public enum HoldKind
{
    /// <summary>A buyer reserved seats.</summary>
    Purchase,

    /// <summary>Seats freed for the head of a waiting list: only that attendee may check it out.</summary>
    WaitingListOffer,
}

/// <summary>
/// Seats taken from the quotas for one buyer until <see cref="ExpiresAt"/>, at prices fixed when
/// they were taken. Taking the seats, the voucher use and writing the hold are one transaction;
/// expiry is enforced by conditions on the writes (TTL only cleans up).
/// </summary>
public sealed record Hold
{
    public required string Id { get; init; }

    public required string EventId { get; init; }

    public required string OwnerId { get; init; }

    public required IReadOnlyList<HoldLine> Lines { get; init; }

    public required MoneyAmount Subtotal { get; init; }

    public required MoneyAmount Discount { get; init; }

    public required MoneyAmount Total { get; init; }

    public string? VoucherCode { get; init; }

    public required IReadOnlyList<QuotaTake> Allocations { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    public required HoldStatus Status { get; init; }

    public HoldKind Kind { get; init; } = HoldKind.Purchase;

    /// <summary>The waiting-list entry an offer was made to.</summary>
    public string? WaitingListEntryId { get; init; }

    /// <summary>The order it became.</summary>
    public string? OrderId { get; init; }

    public required long Version { get; init; }

    public int Quantity => Lines.Sum(l => l.Quantity);

    public bool IsActiveAt(DateTimeOffset now) => Status == HoldStatus.Active && ExpiresAt > now;

    /// <summary>How many seats of each ticket type it holds.</summary>
    public IReadOnlyDictionary<string, int> SeatsByType =>
        Lines.GroupBy(l => l.TicketTypeId).ToDictionary(g => g.Key, g => g.Sum(l => l.Quantity), StringComparer.Ordinal);
}

using BitcoinEvents.Domain.Results;
using MoneyAmount = BitcoinEvents.Domain.Money.Money;

namespace BitcoinEvents.Domain.Ticketing;

/// <summary>
/// A kind of ticket an event sells: its price (in the event's fiat currency, or 0 for free, with an
/// optional fixed price in satoshis), when it is on sale, how many one order may hold, whether a
/// voucher must unlock it, the sessions it admits to (none: the whole event) and the quotas it
/// draws from besides the event's total capacity.
/// </summary>
public sealed record TicketType
{
    public required string Id { get; init; }

    public required string EventId { get; init; }

    public required string Name { get; init; }

    public string? Description { get; init; }

    public required MoneyAmount Price { get; init; }

    /// <summary>A fixed price in satoshis for Bitcoin payments; null: converted from <see cref="Price"/> at a quoted rate.</summary>
    public long? SatsPrice { get; init; }

    public DateTimeOffset? SalesStartAt { get; init; }

    public DateTimeOffset? SalesEndAt { get; init; }

    public required int MinPerOrder { get; init; }

    public required int MaxPerOrder { get; init; }

    /// <summary>Not listed publicly; only a voucher that unlocks it can reserve it.</summary>
    public bool Hidden { get; init; }

    /// <summary>Sessions it admits to; empty: the whole event (one check-in).</summary>
    public IReadOnlyList<string> SessionIds { get; init; } = [];

    /// <summary>Quotas it draws from besides the event's total capacity.</summary>
    public IReadOnlyList<string> QuotaIds { get; init; } = [];

    /// <summary>No longer sold (tickets already sold stay valid).</summary>
    public bool Archived { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public required long Version { get; init; }

    public bool IsFree => Price.IsZero;

    /// <summary>Open for sale at <paramref name="now"/>: not archived and inside its sales window.</summary>
    public bool IsOnSale(DateTimeOffset now) =>
        !Archived && (SalesStartAt is null || now >= SalesStartAt) && (SalesEndAt is null || now < SalesEndAt);

    /// <summary>Every quota a seat of this type takes from: the event's total first, then its own.</summary>
    public IReadOnlyList<string> AllQuotaIds(string eventTotalQuotaId) => [eventTotalQuotaId, .. QuotaIds.Where(q => q != eventTotalQuotaId)];

    /// <summary>
    /// A new type. <paramref name="sessions"/> and <paramref name="quotas"/> are the event's, to
    /// check the ones named exist; <paramref name="currency"/> is the currency the event's other
    /// types already use (an order has one currency), if any.
    /// </summary>
    public static Result<TicketType> Create(
        string id, string eventId, TicketTypeInput input, IReadOnlySet<string> sessions, IReadOnlySet<string> quotas, string? currency, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(input);
        return TicketTypeValidation.Validate(input, null, sessions, quotas, currency).Then<TicketType>(v => new TicketType
        {
            Id = id,
            EventId = eventId,
            Name = v.Name,
            Description = v.Description,
            Price = v.Price,
            SatsPrice = v.SatsPrice,
            SalesStartAt = v.SalesStartAt,
            SalesEndAt = v.SalesEndAt,
            MinPerOrder = v.MinPerOrder,
            MaxPerOrder = v.MaxPerOrder,
            Hidden = v.Hidden,
            SessionIds = v.SessionIds,
            QuotaIds = v.QuotaIds,
            Archived = v.Archived,
            CreatedAt = now,
            UpdatedAt = now,
            Version = 1,
        });
    }

    /// <summary>An edit: fields present replace, missing stay. The price's currency can't change once set.</summary>
    public Result<TicketType> Update(TicketTypeInput patch, IReadOnlySet<string> sessions, IReadOnlySet<string> quotas, string? currency, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(patch);
        return TicketTypeValidation.Validate(patch, this, sessions, quotas, currency).Then<TicketType>(v =>
        {
            var next = this with
            {
                Name = v.Name,
                Description = v.Description,
                Price = v.Price,
                SatsPrice = v.SatsPrice,
                SalesStartAt = v.SalesStartAt,
                SalesEndAt = v.SalesEndAt,
                MinPerOrder = v.MinPerOrder,
                MaxPerOrder = v.MaxPerOrder,
                Hidden = v.Hidden,
                SessionIds = v.SessionIds,
                QuotaIds = v.QuotaIds,
                Archived = v.Archived,
            };
            return Same(next) ? this : next with { UpdatedAt = now, Version = Version + 1 };
        });
    }

    private bool Same(TicketType other) =>
        this == other && SessionIds.SequenceEqual(other.SessionIds) && QuotaIds.SequenceEqual(other.QuotaIds);

    public bool Equals(TicketType? other) =>
        other is not null && Id == other.Id && Name == other.Name && Description == other.Description && Price == other.Price
        && SatsPrice == other.SatsPrice && SalesStartAt == other.SalesStartAt && SalesEndAt == other.SalesEndAt
        && MinPerOrder == other.MinPerOrder && MaxPerOrder == other.MaxPerOrder && Hidden == other.Hidden
        && Archived == other.Archived && Version == other.Version
        && SessionIds.SequenceEqual(other.SessionIds) && QuotaIds.SequenceEqual(other.QuotaIds);

    public override int GetHashCode() => HashCode.Combine(Id, Version);
}

/// <summary>A price as the client sends it: an amount in minor units and a currency.</summary>
public sealed record PriceInput
{
    /// <summary>Minor units: cents, paise (0 for a free ticket).</summary>
    public long? Amount { get; init; }

    /// <summary>ISO 4217, upper case.</summary>
    public string? Currency { get; init; }
}

/// <summary>A ticket type's fields as the client sent them, unchecked.</summary>
public sealed record TicketTypeInput
{
    public string? Name { get; init; }

    public string? Description { get; init; }

    public PriceInput? Price { get; init; }

    public long? SatsPrice { get; init; }

    public DateTimeOffset? SalesStartAt { get; init; }

    public DateTimeOffset? SalesEndAt { get; init; }

    public int? MinPerOrder { get; init; }

    public int? MaxPerOrder { get; init; }

    public bool? Hidden { get; init; }

    public IReadOnlyList<string>? SessionIds { get; init; }

    public IReadOnlyList<string>? QuotaIds { get; init; }

    public bool? Archived { get; init; }
}

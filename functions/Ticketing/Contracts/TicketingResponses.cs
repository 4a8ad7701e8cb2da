using BitcoinEvents.Domain.Messages;
using BitcoinEvents.Domain.Ticketing;

namespace BitcoinEvents.Ticketing.Contracts;

// What the Ticketing API answers (camelCase JSON, nulls left out; money as {amount, currency} in
// minor units; instants RFC 3339 in UTC). No storage keys, no buckets.

/// <summary>A ticket type as buyers see it: its price and how many seats are left.</summary>
public sealed record TicketTypeResponse(
    string Id,
    string EventId,
    string Name,
    string? Description,
    MoneyDto Price,
    long? SatsPrice,
    DateTimeOffset? SalesStartAt,
    DateTimeOffset? SalesEndAt,
    int MinPerOrder,
    int MaxPerOrder,
    bool Hidden,
    IReadOnlyList<string> SessionIds,
    IReadOnlyList<string> QuotaIds,
    bool Archived,
    bool OnSale,
    int Available,
    bool SoldOut,
    long Version)
{
    public static TicketTypeResponse From(TicketType t, int available, DateTimeOffset now) => new(
        t.Id, t.EventId, t.Name, t.Description, MoneyDto.From(t.Price), t.SatsPrice, t.SalesStartAt, t.SalesEndAt,
        t.MinPerOrder, t.MaxPerOrder, t.Hidden, t.SessionIds, t.QuotaIds, t.Archived, t.IsOnSale(now), available, available == 0, t.Version);
}

public sealed record TicketTypeListResponse(IReadOnlyList<TicketTypeResponse> Items);

/// <summary>A quota: its capacity and what is left (the sum over its buckets).</summary>
public sealed record QuotaResponse(string Id, string EventId, string Name, int Capacity, int Available, int Buckets, bool IsEventTotal, long Version)
{
    public static QuotaResponse From(Quota q, int available) => new(q.Id, q.EventId, q.Name, q.Capacity, available, q.Buckets, q.IsEventTotal, q.Version);
}

public sealed record QuotaListResponse(IReadOnlyList<QuotaResponse> Items);

public sealed record SessionResponse(string Id, string EventId, string Name, DateTimeOffset StartsAt, DateTimeOffset EndsAt, long Version)
{
    public static SessionResponse From(Session s) => new(s.Id, s.EventId, s.Name, s.StartsAt, s.EndsAt, s.Version);
}

public sealed record SessionListResponse(IReadOnlyList<SessionResponse> Items);

public sealed record VoucherResponse(
    string Code,
    string EventId,
    int? PercentOff,
    MoneyDto? AmountOff,
    int? UsageLimit,
    int Used,
    DateTimeOffset? ValidFrom,
    DateTimeOffset? ValidUntil,
    IReadOnlyList<string> TicketTypeIds,
    IReadOnlyList<string> UnlocksTicketTypeIds,
    bool Disabled,
    long Version)
{
    public static VoucherResponse From(Voucher v, int used) => new(
        v.Code, v.EventId, v.PercentOff, v.AmountOff is { } a ? MoneyDto.From(a) : null, v.UsageLimit, used, v.ValidFrom, v.ValidUntil,
        v.TicketTypeIds, v.UnlocksTicketTypeIds, v.Disabled, v.Version);
}

public sealed record VoucherListResponse(IReadOnlyList<VoucherResponse> Items);

public sealed record TicketingSettingsResponse(string EventId, int HoldMinutes, int? RefundUntilHoursBeforeStart, int OfferMinutes, long Version, int RefundPercent = 100)
{
    public static TicketingSettingsResponse From(string eventId, TicketingSettings s) => new(eventId, s.HoldMinutes, s.RefundUntilHoursBeforeStart, s.OfferMinutes, s.Version, s.RefundPercent);
}

public sealed record LineResponse(string TicketTypeId, string Name, int Quantity, MoneyDto UnitPrice, MoneyDto Discount, long? SatsUnitPrice);

/// <summary>A hold: the seats kept for the buyer until <see cref="ExpiresAt"/>.</summary>
public sealed record HoldResponse(
    string Id,
    string EventId,
    IReadOnlyList<LineResponse> Lines,
    MoneyDto Subtotal,
    MoneyDto Discount,
    MoneyDto Total,
    string? VoucherCode,
    DateTimeOffset ExpiresAt,
    int SecondsLeft,
    string Status,
    string Kind,
    string? OrderId,
    long Version)
{
    public static HoldResponse From(Hold h, DateTimeOffset now) => new(
        h.Id, h.EventId,
        [.. h.Lines.Select(l => new LineResponse(l.TicketTypeId, l.TypeName, l.Quantity, MoneyDto.From(l.UnitPrice), MoneyDto.From(l.Discount), l.SatsUnitPrice))],
        MoneyDto.From(h.Subtotal), MoneyDto.From(h.Discount), MoneyDto.From(h.Total), h.VoucherCode, h.ExpiresAt,
        h.IsActiveAt(now) ? (int)Math.Ceiling((h.ExpiresAt - now).TotalSeconds) : 0,
        Names.Of(h.IsActiveAt(now) || h.Status != HoldStatus.Active ? h.Status : HoldStatus.Expired),
        h.Kind == HoldKind.WaitingListOffer ? "waiting_list_offer" : "purchase", h.OrderId, h.Version);
}

public sealed record OrderLineResponse(string Kind, string ItemId, string Description, int Quantity, MoneyDto UnitPrice, MoneyDto Discount, IReadOnlyList<string> HolderNames);

/// <summary>An order: what was bought, the total, where it stands.</summary>
public sealed record OrderResponse(
    string Id,
    string EventId,
    string BuyerId,
    IReadOnlyList<OrderLineResponse> Lines,
    MoneyDto Subtotal,
    MoneyDto Discount,
    MoneyDto Total,
    string Status,
    bool Complimentary,
    string? VoucherCode,
    DateTimeOffset PaymentDeadline,
    DateTimeOffset CreatedAt,
    DateTimeOffset? PaidAt,
    MoneyDto AmountPaid,
    MoneyDto AmountRefunded,
    MoneyDto? RefundRequested,
    IReadOnlyList<string> TicketIds,
    DateTimeOffset? CancelledAt,
    string? CancellationReason,
    long Version)
{
    public static OrderResponse From(Order o) => new(
        o.Id, o.EventId, o.BuyerId,
        [.. o.Lines.Select(l => new OrderLineResponse(l.Kind, l.ItemId, l.Description, l.Quantity, MoneyDto.From(l.UnitPrice), MoneyDto.From(l.Discount), l.HolderNames))],
        MoneyDto.From(o.Subtotal), MoneyDto.From(o.Discount), MoneyDto.From(o.Total), Names.Of(o.Status), o.Complimentary, o.VoucherCode,
        o.PaymentDeadline, o.CreatedAt, o.PaidAt, MoneyDto.From(o.AmountPaid), MoneyDto.From(o.AmountRefunded),
        o.RefundRequested is { } r ? MoneyDto.From(r) : null, o.TicketIds, o.CancelledAt, o.CancellationReason, o.Version);
}

public sealed record OrderPageResponse(IReadOnlyList<OrderResponse> Items, string? NextCursor);

public sealed record CheckInResponse(string Session, DateTimeOffset At, string DeviceId);

/// <summary>A ticket: who it admits, to which sessions, and its current QR token.</summary>
public sealed record TicketResponse(
    string Id,
    string EventId,
    string OrderId,
    string TicketTypeId,
    string TypeName,
    IReadOnlyList<string> SessionIds,
    string HolderName,
    string Status,
    int Revision,
    DateTimeOffset IssuedAt,
    string? VoidReason,
    IReadOnlyList<CheckInResponse> CheckIns,
    string? Token,
    long Version)
{
    public static TicketResponse From(Ticket t, string? token) => new(
        t.Id, t.EventId, t.OrderId, t.TicketTypeId, t.TypeName, t.SessionIds, t.HolderName, Names.Of(t.Status), t.Revision, t.IssuedAt,
        t.VoidReason, [.. t.CheckIns.Select(c => new CheckInResponse(c.SessionKey, c.At, c.DeviceId))], t.Status == TicketStatus.Valid ? token : null, t.Version);
}

public sealed record TicketPageResponse(IReadOnlyList<TicketResponse> Items, string? NextCursor);

/// <summary>
/// A waiting-list entry: what it waits for and where it stands (waiting, offered with the offer's
/// hold and deadline, fulfilled, lapsed, left). <see cref="OwnerId"/> only in the organizer's listing.
/// </summary>
public sealed record WaitingListEntryResponse(
    string Id,
    string EventId,
    string TicketTypeId,
    int Quantity,
    DateTimeOffset JoinedAt,
    string Status,
    string? OfferHoldId,
    DateTimeOffset? OfferExpiresAt,
    DateTimeOffset? ClosedAt = null,
    string? OwnerId = null)
{
    public static WaitingListEntryResponse From(WaitingListEntry e, bool withOwner = false) =>
        new(e.Id, e.EventId, e.TicketTypeId, e.Quantity, e.JoinedAt, Names.Of(e.Status), e.OfferHoldId, e.OfferExpiresAt, e.ClosedAt, withOwner ? e.OwnerId : null);
}

public sealed record WaitingListPageResponse(IReadOnlyList<WaitingListEntryResponse> Items, string? NextCursor);

public sealed record StaffResponse(string EventId, IReadOnlyList<string> UserIds);

/// <summary>Enum values as the API spells them: lower case, words joined by underscores.</summary>
internal static class Names
{
    public static string Of<T>(T value)
        where T : struct, Enum
    {
        var name = value.ToString();
        var builder = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(name[i]));
        }

        return builder.ToString();
    }
}

using BitcoinEvents.Domain.Ticketing;

namespace BitcoinEvents.Ticketing.Storage;

/// <summary>A voucher with how many holds took it.</summary>
internal sealed record VoucherUse(Voucher Voucher, int Used);

/// <summary>Everything an event's ticketing is set up with, read in one Query.</summary>
internal sealed record EventSetup(
    string EventId,
    IReadOnlyDictionary<string, TicketType> Types,
    IReadOnlyDictionary<string, Quota> Quotas,
    IReadOnlyDictionary<string, Session> Sessions,
    IReadOnlyDictionary<string, VoucherUse> Vouchers,
    TicketingSettings Settings,
    IReadOnlySet<string> Staff,
    IReadOnlyDictionary<string, long> CheckIns)
{
    public string TotalQuotaId => Quota.EventTotalId(EventId);

    /// <summary>The currency the event's types are priced in, once one is.</summary>
    public string? Currency => Types.Values.Select(t => t.Price.Currency).FirstOrDefault();

    public IReadOnlySet<string> SessionIds => Sessions.Keys.ToHashSet(StringComparer.Ordinal);

    public IReadOnlySet<string> QuotaIds => Quotas.Keys.ToHashSet(StringComparer.Ordinal);

    public IReadOnlySet<string> TypeIds => Types.Keys.ToHashSet(StringComparer.Ordinal);
}

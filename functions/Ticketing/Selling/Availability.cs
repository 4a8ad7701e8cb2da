using BitcoinEvents.Domain.Ticketing;
using BitcoinEvents.Ticketing.Storage;

namespace BitcoinEvents.Ticketing.Selling;

/// <summary>How many seats each ticket type has left: the least over the quotas it draws from (each the sum over its buckets).</summary>
internal sealed class Availability(SetupStore setups)
{
    public async Task<IReadOnlyDictionary<string, int>> OfTypesAsync(EventSetup setup, CancellationToken ct)
    {
        var available = await setups.ReadAvailabilityAsync(setup.Quotas.Values, ct);
        return setup.Types.Values.ToDictionary(
            t => t.Id,
            t => Math.Max(0, t.AllQuotaIds(setup.TotalQuotaId).Min(q => available.TryGetValue(q, out var b) ? b.Sum() : 0)),
            StringComparer.Ordinal);
    }

    public async Task<IReadOnlyDictionary<string, int>> OfQuotasAsync(EventSetup setup, CancellationToken ct)
    {
        var available = await setups.ReadAvailabilityAsync(setup.Quotas.Values, ct);
        return available.ToDictionary(kv => kv.Key, kv => kv.Value.Sum(), StringComparer.Ordinal);
    }
}

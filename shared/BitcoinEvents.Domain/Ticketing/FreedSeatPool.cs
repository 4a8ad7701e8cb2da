namespace BitcoinEvents.Domain.Ticketing;

/// <summary>
/// Seats a hold or order lets go (the bucket takes it held), from which waiting-list offers are
/// carved: an offer of N seats of a type takes N from each quota the type draws from. What is not
/// carved out goes back to the buckets. Seats never appear or vanish: every take comes out of the pool.
/// </summary>
public sealed class FreedSeatPool
{
    private readonly List<QuotaTake> _left;

    public FreedSeatPool(IEnumerable<QuotaTake> freed)
    {
        ArgumentNullException.ThrowIfNull(freed);
        _left = [.. freed.Where(t => t.Count > 0)];
    }

    /// <summary>What is still in the pool (to give back to the buckets).</summary>
    public IReadOnlyList<QuotaTake> Left => [.. _left.Where(t => t.Count > 0)];

    /// <summary>
    /// Takes <paramref name="count"/> seats from each of <paramref name="quotaIds"/>, or nothing (null)
    /// when one of them has fewer left in the pool.
    /// </summary>
    public IReadOnlyList<QuotaTake>? Take(IEnumerable<string> quotaIds, int count)
    {
        ArgumentNullException.ThrowIfNull(quotaIds);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var quotas = quotaIds.Distinct(StringComparer.Ordinal).ToList();
        if (quotas.Count == 0 || quotas.Any(q => _left.Where(t => t.QuotaId == q).Sum(t => t.Count) < count))
        {
            return null;
        }

        var taken = new List<QuotaTake>();
        foreach (var quota in quotas)
        {
            var wanted = count;
            for (var i = 0; i < _left.Count && wanted > 0; i++)
            {
                var t = _left[i];
                if (t.QuotaId != quota || t.Count == 0)
                {
                    continue;
                }

                var n = Math.Min(wanted, t.Count);
                taken.Add(t with { Count = n });
                _left[i] = t with { Count = t.Count - n };
                wanted -= n;
            }
        }

        return taken;
    }
}

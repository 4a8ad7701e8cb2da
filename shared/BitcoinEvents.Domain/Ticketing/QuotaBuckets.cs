namespace BitcoinEvents.Domain.Ticketing;

/// <summary>A take from one bucket of a quota.</summary>
public sealed record BucketTake(int Bucket, int Count);

/// <summary>
/// A quota's capacity split over buckets, each its own DynamoDB item (and partition), so that one
/// quota can sell faster than one partition writes. docs/ticketing.md has the arithmetic behind
/// <see cref="For"/>. Buyers never see buckets: availability is the sum, and a hold takes from
/// several buckets at once when no one bucket has enough.
/// </summary>
public static class QuotaBuckets
{
    /// <summary>Seats per bucket the default count is sized for (see docs/ticketing.md).</summary>
    public const int SeatsPerBucket = 5_000;

    /// <summary>How many buckets a quota of <paramref name="capacity"/> gets unless the organizer asks for more.</summary>
    public static int For(int capacity) =>
        Math.Clamp((int)Math.Ceiling(capacity / (double)SeatsPerBucket), 1, TicketingRules.MaxBucketsPerQuota);

    /// <summary>The initial availability of each bucket: the capacity spread evenly, the remainder to the first ones.</summary>
    public static int[] Split(int capacity, int buckets)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        ArgumentOutOfRangeException.ThrowIfLessThan(buckets, 1);
        var each = capacity / buckets;
        var remainder = capacity % buckets;
        return [.. Enumerable.Range(0, buckets).Select(b => each + (b < remainder ? 1 : 0))];
    }

    /// <summary>
    /// Which buckets to take <paramref name="wanted"/> seats from, given what each had when last
    /// read (the writes re-check it): one bucket that has enough, chosen at random among those, so
    /// concurrent buyers spread over the buckets; else the fullest buckets together. Null when all
    /// of them together hold fewer than <paramref name="wanted"/>.
    /// </summary>
    public static IReadOnlyList<BucketTake>? Plan(IReadOnlyList<int> available, int wanted, Random random)
    {
        ArgumentNullException.ThrowIfNull(available);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfLessThan(wanted, 1);
        if (available.Sum(a => (long)Math.Max(a, 0)) < wanted)
        {
            return null;
        }

        var enough = Enumerable.Range(0, available.Count).Where(b => available[b] >= wanted).ToList();
        if (enough.Count > 0)
        {
            return [new BucketTake(enough[random.Next(enough.Count)], wanted)];
        }

        var takes = new List<BucketTake>();
        var left = wanted;
        foreach (var bucket in Enumerable.Range(0, available.Count).Where(b => available[b] > 0).OrderByDescending(b => available[b]))
        {
            var take = Math.Min(left, available[bucket]);
            takes.Add(new BucketTake(bucket, take));
            left -= take;
            if (left == 0)
            {
                break;
            }
        }

        return takes;
    }

    /// <summary>
    /// How to change each bucket to change the capacity by <paramref name="delta"/>: growth spread
    /// evenly; a cut taken from the buckets with the most seats left. Null when the buckets hold
    /// fewer free seats than the cut (seats held or sold can't be taken back).
    /// </summary>
    public static IReadOnlyList<BucketTake>? Resize(IReadOnlyList<int> available, int delta)
    {
        ArgumentNullException.ThrowIfNull(available);
        if (delta == 0)
        {
            return [];
        }

        if (delta > 0)
        {
            return [.. Split(delta, available.Count).Select((n, b) => new BucketTake(b, n)).Where(t => t.Count > 0)];
        }

        var cut = -delta;
        if (available.Sum(a => (long)Math.Max(a, 0)) < cut)
        {
            return null;
        }

        var takes = new List<BucketTake>();
        foreach (var bucket in Enumerable.Range(0, available.Count).OrderByDescending(b => available[b]))
        {
            var take = Math.Min(cut, Math.Max(available[bucket], 0));
            if (take > 0)
            {
                takes.Add(new BucketTake(bucket, -take));
                cut -= take;
            }

            if (cut == 0)
            {
                break;
            }
        }

        return takes;
    }
}

using System.Diagnostics;

namespace TicketingHolds;

/// <summary>One operation a worker repeats: true when it did what it was for (a hold, an update).</summary>
internal delegate Task<bool> Operation(int worker, CancellationToken ct);

/// <summary>What one measurement saw.</summary>
internal sealed record RunResult(string Name, long Succeeded, long Refused, TimeSpan Elapsed, double[] LatenciesMs, TransactionCounts Transactions)
{
    public double PerSecond => Succeeded / Elapsed.TotalSeconds;
}

/// <summary>Runs an operation from W workers at once, each one request at a time, for a fixed time.</summary>
internal static class Load
{
    public static async Task<RunResult> RunAsync(string name, int workers, TimeSpan length, Operation operation, CountingDynamoDb counter, CancellationToken ct)
    {
        counter.Take();
        var latencies = new List<double>[workers];
        long succeeded = 0, refused = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async w =>
        {
            await Task.Yield();
            var mine = latencies[w] = new List<double>(4_096);
            while (clock.Elapsed < length)
            {
                ct.ThrowIfCancellationRequested();
                var start = Stopwatch.GetTimestamp();
                var ok = await operation(w, ct);
                mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                Interlocked.Increment(ref ok ? ref succeeded : ref refused);
            }
        }));
        var elapsed = clock.Elapsed;
        return new RunResult(name, succeeded, refused, elapsed, [.. latencies.SelectMany(l => l)], counter.Take());
    }

    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN
            : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2]
            : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}

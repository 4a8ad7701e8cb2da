using System.Globalization;

namespace TicketingHolds;

/// <summary>Command-line options; every loop the benchmark runs is bounded by them.</summary>
internal sealed record Options
{
    public const int MaxWorkers = 512;
    public const int MaxRounds = 20;
    public const double MaxSecondsPerRun = 60;

    /// <summary>Concurrent callers, each issuing one request at a time.</summary>
    public int Workers { get; init; } = 64;

    /// <summary>How long each measurement runs.</summary>
    public TimeSpan RunLength { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Rounds of every measurement; each round runs them all, in a rotated order.</summary>
    public int Rounds { get; init; } = 3;

    /// <summary>The quota sizes (bucket counts) to compare; the first is the baseline of the bucket ratios.</summary>
    public IReadOnlyList<int> Buckets { get; init; } = [1, 4, 16];

    /// <summary>Items the "raw, N items" ceiling spreads its updates over.</summary>
    public int RawItems { get; init; } = 16;

    /// <summary>Seats per hold.</summary>
    public int SeatsPerHold { get; init; } = 2;

    /// <summary>Wall-clock cap of the measurements (warm-up included).</summary>
    public TimeSpan MaxDuration { get; init; } = TimeSpan.FromMinutes(10);

    public string? OutputFile { get; init; }

    public static string Usage => """
        TicketingHolds: holds per second through the Ticketing area's reservation code
        (Reservations: BatchGetItem of the quota's buckets, then ONE TransactWriteItems taking the
        seats conditionally and writing the hold) for a quota of 1, 4, 16 buckets, side by side
        with DynamoDB Local's raw conditional UpdateItem on one item and on N items, in one run,
        against DynamoDB Local on 127.0.0.1 (started by tools/LocalAws, in memory).

          --workers W        concurrent callers (default 64, max 512)
          --seconds S        length of each measurement (default 5, max 60)
          --rounds R         rounds of all measurements, order rotated each round (default 3, max 20)
          --buckets 1,4,16   bucket counts of the quota to compare (each 1 to 32)
          --raw-items N      items of the "raw, N items" ceiling (default 16)
          --seats N          seats per hold (default 2)
          --max-seconds S    wall-clock cap of the measurements (default 600)
          --output FILE      also write the Markdown report to FILE
        """;

    public static Options Parse(IReadOnlyList<string> args)
    {
        var options = new Options();
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int Int(int min, int max)
            {
                var name = args[i];
                var value = int.Parse(Value(), CultureInfo.InvariantCulture);
                return value >= min && value <= max ? value : throw new ArgumentException($"{name} must be from {min} to {max}.");
            }

            options = args[i] switch
            {
                "--workers" => options with { Workers = Int(1, MaxWorkers) },
                "--seconds" => options with { RunLength = TimeSpan.FromSeconds(Int(1, (int)MaxSecondsPerRun)) },
                "--rounds" => options with { Rounds = Int(1, MaxRounds) },
                "--buckets" => options with { Buckets = [.. Value().Split(',').Select(b => int.Parse(b, CultureInfo.InvariantCulture)).Select(b => b is >= 1 and <= 32 ? b : throw new ArgumentException("--buckets: each from 1 to 32."))] },
                "--raw-items" => options with { RawItems = Int(2, 1_000) },
                "--seats" => options with { SeatsPerHold = Int(1, 20) },
                "--max-seconds" => options with { MaxDuration = TimeSpan.FromSeconds(Int(10, 3_600)) },
                "--output" => options with { OutputFile = Value() },
                _ => throw new ArgumentException($"Unknown option {args[i]}."),
            };
        }

        return options.Buckets.Count == 0 ? throw new ArgumentException("--buckets names none.") : options;
    }
}

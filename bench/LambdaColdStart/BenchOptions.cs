using System.Globalization;

namespace LambdaColdStart;

/// <summary>Command-line options; every loop the harness runs is bounded by them.</summary>
internal sealed record BenchOptions
{
    public const int MaxColdStarts = 100;
    public const int MaxInvocations = 5000;

    /// <summary>Cold starts per variant and operation (K).</summary>
    public int ColdStarts { get; init; } = 10;

    /// <summary>Warm invocations after each cold start (N).</summary>
    public int Invocations { get; init; } = 200;

    /// <summary>Wall-clock cap of the whole run, builds excluded.</summary>
    public TimeSpan MaxDuration { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The function's Timeout (the template's 10 s): an invocation slower than this fails the run.</summary>
    public TimeSpan InvocationTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a process may take from exec to its first response.</summary>
    public TimeSpan ColdStartTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The operations (template Handlers) to measure.</summary>
    public IReadOnlyList<string> Operations { get; init; } = ["GetEvent", "ListEvents"];

    /// <summary>MemorySize of the functions; the GC heap hard limit is set to 75 % of it, as a Lambda cgroup would.</summary>
    public int MemoryMegabytes { get; init; } = 256;

    public string? AotBootstrap { get; init; }

    public string? JitAssembly { get; init; }

    /// <summary>Run `make events` and the JIT publish first (both incremental).</summary>
    public bool Build { get; init; } = true;

    /// <summary>Also write the Markdown report here.</summary>
    public string? OutputFile { get; init; }

    /// <summary>Extra environment variables for both variants (e.g. DOTNET_gcServer=0).</summary>
    public IReadOnlyDictionary<string, string> ExtraEnvironment { get; init; } = new Dictionary<string, string>();

    public static string Usage => """
        LambdaColdStart: Native AOT bootstrap vs JIT build of the same function, behind a stand-in
        Lambda Runtime API on 127.0.0.1, reading DynamoDB Local.

          --cold-starts K     cold starts per variant and operation (default 10, max 100)
          --invocations N     warm invocations after each cold start (default 200, max 5000)
          --operations A,B    template Handlers to measure (default GetEvent,ListEvents)
          --memory MB         the function's MemorySize (default 256; GC heap hard limit = 75 %)
          --max-seconds S     wall-clock cap of the measurements (default 600)
          --aot PATH          the Native AOT bootstrap (default artifacts/Events/bootstrap)
          --jit PATH          the JIT assembly (default artifacts/bench/Events-jit/BitcoinEvents.Events.dll)
          --env NAME=VALUE    extra environment variable for both variants (repeatable)
          --no-build          use the binaries as they are (default: make events + JIT publish)
          --output FILE       also write the Markdown report to FILE
        """;

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchOptions();
        var extra = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--cold-starts" => options with { ColdStarts = Bounded(Value(), 1, MaxColdStarts) },
                "--invocations" => options with { Invocations = Bounded(Value(), 0, MaxInvocations) },
                "--operations" => options with { Operations = Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) },
                "--memory" => options with { MemoryMegabytes = Bounded(Value(), 128, 10240) },
                "--max-seconds" => options with { MaxDuration = TimeSpan.FromSeconds(Bounded(Value(), 10, 3600)) },
                "--aot" => options with { AotBootstrap = Path.GetFullPath(Value()) },
                "--jit" => options with { JitAssembly = Path.GetFullPath(Value()) },
                "--no-build" => options with { Build = false },
                "--output" => options with { OutputFile = Path.GetFullPath(Value()) },
                "--env" => AddEnvironment(options, extra, Value()),
                _ => throw new ArgumentException($"Unknown option {args[i]}."),
            };
        }

        return options with { ExtraEnvironment = extra };
    }

    private static BenchOptions AddEnvironment(BenchOptions options, Dictionary<string, string> extra, string pair)
    {
        var equals = pair.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            throw new ArgumentException($"--env takes NAME=VALUE, not '{pair}'.");
        }

        extra[pair[..equals]] = pair[(equals + 1)..];
        return options;
    }

    private static int Bounded(string text, int min, int max)
    {
        var value = int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
        return value < min || value > max
            ? throw new ArgumentOutOfRangeException(nameof(text), $"{value} is outside {min}..{max}.")
            : value;
    }
}

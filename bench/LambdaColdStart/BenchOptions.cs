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

    /// <summary>The bare Native AOT runtime loop (bench/BareRuntimeLoop), the floor every ratio is taken against.</summary>
    public string? BaselineExecutable { get; init; }

    /// <summary>Also measure the JIT build of the Events area (off by default: about 0.5 s per cold start).</summary>
    public bool WithJit { get; init; }

    public string? JitAssembly { get; init; }

    /// <summary>
    /// Also the Ticketing area's Native AOT bootstrap, in the same rounds: it answers its own
    /// anonymous reads of the same seeded events (<see cref="TicketingOperations"/>) where the Events
    /// bootstrap answers GetEvent and ListEvents, and the report gives its ratios to the Events one.
    /// </summary>
    public bool WithTicketing { get; init; }

    public string? TicketingBootstrap { get; init; }

    /// <summary>The Ticketing operation measured against each Events one: one event's reads, anonymous, like them.</summary>
    public static IReadOnlyDictionary<string, string> TicketingOperations { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // GetItem of the event vs GetItem of the event + Query of its ticketing setup.
        ["GetEvent"] = "GetTicketingSettings",
        // Query of the listing index vs GetItem + Query + BatchGetItem of its quota's buckets.
        ["ListEvents"] = "ListTicketTypes",
        // Like for like: one consistent GetItem for a signed-in caller, who must own what it reads
        // (the organizer's event vs the buyer's hold).
        ["GetOrganizerEvent"] = "GetHold",
    };

    /// <summary>More Native AOT bootstraps of the area to measure in the same run (e.g. an earlier build), by label.</summary>
    public IReadOnlyList<(string Label, string Path)> Compare { get; init; } = [];

    /// <summary>More Native AOT bootstraps of the Ticketing area (e.g. an earlier build), run on its operations, by label.</summary>
    public IReadOnlyList<(string Label, string Path)> CompareTicketing { get; init; } = [];

    /// <summary>A command to run the Events bootstrap under (profiling); see <see cref="Launch.Wrapper"/>.</summary>
    public IReadOnlyList<string>? Wrapper { get; init; }

    /// <summary>The same for the Ticketing bootstrap (with --ticketing).</summary>
    public IReadOnlyList<string>? TicketingWrapper { get; init; }

    /// <summary>Run `make events`, publish the bare loop (and the JIT build) first; all incremental.</summary>
    public bool Build { get; init; } = true;

    /// <summary>Also write the Markdown report here.</summary>
    public string? OutputFile { get; init; }

    /// <summary>Extra environment variables for both variants (e.g. DOTNET_gcServer=0).</summary>
    public IReadOnlyDictionary<string, string> ExtraEnvironment { get; init; } = new Dictionary<string, string>();

    public static string Usage => """
        LambdaColdStart: the Events area's Native AOT bootstrap against the bare Native AOT runtime
        loop (bench/BareRuntimeLoop: GET next, POST a fixed response), optionally against other
        builds of the same area, behind a stand-in Lambda Runtime API on 127.0.0.1, reading
        DynamoDB Local. Variants alternate within each round; ratios are to the bare loop.

          --cold-starts K     cold starts per variant and operation (default 10, max 100)
          --invocations N     warm invocations after each cold start (default 200, max 5000)
          --operations A,B    template Handlers to measure (default GetEvent,ListEvents; also GetOrganizerEvent)
          --memory MB         the function's MemorySize (default 256; GC heap hard limit = 75 %)
          --max-seconds S     wall-clock cap of the measurements (default 600)
          --aot PATH          the Native AOT bootstrap (default artifacts/Events/bootstrap)
          --baseline PATH     the bare runtime loop (default artifacts/bench/BareRuntimeLoop/BareRuntimeLoop)
          --compare L=PATH    another Native AOT bootstrap of the area, labelled L (repeatable)
          --compare-ticketing L=PATH  another bootstrap of the Ticketing area, run on its operations (repeatable)
          --ticketing         also the Ticketing area's bootstrap (artifacts/Ticketing/bootstrap, `make ticketing`):
                              GetTicketingSettings against GetEvent, ListTicketTypes against ListEvents,
                              GetHold against GetOrganizerEvent (like for like: one GetItem, signed in),
                              with its ratios to the Events bootstrap
          --ticketing-bootstrap PATH  that bootstrap (implies --ticketing)
          --with-jit          also the JIT build (dotnet BitcoinEvents.Events.dll)
          --jit PATH          the JIT assembly (implies --with-jit; default artifacts/bench/Events-jit/BitcoinEvents.Events.dll)
          --wrap "CMD ARGS"   run the Events bootstrap under CMD (e.g. "perf record -g -o /tmp/p{n}.data";
                              {n} numbers the starts); stopped with SIGTERM; its timings are CMD's
          --wrap-ticketing "CMD ARGS"  the same for the Ticketing bootstrap
          --env NAME=VALUE    extra environment variable for both variants (repeatable)
          --no-build          use the binaries as they are (default: make events [ticketing], publish the bare loop)
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
                "--baseline" => options with { BaselineExecutable = Path.GetFullPath(Value()) },
                "--compare" => options with { Compare = [.. options.Compare, Labelled(Value())] },
                "--compare-ticketing" => options with { CompareTicketing = [.. options.CompareTicketing, Labelled(Value())] },
                "--wrap" => options with { Wrapper = Value().Split(' ', StringSplitOptions.RemoveEmptyEntries) },
                "--wrap-ticketing" => options with { TicketingWrapper = Value().Split(' ', StringSplitOptions.RemoveEmptyEntries) },
                "--with-jit" => options with { WithJit = true },
                "--ticketing" => options with { WithTicketing = true },
                "--ticketing-bootstrap" => options with { TicketingBootstrap = Path.GetFullPath(Value()), WithTicketing = true },
                "--jit" => options with { JitAssembly = Path.GetFullPath(Value()), WithJit = true },
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

    private static (string Label, string Path) Labelled(string pair)
    {
        var equals = pair.IndexOf('=', StringComparison.Ordinal);
        return equals <= 0
            ? throw new ArgumentException($"--compare takes LABEL=PATH, not '{pair}'.")
            : (pair[..equals], Path.GetFullPath(pair[(equals + 1)..]));
    }

    private static int Bounded(string text, int min, int max)
    {
        var value = int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
        return value < min || value > max
            ? throw new ArgumentOutOfRangeException(nameof(text), $"{value} is outside {min}..{max}.")
            : value;
    }
}

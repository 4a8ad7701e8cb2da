using System.Diagnostics;
using System.IO.Compression;
using LambdaColdStart;

// Cold-start benchmark: the Events area's Native AOT bootstrap against the bare Native AOT runtime
// loop (bench/BareRuntimeLoop), optionally other builds of the area (an earlier bootstrap, the JIT
// build) and the Ticketing area's bootstrap on its counterpart reads, each started K times in alternating order behind a stand-in Lambda Runtime API on
// 127.0.0.1 and reading DynamoDB Local. Usage: see BenchOptions.Usage
// (dotnet run -c Release --project bench/LambdaColdStart -- --help).

if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(BenchOptions.Usage);
    return 0;
}

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

var root = Repository.Root();
var aot = options.AotBootstrap ?? Path.Combine(root, "artifacts", "Events", "bootstrap");
var baseline = options.BaselineExecutable ?? Path.Combine(root, "artifacts", "bench", "BareRuntimeLoop", "BareRuntimeLoop");
var jit = options.WithJit ? options.JitAssembly ?? Path.Combine(root, "artifacts", "bench", "Events-jit", "BitcoinEvents.Events.dll") : null;
var ticketing = options.WithTicketing ? options.TicketingBootstrap ?? Path.Combine(root, "artifacts", "Ticketing", "bootstrap") : null;
if (options.Build)
{
    await Repository.BuildAsync(root, Path.GetDirectoryName(baseline)!, jit is null ? null : Path.GetDirectoryName(jit)!, ticketing is not null);
}

// The area's bootstrap first: it seeds the data and names the report's main column.
var launches = new List<Launch> { Launch.For("Events bootstrap", aot) with { Wrapper = options.Wrapper } };
if (ticketing is not null)
{
    launches.Add(Launch.For("Ticketing bootstrap", ticketing) with { Operations = BenchOptions.TicketingOperations, Wrapper = options.TicketingWrapper });
}

launches.AddRange(options.Compare.Select(c => Launch.For(c.Label, c.Path)));
launches.AddRange(options.CompareTicketing.Select(c => Launch.For(c.Label, c.Path) with { Operations = BenchOptions.TicketingOperations }));
if (jit is not null)
{
    launches.Add(Launch.For("JIT", jit));
}

launches.Add(Launch.For("bare loop", baseline, VariantKind.Baseline));
foreach (var launch in launches)
{
    if (!File.Exists(launch.Artifact))
    {
        Console.Error.WriteLine($"{launch.Artifact} does not exist (run without --no-build, or pass its path).");
        return 2;
    }
}

if (launches.Select(l => l.Variant).Distinct(StringComparer.Ordinal).Count() != launches.Count)
{
    Console.Error.WriteLine("Two variants have the same label.");
    return 2;
}

using var cap = new CancellationTokenSource(options.MaxDuration);
var ct = cap.Token;
var clock = Stopwatch.StartNew();
var loadAtStart = Machine.LoadAverage();

Console.WriteLine($"Starting the stand-in Runtime API and DynamoDB Local (tables from template.yaml)...");
await using var runtimeApi = await RuntimeApiStandIn.StartAsync(ct);
await using var local = await LocalEnvironment.StartAsync(ct);
Console.WriteLine($"Runtime API on {runtimeApi.HostAndPort}; DynamoDB Local up in {local.StartTime.TotalSeconds:F1} s.");

var runner = new ColdStartRunner(runtimeApi, options);
var organizer = "bench-organizer-" + Guid.NewGuid().ToString("N")[..8];
var eventIds = await DemoData.SeedAsync(runtimeApi, local, launches[0], options, organizer, ct);
Console.WriteLine($"Seeded {eventIds.Count} published events through CreateEvent/PublishEvent.");
IReadOnlyList<string> holdIds = [];
if (launches.FirstOrDefault(l => l.Operations is not null) is { } ticketingLaunch)
{
    var freeTypes = await DemoData.SeedTicketTypesAsync(runtimeApi, local, ticketingLaunch, options, organizer, eventIds, ct);
    Console.WriteLine($"Seeded {freeTypes.Count * 2} ticket types through the Ticketing bootstrap's CreateTicketType.");
    holdIds = await DemoData.SeedHoldsAsync(runtimeApi, local, ticketingLaunch, options, organizer, freeTypes, ct);
    Console.WriteLine($"Seeded {holdIds.Count} holds through its CreateHold.");
}

EventFactory FixtureFor(string operation) =>
    Fixtures.For(operation, Fixtures.ReadsHolds(operation) ? holdIds : eventIds, organizer);

var checks = new List<CheckResult>();
var results = new List<OperationResults>();
foreach (var operation in options.Operations)
{
    // Each variant runs its own operation (another area's bootstrap: its counterpart), as its own function.
    var functions = launches.Select(l => local.FunctionFor(l.Kind == VariantKind.Baseline ? operation : l.OperationFor(operation))).ToList();
    var eventsOf = launches.Select(l => FixtureFor(l.Kind == VariantKind.Baseline ? operation : l.OperationFor(operation))).ToList();
    var byVariant = launches.Select(l => new VariantResults(
        l.OperationFor(operation) == operation ? l.Variant : $"{l.Variant} ({l.OperationFor(operation)})", l.Kind)).ToList();
    for (var run = 0; run < options.ColdStarts; run++)
    {
        // Rotate which variant goes first, so none always runs on a warmer (or busier) machine.
        for (var k = 0; k < launches.Count; k++)
        {
            var index = (run + k) % launches.Count;
            var launch = launches[index];
            var (function, events, own) = (functions[index], eventsOf[index], launch.OperationFor(operation));
            var environment = Merge(local.EnvironmentFor(function, runtimeApi.HostAndPort, launch.TaskRoot, options.MemoryMegabytes), options.ExtraEnvironment);
            Func<FunctionProcess, RuntimeApiStandIn.Session, Task>? afterMeasuring = run == 0 && launch.Kind == VariantKind.Area
                ? async (process, session) =>
                {
                    checks.Add(await ColdStartRunner.CheckContentAsync(launch.Variant, own, session, events, eventIds, ct));
                    checks.AddRange(await ColdStartRunner.CheckMalformedEventAsync($"{launch.Variant} {own}", process, session, events, ct));
                }
                : null;
            var sample = await runner.RunAsync(launch, environment, local.FunctionArn(function), events, afterMeasuring, ct);
            byVariant[index].Samples.Add(sample);
            Console.WriteLine($"{own,-20} {launch.Variant,-19} run {run + 1,2}/{options.ColdStarts}: init {sample.InitMilliseconds,7:F1} ms, first response {sample.FirstResponseMilliseconds,7:F1} ms (CPU {sample.CpuMilliseconds,6:F1} ms, init CPU {sample.InitCpuMilliseconds,6:F1} ms), " +
                $"warm p50 {Statistics.Median(sample.WarmMilliseconds),6:F2} ms, VmHWM {sample.PeakRssMegabytes,6:F1} MB");
        }
    }

    results.Add(new OperationResults(operation, Fixtures.Route(operation), byVariant));
}

foreach (var launch in launches.Where(l => l.Kind == VariantKind.Area))
{
    var function = local.FunctionFor(launch.OperationFor(options.Operations[0]));
    var environment = Merge(local.EnvironmentFor(function, runtimeApi.HostAndPort, launch.TaskRoot, options.MemoryMegabytes), options.ExtraEnvironment);
    checks.Add(await runner.CheckUnknownHandlerAsync(launch, environment, local.FunctionArn(function), ct));
}

var sizes = launches.Select(Sizes.Of).ToList();
var report = Report.Markdown(options, results, sizes, checks, clock.Elapsed, loadAtStart);
Console.WriteLine();
Console.WriteLine(report);
if (options.OutputFile is not null)
{
    await File.WriteAllTextAsync(options.OutputFile, report, CancellationToken.None);
}

return checks.All(c => c.Passed) ? 0 : 1;

static Dictionary<string, string> Merge(Dictionary<string, string> environment, IReadOnlyDictionary<string, string> extra)
{
    foreach (var (key, value) in extra)
    {
        environment[key] = value;
    }

    return environment;
}

namespace LambdaColdStart
{
    /// <summary>The repository the harness runs in, and the builds of the variants.</summary>
    internal static class Repository
    {
        // Variables `dotnet run` sets for its own MSBuild; a nested build must find its own.
        private static readonly string[] s_msbuildVariables = ["MSBuildExtensionsPath", "MSBUILD_EXE_PATH", "MSBuildSDKsPath", "MSBuildLoadMicrosoftTargetsReadOnly", "DOTNET_HOST_PATH"];

        public static string Root()
        {
            foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
            {
                for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                {
                    if (File.Exists(Path.Combine(dir.FullName, "template.yaml")) && File.Exists(Path.Combine(dir.FullName, "Makefile")))
                    {
                        return dir.FullName;
                    }
                }
            }

            throw new InvalidOperationException("Run the harness inside the repository (no template.yaml and Makefile found above here).");
        }

        /// <summary>
        /// `make events` (the Native AOT bootstrap, as sam build makes it; `make ticketing` too with
        /// --ticketing), the bare runtime loop
        /// published Native AOT with the same settings, and, when asked for, a framework-dependent
        /// Release build of the area: the same source generators (the project sets PublishAot, which
        /// turns on the request delegate generator), compiled to IL for the JIT.
        /// </summary>
        public static async Task BuildAsync(string root, string baselineFolder, string? jitFolder, bool ticketing)
        {
            await RunAsync(root, "make", ticketing ? ["events", "ticketing"] : ["events"]);
            await RunAsync(root, "dotnet", ["publish", "bench/BareRuntimeLoop/BareRuntimeLoop.csproj", "-c", "Release", "-r", RuntimeIdentifier(), "-o", baselineFolder, "--nologo", "-v", "quiet"]);
            if (jitFolder is not null)
            {
                await RunAsync(root, "dotnet", ["build", "functions/Events/Events.csproj", "-c", "Release", "-o", jitFolder, "--nologo", "-v", "quiet"]);
            }
        }

        // The Makefile's default RID on x64; the machine's own elsewhere.
        private static string RuntimeIdentifier() =>
            System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.Arm64 ? "linux-arm64" : "linux-x64";

        private static async Task RunAsync(string root, string command, IReadOnlyList<string> arguments)
        {
            Console.WriteLine($"$ {command} {string.Join(' ', arguments)}");
            var start = new ProcessStartInfo(command) { WorkingDirectory = root, UseShellExecute = false };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            foreach (var name in s_msbuildVariables)
            {
                start.Environment.Remove(name);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException($"{command} did not start.");
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
            await process.WaitForExitAsync(timeout.Token);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{command} {string.Join(' ', arguments)} failed with exit code {process.ExitCode}.");
            }
        }
    }

    /// <summary>What each variant would ship in its deployment package.</summary>
    internal static class Sizes
    {
        public static PackageSize Of(Launch launch) =>
            launch.Executable == "dotnet" ? Jit(launch.Variant, launch.Artifact) : Aot(launch.Variant, launch.Artifact);

        /// <summary>The bootstrap alone (what the Makefile copies into ARTIFACTS_DIR).</summary>
        public static PackageSize Aot(string variant, string bootstrap) =>
            new(variant, "the executable", Megabytes(new FileInfo(bootstrap).Length), Megabytes(ZippedLength([bootstrap], Path.GetDirectoryName(bootstrap)!)));

        /// <summary>The app's assemblies and JSON files (the shared framework, ~70 MB, comes with a managed runtime).</summary>
        public static PackageSize Jit(string variant, string assembly)
        {
            var folder = Path.GetDirectoryName(assembly)!;
            var files = Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
                .ToList();
            return new(variant, "app `.dll`s + `.json` (no shared framework)", Megabytes(files.Sum(f => new FileInfo(f).Length)), Megabytes(ZippedLength(files, folder)));
        }

        private static long ZippedLength(IReadOnlyList<string> files, string folder)
        {
            using var buffer = new MemoryStream();
            using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            {
                foreach (var file in files)
                {
                    zip.CreateEntryFromFile(file, Path.GetRelativePath(folder, file), CompressionLevel.Optimal);
                }
            }

            return buffer.Length;
        }

        private static double Megabytes(long bytes) => bytes / (1024.0 * 1024.0);
    }
}
